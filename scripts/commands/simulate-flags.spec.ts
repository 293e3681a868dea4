/** `lets simulate`'s scenario flags: `--desk-share` read as a share from 0 to 1, refused with its name otherwise. */
import { describe, expect, it } from "vitest";
import { CliError } from "./command.ts";
import { overrides } from "./simulate-flags.ts";

describe("lets simulate --desk-share", () => {
  it("is a share from 0 to 1; absent, it leaves the scenario's desk alone", () => {
    expect(overrides({ "desk-share": "0.2" }).deskShare).toBe(0.2);
    expect(overrides({ "desk-share": "1" }).deskShare).toBe(1);
    expect(overrides({ "desk-share": ".5" }).deskShare).toBe(0.5);
    expect(overrides({}).deskShare).toBeUndefined();
  });

  it.each(["1.5", "-0.1", "20%", "x"])("refuses %j naming the flag", (value) => {
    expect(() => overrides({ "desk-share": value })).toThrow(CliError);
    expect(() => overrides({ "desk-share": value })).toThrow(`--desk-share must be a share from 0 to 1 like 0.2, got '${value}'`);
  });
});

describe("lets simulate --postfactum-share", () => {
  it("is a share from 0 to 1 like --desk-share, refused with its name otherwise", () => {
    expect(overrides({ "postfactum-share": "0.3" }).postfactumShare).toBe(0.3);
    expect(overrides({}).postfactumShare).toBeUndefined();
    expect(() => overrides({ "postfactum-share": "1.5" })).toThrow("--postfactum-share must be a share from 0 to 1 like 0.2, got '1.5'");
  });
});
