import { describe, expect, it } from "vitest";
import { normalizeDigits, normalizeFormField, parseAmount } from "./numbers";

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

describe("normalizeFormField: the one normalisation of every posted form field", () => {
  it.each([
    ["age", "٣٤", "34"],
    ["grossColdRent", "۴۵۰٫۵۰", "450,50"],
    ["coldRent", "١٬٢٣٤٫٥٠", "1.234,50"],
    ["birthDate", "١٥.٠٣.٢٠٠٣", "15.03.2003"],
    ["birthDate", "۱۳۸۲-۰۱-۲۰", "1382-01-20"],
    ["iban", "DE٨٩ ٣٧٠٤ ٠٠٤٤ ٠٥٣٢ ٠١٣٠ ٠٠", "DE89 3704 0044 0532 0130 00"],
    ["postalCode", "٤١٨٤٤", "41844"],
    ["phone", "+٤٩ ١٥١ ۲۳۴۵۶۷", "+49 151 234567"],
    ["code", "ABCD-EF٢٣-۴۵GH", "ABCD-EF23-45GH"],
    ["totp", "۱۲۳۴۵۶", "123456"],
    ["street", "Hauptstraße ١٢", "Hauptstraße 12"],
    ["age", "34", "34"],
  ])("%s: %j → %j", (name, raw, expected) => {
    expect(normalizeFormField(name, raw)).toBe(expected);
  });

  it.each([
    ["password", "Tulpe ٣٤ Kanu"], // a secret is compared byte for byte: never rewritten
    ["currentPassword", "۱۲۳۴۵۶۷۸۹۰۱۲"],
    ["newPassword", "١٢٣٤٥٦٧٨٩٠١٢"],
    ["message", "لدي ٣ أطفال"], // prose in Arabic script keeps the digits its writer chose
    ["street", "شارع الملك ١٢"],
  ])("%s stays as typed: %j", (name, raw) => {
    expect(normalizeFormField(name, raw)).toBe(raw);
  });
});
