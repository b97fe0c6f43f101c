import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hintWithGerman } from "~/components/application";
import { Checkbox, CsrfInput, ErrorSummary } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { action, loader } from "./$id.haushalt._index.server";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// The household: the list of further members, taking them over from the pre-check, removing
// them, and confirming the list is complete.
export { action, loader };

export default function Household() {
  const { id, members, confirmed, fromPrecheck, precheckApplicantAge, year } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation(["application", "common"]);
  const lng = useRootData()?.lng ?? "de";
  return (
    <div className="page">
      <Link to={`/antrag/${id}`} className="back-link">
        {t("backToTasks")}
      </Link>
      <p className="caption">{t("caption")}</p>
      <ErrorSummary errors={answer?.errors} ns="application" />
      <h1>{t("household.title")}</h1>
      <p>{t("household.intro")}</p>
      {fromPrecheck > 0 ? (
        <div className="notice">
          <h2>{t("household.prefillTitle")}</h2>
          <p>{t("household.prefillBody", { count: fromPrecheck })}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="prefill" />
            <button type="submit" className="button button--secondary">
              {t("household.prefill")}
            </button>
          </Form>
        </div>
      ) : null}
      {precheckApplicantAge !== null || members.some((m) => typeof m.precheckAge === "number" && !m.complete) ? (
        <div className="notice">
          <h2>{t("household.fromPrecheck")}</h2>
          <p>{t("household.fromPrecheckBody")}</p>
          {precheckApplicantAge !== null ? (
            <p>
              {t("household.precheckApplicant", { age: precheckApplicantAge })} ({t("household.precheckBorn", { earlier: year - precheckApplicantAge - 1, later: year - precheckApplicantAge })})
            </p>
          ) : null}
        </div>
      ) : null}
      {members.length === 0 ? <p>{t("household.empty")}</p> : null}
      <ul className="member-list">
        {members.map((m, index) => {
          const name = m.complete ? `${m.firstName} ${m.lastName}` : t("household.personLabel", { number: index + 2 });
          return (
            <li key={m.id}>
              <strong>{name}</strong> ({t(`member.relationships.${m.relationship}`)}){m.complete && m.birthDate ? <>, {formatDate(lng, m.birthDate)}</> : null}
              {!m.complete ? (
                <>
                  {" "}
                  <strong className="tag tag--progress">{t("household.incomplete")}</strong>
                  {typeof m.precheckAge === "number" ? (
                    <span className="hint">
                      {" "}
                      {t("household.precheckAge", { age: m.precheckAge })} ({t("household.precheckBorn", { earlier: year - m.precheckAge - 1, later: year - m.precheckAge })})
                    </span>
                  ) : null}
                </>
              ) : null}
              <div className="summary-list__actions">
                <Link to={`/antrag/${id}/haushalt/${m.id}`}>
                  {t("common:form.change")}
                  <span className="visually-hidden"> {name}</span>
                </Link>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="memberId" value={m.id} />
                  <button type="submit" className="link-button">
                    {t("common:form.remove")}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                </Form>
              </div>
            </li>
          );
        })}
      </ul>
      <p>
        <Link to={`/antrag/${id}/haushalt/neu`} className="button button--secondary">
          {t("household.add")}
        </Link>
      </p>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="confirm" />
        <Checkbox name="confirmed" label={t("household.confirm")} hint={hintWithGerman("household.confirm", t("household.confirmHint"))} error={answer?.errors?.confirmed} defaultChecked={confirmed} />
        <button type="submit" className="button">
          {t("save")}
        </button>
      </Form>
      <ReachAPerson />
    </div>
  );
}
