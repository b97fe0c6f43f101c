import { normalizeFormField } from "~/domain/numbers";

/**
 * Reads a posted form — the one place every page's form is read. String fields go through
 * normalizeFormField: Arabic-Indic (٠–٩) and Persian (۰–۹) digits and the Arabic separators
 * (٫ ٬) become ASCII, so every parser behind it (numbers, amounts, dates, IBAN, postcode, phone,
 * codes) reads them, with or without JavaScript. Files pass through untouched.
 */
export async function readForm(request: Request): Promise<FormData> {
  const posted = await request.formData();
  const form = new FormData();
  for (const [name, value] of posted.entries()) {
    if (typeof value === "string") form.append(name, normalizeFormField(name, value));
    else form.append(name, value);
  }
  return form;
}
