import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { currentApplication, NO_STORE, startApplication } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// "Apply now": one click secures the Antragsdatum (issue "Online Antrag", § 1).
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const current = await currentApplication(session.userId);
  return json({ ...(await pageI18n(request, ["application", "uploads"], "application:start.title")), current: current ? { id: current.id, status: current.status } : null }, { headers: NO_STORE });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const { id } = await startApplication(session.userId, await getLanguage(request));
  return redirect(`/antrag/${id}/gesichert`);
}

export default function StartApplication() {
  const { current } = useLoaderData<typeof loader>();
  const { t } = useTranslation("application");
  return (
    <div className="page">
      <h1>{t("start.title")}</h1>
      {current?.status === "draft" ? (
        <div className="notice">
          <h2>{t("start.continueTitle")}</h2>
          <p>
            <Link to={`/antrag/${current.id}`} className="button">
              {t("start.continue")}
            </Link>
          </p>
        </div>
      ) : current?.status === "submitted" ? (
        // Sent: nothing to submit again; what happens next is on the status page.
        <div className="notice">
          <h2>{t("start.submittedTitle")}</h2>
          <p>{t("start.submittedNext")}</p>
          <p>
            <Link to={`/antrag/${current.id}/status`} className="button">
              {t("uploads:status.title")}
            </Link>
          </p>
          <p>
            <Link to={`/antrag/${current.id}/bestaetigung`}>{t("start.viewReceipt")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t("start.intro")}</p>
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button button--start">
              {t("start.button")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
