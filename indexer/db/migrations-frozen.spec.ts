/**
 * Committed migrations never change: a database migrated with an earlier text keeps what that
 * text did, and a later `down()` would undo what it never did. Each migration's SHA-256 is pinned
 * here when it is committed; a change of any file fails, and so does a migration not pinned yet
 * (pin it in the commit that adds it, with the hash the failure prints). Changes go into a new
 * migration.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const FROZEN: Record<string, string> = {
  "2026_11_21_0001_create_lets_tables.ts": "81d46fc2eab14e5e6daac5995983d44540363508b0a438ae12c4cae4b253de8d",
  "2026_11_21_0002_create_mempool.ts": "d22ffa873ccd089226e6c63861c36c9d5345d68d4cd44c1680daf2a5d6709c40",
  // As first committed (7fb3ebf); later edits moved to 0005.
  "2026_11_22_0003_query_indexes.ts": "16faa04b3c5d5bc2a0dbbb2a21590def1abcbe3a9faea3fb7e79b3c8e451f5e6",
  "2026_11_22_0004_pending_order.ts": "9bd61e4ebd7eca728595a4e855d68a58d0b63295a35a51f86754a0db5527fea4",
  "2026_12_02_0005_live_owner_and_closing_indexes.ts": "42ee1a2e6610ea1cf6fe51b67f50a07d3c6eb21b2e5e3603d65d49a7d4aec471",
  "2026_12_02_0006_compromises.ts": "524c35508091576194cd388569a4e022ee241f8bdf4e531e17cab6332aa6d81d",
  "2026_12_02_0007_notes_and_profiles.ts": "ceb562d400f33451add845cfe1fae9e96a8ae83ed01beb6cc28dc7bd4d7c9302",
  "2026_12_02_0008_profile_order.ts": "9fdee42446d586cf4f700b2299428e0bec5abbcea8534f38751a21b137297e05",
  "2026_12_09_0009_trade_lines.ts": "81ff682c3494085164dc47199ab8206a397304f91b64977ba401d0a2ae9bc152",
  "2026_12_09_0010_line_event_shard.ts": "c137f35a80b9dcc522ae4bf645f8aeb228aae129c323f231108cd0f247165208",
  "2026_12_16_0011_economics.ts": "bc52a0ecfb2b72c8742845551b6bf4d37bbf03ae8165d2806ca68dccf934b614",
  "2026_12_23_0012_account_next_seq.ts": "4764f383142b370f984cb5194cc33163ee369384d1f855d4e9b90fae7423f0c6",
  "2026_12_23_0013_batch_settlement.ts": "b7563a697fe0ac75643c6ab065c18be175d3478fc362e330406038d24b4ae5c0",
  "2026_12_30_0014_marketplace.ts": "c5b4343aed20e00f0b0960ef709aaa9e9c0d206ee12a1c3a0f0eccb652ee79ba",
  "2027_01_06_0015_payment_erg.ts": "f42cb804136d88134ba8f5f291b4b8da8390f496564fa24599d78946420e28ef",
  "2027_01_13_0016_exchange_desk.ts": "6b7324302fa8f4111800116d0ea533def7b4373b2524d857e6a19848545c529f",
  "2027_01_20_0017_escrows.ts": "a0ee862f462a9584a9d34e5baade9979f32555fc48a960a94ffe2fdd4a9fc7f1",
  "2027_01_27_0018_underwriting.ts": "48122058e7ea4684fe10cfb3030a20e80e538da25372ab38da9990b9a7d36b87",
  "2027_02_03_0019_loans.ts": "7a72570b5aa19d1a7b63fc5e32b1f2427a26053372e087aecc92f0bb6faf85e7",
  "2027_02_10_0020_community_governance_id.ts": "ae68c463f2f6040aa04f40391716783b71890ca7c0a8772669503ca071ef84ff",
  "2027_02_17_0021_governance.ts": "2983ea8366471db0fd157ca30065fda8acb45097a436c4735f2e3809862a2e31",
};

const folder = fileURLToPath(new URL("./migrations/", import.meta.url));
const sha256 = (file: string) => createHash("sha256").update(readFileSync(folder + file)).digest("hex");

describe("committed migrations", () => {
  it("are unchanged, and each one is pinned", () => {
    const files = readdirSync(folder).filter((f) => f.endsWith(".ts")).sort();
    const actual = Object.fromEntries(files.map((f) => [f, sha256(f)]));
    expect(actual, "a committed migration changed, or a new one is not pinned in FROZEN yet").toEqual(FROZEN);
  });
});
