import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { AnswerValue } from "~/components/application";
import { DocumentChecklist } from "~/components/file-upload";
import { Checkbox, CsrfInput, ErrorSummary } from "~/components/forms";
import { useRootData } from "~/components/layout";
import { isComplete } from "~/domain/application/model";
import { submitSchema } from "~/domain/application/schemas";
import { summaryGroups } from "~/domain/application/summary";
import { formatDate, formatEuro } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { formValues, parseForm } from "~/lib/validation";
import { accountHeaders } from "~/features/accounts/index.server";
import {
  applicationDocuments,
  memberNames,
  formErrors,
  NO_STORE,
  requireDraft,
  submitApplication,
  unfinishedUploadsAnswer,
  type UnfinishedUpload,
  applicationContact,
} from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// Check answers, declare, choose digital delivery, submit (once).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  if (!isComplete(application.data)) throw redirect(`/antrag/${application.id}`);
  const { checklist } = await applicationDocuments(application);
  return json(
    {
      ...(await pageI18n(request, ["application", "uploads"], "application:check.title")),
      contact: applicationContact(application),
      id: application.id,
      groups: summaryGroups(application.data),
      checklist,
      names: memberNames(application.data),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const id = params.id ?? "";
  const parsed = parseForm(submitSchema, form);
  if (!parsed.ok) return formErrors(parsed.errors, parsed.values);
  const result = await submitApplication(session, id, parsed.data, await getLanguage(request));
  if (result.kind === "not-found") throw new Response("Not Found", { status: 404 });
  if (result.kind === "incomplete") return redirect(`/antrag/${id}`);
  if (result.kind === "uploads-unfinished") return unfinishedUploadsAnswer((await requireDraft(request, id)).application, result.uploads, formValues(form));
  // Submitted now, or by an earlier click: either way the receipt.
  return redirect(`/antrag/${id}/bestaetigung`);
}

export default function Check() {
  const { id, groups, checklist, names } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const unfinished = (answer as { unfinished?: UnfinishedUpload[] } | undefined)?.unfinished;
  const navigation = useNavigation();
  const { t } = useTranslation(["application", "common"]);
  const lng = useRootData()?.lng ?? "de";
  const format = { date: (iso: string) => formatDate(lng, iso), euro: (n: number) => formatEuro(lng, n) };
  return (
    <div className="page">
      <Link to={`/antrag/${id}`} className="back-link">
        {t("backToTasks")}
      </Link>
      <p className="caption">{t("caption")}</p>
      <ErrorSummary errors={answer?.errors} ns="application" />
      {unfinished?.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <ul>
            {unfinished.map((upload, index) => (
              <li key={index}>
                {t("check.uploadsUnfinished", {
                  name: upload.name,
                  item: upload.member ? `${t(`uploads:categories.${upload.category}`)} (${upload.member})` : t(`uploads:categories.${upload.category}`),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h1>{t("check.title")}</h1>
      {groups.map((group, index) => {
        const first = index === 0 || group.section !== groups[index - 1].section;
        const title = group.heading ? `${t(`tasks.sections.${group.section}`)}: ${group.heading}` : t(`tasks.sections.${group.section}`);
        return (
          <Fragment key={index}>
            {first ? <h2>{t(`tasks.sections.${group.section}`)}</h2> : null}
            {group.heading ? (
              <h3>
                <bdi>{group.heading}</bdi>
              </h3>
            ) : null}
            <dl className="summary-list">
              {group.rows.map((row, r) => (
                <div className="summary-list__row" key={r}>
                  <dt>{t(row.label, row.params)}</dt>
                  <dd>
                    <AnswerValue value={row.value} format={format} />
                  </dd>
                </div>
              ))}
            </dl>
            <p>
              <Link to={`/antrag/${id}/${group.change}`}>
                {t("check.change")}
                <span className="visually-hidden"> {title}</span>
              </Link>
            </p>
          </Fragment>
        );
      })}
      <DocumentChecklist items={checklist} names={names} uploadHref={`/antrag/${id}/unterlagen`} />
      <Form method="post" noValidate>
        <CsrfInput />
        <h2>{t("check.declarationTitle")}</h2>
        <p>{t("check.declaration")}</p>
        <Checkbox name="declaration" label={t("check.declarationConfirm")} error={answer?.errors?.declaration} defaultChecked={answer?.values?.declaration === "1"} />
        <h2>{t("check.digitalTitle")}</h2>
        <p>{t("check.digitalIntro")}</p>
        <Checkbox name="documentsDigital" label={t("check.documentsDigital")} defaultChecked={answer?.values?.documentsDigital === "1"} />
        <Checkbox name="decisionsDigital" label={t("check.decisionsDigital")} hint={t("check.decisionsDigitalHint")} defaultChecked={answer?.values?.decisionsDigital === "1"} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("check.submit")}
        </button>
      </Form>
      <ReachAPerson />
    </div>
  );
}
