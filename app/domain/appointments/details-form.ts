/**
 * Parses what the person tells the Jobcenter with a booking (how the meeting takes place, a
 * phone number for phone appointments, an interpreter, support at the appointment) from a form.
 * Errors are translation keys per field; the submitted values come back so nothing is lost.
 */
import * as z from "zod/mini";
import { LANGUAGES } from "~/domain/languages";
import { ACCESSIBILITY_NEEDS, TEXT_LIMITS, type AccessibilityNeed } from "./rules";

/** Languages an interpreter can be asked for: the portal's (except German) plus "other". */
export const INTERPRETER_LANGUAGES = [...LANGUAGES.filter((l) => l !== "de" && l !== "ls"), "other"] as const;

export interface ParsedDetails {
  channel: "in-person" | "phone" | "video";
  phone: string | null;
  interpreterLanguage: string | null;
  interpreterOther: string | null;
  accessibilityNeeds: AccessibilityNeed[];
  accessibilityOther: string | null;
}

export type DetailsResult = { ok: true; details: ParsedDetails } | { ok: false; errors: Record<string, string>; values: DetailsValues };

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max, "appointments:errors.tooLong"));
const PHONE = /^\+?[0-9][0-9 ()/-]{4,28}[0-9]$/;

export interface DetailsValues {
  channel: string;
  phone: string;
  interpreter: string;
  interpreterLanguage: string;
  interpreterOther: string;
  needs: string[];
  accessibilityOther: string;
}

/** What the person entered, as entered (shown again with an error so nothing is lost). */
export function detailsValues(form: FormData): DetailsValues {
  const get = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  return {
    channel: get("channel"),
    phone: get("phone"),
    interpreter: get("interpreter"),
    interpreterLanguage: get("interpreterLanguage"),
    interpreterOther: get("interpreterOther"),
    needs: form.getAll("needs").map(String),
    accessibilityOther: get("accessibilityOther"),
  };
}

export function parseDetailsForm(form: FormData, channels: readonly string[]): DetailsResult {
  const get = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const values = detailsValues(form);
  const needs = values.needs;
  const errors: Record<string, string> = {};
  const channel = channels.length === 1 ? channels[0] : get("channel");
  if (!channels.includes(channel)) errors.channel = "appointments:errors.channel";
  let phone: string | null = null;
  if (channel === "phone") {
    const raw = get("phone").trim();
    if (!raw) errors.phone = "appointments:errors.phoneRequired";
    else if (!PHONE.test(raw) || raw.length > TEXT_LIMITS.phone) errors.phone = "appointments:errors.phoneInvalid";
    else phone = raw;
  }
  let interpreterLanguage: string | null = null;
  let interpreterOther: string | null = null;
  const interpreter = get("interpreter") || "no";
  if (interpreter === "yes") {
    const lang = get("interpreterLanguage");
    if (!(INTERPRETER_LANGUAGES as readonly string[]).includes(lang)) errors.interpreterLanguage = "appointments:errors.interpreterLanguage";
    else interpreterLanguage = lang;
    if (lang === "other") {
      const parsed = text(TEXT_LIMITS.interpreterOther).safeParse(get("interpreterOther"));
      if (!parsed.success) errors.interpreterOther = parsed.error.issues[0].message;
      else if (!parsed.data) errors.interpreterOther = "appointments:errors.interpreterOther";
      else interpreterOther = parsed.data;
    }
  } else if (interpreter !== "no") {
    errors.interpreter = "appointments:errors.interpreter";
  }
  const accessibilityNeeds = [...new Set(needs)].filter((n): n is AccessibilityNeed => (ACCESSIBILITY_NEEDS as readonly string[]).includes(n));
  let accessibilityOther: string | null = null;
  if (accessibilityNeeds.includes("other")) {
    const parsed = text(TEXT_LIMITS.accessibilityOther).safeParse(get("accessibilityOther"));
    if (!parsed.success) errors.accessibilityOther = parsed.error.issues[0].message;
    else if (!parsed.data) errors.accessibilityOther = "appointments:errors.accessibilityOther";
    else accessibilityOther = parsed.data;
  }
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return {
    ok: true,
    details: { channel: channel as ParsedDetails["channel"], phone, interpreterLanguage, interpreterOther, accessibilityNeeds, accessibilityOther },
  };
}

/** A required free text (explanation, wish for another time) of at most `max` characters. */
export function parseMessage(
  raw: FormDataEntryValue | null,
  { required, max = TEXT_LIMITS.message }: { required: boolean; max?: number },
): { ok: true; value: string | null } | { ok: false; error: string } {
  const value = typeof raw === "string" ? raw.trim() : "";
  if (!value) return required ? { ok: false, error: "appointments:errors.explanationRequired" } : { ok: true, value: null };
  if (value.length > max) return { ok: false, error: "appointments:errors.tooLong" };
  return { ok: true, value };
}
