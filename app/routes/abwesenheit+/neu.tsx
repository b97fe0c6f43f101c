import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, CsrfInput, ErrorSummary, TextArea, TextField } from "~/components/forms";
import { ABSENCE_REASONS, DESTINATIONS, REACHABLE_MAX } from "~/domain/absence/absence";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { action, loader } from "./neu.server";

export { action, loader };
export const meta = pageMeta;
export const headers = accountHeaders;

// Asking to be away: a plain form that works without JavaScript; what was typed stays after an
// error; advice from the rules is shown before the request goes out.
export default function NewAbsence() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("absence");
  const v = answer?.values;
  const notes = answer?.notes ?? null;
  return (
    <div className="page">
      <Link to="/abwesenheit" className="back-link">
        {t("back")}
      </Link>
      <ErrorSummary errors={answer?.errors} ns="absence" />
      <h1>{t("form.title")}</h1>
      <p>{t("form.intro")}</p>
      {notes ? (
        <div className="notice notice--warning" role="status">
          <h2>{t("notes.heading")}</h2>
          {notes.late ? <p>{t("notes.late", { days: notes.noticeDays })}</p> : null}
          {notes.overYearly ? <p>{t("notes.overYearly", { days: notes.yearlyDays, used: notes.usedDays })}</p> : null}
          <p>{t("notes.still")}</p>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="token" value={answer?.token ?? data.token} />
        {notes ? <input type="hidden" name="confirmed" value="1" /> : null}
        <TextField name="from" label={t("form.from")} hint={t("form.dateHint")} error={answer?.errors.from} defaultValue={v?.from} width="medium" inputMode="numeric" autoComplete="off" required />
        <TextField name="to" label={t("form.to")} hint={t("form.dateHint")} error={answer?.errors.to} defaultValue={v?.to} width="medium" inputMode="numeric" autoComplete="off" required />
        <ChoiceGroup
          name="destination"
          legend={t("form.destination.legend")}
          error={answer?.errors.destination}
          defaultValue={v?.destination}
          choices={DESTINATIONS.map((d) => ({ value: d, label: t(`form.destination.${d}`) }))}
        />
        <ChoiceGroup
          name="reason"
          legend={t("form.reason.legend")}
          hint={t("form.reason.hint")}
          error={answer?.errors.reason}
          defaultValue={v?.reason}
          choices={ABSENCE_REASONS.map((r) => ({ value: r, label: t(`form.reason.${r}`) }))}
        />
        <TextArea name="reachable" label={t("form.reachable")} hint={t("form.reachableHint")} error={answer?.errors.reachable} defaultValue={v?.reachable} rows={3} maxLength={REACHABLE_MAX} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {notes ? t("form.sendAnyway") : t("form.submit")}
        </button>
      </Form>
    </div>
  );
}
