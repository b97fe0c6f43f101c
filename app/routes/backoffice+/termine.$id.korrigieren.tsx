import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary, TextArea } from "~/components/forms";
import { StaffBar } from "~/components/staff";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./termine.$id.korrigieren.server";

export const meta = pageMeta;

export { action, loader };

/** Correct a recorded attendance, with a reason; says exactly which mail the person gets. */
export default function CorrectAttendance() {
  const { staff, appointment: a, reasonMax } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "appointments", "common"]);
  const from = a.outcome ?? "attended";
  const to = from === "attended" ? "missed" : "attended";
  const back = `/backoffice/termine?standort=${encodeURIComponent(a.standortId)}&tag=${a.date}`;
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" />
      <h1>{t("slots.correct.heading", { who: a.name ?? a.reference })}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("slots.correct.when")}</dt>
          <dd>{`${formatDate("de", a.date, "medium")}, ${a.start}–${a.end}`}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("slots.correct.what")}</dt>
          <dd>
            {t(`appointments:types.${a.type}.name`)}, {t("slots.day.reference", { reference: a.reference })}
            {a.application ? `, ${t("slots.day.application", { reference: a.application.reference })}` : ""}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("slots.correct.recorded")}</dt>
          <dd>
            <strong>{t(`slots.day.${from}`)}</strong>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("slots.correct.becomes")}</dt>
          <dd>
            <strong>{t(`slots.day.${to}`)}</strong>
          </dd>
        </div>
      </dl>
      <p>{t(to === "missed" ? "slots.correct.mailMissed" : "slots.correct.mailAttended")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="from" value={from} />
        <TextArea
          name="reason"
          label={t("slots.correct.reason")}
          hint={t("slots.correct.reasonHint")}
          rows={4}
          maxLength={reasonMax}
          defaultValue={answer?.values?.reason}
          error={answer?.errors.reason}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("slots.correct.submit", { outcome: t(`slots.day.${to}`) })}
          </button>
          <Link to={back} className="button button--secondary">
            {t("slots.correct.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
