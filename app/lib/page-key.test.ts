import { describe, expect, it } from "vitest";
import { pageKey } from "./page-key";

describe("pageKey", () => {
  it("differs for another record (path parameter or query)", () => {
    expect(pageKey({ pathname: "/antrag/a/einkommen/p1", search: "" })).not.toBe(pageKey({ pathname: "/antrag/a/einkommen/p2", search: "" }));
    expect(pageKey({ pathname: "/termine/buchen/standort", search: "?anliegen=x&ort=Wegberg" })).not.toBe(pageKey({ pathname: "/termine/buchen/standort", search: "?anliegen=x&ort=Gangelt" }));
  });
  it("stays for a form sent to the same page (Remix's ?index marker, parameter order)", () => {
    expect(pageKey({ pathname: "/antrag/a/haushalt", search: "?index" })).toBe(pageKey({ pathname: "/antrag/a/haushalt", search: "" }));
    expect(pageKey({ pathname: "/x", search: "?b=2&a=1" })).toBe(pageKey({ pathname: "/x", search: "?a=1&b=2" }));
  });
});
