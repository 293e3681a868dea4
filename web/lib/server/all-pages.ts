/** Reads every page of a paged indexer list: the first to learn the total, the rest a few at a time. */
import type { Page } from "./indexer-types.ts";

const PAGE = 1_000;
const PARALLEL = 4;

export async function allPages<T>(read: (limit: number, offset: number) => Promise<Page<T>>): Promise<T[]> {
  const first = await read(PAGE, 0);
  const offsets: number[] = [];
  for (let offset = PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
  const rest: T[][] = [];
  for (let i = 0; i < offsets.length; i += PARALLEL) {
    const batch = await Promise.all(offsets.slice(i, i + PARALLEL).map((offset) => read(PAGE, offset)));
    rest.push(...batch.map((p) => p.items));
  }
  return [first.items, ...rest].flat();
}
