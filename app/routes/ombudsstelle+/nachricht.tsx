import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileUpload } from "~/components/file-upload";
import { ChoiceGroup, CsrfInput, ErrorSummary, TextArea, TextField, type FieldErrors } from "~/components/forms";
import { getTraeger } from "~/config/traeger";
import { kindsOffered, OMBUDS_ATTACHMENT_MAX_MB, OMBUDS_EMAIL_MAX, OMBUDS_MAX_ATTACHMENTS, OMBUDS_TEXT_MAX, ombudsChannelOpen, type OmbudsKind } from "~/domain/ombuds/rules";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { env } from "~/platform/config/env.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { FORM_MAX_BYTES, isSubmissionToken, newSubmissionToken, parseMessageForm, sendOmbudsMessage } from "~/features/ombuds/index.server";
import { pageI18n } from "~/platform/http/page.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// The contact form: anonymous or signed in alike (nothing links it to an account), with up to
// three optional attachments (photos or PDFs, checked like documents). Abuse protection without
// tracking: a rate limit per address, a honeypot field, size limits. The answer shows the
// reference number and the follow-up code once.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function drain(request: Request, limit: number): Promise<boolean> {
  if (!request.body) return true;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return false;
    }
  }
}

function channel() {
  const o = getTraeger().ombudsstelle;
  if (!ombudsChannelOpen(o)) throw new Response("Not found", { status: 404 });
  return { kinds: kindsOffered(o), name: o!.name };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { kinds, name } = channel();
  return json(
    { ...(await pageI18n(request, ["ombuds", "uploads"], "ombuds:form.title")), kinds, name, token: newSubmissionToken(), retentionDays: env().OMBUDS_RETENTION_DAYS },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type Values = { kind?: string; message?: string; email?: string };
const MB = 1024 * 1024;
type Answer =
  | { sent: true; reference: string; code: string; withEmail: boolean }
  | { sent: false; errors: FieldErrors; values: Values; token: string; retryMinutes?: number };

function answer(body: Answer, status = 200, extra: Record<string, string> = {}) {
  return json<Answer>(body, { status, headers: { "Cache-Control": "no-store", ...extra } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { kinds } = channel();
  if (Number(request.headers.get("Content-Length")) > FORM_MAX_BYTES) {
    // Read (and drop) a moderately large body so the connection stays usable; beyond that, close it.
    const drained = await drain(request, FORM_MAX_BYTES + 4 * MB);
    return answer({ sent: false, errors: { message: { key: "ombuds:errors.formTooLarge", params: { max: OMBUDS_TEXT_MAX, files: OMBUDS_MAX_ATTACHMENTS, maxMb: OMBUDS_ATTACHMENT_MAX_MB } } }, values: {}, token: newSubmissionToken() }, 413, drained ? {} : { Connection: "close" });
  }
  const form = await parseMessageForm(request);
  const text = (name: string) => form.fields[name] ?? "";
  const values: Values = { kind: text("kind"), message: text("message"), email: text("email").trim() };
  const tokenInput = text("token");
  const token = isSubmissionToken(tokenInput) ? tokenInput : newSubmissionToken();
  const errors: FieldErrors = {};
  if (!kinds.includes(values.kind as OmbudsKind)) errors.kind = "ombuds:errors.kindRequired";
  const message = values.message!.replace(/\r\n/g, "\n").trim();
  if (!message) errors.message = "ombuds:errors.messageRequired";
  else if (message.length > OMBUDS_TEXT_MAX) errors.message = { key: "ombuds:errors.messageTooLong", params: { max: OMBUDS_TEXT_MAX, length: message.length } };
  if (values.email && (values.email.length > OMBUDS_EMAIL_MAX || !EMAIL.test(values.email))) errors.email = "common:errors.email";
  // The honeypot: people never see it; a filled one means a bot (or an over-eager autofill, who can send again).
  if (text("website") !== "") errors.message ??= "ombuds:errors.notSent";
  if (!isSubmissionToken(tokenInput)) errors.message ??= "ombuds:errors.notSent";
  // A refused file stops the message (the person decides whether to send without it); files
  // cannot be kept across an error, so the person is asked to choose them again.
  if (form.refused.length) errors.attachments = { key: form.refused[0].key, params: form.refused[0].params };
  else if (Object.keys(errors).length && form.attachments.length) errors.attachments = "ombuds:errors.attachAgain";
  if (Object.keys(errors).length) return answer({ sent: false, errors, values, token }, 400);

  const result = await sendOmbudsMessage(
    { submissionToken: token, kind: values.kind as OmbudsKind, text: message, email: values.email || null, language: await getLanguage(request), attachments: form.attachments },
    context.clientIp,
  );
  if (!result.ok) {
    const retryMinutes = Math.max(1, Math.ceil((result.retryAfterSeconds ?? 60) / 60));
    return answer({ sent: false, errors: {}, values, token, retryMinutes }, 429, { "Retry-After": String(result.retryAfterSeconds ?? 60) });
  }
  return answer({ sent: true, ...result.value });
}

function Sent({ reference, code, withEmail }: { reference: string; code: string; withEmail: boolean }) {
  const { t } = useTranslation("ombuds");
  return (
    <div className="page">
      <div className="panel-success">
        <h1>{t("sent.title")}</h1>
      </div>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("sent.reference")}</dt>
          <dd dir="ltr">
            <strong className="reference-number">{reference}</strong>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("sent.code")}</dt>
          <dd dir="ltr">
            <strong className="follow-up-code">{code}</strong>
          </dd>
        </div>
      </dl>
      <div className="notice">
        <p>{t("sent.keep")}</p>
      </div>
      <p>{withEmail ? t("sent.withEmail") : t("sent.withoutEmail")}</p>
      <h2>{t("sent.nextHeading")}</h2>
      <p>{t("sent.next")}</p>
      <p>
        <Link to="/ombudsstelle/antworten">{t("info.readLink")}</Link>
      </p>
      <p>
        <Link to="/ombudsstelle">{t("sent.back")}</Link>
      </p>
    </div>
  );
}

export default function OmbudsMessageForm() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["ombuds", "common"]);
  if (result?.sent) return <Sent reference={result.reference} code={result.code} withEmail={result.withEmail} />;
  const failed = result && !result.sent ? result : null;
  const values = failed?.values ?? {};
  return (
    <div className="page">
      <Link to="/ombudsstelle" className="back-link">
        {t("common:form.back")}
      </Link>
      {failed?.retryMinutes ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t("common:errorPage.tooMany.title")}</h2>
          <p>{t("common:errors.rateLimited", { minutes: failed.retryMinutes })}</p>
        </div>
      ) : null}
      <ErrorSummary errors={failed?.errors} ns="ombuds" />
      <h1>{t("form.title")}</h1>
      <p className="lead">{t("form.intro")}</p>
      <p>{t("form.confidential", { days: data.retentionDays })}</p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <CsrfInput />
        <input type="hidden" name="token" value={failed?.token ?? data.token} />
        <ChoiceGroup
          name="kind"
          legend={t("form.kindLegend")}
          error={failed?.errors.kind}
          defaultValue={values.kind}
          choices={data.kinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}.label`), hint: t(`kinds.${kind}.hint`) }))}
        />
        <TextArea
          name="message"
          label={t("form.messageLabel")}
          hint={t("form.messageHint", { max: OMBUDS_TEXT_MAX })}
          error={failed?.errors.message}
          defaultValue={values.message}
          rows={10}
        />
        <TextField
          name="email"
          type="email"
          autoComplete="email"
          spellCheck={false}
          width="medium"
          label={t("form.emailLabel")}
          hint={t("form.emailHint")}
          error={failed?.errors.email}
          defaultValue={values.email}
        />
        <FileUpload
          name="attachments"
          multiple
          maxMb={OMBUDS_ATTACHMENT_MAX_MB}
          label={t("form.attachmentsLabel")}
          hint={t("form.attachmentsHint", { max: OMBUDS_MAX_ATTACHMENTS })}
          error={failed?.errors.attachments}
        />
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="field-website">{t("form.honeypot")}</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("form.submit")}
        </button>
      </Form>
    </div>
  );
}
