import type { LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DocumentChecklist } from "~/components/file-upload";
import { useRootData } from "~/components/layout";
import { formatDate } from "~/lib/format";
import type { Language } from "~/domain/languages";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { applicationDocuments, memberNames, NO_STORE, receiptStandort, requireOwnApplication, applicationContact } from "~/features/application/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// The receipt after submission: in the person's language and, to show at the counter, German.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireOwnApplication(request, params.id);
  if (application.status !== "submitted") throw redirect(`/antrag/${application.id}`);
  const { checklist, progress } = await applicationDocuments(application);
  return json(
    {
      ...(await pageI18n(request, ["application", "uploads"], "application:receipt.title")),
      contact: applicationContact(application),
      checklist,
      progress,
      names: memberNames(application.data),
      application: { id: application.id, reference: application.reference, antragsdatum: application.antragsdatum },
      standort: receiptStandort(application.standortId),
    },
    { headers: NO_STORE },
  );
}

type Receipt = ReturnType<typeof useLoaderData<typeof loader>>;

function Details({ data, t, lng }: { data: Receipt; t: (key: string, params?: Record<string, string>) => string; lng: Language }) {
  const { application, standort } = data;
  return (
    <>
      <dl className="summary-list">
        <dt>{t("receipt.reference")}</dt>
        <dd>
          <strong dir="ltr">{application.reference}</strong>
        </dd>
        <dt>{t("receipt.antragsdatum")}</dt>
        <dd>{formatDate(lng, application.antragsdatum)}</dd>
        {standort ? (
          <>
            <dt>{t("receipt.standort")}</dt>
            <dd>
              <Link to={`/standorte/${standort.id}`} lang="de">
                {standort.name}
              </Link>
              {standort.lines.length ? (
                <>
                  <br />
                  {t("receipt.lines", { lines: standort.lines.join(", ") })}
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

function useRootLng(): Language {
  return useRootData()?.lng ?? "de";
}

export default function Receipt() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("application");
  const lng = useRootLng();
  const german = i18n.getFixedT("de", "application");
  const id = data.application.id;
  return (
    <div className="page">
      <div className="panel-success">
        <h1>{t("receipt.title")}</h1>
        <p>
          {t("receipt.reference")}: <strong dir="ltr">{data.application.reference}</strong>
        </p>
      </div>
      <p>{t("receipt.intro")}</p>
      <Details data={data} t={t} lng={lng} />
      <h2>{t("receipt.nextTitle")}</h2>
      <p>{t("receipt.next")}</p>
      <p>
        <Link to={`/termine/buchen?anliegen=antragsabgabe&antrag=${id}`} className="button">
          {t("receipt.book")}
        </Link>
      </p>
      <p>
        <a href={`/antrag/${id}/pdf`} download>
          {t("receipt.pdf")}
        </a>
      </p>
      <p>
        <Link to={`/antrag/${id}/status`}>{t("uploads:status.title")}</Link>
      </p>
      <DocumentChecklist items={data.checklist} names={data.names} uploadHref={`/antrag/${id}/unterlagen`} progress={data.progress} formatDay={(iso) => formatDate(lng, iso)} />
      {lng !== "de" && lng !== "ls" ? (
        <section lang="de" dir="ltr" aria-labelledby="receipt-german">
          <h2 id="receipt-german">{german("receipt.germanTitle")}</h2>
          <p>{german("receipt.intro")}</p>
          <Details data={data} t={german} lng="de" />
          <p>{german("receipt.next")}</p>
        </section>
      ) : null}
      <ReachAPerson />
    </div>
  );
}
