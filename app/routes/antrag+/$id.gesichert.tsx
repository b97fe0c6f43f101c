import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/components/layout";
import { benefitStart } from "~/domain/application/dates";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { NO_STORE, requireOwnApplication, applicationContact } from "~/features/application/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { Tx } from "~/components/bidi";
import { ReachAPerson } from "~/components/reach-a-person";

export const meta = pageMeta;
export const headers = accountHeaders;

// The receipt of "apply now": which Antragsdatum was secured.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireOwnApplication(request, params.id);
  return json(
    {
      ...(await pageI18n(request, ["application"], "application:secured.title")),
      contact: applicationContact(application),
      application: { id: application.id, reference: application.reference, antragsdatum: application.antragsdatum },
    },
    { headers: NO_STORE },
  );
}

export default function Secured() {
  const { application } = useLoaderData<typeof loader>();
  const { t } = useTranslation("application");
  const lng = useRootData()?.lng ?? "de";
  return (
    <div className="page">
      <div className="panel-success">
        <h1>{t("secured.title")}</h1>
        <p>
          <Tx t={t} k="secured.reference" values={{ reference: application.reference }} />
        </p>
      </div>
      <p>{t("secured.body", { date: formatDate(lng, application.antragsdatum), start: formatDate(lng, benefitStart(application.antragsdatum)) })}</p>
      <p>{t("secured.next")}</p>
      <p>
        <Link to={`/antrag/${application.id}`} className="button">
          {t("secured.button")}
        </Link>
      </p>
      <ReachAPerson />
    </div>
  );
}
