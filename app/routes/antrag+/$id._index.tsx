import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusTag } from "~/components/application";
import { DocumentChecklist } from "~/components/file-upload";
import { useRootData } from "~/components/layout";
import { applicableSections, isComplete, sectionPaths, sectionStatuses } from "~/domain/application/model";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { applicationDocuments, memberNames, NO_STORE, requireDraft, draftExpiryDays, applicationContact } from "~/features/application/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { draftExpiresAt } from "~/domain/application/draft-expiry";
import { Tx } from "~/components/bidi";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// The task list (GOV.UK pattern): each section with its status.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireDraft(request, params.id);
  const { data } = application;
  const paths = sectionPaths(data);
  const { checklist } = await applicationDocuments(application);
  return json(
    {
      ...(await pageI18n(request, ["application", "uploads", "drafts"], "application:tasks.title")),
      contact: applicationContact(application),
      // At least until then: an upload also counts as a change (draft-expiry.server.ts).
      keptUntil: draftExpiresAt(application.updatedAt, draftExpiryDays()).toISOString().slice(0, 10),
      checklist,
      names: memberNames(data),
      application: { id: application.id, reference: application.reference, antragsdatum: application.antragsdatum },
      sections: applicableSections(data),
      statuses: sectionStatuses(data),
      paths,
      complete: isComplete(data),
    },
    { headers: NO_STORE },
  );
}

export default function TaskList() {
  const { application, sections, statuses, paths, complete, checklist, names, keptUntil } = useLoaderData<typeof loader>();
  const { t } = useTranslation("application");
  const lng = useRootData()?.lng ?? "de";
  const done = sections.filter((s) => statuses[s] === "done").length;
  return (
    <div className="page">
      <p className="caption">{t("caption")}</p>
      <h1>{t("tasks.title")}</h1>
      <p>
        <Tx t={t} k="tasks.intro" values={{ date: formatDate(lng, application.antragsdatum), reference: application.reference }} />
      </p>
      <p className="hint">{t("drafts:taskList.keptUntil", { date: formatDate(lng, keptUntil) })}</p>
      <p>
        <strong>{t("tasks.progress", { done, total: sections.length })}</strong>
      </p>
      <ul className="task-list">
        {sections.map((section) => (
          <li key={section} className="task-list__item">
            <Link to={`/antrag/${application.id}/${paths[section]}`} aria-describedby={`status-${section}`} className="task-list__link">
              {t(`tasks.sections.${section}`)}
            </Link>
            <StatusTag status={statuses[section] ?? "not-started"} id={`status-${section}`} />
          </li>
        ))}
      </ul>
      <DocumentChecklist items={checklist} names={names} uploadHref={`/antrag/${application.id}/unterlagen`} />
      <h2>{t("tasks.checkHeading")}</h2>
      {complete ? (
        <p>
          <Link to={`/antrag/${application.id}/pruefen`} className="button">
            {t("tasks.check")}
          </Link>
        </p>
      ) : (
        <p>{t("tasks.notReady")}</p>
      )}
      <ReachAPerson />
    </div>
  );
}
