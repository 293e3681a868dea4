import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDay, formatMonth, formatTime } from "./dates.ts";

describe("dates", () => {
  it("writes a moment as YYYY-MM-DD HH:MM UTC and a day as YYYY-MM-DD, in UTC whatever the zone", () => {
    const ms = Date.UTC(2026, 11, 2, 23, 59, 59, 999);
    expect(formatTime(ms)).toBe("2026-12-02 23:59 UTC");
    expect(formatDay(ms)).toBe("2026-12-02");
    expect(formatTime(0)).toBe("1970-01-01 00:00 UTC");
    expect(formatDay(Date.UTC(2027, 0, 1))).toBe("2027-01-01");
  });

  it("always has the same shape, sorts as time does, and starts with the day", () => {
    const times = fc.integer({ min: 0, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(times, times, (a, b) => {
        expect(formatTime(a)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
        expect(formatTime(a).startsWith(formatDay(a))).toBe(true);
        const [ta, tb] = [formatTime(a), formatTime(b)];
        const minute = (ms: number) => Math.floor(ms / 60_000);
        if (minute(a) < minute(b)) expect(ta < tb).toBe(true);
        if (minute(a) === minute(b)) expect(ta).toBe(tb);
      }),
    );
  });

  it("says so instead of throwing for a time it cannot write", () => {
    expect(formatTime(Number.NaN)).toBe("unknown time");
    expect(formatDay(8.64e15)).toBe("unknown day");
  });
});

describe("months", () => {
  it("writes the month of a time as YYYY-MM, the start of its day", () => {
    expect(formatMonth(Date.UTC(2026, 11, 31, 23, 59))).toBe("2026-12");
    expect(formatMonth(Date.UTC(2027, 0, 1))).toBe("2027-01");
  });
});
