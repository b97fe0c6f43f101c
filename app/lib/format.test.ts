import { describe, expect, it } from "vitest";
import { formatDate, formatList, joinDetails } from "./format";

// Issue 12, item 5: lists and dates in the page language, not hand-joined with a Latin comma.
describe("formatList / joinDetails", () => {
  it.each([
    ["de", ["Wegberg", "Hückelhoven", "Erkelenz"], "Wegberg, Hückelhoven und Erkelenz"],
    ["en", ["Monday", "Tuesday", "Friday"], "Monday, Tuesday, and Friday"],
    ["ar", ["أ", "ب", "ج"], "أ وب وج"],
    ["fa", ["الف", "ب", "ج"], "الف،\u200f ب، و ج"],
    ["ls", ["Wegberg", "Erkelenz"], "Wegberg und Erkelenz"],
  ] as const)("%s: a list of things", (lng, items, expected) => {
    expect(formatList(lng, [...items])).toBe(expected);
  });

  it.each([
    ["ar", ["طفل", "4 سنوات"], "طفل، 4 سنوات"],
    ["fa", ["فرزند", "4 ساله"], "فرزند، 4 ساله"],
    ["de", ["Kind", "4 Jahre"], "Kind, 4 Jahre"],
    ["tr", ["Çocuk", "4 yaş"], "Çocuk, 4 yaş"],
  ] as const)("%s: details of one thing use the language's comma", (lng, items, expected) => {
    expect(joinDetails(lng, [...items])).toBe(expected);
    if (lng === "ar" || lng === "fa") expect(joinDetails(lng, [...items])).not.toContain(",");
  });

  it("dates in Arabic are written the Arabic way", () => {
    expect(formatDate("ar", "2026-12-07")).toBe(new Intl.DateTimeFormat("ar", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(new Date("2026-12-07T12:00:00Z")));
    expect(formatDate("ar", "2026-12-07")).toMatch(/ديسمبر/);
  });
});
