// Turns a zod result into what a form needs: the first error key per field (translated by the
// page) and the submitted values (so nothing the person typed is lost).
type Issue = { path: PropertyKey[]; message: string };
type SafeParseable<T> = { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } } };

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("_") || typeof value !== "string") continue;
    values[key] = key in values ? `${values[key]},${value}` : value;
  }
  return values;
}

export function issuesToFieldErrors(issues: Issue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join(".") || "_form";
    if (!errors[field]) errors[field] = issue.message;
  }
  return errors;
}

export function parseForm<T>(schema: SafeParseable<T>, form: FormData, input?: unknown): FormResult<T> {
  const values = formValues(form);
  const result = schema.safeParse(input ?? values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues), values };
}
