import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { pageMeta } from "~/lib/meta";
import { accountHeaders } from "~/features/accounts/index.server";
import { carryPrecheck } from "~/domain/application/model";
import { currentApplication, endPrecheckCookie, finishedPrecheck, NO_STORE, saveAnswers, startApplication } from "~/features/application/index.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { readForm } from "~/platform/http/form.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// "Apply now": one click secures the Antragsdatum (issue "Online Antrag", § 1). Coming from the
// pre-check result ("apply with my answers", ?vorabcheck=1), the button also carries the pre-check
// into the draft — only then, and the pre-check cookie ends with it (decision 037).
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const current = await currentApplication(session.userId);
  const fromPrecheck = new URL(request.url).searchParams.get("vorabcheck") === "1" && finishedPrecheck(request) !== null;
  return json(
    { ...(await pageI18n(request, ["application", "uploads"], "application:start.title")), current: current ? { id: current.id, status: current.status } : null, fromPrecheck },
    { headers: NO_STORE },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const precheck = form.get("fromPrecheck") === "1" ? finishedPrecheck(request) : null;
  const { id, created } = await startApplication(session.userId, await getLanguage(request));
  if (!precheck) return redirect(`/antrag/${id}/gesichert`);
  await saveAnswers(session.userId, id, (data) => carryPrecheck(data, precheck));
  return redirect(created ? `/antrag/${id}/gesichert` : `/antrag/${id}`, { headers: { "Set-Cookie": endPrecheckCookie() } });
}

function FromPrecheck({ button }: { button: string }) {
  const { t } = useTranslation("application");
  return (
    <div className="notice">
      <h2>{t("start.fromPrecheckTitle")}</h2>
      <p>{t("start.fromPrecheckBody")}</p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="fromPrecheck" value="1" />
        <button type="submit" className="button">
          {button}
        </button>
      </Form>
    </div>
  );
}

export default function StartApplication() {
  const { current, fromPrecheck } = useLoaderData<typeof loader>();
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
          {fromPrecheck ? <FromPrecheck button={t("start.fromPrecheckTakeOver")} /> : null}
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
          {fromPrecheck ? (
            <>
              <FromPrecheck button={t("start.fromPrecheckButton")} />
              <p>
                <Link to="/antrag">{t("start.withoutPrecheck")}</Link>
              </p>
            </>
          ) : (
            <Form method="post">
              <CsrfInput />
              <button type="submit" className="button button--start">
                {t("start.button")}
              </button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}
