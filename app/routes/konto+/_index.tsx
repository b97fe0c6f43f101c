import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { accountHeaders, accountOverview } from "~/features/accounts/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

export const meta = pageMeta;
export const headers = accountHeaders;

// Notices after a redirect to this page: ?hinweis=…
const NOTICES = {
  passwort: "overview.notices.passwordChanged",
  "link-gesendet": "overview.notices.linkSent",
  bestaetigt: "overview.notices.emailConfirmed",
  "schon-bestaetigt": "overview.notices.alreadyConfirmed",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const hinweis = new URL(request.url).searchParams.get("hinweis") as keyof typeof NOTICES | null;
  return json(
    {
      ...(await pageI18n(request, ["account", "application", "case"], "account:overview.title")),
      account: await accountOverview(session),
      notice: hinweis && hinweis in NOTICES ? NOTICES[hinweis] : null,
    },
    { headers: privateNoStoreHeaders },
  );
}

export default function Account() {
  const { account, notice, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("account");
  return (
    <div className="page">
      {notice ? (
        <div className="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      ) : null}
      <h1>{t("overview.title")}</h1>
      {!account.emailConfirmed ? (
        <div className="notice" id="bestaetigen">
          <h2>{t("overview.notConfirmedTitle")}</h2>
          <p>{t("overview.notConfirmedBody")}</p>
          <Form method="post" action="/email-bestaetigen">
            <CsrfInput />
            <button type="submit" className="button button--secondary">
              {t("overview.resend")}
            </button>
          </Form>
        </div>
      ) : null}
      <h2>{t("overview.detailsHeading")}</h2>
      <dl className="summary-list">
        <dt>{t("overview.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("overview.status")}</dt>
        <dd>
          <span className={`tag ${account.emailConfirmed ? "tag--done" : "tag--progress"}`}>{account.emailConfirmed ? t("overview.confirmed") : t("overview.notConfirmed")}</span>
        </dd>
        <dt>{t("overview.createdAt")}</dt>
        <dd>{formatDate(lng, account.createdAt)}</dd>
        <dt>{t("overview.sessions")}</dt>
        <dd>{account.openSessions}</dd>
      </dl>
      <h2>{t("overview.actionsHeading")}</h2>
      <ul className="card-list">
        <li className="card">
          <h3>
            <Link to="/termine">{t("overview.appointments")}</Link>
          </h3>
        </li>
        <li className="card">
          <h3>
            <Link to="/mein-fall">{t("case:accountCard.title")}</Link>
          </h3>
          <p>{t("case:accountCard.body")}</p>
        </li>
        <li className="card">
          <h3>
            <Link to="/konto/passwort">{t("overview.changePassword")}</Link>
          </h3>
        </li>
        <li className="card">
          <h3>
            <a href="/konto/daten" download>
              {t("overview.downloadData")}
            </a>
          </h3>
          <p>{t("overview.downloadHint")}</p>
        </li>
        <li className="card">
          <Form method="post" action="/abmelden">
            <CsrfInput />
            <button type="submit" className="button button--secondary">
              {t("overview.signOut")}
            </button>
          </Form>
        </li>
        <li className="card">
          <Form method="post" action="/konto/abmelden-ueberall">
            <CsrfInput />
            <button type="submit" className="button button--secondary" aria-describedby="sign-out-everywhere-hint">
              {t("overview.signOutEverywhere")}
            </button>
          </Form>
          <p id="sign-out-everywhere-hint">{t("overview.signOutEverywhereHint")}</p>
        </li>
        <li className="card">
          <h3>
            <Link to="/konto/loeschen">{t("overview.delete")}</Link>
          </h3>
        </li>
      </ul>
    </div>
  );
}
