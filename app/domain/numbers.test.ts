import { describe, expect, it } from "vitest";
import { normalizeDigits, parseAmount } from "./numbers";

describe("parseAmount", () => {
  it.each([
    ["450", 450],
    ["1.234,50", 1234.5],
    ["1234.50", 1234.5],
    ["1,234.50", 1234.5],
    [" 720 € ", 720],
    ["٧٢٠", 720], // Arabic-Indic
    ["۷۲۰", 720], // Persian
    ["١٬٢٣٤٫٥٠", 1234.5], // Arabic thousands and decimal separators
    ["۱۲۳۴,۵", 1234.5],
  ])("reads %s as %d", (raw, expected) => {
    expect(parseAmount(raw)).toBe(expected);
  });

  it.each(["", "abc", "12a", "1.2.3,4,5"])("refuses %j", (raw) => {
    expect(parseAmount(raw)).toBeNaN();
  });
});

describe("normalizeDigits", () => {
  it("leaves Latin text alone and maps both Arabic digit blocks", () => {
    expect(normalizeDigits("PLZ ٥٢٥١١ / ۴۱۸۳۶")).toBe("PLZ 52511 / 41836");
  });
});
