import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalTerm } from "~/components/forms";
import { getTraeger } from "~/config/traeger";
import { ombudsChannelOpen } from "~/domain/ombuds/rules";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";

export const meta = pageMeta;

// Who the Ombudsstelle is (only what the Träger configured), what it can and cannot do, and the
// other ways: complaint to the Jobcenter, Widerspruch, Überprüfungsantrag.
export async function loader({ request }: LoaderFunctionArgs) {
  const traeger = getTraeger();
  const o = traeger.ombudsstelle;
  const ombudsstelle = o
    ? {
        name: o.name,
        planned: o.status === "planned",
        description: o.description,
        email: o.email ?? null,
        phone: o.phone ?? null,
        address: o.address ?? null,
        website: o.website ?? null,
      }
    : null;
  return json({ ...(await pageI18n(request, ["ombuds"], "ombuds:info.title")), ombudsstelle, open: ombudsChannelOpen(o), jobcenter: traeger.jobcenterName });
}

function Steps({ keyPath }: { keyPath: string }) {
  const { t } = useTranslation("ombuds");
  const items = t(keyPath, { returnObjects: true }) as string[];
  return (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export default function Ombudsstelle() {
  const { ombudsstelle, open, jobcenter } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["ombuds", "common"]);
  const description = ombudsstelle?.description;
  const address = ombudsstelle?.address;
  return (
    <div className="page">
      <h1>{t("info.title")}</h1>
      <p className="lead">{t("info.lead")}</p>

      <h2>{t("info.whoHeading")}</h2>
      {ombudsstelle ? (
        <>
          <p>
            <strong lang="de">{ombudsstelle.name}</strong>
          </p>
          {description ? <p>{description.i18nKey ? t(description.i18nKey, { defaultValue: description.de ?? "" }) : <span lang="de">{description.de}</span>}</p> : null}
          <p>{t("info.independent", { jobcenter })}</p>
          {ombudsstelle.planned ? (
            <div className="notice">
              <p>{t("info.planned")}</p>
            </div>
          ) : null}
          {ombudsstelle.email || ombudsstelle.phone || address || ombudsstelle.website ? (
            <>
              <h3>{t("info.contactHeading")}</h3>
              <dl className="summary-list">
                {ombudsstelle.email ? (
                  <div className="summary-list__row">
                    <dt>{t("info.email")}</dt>
                    <dd>
                      <a href={`mailto:${ombudsstelle.email}`} dir="ltr">
                        {ombudsstelle.email}
                      </a>
                    </dd>
                  </div>
                ) : null}
                {ombudsstelle.phone ? (
                  <div className="summary-list__row">
                    <dt>{t("info.phone")}</dt>
                    <dd>
                      <a href={`tel:${ombudsstelle.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                        {ombudsstelle.phone}
                      </a>
                    </dd>
                  </div>
                ) : null}
                {address ? (
                  <div className="summary-list__row">
                    <dt>{t("info.address")}</dt>
                    <dd lang="de">
                      {[address.building, [address.street, address.houseNumber].filter(Boolean).join(" "), [address.postalCode, address.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}
                    </dd>
                  </div>
                ) : null}
                {ombudsstelle.website ? (
                  <div className="summary-list__row">
                    <dt>{t("info.website")}</dt>
                    <dd>
                      <a href={ombudsstelle.website} dir="ltr">
                        {ombudsstelle.website}
                      </a>
                    </dd>
                  </div>
                ) : null}
              </dl>
            </>
          ) : null}
        </>
      ) : (
        <div className="notice">
          <p>{t("info.none", { jobcenter })}</p>
        </div>
      )}

      {ombudsstelle ? (
        <>
          <h2>{t("info.canHeading")}</h2>
          <Steps keyPath="info.can" />
          <h2>{t("info.cannotHeading")}</h2>
          <Steps keyPath="info.cannot" />
        </>
      ) : null}

      {open ? (
        <section aria-labelledby="write-heading">
          <h2 id="write-heading">{t("info.writeHeading")}</h2>
          <p>{t("info.writeBody")}</p>
          <p>
            <Link to="/ombudsstelle/nachricht" className="button">
              {t("info.writeLink")}
            </Link>
          </p>
          <p>
            <Link to="/ombudsstelle/antworten">{t("info.readLink")}</Link>
          </p>
        </section>
      ) : null}

      <h2>{t("info.otherWaysHeading")}</h2>
      <p>{t("info.otherWaysIntro")}</p>

      <h3>{t("info.complaint.heading")}</h3>
      <p>{t("info.complaint.what")}</p>
      <p>
        {t("info.complaint.termIntro")} <LegalTerm k="kundenreaktionsmanagement" />
      </p>
      <p>
        <strong>{t("info.howHeading")}</strong> {t("info.complaint.how")}
      </p>

      <h3>
        <LegalTerm k="widerspruch" />
      </h3>
      <p>{t("info.widerspruch.what")}</p>
      <p>
        <strong>{t("info.deadlineHeading")}</strong> {t("info.widerspruch.deadline")}
      </p>
      <p>
        <strong>{t("info.howHeading")}</strong> {t("info.widerspruch.how")}
      </p>

      <h3>
        <LegalTerm k="ueberpruefungsantrag" />
      </h3>
      <p>{t("info.ueberpruefung.what")}</p>
      <p>
        <strong>{t("info.howHeading")}</strong> {t("info.ueberpruefung.how")}
      </p>

      <div className="inset">
        <p>{t("info.tip")}</p>
      </div>
    </div>
  );
}
