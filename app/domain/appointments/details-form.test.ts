import { describe, expect, it } from "vitest";
import { parseDetailsForm, parseMessage } from "./details-form";

function form(entries: Array<[string, string]>): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("booking details form", () => {
  it("accepts the minimum: one channel, no interpreter, no needs", () => {
    expect(parseDetailsForm(form([]), ["in-person"])).toEqual({
      ok: true,
      details: { channel: "in-person", phone: null, interpreterLanguage: null, interpreterOther: null, accessibilityNeeds: [], accessibilityOther: null },
    });
  });

  it("needs a phone number for a phone appointment", () => {
    const missing = parseDetailsForm(form([["channel", "phone"]]), ["in-person", "phone"]);
    expect(missing).toMatchObject({ ok: false, errors: { phone: "appointments:errors.phoneRequired" } });
    const bad = parseDetailsForm(
      form([
        ["channel", "phone"],
        ["phone", "call me"],
      ]),
      ["in-person", "phone"],
    );
    expect(bad).toMatchObject({ ok: false, errors: { phone: "appointments:errors.phoneInvalid" } });
    const good = parseDetailsForm(
      form([
        ["channel", "phone"],
        ["phone", "+49 2433 123456"],
      ]),
      ["in-person", "phone"],
    );
    expect(good).toMatchObject({ ok: true, details: { channel: "phone", phone: "+49 2433 123456" } });
  });

  it("refuses a channel the type does not offer", () => {
    expect(parseDetailsForm(form([["channel", "video"]]), ["in-person", "phone"])).toMatchObject({ ok: false, errors: { channel: "appointments:errors.channel" } });
  });

  it("takes an interpreter language, or another one as text (limited)", () => {
    expect(
      parseDetailsForm(
        form([
          ["interpreter", "yes"],
          ["interpreterLanguage", "tr"],
        ]),
        ["in-person"],
      ),
    ).toMatchObject({ ok: true, details: { interpreterLanguage: "tr" } });
    expect(parseDetailsForm(form([["interpreter", "yes"]]), ["in-person"])).toMatchObject({ ok: false, errors: { interpreterLanguage: "appointments:errors.interpreterLanguage" } });
    expect(
      parseDetailsForm(
        form([
          ["interpreter", "yes"],
          ["interpreterLanguage", "other"],
          ["interpreterOther", " Tigrinya "],
        ]),
        ["in-person"],
      ),
    ).toMatchObject({
      ok: true,
      details: { interpreterLanguage: "other", interpreterOther: "Tigrinya" },
    });
    expect(
      parseDetailsForm(
        form([
          ["interpreter", "yes"],
          ["interpreterLanguage", "other"],
          ["interpreterOther", "x".repeat(81)],
        ]),
        ["in-person"],
      ),
    ).toMatchObject({
      ok: false,
      errors: { interpreterOther: "appointments:errors.tooLong" },
    });
  });

  it("takes accessibility needs, ignores unknown ones, and keeps the values on error", () => {
    const ok = parseDetailsForm(
      form([
        ["needs", "wheelchair"],
        ["needs", "sign-language"],
        ["needs", "teleport"],
      ]),
      ["in-person"],
    );
    expect(ok).toMatchObject({ ok: true, details: { accessibilityNeeds: ["wheelchair", "sign-language"] } });
    const missing = parseDetailsForm(
      form([
        ["needs", "other"],
        ["needs", "wheelchair"],
      ]),
      ["in-person"],
    );
    expect(missing).toMatchObject({ ok: false, errors: { accessibilityOther: "appointments:errors.accessibilityOther" }, values: { needs: ["other", "wheelchair"] } });
  });

  it("limits free-text messages", () => {
    expect(parseMessage("", { required: true })).toEqual({ ok: false, error: "appointments:errors.explanationRequired" });
    expect(parseMessage(" krank ", { required: true })).toEqual({ ok: true, value: "krank" });
    expect(parseMessage("x".repeat(2001), { required: false })).toEqual({ ok: false, error: "appointments:errors.tooLong" });
    expect(parseMessage(null, { required: false })).toEqual({ ok: true, value: null });
  });
});
