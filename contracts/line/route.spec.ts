/**
 * `routeOrRefusal`, what a wallet tells a payer (the CLI's client and the web's pay screen both
 * use it): findRoute's route when there is one, else the reason a direct line gives (paused into
 * the payee's community, or not open), else `NoRoute`.
 */
import { describe, expect, it } from "vitest";
import { LineNotOpen, LinePaused, NoRoute } from "../errors.ts";
import type { Line, LineTerms } from "./line.ts";
import { routeOrRefusal } from "./route.ts";

const [A, B, C] = ["aa", "bb", "cc"].map((x) => x.repeat(32)) as [string, string, string];
const terms: LineTerms = { rateNum: 3n, rateDen: 2n, capA: 100n, capB: 100n, feeA: 0n, feeB: 1n, shards: 1n };

const lineOf = (lineId: string, communityA: string, communityB: string, state: Partial<Line> = {}): Line =>
  ({ lineId, communityA, communityB, terms, status: "open", pausedA: false, pausedB: false, pending: null, ...state }) as Line;

describe("routeOrRefusal", () => {
  it("gives findRoute's route when there is one (one hop, else two)", () => {
    const ab = lineOf("01".repeat(32), A, B);
    const bc = lineOf("02".repeat(32), B, C);
    expect(routeOrRefusal([ab], A, B)).toEqual([{ line: ab, from: 0 }]);
    expect(routeOrRefusal([ab], B, A)).toEqual([{ line: ab, from: 1 }]);
    expect(routeOrRefusal([ab, bc], A, C)).toEqual([{ line: ab, from: 0 }, { line: bc, from: 0 }]);
  });

  it("names a direct line paused into the payee's community", () => {
    const ab = lineOf("01".repeat(32), A, B, { pausedB: true });
    expect(() => routeOrRefusal([ab], A, B)).toThrow(new LinePaused(ab.lineId, B));
    // Payments out of the paused community still route.
    expect(routeOrRefusal([ab], B, A)).toEqual([{ line: ab, from: 1 }]);
  });

  it("names a direct line not open (proposed first, else closed)", () => {
    const proposed = lineOf("01".repeat(32), A, B, { status: "proposed" });
    const closed = lineOf("02".repeat(32), B, A, { status: "closed" });
    expect(() => routeOrRefusal([closed, proposed], A, B)).toThrow(new LineNotOpen(proposed.lineId, "proposed"));
    expect(() => routeOrRefusal([closed], A, B)).toThrow(new LineNotOpen(closed.lineId, "closed"));
  });

  it("is NoRoute when no line joins the two at all, or only a paused two-hop route would", () => {
    const ab = lineOf("01".repeat(32), A, B);
    expect(() => routeOrRefusal([ab], A, C)).toThrow(NoRoute);
    const bcPaused = lineOf("02".repeat(32), B, C, { pausedB: true });
    expect(() => routeOrRefusal([ab, bcPaused], A, C)).toThrow(new NoRoute(A, C));
  });
});
