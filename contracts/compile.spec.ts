import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMPILED_PATH, compileContracts } from "./compile.ts";
import { ACCOUNT_ERGO_TREE, COMMUNITY_ERGO_TREE } from "./scripts.ts";

describe("compiled.json", () => {
  it("matches a fresh compilation of the ErgoScript sources (run `npm run compile:contracts` if not)", () => {
    const committed = JSON.parse(readFileSync(COMPILED_PATH, "utf8"));
    expect(committed).toEqual(compileContracts());
  });

  it("embeds the account tree in the community tree, so the community can recognise accounts", () => {
    expect(COMMUNITY_ERGO_TREE).toContain(ACCOUNT_ERGO_TREE);
  });
});
