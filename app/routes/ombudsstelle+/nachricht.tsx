import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FileUpload } from "~/components/file-upload";
import { ChoiceGroup, CsrfInput, ErrorSummary, RateLimitedNotice, TextArea, TextField } from "~/components/forms";
import { OMBUDS_ATTACHMENT_MAX_MB, OMBUDS_MAX_ATTACHMENTS, OMBUDS_TEXT_MAX } from "~/domain/ombuds/rules";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { action, loader } from "./nachricht.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// The contact form: anonymous or signed in alike (nothing links it to an account), with up to
// three optional attachments (photos or PDFs, checked like documents). Abuse protection without
// tracking: a rate limit per address, a honeypot field, size limits. The answer shows the
// reference number and the follow-up code once.
export { action, loader };

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
      <RateLimitedNotice minutes={failed?.retryMinutes} />
      <ErrorSummary
        errors={failed?.errors}
        ns="ombuds"
        labels={{ kind: t("form.kindLegend"), message: t("form.messageLabel"), email: t("form.emailLabel"), attachments: t("form.attachmentsLabel") }}
      />
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
        <TextArea name="message" label={t("form.messageLabel")} hint={t("form.messageHint", { max: OMBUDS_TEXT_MAX })} error={failed?.errors.message} defaultValue={values.message} rows={10} />
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
