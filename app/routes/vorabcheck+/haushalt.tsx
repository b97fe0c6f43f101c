import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, CsrfInput, ErrorSummary } from "~/components/forms";
import type { ActionErrors } from "~/components/precheck";
import { addableRoles, applicantOf, MAX_MEMBERS, removeMember } from "~/domain/precheck/draft";
import { joinDetails } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";
import { handleDraftPost, readDraft } from "~/features/precheck/index.server";

export const meta = pageMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = readDraft(request);
  if (draft.concern !== "first-application" || !applicantOf(draft)) throw redirect("/vorabcheck");
  return json({
    ...(await pageI18n(request, ["precheck", "eligibility"], "precheck:household.title")),
    members: draft.members.map((m) => ({ id: m.id, role: m.role, age: m.age, complete: draft.complete.includes(m.id) })),
    roles: draft.members.length < MAX_MEMBERS ? addableRoles(draft) : [],
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return handleDraftPost(request, (draft, fields) => {
    if (fields.intent === "remove" && fields.memberId) {
      return { ok: true, draft: removeMember(draft, fields.memberId), redirectTo: "/vorabcheck/haushalt" };
    }
    if (fields.intent === "add") {
      const roles: string[] = addableRoles(draft);
      if (!roles.includes(fields.role ?? "")) return { ok: false, errors: { role: "common:errors.choose" } };
      return { ok: true, draft, redirectTo: `/vorabcheck/person/neu?rolle=${fields.role}` };
    }
    const incomplete = draft.members.find((m) => !draft.complete.includes(m.id));
    if (incomplete) return { ok: false, errors: { [`member-${incomplete.id}`]: "precheck:household.errors.incomplete" } };
    return { ok: true, draft, redirectTo: "/vorabcheck/wohnung" };
  });
}

export default function Household() {
  const { members, roles, lng } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionErrors;
  const { t } = useTranslation("precheck");
  return (
    <div className="page">
      <Link to="/vorabcheck/person/p1" className="back-link">
        {t("common:form.back")}
      </Link>
      <p className="caption">{t("caption")}</p>
      <ErrorSummary errors={actionData?.errors} ns="precheck" />
      <h1>{t("household.title")}</h1>
      <p>{t("household.intro")}</p>
      <dl className="summary-list">
        {members.map((m) => (
          <div key={m.id} className="summary-list__row" id={`field-member-${m.id}`}>
            <dt>
              {m.role === "applicant" ? t("household.you") : t(`roles.${m.role}.label`)}
              {!m.complete ? <span className="tag tag--progress"> {t("household.incomplete")}</span> : null}
            </dt>
            <dd>
              {t("household.age", { count: m.age })}
              <span className="summary-list__actions">
                <Link to={`/vorabcheck/person/${m.id}`}>
                  {t("common:form.change")}
                  <span className="visually-hidden"> – {joinDetails(lng, [m.role === "applicant" ? t("household.you") : t(`roles.${m.role}.label`), t("household.age", { count: m.age })])}</span>
                </Link>
                {m.role !== "applicant" ? (
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="memberId" value={m.id} />
                    <button type="submit" className="link-button">
                      {t("common:form.remove")}
                      <span className="visually-hidden"> – {joinDetails(lng, [t(`roles.${m.role}.label`), t("household.age", { count: m.age })])}</span>
                    </button>
                  </Form>
                ) : null}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {roles.length ? (
        <Form method="post" noValidate className="section">
          <CsrfInput />
          <input type="hidden" name="intent" value="add" />
          <ChoiceGroup
            name="role"
            legend={<h2 className="legend-heading">{t("household.addLegend")}</h2>}
            hint={t("household.addHint")}
            error={actionData?.errors?.role}
            choices={roles.map((role) => ({ value: role, label: t(`roles.${role}.label`), hint: t(`roles.${role}.hint`) }))}
          />
          <button type="submit" className="button button--secondary">
            {t("household.addButton")}
          </button>
        </Form>
      ) : (
        <p>{t("household.full")}</p>
      )}
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="continue" />
        <button type="submit" className="button">
          {t("household.continue")}
        </button>
      </Form>
    </div>
  );
}
