import { isHttpError } from "@sveltejs/kit";
import { describe, expect, it } from "vitest";
import { daysParam } from "./dashboard.ts";

const url = (query: string) => new URL(`http://web.test/lets/x/dashboard${query}`);

describe("daysParam", () => {
  it("takes the offered windows, 30 days when absent", () => {
    expect(daysParam(url(""))).toBe(30);
    expect(daysParam(url("?days=7"))).toBe(7);
    expect(daysParam(url("?days=365"))).toBe(365);
  });

  it("answers any other value with a 400 naming the windows", () => {
    for (const bad of ["31", "7.0", "-7", "abc", "0365"]) {
      try {
        daysParam(url(`?days=${bad}`));
        expect.unreachable(bad);
      } catch (e) {
        expect(isHttpError(e, 400)).toBe(true);
        expect((e as { body: { message: string } }).body.message).toMatch(/^days must be one of 7, 30, 365, got "/);
      }
    }
  });
});
