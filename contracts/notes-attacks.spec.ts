// Attacks on what notes may say (issue 12): characters that make two names look alike or a name
// look empty, profiles that two JSON readers would read differently, and problem messages that
// carry what the attacker wrote into the indexer's database. Each refusal has a twin that passes.
import { describe, expect, it } from "vitest";
import { utf8 } from "@fleet-sdk/crypto";
import { SByte, SColl } from "@fleet-sdk/serializer";
import { checkMemo, checkProfile, MEMO_VAR, paymentExtension, PROFILE_VAR, profileExtension, readNotes } from "./notes.ts";
import { refusal } from "./testing/refusal.ts";

const textVar = (text: string): string => SColl(SByte, utf8.decode(text)).toHex();
const profileVar = (json: string) => ({ [PROFILE_VAR]: textVar(json) });

/** Characters that draw as nothing (or as a line break) in a name or memo, each in a look-alike of "Bob". */
const INVISIBLE: [string, string][] = [
  ["soft hyphen", "B\u00adob"],
  ["Arabic letter mark (a direction mark)", "Bob\u061c"],
  ["Mongolian vowel separator", "Bo\u180eb"],
  ["line separator", "Bob\u2028Smith"],
  ["paragraph separator", "Bob\u2029Smith"],
  ["combining grapheme joiner", "Bo\u034fb"],
  ["Hangul filler", "Bob\u3164"],
  ["halfwidth Hangul filler", "\uffa0Bob"],
  ["Hangul choseong filler", "Bob\u115f"],
  ["blank braille cell", "Bob\u2800"],
  ["tag character outside a flag", "Bob\u{e0041}"],
  ["inhibit symmetric swapping (deprecated format)", "B\u206aob"],
  ["interlinear annotation anchor", "Bo\ufff9b"],
  ["lone surrogate (from a JSON escape)", "Bob\ud800"],
];

describe("notes refuse characters that make a name look like another or look empty", () => {
  it.each(INVISIBLE)("refuses the %s in a name, an about, a link and a memo", (_what, text) => {
    expect(refusal(() => checkProfile({ name: text }))).toBe("name contains a control character");
    expect(refusal(() => checkProfile({ name: "Bob", about: text }))).toBe("about contains a control character");
    expect(refusal(() => checkProfile({ name: "Bob", link: `https://example.org/${text}` }))).toBe("link contains a control character");
    expect(refusal(() => checkMemo(text))).toBe("memo contains a control character");
  });

  it("refuses a name made only of fillers that trim() keeps", () => {
    for (const blank of ["\u3164", "\u3164\u3164", "\u2800", "\u115f\u1160", "\u00ad"]) {
      expect(refusal(() => checkProfile({ name: blank })), JSON.stringify(blank)).toBe("name contains a control character");
    }
  });

  it("refuses them when read back from a chain profile, escaped in JSON or written raw", () => {
    expect(readNotes(profileVar('{"name":"B\\u00adob"}')).problems).toEqual(["profile: name contains a control character"]);
    expect(readNotes(profileVar('{"name":"Bob\\ud800"}')).problems).toEqual(["profile: name contains a control character"]);
    expect(readNotes({ [MEMO_VAR]: textVar("pay B\u00adob") }).problems).toEqual(["memo: memo contains a control character"]);
  });

  it("twin: keeps what people write, emoji sequences and scripts that need joiners included", () => {
    const kept = [
      "Bob", "Bob Smith", "Aroha Ngata", "Zoë", "\u{1F469}\u200D\u{1F4BB} coder", "\u2764\ufe0f bakery",
      "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} Scots", // the flag of Scotland: tags inside a flag sequence
      "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", // Persian, with a zero-width non-joiner
      "\u0915\u094D\u200D\u0937", // Devanagari, with a zero-width joiner
      "\uD55C\uAE00", // Hangul syllables, not fillers
    ];
    for (const name of kept) {
      expect(checkProfile({ name }).name, name).toBe(name);
      expect(checkMemo(name), name).toBe(name);
      expect(readNotes(profileExtension({ name })).profile, name).toEqual({ name });
    }
  });
});

describe("a profile's link reads as where it goes", () => {
  it("refuses a host in another script that looks like a familiar one, and anything else not in ASCII", () => {
    for (const link of ["https://\u0430pple.com", "https://example.org/caf\u00e9", "https://\u4f8b\u3048.jp"]) {
      expect(refusal(() => checkProfile({ name: "A", link })), link).toBe("link must be written in ASCII: an international domain in its xn-- form, other characters %-encoded");
    }
  });

  it("refuses a user name or password before the host", () => {
    for (const link of ["https://bank.example@evil.example/login", "https://bank.example:pw@evil.example", "http://@evil.example"]) {
      expect(refusal(() => checkProfile({ name: "A", link })), link).toBe("link must not hold a user name or password before its host");
    }
  });

  it("twin: keeps the same addresses written in ASCII, the xn-- form and %-encoding included", () => {
    for (const link of ["https://xn--pple-43d.com", "https://example.org/caf%C3%A9", "https://bank.example/login?next=@home", "http://example.org:8080/a#b"]) {
      expect(checkProfile({ name: "A", link }).link, link).toBe(link);
    }
  });
});

describe("a profile is read in one form only, so no two readers disagree", () => {
  it("refuses a key given twice (JSON.parse keeps the last, other readers the first or refuse)", () => {
    const notes = readNotes(profileVar('{"name":"Alice","name":"Mallory"}'));
    expect(notes.profile).toBeUndefined();
    expect(notes.problems).toEqual([expect.stringMatching(/^profile: a profile is written as \{"name":…,"about":…,"link":…\}/)]);
  });

  it("refuses spaces, another key order, escapes of plain characters and untrimmed fields", () => {
    for (const json of [
      '{ "name": "Alice" }',
      '{"name":"Alice"}\n',
      '{"link":"https://a.example","name":"Alice"}',
      '{"about":"bread","name":"Alice"}',
      '{"name":"\\u0041lice"}',
      '{"name":" Alice"}',
      '{"name":"Alice","about":""}',
      '{"name":"Alice","about":null}',
    ]) {
      const notes = readNotes(profileVar(json));
      expect(notes.profile, json).toBeUndefined();
      expect(notes.problems, json).toEqual([expect.stringMatching(/^profile: a profile is written as/)]);
    }
  });

  it("twin: reads what profileExtension writes, quotes and backslashes included", () => {
    const profile = { name: 'Alice "the baker"', about: "a\\b / c", link: "https://a.example/x?y=1&z=2" };
    expect(readNotes(profileExtension(profile))).toEqual({ profile, problems: [] });
    expect(readNotes(profileVar('{"name":"Alice","about":"bread","link":"https://a.example"}'))).toEqual({
      profile: { name: "Alice", about: "bread", link: "https://a.example" }, problems: [],
    });
  });
});

describe("problems read from a chain are safe to store and show", () => {
  // PostgreSQL text cannot hold U+0000: a reason carrying one made every write of its block fail.
  const controls = /[\u0000-\u001f\u007f-\u009f]/u; // eslint-disable-line no-control-regex

  it("escapes control characters an attacker put in a profile that is not JSON, or in a key name", () => {
    for (const json of ["\u0000", '{"name":"A"}\u0000', '{"name":"A","\\u0000\\u001b[31m":1}', '{"name":"A","x\\u202e":1}', '{"name":"A","x\u202e":1}']) {
      const { problems } = readNotes(profileVar(json));
      expect(problems, JSON.stringify(json)).toHaveLength(1);
      expect(controls.test(problems[0]!), JSON.stringify(problems[0])).toBe(false);
      expect(problems[0]).not.toMatch(/\u202e/u);
    }
    expect(readNotes(profileVar('{"name":"A","\\u0000":1}')).problems).toEqual(["profile: a profile has only name, about and link, not \\u{0}"]);
  });

  it("cuts a problem that quotes a huge key down to 200 characters and an ellipsis", () => {
    const { problems } = readNotes(profileVar(`{"name":"A","${"k".repeat(10_000)}":1}`));
    expect(problems[0]!.length).toBeLessThanOrEqual("profile: ".length + 201);
    expect(problems[0]).toMatch(/k…$/u);
  });

  it("twin: an ordinary problem reads as before", () => {
    expect(readNotes(profileVar('{"name":"Ana","admin":true}')).problems).toEqual(["profile: a profile has only name, about and link, not admin"]);
  });
});

describe("a memo's limit is the same for the writer and every reader", () => {
  it("counts code points: 140 four-byte characters (560 bytes) pass both ways, 141 do not", () => {
    const clef = "\u{1D11E}".repeat(140);
    const extension = paymentExtension(clef);
    expect(utf8.decode(clef)).toHaveLength(560);
    expect(readNotes(extension)).toEqual({ memo: clef, problems: [] });
    expect(refusal(() => paymentExtension(`${clef}\u{1D11E}`))).toBe("memo is 141 characters long; at most 140");
    expect(readNotes({ [MEMO_VAR]: textVar(`${clef}\u{1D11E}`) }).problems).toEqual(["memo: memo is 141 characters long; at most 140"]);
  });

  it("counts a letter with a combining accent as two, as the writer does", () => {
    const accented = "e\u0301".repeat(70);
    expect(readNotes(paymentExtension(accented)).memo).toBe(accented);
    expect(refusal(() => paymentExtension(`${accented}e\u0301`))).toBe("memo is 142 characters long; at most 140");
  });
});
