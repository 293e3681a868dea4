import { describe, expect, it } from "vitest";
import { accountLabel, safeLink } from "./account-name.ts";

const bob1 = `3f2a9c1d${"0".repeat(52)}b81e`;
const bob2 = `77e0b512${"1".repeat(52)}c0de`;

describe("accountLabel", () => {
  it("shows a name with the shortened id, and the whole id in the tooltip", () => {
    expect(accountLabel(bob1, "Bob")).toEqual({ name: "Bob", id: "3f2a9c…b81e", text: "Bob · 3f2a9c…b81e", title: `Bob, account ${bob1}` });
  });

  it("tells two members of the same name apart by their ids", () => {
    expect(accountLabel(bob1, "Bob").text).not.toBe(accountLabel(bob2, "Bob").text);
  });

  it("shows the shortened id alone when the account has no name", () => {
    for (const none of [null, undefined, "", "  "]) {
      expect(accountLabel(bob1, none)).toEqual({ name: undefined, id: "3f2a9c…b81e", text: "3f2a9c…b81e", title: `account ${bob1}` });
    }
  });

  it("keeps a name as written: markup is text, escaped where it is shown", () => {
    const name = "<img src=x onerror=alert(1)>";
    expect(accountLabel(bob1, name).text).toBe(`${name} · 3f2a9c…b81e`);
  });
});

describe("safeLink", () => {
  it("keeps http and https addresses", () => {
    expect(safeLink("https://bakery.example/bread?x=1")).toBe("https://bakery.example/bread?x=1");
    expect(safeLink("http://bakery.example")).toBe("http://bakery.example/");
  });

  it("refuses anything else, so a page never links it", () => {
    for (const link of ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.example", "bakery.example", "", null, undefined]) {
      expect({ link, href: safeLink(link) }).toEqual({ link, href: undefined });
    }
  });
});
