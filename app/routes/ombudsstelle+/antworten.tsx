import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, RateLimitedNotice, TextArea, TextField } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { OMBUDS_TEXT_MAX } from "~/domain/ombuds/rules";
import { formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { action, loader } from "./antworten.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Reading replies: reference number + follow-up code open the conversation for 30 minutes (a
// sealed cookie holds only the message id); the sender sees the status and may write again.
export { action, loader };

export default function OmbudsAnswers() {
  const { view, sent } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "de";
  const { t } = useTranslation(["ombuds", "common"]);
  const busy = navigation.state === "submitting";

  if (!view) {
    return (
      <div className="page">
        <Link to="/ombudsstelle" className="back-link">
          {t("common:form.back")}
        </Link>
        <RateLimitedNotice minutes={failed?.retryMinutes} />
        <ErrorSummary errors={failed?.errors} ns="ombuds" labels={{ reference: t("read.referenceLabel"), code: t("read.codeLabel") }} />
        <h1>{t("read.title")}</h1>
        <p className="lead">{t("read.intro")}</p>
        <Form method="post" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="open" />
          <TextField
            name="reference"
            label={t("read.referenceLabel")}
            hint={t("read.referenceHint")}
            width="medium"
            spellCheck={false}
            autoComplete="off"
            error={failed?.errors.reference}
            defaultValue={failed?.values.reference}
          />
          <TextField
            name="code"
            label={t("read.codeLabel")}
            hint={t("read.codeHint")}
            width="medium"
            spellCheck={false}
            autoComplete="off"
            error={failed?.errors.code}
            defaultValue={failed?.values.code}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("read.submit")}
          </button>
        </Form>
        <p>{t("read.lost")}</p>
      </div>
    );
  }

  return (
    <div className="page">
      <RateLimitedNotice minutes={failed?.retryMinutes} />
      <ErrorSummary errors={failed?.errors} ns="ombuds" labels={{ message: t("read.followUpLabel") }} />
      {sent && !failed ? (
        <div className="notice" role="status">
          <p>{t("read.sentNotice")}</p>
        </div>
      ) : null}
      <h1>
        {t("read.conversationTitle")} <span dir="ltr">{view.reference}</span>
      </h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("read.kind")}</dt>
          <dd>{t(`kinds.${view.kind}.label`)}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("read.status")}</dt>
          <dd>
            <strong className={`tag${view.status === "answered" || view.status === "closed" ? " tag--done" : " tag--progress"}`}>{t(`statuses.${view.status}`)}</strong>
          </dd>
        </div>
      </dl>
      <h2>{t("read.entriesHeading")}</h2>
      {view.entries.map((entry) => (
        <section key={entry.id} className="inset" aria-labelledby={`entry-${entry.id}`}>
          <h3 id={`entry-${entry.id}`}>{entry.author === "ombuds" ? t("read.fromOmbuds") : t("read.fromYou")}</h3>
          <p className="hint">
            <time dateTime={entry.createdAt}>{formatDateTime(lng, entry.createdAt)}</time>
          </p>
          {entry.text.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i} dir="auto">
              {paragraph.split("\n").map((line, j) => (
                <span key={j}>
                  {j > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
            </p>
          ))}
          {entry.files.length ? (
            <>
              <h4>{t("read.attachmentsHeading")}</h4>
              <ul>
                {entry.files.map((file, i) => (
                  <li key={i} dir="auto">
                    {file}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
      {view.entries.every((e) => e.author === "sender") ? <p>{t("read.noReplyYet")}</p> : null}
      <h2>{t("read.followUpHeading")}</h2>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="follow-up" />
        <TextArea name="message" label={t("read.followUpLabel")} hint={t("form.messageHint", { max: OMBUDS_TEXT_MAX })} error={failed?.errors.message} defaultValue={failed?.values.message} rows={6} />
        <button type="submit" className="button" disabled={busy}>
          {t("read.followUpSubmit")}
        </button>
      </Form>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="close" />
        <button type="submit" className="button button--secondary">
          {t("read.close")}
        </button>
      </Form>
    </div>
  );
}
