import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hintWithGerman } from "~/components/application";
import { Checkbox, CsrfInput, ErrorSummary } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { isMemberComplete, membersFromPrecheck, removeMember } from "~/domain/application/model";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { formErrors, NO_STORE, precheckMembers, requireDraft, saveAnswers } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { pageI18n } from "~/platform/http/page.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// The household: the list of further members, taking them over from the pre-check, removing
// them, and confirming the list is complete.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const household = application.data.household ?? null;
  const fromPrecheck = household?.members.length ? 0 : precheckMembers(request).filter((m) => m.role !== "applicant").length;
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:household.title")),
      id: application.id,
      members: (household?.members ?? []).map((m) => ({ ...m, complete: isMemberComplete(m) })),
      confirmed: household?.confirmed ?? false,
      fromPrecheck,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  await verifyCsrf(request, form);
  const { session, application } = await requireDraft(request, params.id);
  const intent = String(form.get("intent") ?? "");
  const here = `/antrag/${application.id}/haushalt`;
  if (intent === "prefill") {
    const members = precheckMembers(request);
    await saveAnswers(session.userId, application.id, (data) => (data.household?.members.length ? data : membersFromPrecheck(data, members)));
    return redirect(here);
  }
  if (intent === "remove") {
    const memberId = String(form.get("memberId") ?? "");
    await saveAnswers(session.userId, application.id, (data) => ({ ...removeMember(data, memberId), household: { members: data.household?.members.filter((m) => m.id !== memberId) ?? [], confirmed: false } }));
    return redirect(here);
  }
  // Confirm the list.
  const members = application.data.household?.members ?? [];
  if (!members.every(isMemberComplete)) return formErrors({ confirmed: "application:errors.householdIncomplete" }, {});
  if (form.get("confirmed") !== "1") return formErrors({ confirmed: "application:errors.declaration" }, {});
  await saveAnswers(session.userId, application.id, (data) => ({ ...data, household: { members: data.household?.members ?? [], confirmed: true } }));
  return redirect(`/antrag/${application.id}`);
}

export default function Household() {
  const { id, members, confirmed, fromPrecheck } = useLoaderData<typeof loader>();
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
      {members.length === 0 ? <p>{t("household.empty")}</p> : null}
      <ul className="member-list">
        {members.map((m, index) => {
          const name = m.complete ? `${m.firstName} ${m.lastName}` : t("household.personLabel", { number: index + 2 });
          return (
            <li key={m.id}>
              <strong>{name}</strong> ({t(`member.relationships.${m.relationship}`)})
              {m.complete && m.birthDate ? <>, {formatDate(lng, m.birthDate)}</> : null}
              {!m.complete ? (
                <>
                  {" "}
                  <strong className="tag tag--progress">{t("household.incomplete")}</strong>
                  {typeof m.precheckAge === "number" ? <span className="hint"> {t("household.precheckAge", { age: m.precheckAge })}</span> : null}
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
    </div>
  );
}
