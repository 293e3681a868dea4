/** Test helper: the message of the `InvalidIntent` a call throws. */
import { expect } from "vitest";
import { InvalidIntent } from "../errors.ts";

/** The InvalidIntent message `run` throws; fails the test if it throws nothing or something else. */
export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidIntent);
    return (error as Error).message;
  }
  throw new Error("expected a refusal, got none");
}
