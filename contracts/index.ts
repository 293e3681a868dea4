/** The contracts package: compiled scripts, decoders and transaction builders. Pure, isomorphic. */
export * from "./scripts.ts";
export * from "./errors.ts";
export * from "./decode-result.ts";
export * from "./account/account.ts";
export * from "./community/community.ts";
export * from "./builders/common.ts";
export * from "./builders/policy.ts";
export * from "./builders/create.ts";
export * from "./builders/join.ts";
export * from "./builders/pay.ts";
export * from "./builders/leave.ts";
export * from "./builders/close-defaulted.ts";
export * from "./builders/govern.ts";
export * from "./committee.ts";
