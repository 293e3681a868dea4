import { describe, expect, it } from "vitest";
import { hex, utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl, SInt } from "@fleet-sdk/serializer";
import {
  checkMemo, checkProfile, checkRequestId, extendInput, MEMO_VAR, paymentExtension, PROFILE_VAR, profileExtension,
  readNotes, REQUEST_VAR,
} from "./notes.ts";
import { refusal } from "./testing/refusal.ts";

const REQUEST = "00112233445566778899aabbccddeeff";
/** A context variable holding `bytes` as `Coll[Byte]`, as the builders write it. */
const bytesVar = (bytes: Uint8Array): string => SColl(SByte, bytes).toHex();
const textVar = (text: string): string => bytesVar(utf8.decode(text));

describe("notes round-trip through a context extension", () => {
  it("reads back a memo and a request id written for a payment", () => {
    const extension = paymentExtension("  rent for May 🏠 ", REQUEST.toUpperCase());
    expect(Object.keys(extension).sort()).toEqual([String(MEMO_VAR), String(REQUEST_VAR)]);
    expect(readNotes(extension)).toEqual({ memo: "rent for May 🏠", requestId: REQUEST, problems: [] });
  });

  it("reads back a profile, with and without its optional fields", () => {
    const full = { name: "Aroha Ngata", about: "Bakes bread; trades for firewood", link: "https://example.org/aroha" };
    expect(readNotes(profileExtension(full))).toEqual({ profile: full, problems: [] });
    expect(readNotes(profileExtension({ name: " Bob ", about: "  " }))).toEqual({ profile: { name: "Bob" }, problems: [] });
  });

  it("writes nothing for no memo, an empty memo or a blank one", () => {
    expect(paymentExtension()).toEqual({});
    expect(paymentExtension("")).toEqual({});
    expect(paymentExtension("   ")).toEqual({});
    expect(paymentExtension(undefined, REQUEST)).toEqual({ [REQUEST_VAR]: bytesVar(hex.decode(REQUEST)) });
  });

  it("counts a memo's length in characters, not bytes or UTF-16 units", () => {
    const emoji = "🏠".repeat(140);
    expect(readNotes(paymentExtension(emoji)).memo).toBe(emoji);
    expect(refusal(() => paymentExtension(emoji + "🏠"))).toBe("memo is 141 characters long; at most 140");
  });

  it("reads an extension typed the EIP-12 way (numeric keys) or the node's way (string keys)", () => {
    expect(readNotes({ [MEMO_VAR]: textVar("hi") }).memo).toBe("hi");
    expect(readNotes({ "20": textVar("hi") }).memo).toBe("hi");
    expect(readNotes(undefined)).toEqual({ problems: [] });
    expect(readNotes({})).toEqual({ problems: [] });
  });
});

describe("notes refuse what they must not carry, with a message that says why", () => {
  it("refuses a memo that is too long, not text, or holds control or bidi characters", () => {
    expect(checkMemo("x".repeat(140))).toHaveLength(140);
    expect(refusal(() => checkMemo("x".repeat(141)))).toBe("memo is 141 characters long; at most 140");
    expect(refusal(() => checkMemo(42))).toBe("memo must be text, got number");
    for (const bad of ["line\nbreak", "bell\u0007", "del\u007f", "c1\u0085", "evil\u202Etxt.exe", "iso\u2066late", "B\u200Bob", "l\u200Erm", "bo\uFEFFm", "wj\u2060"]) {
      expect(refusal(() => checkMemo(bad)), JSON.stringify(bad)).toBe("memo contains a control character");
    }
  });

  it("keeps the joiners that emoji sequences and some scripts need", () => {
    expect(checkMemo("family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}")).toBe("family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}");
    expect(checkProfile({ name: "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645" }).name).toHaveLength(8);
  });

  it("refuses a profile without a name, or with an empty or long one", () => {
    expect(refusal(() => checkProfile({}))).toBe("name is required");
    expect(refusal(() => checkProfile({ name: "" }))).toBe("name must not be empty");
    expect(refusal(() => checkProfile({ name: " \t " }))).toBe("name must not be empty");
    expect(checkProfile({ name: "n".repeat(40) }).name).toHaveLength(40);
    expect(refusal(() => checkProfile({ name: "n".repeat(41) }))).toBe("name is 41 characters long; at most 40");
    expect(refusal(() => checkProfile({ name: 7 }))).toBe("name must be text, got number");
  });

  it("refuses an about or link that is too long, and control or bidi characters anywhere", () => {
    expect(refusal(() => checkProfile({ name: "A", about: "a".repeat(281) }))).toBe("about is 281 characters long; at most 280");
    const longLink = `https://example.org/${"p".repeat(181)}`;
    expect(refusal(() => checkProfile({ name: "A", link: longLink }))).toBe("link is 201 characters long; at most 200");
    expect(refusal(() => checkProfile({ name: "Ali\u202Ece" }))).toBe("name contains a control character");
    expect(refusal(() => checkProfile({ name: "A", about: "one\ntwo" }))).toBe("about contains a control character");
  });

  it("accepts only http and https links", () => {
    expect(checkProfile({ name: "A", link: "http://example.org" }).link).toBe("http://example.org");
    expect(checkProfile({ name: "A", link: "https://example.org/x?y=1" }).link).toBe("https://example.org/x?y=1");
    for (const bad of ["javascript:alert(1)", "ftp://example.org", "data:text/html,hi", "example.org", "not a link"]) {
      expect(refusal(() => checkProfile({ name: "A", link: bad })), bad).toBe(
        `link must be a web address starting with https:// or http://, got ${bad}`,
      );
    }
  });

  it("refuses keys a profile does not have, and a profile that is not an object", () => {
    expect(refusal(() => checkProfile({ name: "A", avatar: "x", email: "y" }))).toBe("a profile has only name, about and link, not avatar, email");
    for (const bad of [null, undefined, "Alice", 3]) {
      expect(refusal(() => checkProfile(bad)), String(bad)).toBe("a profile is an object with a name");
    }
  });

  it("refuses a request id that is not 32 hex digits", () => {
    expect(checkRequestId(REQUEST.toUpperCase())).toBe(REQUEST);
    for (const bad of [REQUEST.slice(1), REQUEST + "0", "g".repeat(32), `0x${REQUEST.slice(2)}`, ""]) {
      expect(refusal(() => checkRequestId(bad)), bad).toBe(`a payment request id is 32 hex digits, got ${JSON.stringify(bad)}`);
    }
    expect(refusal(() => checkRequestId(undefined))).toBe('a payment request id is 32 hex digits, got "undefined"');
    expect(refusal(() => paymentExtension("ok", "abc"))).toBe('a payment request id is 32 hex digits, got "abc"');
  });
});

describe("readNotes on what anyone may have written", () => {
  it("reports a variable of the wrong type or a malformed constant as a problem, and reads the others", () => {
    const notes = readNotes({ [MEMO_VAR]: SInt(5).toHex(), [REQUEST_VAR]: "zz", [PROFILE_VAR]: profileExtension({ name: "Ana" })[PROFILE_VAR]! });
    expect(notes.memo).toBeUndefined();
    expect(notes.requestId).toBeUndefined();
    expect(notes.profile).toEqual({ name: "Ana" });
    expect(notes.problems).toEqual([
      "memo: context variable 20: expected SColl[SByte]",
      "payment request: context variable 21: expected SColl[SByte]",
    ]);
  });

  it("reports a truncated or padded constant", () => {
    const good = textVar("hello");
    expect(readNotes({ [MEMO_VAR]: good.slice(0, -2) }).problems).toEqual(["memo: context variable 20: expected SColl[SByte]"]);
    expect(readNotes({ [MEMO_VAR]: `${good}00` }).problems).toEqual(["memo: context variable 20: expected SColl[SByte]"]);
  });

  it("reports bytes that are not UTF-8, and a memo the builders would have refused", () => {
    const notUtf8 = readNotes({ [MEMO_VAR]: bytesVar(Uint8Array.from([0x68, 0xff, 0xfe])) });
    expect(notUtf8.memo).toBeUndefined();
    expect(notUtf8.problems).toHaveLength(1);
    expect(notUtf8.problems[0]).toMatch(/^memo: .*(encoded data|invalid)/i);
    expect(readNotes({ [MEMO_VAR]: textVar("x".repeat(141)) }).problems).toEqual(["memo: memo is 141 characters long; at most 140"]);
    expect(readNotes({ [MEMO_VAR]: textVar("a\u202Eb") }).problems).toEqual(["memo: memo contains a control character"]);
  });

  it("reports a request id of the wrong length", () => {
    const notes = readNotes({ [REQUEST_VAR]: bytesVar(new Uint8Array(15)) });
    expect(notes.requestId).toBeUndefined();
    expect(notes.problems).toEqual([`payment request: a payment request id is 32 hex digits, got "${"00".repeat(15)}"`]);
  });

  it("reports a profile that is not JSON, not an object, or has what a profile must not have", () => {
    const problem = (text: string) => readNotes({ [PROFILE_VAR]: textVar(text) }).problems;
    expect(problem("{name: Ana}")[0]).toMatch(/^profile: .*JSON/);
    expect(problem("null")).toEqual(["profile: a profile is an object with a name"]);
    expect(problem('"Ana"')).toEqual(["profile: a profile is an object with a name"]);
    expect(problem("[]")).toEqual(["profile: name is required"]);
    expect(problem('{"name":"Ana","admin":true}')).toEqual(["profile: a profile has only name, about and link, not admin"]);
    expect(problem('{"__proto__":{"name":"x"},"name":"Ana"}')).toEqual(["profile: a profile has only name, about and link, not __proto__"]);
    expect(problem('{"name":"Ana","link":"javascript:alert(1)"}')).toEqual([
      "profile: link must be a web address starting with https:// or http://, got javascript:alert(1)",
    ]);
    expect(readNotes({ [PROFILE_VAR]: textVar('{"name":"Ana","link":"javascript:alert(1)"}') }).profile).toBeUndefined();
  });

  it("never throws for values that are not even strings", () => {
    const odd = { [MEMO_VAR]: 5, [REQUEST_VAR]: null, [PROFILE_VAR]: {} } as unknown as Record<string, string>;
    expect(readNotes(odd).problems).toEqual([
      "memo: context variable 20: expected SColl[SByte]",
      "payment request: context variable 21: expected SColl[SByte]",
      "profile: context variable 22: expected SColl[SByte]",
    ]);
  });
});

describe("extendInput", () => {
  const tx = () => ({ inputs: [{ boxId: "a", extension: { 1: "0402" } }, { boxId: "b" }] });

  it("adds to the extension of the input spending the box, keeping what is there", () => {
    const extended = extendInput(tx(), "a", paymentExtension("hi"));
    expect(extended.inputs[0]!.extension).toEqual({ 1: "0402", [MEMO_VAR]: textVar("hi") });
    expect(extended.inputs[1]).toEqual({ boxId: "b" });
  });

  it("leaves the transaction as it was for an empty extension", () => {
    expect(extendInput(tx(), "b", {})).toEqual(tx());
  });

  it("refuses a box the transaction does not spend", () => {
    expect(refusal(() => extendInput(tx(), "c", paymentExtension("hi")))).toBe("the transaction spends no box c");
  });
});
