import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextField, type FieldError } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { linkWithCode, type LinkProblem } from "~/features/cases/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { accountHeaders } from "~/features/accounts/index.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
// Retry-After of a 429 (and no-store) reach the browser only through headers().
export const headers = accountHeaders;

// The person enters the activation code from the Jobcenter's letter once; it links the account
// to the case. Wrong codes are rate limited per account and per address (cases.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return json(await pageI18n(request, ["case"], "case:link.title"), { headers: privateNoStoreHeaders });
}

const PROBLEM_KEYS: Record<LinkProblem, string> = {
  format: "case:link.errors.format",
  invalid: "case:link.errors.invalid",
  expired: "case:link.errors.expired",
  used: "case:link.errors.used",
  "other-case": "case:link.errors.otherCase",
  "rate-limited": "case:link.errors.rateLimited",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const raw = form.get("code");
  const code = typeof raw === "string" ? raw.slice(0, 100) : "";
  if (!code.trim()) return json({ errors: { code: "case:link.errors.required" as FieldError }, value: "" }, { status: 400 });
  const result = await linkWithCode(session.userId, code, context.clientIp);
  if (result.ok) return redirect("/mein-fall?hinweis=verbunden");
  const error: FieldError =
    result.problem === "rate-limited" ? { key: PROBLEM_KEYS[result.problem], params: { minutes: Math.max(1, Math.ceil((result.retryAfterSeconds ?? 60) / 60)) } } : PROBLEM_KEYS[result.problem];
  if (result.problem === "rate-limited") return json({ errors: { code: error }, value: code }, { status: 429, headers: { "Retry-After": String(Math.max(1, result.retryAfterSeconds ?? 60)) } });
  return json({ errors: { code: error }, value: code }, { status: 400 });
}

export default function LinkCase() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("case");
  return (
    <div className="page">
      <Link to="/mein-fall" className="back-link">
        {t("task.back")}
      </Link>
      <ErrorSummary errors={answer?.errors} ns="case" />
      <h1>{t("link.title")}</h1>
      <p>{t("link.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <TextField name="code" label={t("link.label")} hint={t("link.hint")} error={answer?.errors.code} defaultValue={answer?.value} width="medium" autoComplete="off" spellCheck={false} required />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("link.submit")}
        </button>
      </Form>
    </div>
  );
}
