import { describe, expect, it } from "vitest";
import {
  appendedTo, checkRequest, formatExpiry, isExpired, newRequestId, parseExpiry, readRequestQuery, REQUEST_PARAMS, requestQuery, requestText,
  signedMessageOf, type PaymentRequest,
} from "./payment-request.ts";
import { refusal } from "./testing/refusal.ts";

const COMMUNITY = "c".repeat(64);
const PAYEE = "a".repeat(64);
const ID = "00112233445566778899aabbccddeeff";
const EXPIRES = Date.UTC(2026, 11, 2, 14, 5, 0);

const request = (overrides: Partial<PaymentRequest> = {}): PaymentRequest => ({
  communityId: COMMUNITY, payeeAccountId: PAYEE, amountUnits: 350n, decimals: 2, memo: "2 loaves", requestId: ID, expiresAtMs: EXPIRES, ...overrides,
});

describe("the canonical request text", () => {
  it("is the header and one field a line, in a fixed order", () => {
    expect(requestText(request()).split("\n")).toEqual([
      "LETS payment request v1",
      `community: ${COMMUNITY}`,
      `payee: ${PAYEE}`,
      "amount: 3.50",
      'memo: "2 loaves"',
      `id: ${ID}`,
      "expires: 2026-12-02T14:05:00Z",
    ]);
  });

  it("writes no memo and no expiry as words that no memo or time can be", () => {
    const lines = requestText(request({ memo: undefined, expiresAtMs: undefined })).split("\n");
    expect(lines[4]).toBe("memo: none");
    expect(lines[6]).toBe("expires: never");
    expect(requestText(request({ memo: "none" })).split("\n")[4]).toBe('memo: "none"');
    // A blank memo is no memo, as in a payment.
    expect(requestText(request({ memo: "   " }))).toBe(requestText(request({ memo: undefined })));
  });

  it("is the same for the same request whatever the amount's or id's spelling, and differs in every field", () => {
    expect(requestText(request({ requestId: ID.toUpperCase() }))).toBe(requestText(request()));
    const base = requestText(request());
    const changed = [
      request({ communityId: "d".repeat(64) }), request({ payeeAccountId: "b".repeat(64) }), request({ amountUnits: 351n }),
      request({ decimals: 3 }), request({ memo: "3 loaves" }), request({ requestId: "f".repeat(32) }), request({ expiresAtMs: EXPIRES + 1000 }),
    ];
    for (const other of changed) expect(requestText(other)).not.toBe(base);
  });

  it("refuses a request that is not one, naming the field", () => {
    expect(refusal(() => requestText(request({ amountUnits: 0n })))).toBe("a request's amount must be more than 0");
    expect(refusal(() => requestText(request({ payeeAccountId: "nobody" })))).toMatch(/payee is an account id/);
    expect(refusal(() => requestText(request({ communityId: COMMUNITY.toUpperCase() })))).toMatch(/community is a community id/);
    expect(refusal(() => requestText(request({ requestId: "12" })))).toMatch(/^a payment request id is 32 hex digits/);
    expect(refusal(() => requestText(request({ memo: "x".repeat(141) })))).toBe("memo is 141 characters long; at most 140");
    expect(refusal(() => requestText(request({ memo: "a\nb" })))).toBe("memo contains a control character");
    expect(refusal(() => requestText(request({ expiresAtMs: EXPIRES + 1 })))).toMatch(/expiry is a whole second/);
  });
});

describe("what a wallet appended to the text it signed", () => {
  const text = requestText(request());

  it("is read off a message that starts with exactly this request's text", () => {
    const appended = ";https://shop.example;1764684300;ab12";
    expect(appendedTo(text, text + appended)).toBe(appended);
    expect(appendedTo(text, text)).toBe("");
    expect(signedMessageOf(request(), { appended, proof: "00" })).toBe(text + appended);
  });

  it("refuses a message with a different start: another request's text, even one this text begins", () => {
    expect(refusal(() => appendedTo(text, requestText(request({ amountUnits: 3500n })) + ";o;1;ab")))
      .toBe("the signed text is not this request's text");
    expect(refusal(() => appendedTo(text, `x${text};o;1;ab`))).toBe("the signed text is not this request's text");
    // The same fields with a longer last line: it starts with this text, but not followed by ';'.
    const noExpiry = requestText(request({ expiresAtMs: undefined }));
    expect(refusal(() => appendedTo(noExpiry, `${noExpiry}1;o;1;ab`))).toBe("the signed text goes on past the request without a ';'");
  });

  it("refuses an appended line break, control character or an overlong tail", () => {
    expect(refusal(() => appendedTo(text, `${text};o\nid: x;1;ab`))).toMatch(/line break or control character/);
    expect(refusal(() => appendedTo(text, `${text};${"a".repeat(300)}`))).toMatch(/at most 300/);
  });
});

describe("expiry", () => {
  it("is written in UTC to the second and read back only in that form", () => {
    expect(formatExpiry(EXPIRES)).toBe("2026-12-02T14:05:00Z");
    expect(parseExpiry("2026-12-02T14:05:00Z")).toBe(EXPIRES);
    for (const text of ["2026-12-02T14:05:00.000Z", "2026-12-02 14:05", "2026-12-02T14:05:00+01:00", "2026-02-30T00:00:00Z", "soon"]) {
      expect(refusal(() => parseExpiry(text))).toMatch(/^an expiry is a UTC time like 2026-12-02T14:05:00Z/);
    }
  });

  it("makes a request unpayable from the expiry on, never without one", () => {
    expect(isExpired(request(), EXPIRES - 1)).toBe(false);
    expect(isExpired(request(), EXPIRES)).toBe(true);
    expect(isExpired(request({ expiresAtMs: undefined }), Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe("request ids", () => {
  it("are 16 random bytes as 32 lowercase hex digits, different every time", () => {
    const ids = new Set(Array.from({ length: 50 }, newRequestId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(checkRequest(request({ requestId: id })).requestId).toBe(id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("request links", () => {
  const signature = { appended: ";https://shop.example;1764684300;ab12", proof: "a1".repeat(56) };

  it("carry the fields in a fixed order and read back to the same request and signature", () => {
    const query = requestQuery(request(), signature);
    expect([...query.keys()]).toEqual([...REQUEST_PARAMS]);
    expect(query.get("amount")).toBe("3.5");
    expect(readRequestQuery(new URLSearchParams(query.toString()), 2)).toEqual({ request: request(), signature });
  });

  it("leave out what a request does not have, and read a link without a signature as unsigned", () => {
    const query = requestQuery(request({ memo: undefined, expiresAtMs: undefined }));
    expect([...query.keys()]).toEqual(["community", "to", "amount", "id"]);
    expect(readRequestQuery(query, 2)).toEqual({ request: request({ memo: undefined, expiresAtMs: undefined }) });
  });

  it("refuse a link whose fields are no request", () => {
    const edited = (name: string, value: string) => {
      const query = requestQuery(request(), signature);
      query.set(name, value);
      return () => readRequestQuery(query, 2);
    };
    expect(refusal(edited("amount", "3.505"))).toMatch(/^Too precise/);
    expect(refusal(edited("amount", "0"))).toBe("The amount must be more than 0.");
    expect(refusal(edited("id", "abc"))).toMatch(/^a payment request id is 32 hex digits/);
    expect(refusal(edited("expires", "tomorrow"))).toMatch(/^an expiry is a UTC time/);
    expect(refusal(edited("proof", "not hex"))).toBe("a request's proof is hexadecimal");
    expect(refusal(edited("signed", "no semicolon"))).toBe("the signed text goes on past the request without a ';'");
  });
});
