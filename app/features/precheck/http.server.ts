import { json, redirect } from "@remix-run/node";
import { emptyDraft, type PrecheckDraft } from "~/domain/precheck/draft";
import { formValues } from "~/lib/validation";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { cookieHeader, readCookie, seal, unseal } from "~/platform/http/sealed-cookie.server";
import { readForm } from "~/platform/http/form.server";

// The pre-check's HTTP edge. The anonymous pre-check keeps its answers in an encrypted cookie
// that ends with the browser session: nothing is stored on the server unless the person starts
// an application with it.

const COOKIE = "precheck";

const PURPOSE = "precheck-draft-v1";

export function readDraft(request: Request): PrecheckDraft {
  const draft = unseal<PrecheckDraft>(PURPOSE, readCookie(request, COOKIE));
  return draft && draft.v === 1 && Array.isArray(draft.members) ? draft : emptyDraft();
}

export function draftCookie(draft: PrecheckDraft): string {
  return cookieHeader(COOKIE, seal(PURPOSE, draft), { path: "/" });
}

export function clearDraftCookie(): string {
  return cookieHeader(COOKIE, "", { path: "/", maxAge: 0 });
}

export type DraftUpdate = { ok: true; draft: PrecheckDraft; redirectTo: string } | { ok: false; errors: Record<string, string> };

/**
 * The one shape of every pre-check form post: CSRF check, parse, update the draft, then
 * redirect (PRG) with the new cookie — or answer 400 with the errors and what was typed.
 */
export async function handleDraftPost(request: Request, update: (draft: PrecheckDraft, fields: Record<string, string>) => DraftUpdate): Promise<Response> {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const fields = formValues(form);
  const result = update(readDraft(request), fields);
  if (!result.ok) return json({ errors: result.errors, values: fields }, { status: 400 });
  return redirect(result.redirectTo, { headers: { "Set-Cookie": draftCookie(result.draft) } });
}
