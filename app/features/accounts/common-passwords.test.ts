import { describe, expect, it } from "vitest";
import { newPasswordProblem, normaliseEmail } from "./accounts.server";
import { commonPasswords } from "./common-passwords";

describe("common password list", () => {
  it("holds about a thousand lower-case entries, German ones among them", () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(1000);
    expect(list.size).toBeLessThan(3000);
    for (const word of list) expect(word).toBe(word.toLowerCase());
    for (const word of ["123456", "password", "passwort123", "hallo1234", "schalke04", "ichliebedich", "qwertz123", "sommer2025"]) {
      expect(list.has(word), word).toBe(true);
    }
  });
});

describe("new password rules", () => {
  it.each([
    ["kurz", "account:errors.passwordTooShort"],
    ["123456789", "account:errors.passwordTooShort"],
    ["x".repeat(129), "account:errors.passwordTooLong"],
    ["passwort123", "account:errors.passwordCommon"],
    ["PASSWORT1234", "account:errors.passwordCommon"],
    ["Schalke04!!", "account:errors.passwordCommon"],
    ["!!Sonnenschein2024", "account:errors.passwordCommon"],
    ["1234567890", "account:errors.passwordCommon"],
    ["aaaaaaaaaaaa", "account:errors.passwordCommon"],
    ["abababababab", "account:errors.passwordCommon"],
  ])("refuses %s", (password, key) => {
    expect(newPasswordProblem(password)).toBe(key);
  });

  it.each(["Tulpe Kanu Nebel", "kx8#Lm2!qPz9", "Ölfass-Brücke-Zebra"])("accepts %s", (password) => {
    expect(newPasswordProblem(password)).toBeNull();
  });

  it("refuses a password that is or contains the e-mail address", () => {
    expect(newPasswordProblem("max.mustermann@beispiel.de", "Max.Mustermann@beispiel.de")).toBe("account:errors.passwordLikeEmail");
    expect(newPasswordProblem("max.mustermann2024!", "max.mustermann@beispiel.de")).toBe("account:errors.passwordLikeEmail");
    expect(newPasswordProblem("Tulpe Kanu Nebel", "max.mustermann@beispiel.de")).toBeNull();
  });

  it("normalises addresses to one spelling", () => {
    expect(normaliseEmail("  Anna.Schmidt@Beispiel.DE ")).toBe("anna.schmidt@beispiel.de");
  });
});
