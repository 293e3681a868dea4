import { describe, expect, it } from "vitest";
import { until, WaitTimeout } from "./until.ts";

describe("until", () => {
  it("resolves with the first answer that is neither undefined nor false", async () => {
    let calls = 0;
    expect(await until("the third call", () => (++calls === 3 ? `call ${calls}` : undefined), { pollMs: 1 })).toBe("call 3");
    expect(await until("a true", () => ++calls > 5, { pollMs: 1 })).toBe(true);
  });

  it("with accept, resolves with the first value it takes", async () => {
    let n = 0;
    expect(await until("n to reach 4", () => ++n, (value) => value >= 4, { pollMs: 1 })).toBe(4);
  });

  it("counts a throwing check as not yet", async () => {
    let calls = 0;
    const check = () => {
      if (++calls < 3) throw new Error("not there yet");
      return "there";
    };
    expect(await until("the thing", check, { pollMs: 1 })).toBe("there");
  });

  it("times out naming what it waited for and what it last saw", async () => {
    const late = await until("the payment to confirm", () => ({ pending: 2n }), (v) => v.pending === 0n, { timeoutMs: 30, pollMs: 5 }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(WaitTimeout);
    expect((late as WaitTimeout).what).toBe("the payment to confirm");
    expect((late as Error).message).toBe('waited 30 ms for the payment to confirm; last seen: {"pending":"2"}');
    const failing = await until("the node", () => Promise.reject(new Error("connection refused")), { timeoutMs: 10, pollMs: 5 }).catch((e: unknown) => e);
    expect((failing as Error).message).toBe("waited 10 ms for the node; last seen: connection refused");
    const never = await until("nothing", () => undefined, { timeoutMs: 10, pollMs: 5 }).catch((e: unknown) => e);
    expect((never as Error).message).toBe("waited 10 ms for nothing");
  });
});
