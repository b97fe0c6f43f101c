import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod/mini";
import { CsrfInput, ErrorSummary, TextArea, TextField, type FieldErrors } from "~/components/forms";
import { getTraeger } from "~/config/traeger";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/validation";
import { submitBarrierReport } from "~/features/accessibility/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { pageMeta } from "~/lib/meta";
import { hit } from "~/platform/http/rate-limit.server";
import { accountHeaders } from "~/features/accounts/index.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
// Retry-After of a 429 (and no-store) reach the browser only through headers().
export const headers = accountHeaders;

const STATEMENT_DATE = "2026-11-22";

export const BarrierReport = z.object({
  page: z.optional(z.string().check(z.trim(), z.maxLength(300, "common:errors.tooLong"))),
  description: z.string("a11y:errors.descriptionRequired").check(z.trim(), z.minLength(1, "a11y:errors.descriptionRequired"), z.maxLength(4000, "a11y:errors.descriptionTooLong")),
  email: z.optional(z.union([z.literal(""), z.email("common:errors.email")])),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const page = await pageI18n(request, ["a11y"], "a11y:title");
  const sent = new URL(request.url).searchParams.get("gesendet");
  return json({ ...page, traeger: getTraeger().name, statementDate: STATEMENT_DATE, sent: sent && /^BF-[A-Z0-9-]{9}$/.test(sent) ? sent : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const parsed = parseForm(BarrierReport, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const limited = await hit({ name: "barrier-report", max: 10, windowSeconds: 3600 }, context.clientIp);
  if (!limited.allowed) {
    const minutes = Math.max(1, Math.ceil(limited.retryAfterSeconds / 60));
    return json(
      { errors: { description: { key: "common:errors.rateLimited", params: { minutes } } }, values: parsed.data as Record<string, string> },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } },
    );
  }
  const reference = await submitBarrierReport({ ...parsed.data, language: await getLanguage(request) });
  return redirect(`/barrierefreiheit?gesendet=${reference}#meldung`);
}

export default function AccessibilityStatement() {
  const { traeger, statementDate, sent, lng } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("a11y");
  const limits = t("limits", { returnObjects: true }) as string[];
  const errors = actionData?.errors as FieldErrors | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p>{t("intro", { traeger })}</p>
      <h2>{t("statusHeading")}</h2>
      <p>{t("status")}</p>
      <h2>{t("limitsHeading")}</h2>
      <ul>
        {limits.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2>{t("methodHeading")}</h2>
      <p>{t("method")}</p>
      <p>{t("created", { date: formatDate(lng, statementDate) })}</p>
      <h2 id="meldung">{t("feedbackHeading")}</h2>
      {sent ? (
        <div className="notice" role="status">
          <p>{t("form.sent")}</p>
          <p>{t("form.sentReference", { reference: sent })}</p>
        </div>
      ) : (
        <>
          <p>{t("feedbackIntro")}</p>
          <ErrorSummary errors={errors} ns="a11y" />
          <Form method="post" noValidate>
            <CsrfInput />
            <TextField name="page" label={t("form.page")} hint={t("form.pageHint")} defaultValue={values.page} error={errors?.page} />
            <TextArea name="description" label={t("form.description")} hint={t("form.descriptionHint")} defaultValue={values.description} error={errors?.description} />
            <TextField name="email" type="email" autoComplete="email" label={t("form.email")} defaultValue={values.email} error={errors?.email} width="medium" />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("form.submit")}
            </button>
          </Form>
        </>
      )}
      <h2>{t("enforcementHeading")}</h2>
      <p>{t("enforcement")}</p>
    </div>
  );
}
