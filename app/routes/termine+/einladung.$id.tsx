import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppointmentSummary, BookingDetailsFields } from "~/components/appointments";
import { LegalText } from "~/components/cases";
import { CsrfInput, ErrorSummary, fieldId } from "~/components/forms";
import { TEXT_LIMITS } from "~/domain/appointments/rules";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./einladung.$id.server";

export const meta = pageMeta;

// An appointment the Jobcenter proposes (invitation from the back office): the person accepts it
// (with how the meeting takes place, an interpreter and support) or asks for another time.
export { action, loader };

export default function Invitation() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("appointments");
  const { view } = data;
  const messageId = fieldId("message");
  const messageError = answer?.errors.message;
  return (
    <div className="page">
      <Link to="/termine" className="back-link">
        {t("detail.back")}
      </Link>
      {answer?.problem ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="invitation-problem-title">
          <h2 id="invitation-problem-title" className="error-summary__title">
            {t("common:form.errorSummaryTitle")}
          </h2>
          <p>{t(`errors.${answer.problem}`, { max: 1 })}</p>
        </div>
      ) : (
        <ErrorSummary errors={answer?.errors} ns="appointments" />
      )}
      <h1>{t("invitation.title")}</h1>
      <p>{t("invitation.intro")}</p>
      <AppointmentSummary view={view} showNeeds={false} />
      {view.invitationMessage ? (
        <section aria-labelledby="message-heading" className="section">
          <h2 id="message-heading">{t("invitation.message")}</h2>
          <blockquote lang="de">{view.invitationMessage}</blockquote>
        </section>
      ) : null}
      <section aria-labelledby="rfb-heading" className="section">
        <h2 id="rfb-heading">{t("invitation.rfb.heading")}</h2>
        <LegalText
          german={t(`invitation.rfb.binding.${data.consequence.stage}`, { missed: data.consequence.missedSoFar, number: data.consequence.wouldBe })}
          explanation={`${t(`invitation.rfb.plain.${data.consequence.stage}`, { missed: data.consequence.missedSoFar, number: data.consequence.wouldBe })} ${t("invitation.rfb.reason")}`}
        />
      </section>
      {data.open ? (
        <>
          <section aria-labelledby="accept-heading" className="section">
            <h2 id="accept-heading">{t("invitation.acceptHeading")}</h2>
            <Form method="post" noValidate>
              <CsrfInput />
              <BookingDetailsFields channels={data.channels} errors={answer?.errors} values={answer?.values ?? undefined} />
              <button type="submit" name="intent" value="accept" className="button" disabled={navigation.state === "submitting"}>
                {t("invitation.accept")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="decline-heading" className="section">
            <h2 id="decline-heading">{t("invitation.declineHeading")}</h2>
            <Form method="post" noValidate>
              <CsrfInput />
              <div className={`form-group${messageError ? " form-group--error" : ""}`}>
                <label className="label" htmlFor={messageId}>
                  {t("invitation.declineLabel")} <span className="hint-inline">{t("common:form.optional")}</span>
                </label>
                <div className="hint" id={`${messageId}-hint`}>
                  {t("invitation.declineHint")}
                </div>
                {messageError ? (
                  <p className="field-error" id={`${messageId}-error`}>
                    <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
                    {t(messageError)}
                  </p>
                ) : null}
                <textarea
                  className="input input--full"
                  id={messageId}
                  name="message"
                  rows={3}
                  maxLength={TEXT_LIMITS.message}
                  defaultValue={answer?.message}
                  aria-invalid={messageError ? true : undefined}
                  aria-describedby={[`${messageId}-hint`, messageError ? `${messageId}-error` : ""].filter(Boolean).join(" ")}
                />
              </div>
              <button type="submit" name="intent" value="decline" className="button button--secondary" disabled={navigation.state === "submitting"}>
                {t("invitation.decline")}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <p className="notice">{t("invitation.answered")}</p>
      )}
    </div>
  );
}
