// Numbers as people type them: German or English separators, and the digits of their own script.
// Arabic-Indic (٠–٩, U+0660) and Persian/Extended Arabic-Indic (۰–۹, U+06F0) digits, the Arabic
// decimal separator (٫) and thousands separator (٬) are numbers like any others.

const DIGIT_BLOCKS = [0x0660, 0x06f0];

/** Replaces Arabic-Indic and Persian digits and separators with their ASCII forms. */
export function normalizeDigits(raw: string): string {
  let out = "";
  for (const ch of raw) {
    const code = ch.codePointAt(0)!;
    const block = DIGIT_BLOCKS.find((start) => code >= start && code <= start + 9);
    if (block !== undefined) out += String(code - block);
    else if (ch === "\u066B")
      out += ","; // Arabic decimal separator
    else if (ch === "\u066C")
      out += "."; // Arabic thousands separator
    else out += ch;
  }
  return out;
}

/** Parses a German or English decimal ("1.234,50", "1234.50", "450", "٤٥٠") to a number, or NaN. */
export function parseAmount(raw: string): number {
  const text = normalizeDigits(raw).trim().replace(/\s|€/g, "");
  if (!text) return Number.NaN;
  let normalised = text;
  if (/,\d{1,2}$/.test(text)) normalised = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) normalised = text.replace(/\./g, "");
  else normalised = text.replace(/,/g, "");
  return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** Fields that are compared byte for byte (passwords): never rewritten. */
const SECRET_FIELD = /pass(word|wort)/i;
const OWN_DIGITS = /[\u0660-\u066C\u06F0-\u06F9]/g;
const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

/**
 * The one normalisation of a posted form field (applied where every form is read, so numbers,
 * amounts, dates, IBANs, postcodes, phone numbers and codes accept the person's own digits without
 * JavaScript). Prose written in Arabic script ("لدي ٣ أطفال") keeps the digits its writer chose,
 * and secrets are never touched.
 */
export function normalizeFormField(name: string, value: string): string {
  if (SECRET_FIELD.test(name)) return value;
  if (!/[\u0660-\u066C\u06F0-\u06F9]/.test(value)) return value;
  if (ARABIC_SCRIPT.test(value.replace(OWN_DIGITS, ""))) return value;
  return normalizeDigits(value);
}
