import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LegalTerm } from "~/components/forms";
import { getTraeger } from "~/config/traeger";
import { ombudsChannelOpen } from "~/domain/ombuds/rules";
import { pageMeta } from "~/lib/meta";
import { pageI18n } from "~/platform/http/page.server";
import { Prose } from "~/components/bidi";

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
      <h1>
        <Prose text={t("info.title")} />
      </h1>
      <p className="lead">
        <Prose text={t("info.lead")} />
      </p>

      <h2>
        <Prose text={t("info.whoHeading")} />
      </h2>
      {ombudsstelle ? (
        <>
          <p>
            <strong lang="de">{ombudsstelle.name}</strong>
          </p>
          {description ? <p>{description.i18nKey ? t(description.i18nKey, { defaultValue: description.de ?? "" }) : <span lang="de">{description.de}</span>}</p> : null}
          <p>{t("info.independent", { jobcenter })}</p>
          {ombudsstelle.planned ? (
            <div className="notice">
              <p>
                <Prose text={t("info.planned")} />
              </p>
            </div>
          ) : null}
          {ombudsstelle.email || ombudsstelle.phone || address || ombudsstelle.website ? (
            <>
              <h3>
                <Prose text={t("info.contactHeading")} />
              </h3>
              <dl className="summary-list">
                {ombudsstelle.email ? (
                  <div className="summary-list__row">
                    <dt>
                      <Prose text={t("info.email")} />
                    </dt>
                    <dd>
                      <a href={`mailto:${ombudsstelle.email}`} dir="ltr">
                        {ombudsstelle.email}
                      </a>
                    </dd>
                  </div>
                ) : null}
                {ombudsstelle.phone ? (
                  <div className="summary-list__row">
                    <dt>
                      <Prose text={t("info.phone")} />
                    </dt>
                    <dd>
                      <a href={`tel:${ombudsstelle.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
                        {ombudsstelle.phone}
                      </a>
                    </dd>
                  </div>
                ) : null}
                {address ? (
                  <div className="summary-list__row">
                    <dt>
                      <Prose text={t("info.address")} />
                    </dt>
                    <dd lang="de">
                      {[address.building, [address.street, address.houseNumber].filter(Boolean).join(" "), [address.postalCode, address.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}
                    </dd>
                  </div>
                ) : null}
                {ombudsstelle.website ? (
                  <div className="summary-list__row">
                    <dt>
                      <Prose text={t("info.website")} />
                    </dt>
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
          <h2>
            <Prose text={t("info.canHeading")} />
          </h2>
          <Steps keyPath="info.can" />
          <h2>
            <Prose text={t("info.cannotHeading")} />
          </h2>
          <Steps keyPath="info.cannot" />
        </>
      ) : null}

      {open ? (
        <section aria-labelledby="write-heading">
          <h2 id="write-heading">
            <Prose text={t("info.writeHeading")} />
          </h2>
          <p>
            <Prose text={t("info.writeBody")} />
          </p>
          <p>
            <Link to="/ombudsstelle/nachricht" className="button">
              <Prose text={t("info.writeLink")} />
            </Link>
          </p>
          <p>
            <Link to="/ombudsstelle/antworten">
              <Prose text={t("info.readLink")} />
            </Link>
          </p>
        </section>
      ) : null}

      <h2>
        <Prose text={t("info.otherWaysHeading")} />
      </h2>
      <p>
        <Prose text={t("info.otherWaysIntro")} />
      </p>

      <h3>
        <Prose text={t("info.complaint.heading")} />
      </h3>
      <p>
        <Prose text={t("info.complaint.what")} />
      </p>
      <p>
        <Prose text={t("info.complaint.termIntro")} /> <LegalTerm k="kundenreaktionsmanagement" />
      </p>
      <p>
        <strong>
          <Prose text={t("info.howHeading")} />
        </strong>{" "}
        <Prose text={t("info.complaint.how")} />
      </p>

      <h3>
        <LegalTerm k="widerspruch" />
      </h3>
      <p>
        <Prose text={t("info.widerspruch.what")} />
      </p>
      <p>
        <strong>
          <Prose text={t("info.deadlineHeading")} />
        </strong>{" "}
        <Prose text={t("info.widerspruch.deadline")} />
      </p>
      <p>
        <strong>
          <Prose text={t("info.howHeading")} />
        </strong>{" "}
        <Prose text={t("info.widerspruch.how")} />
      </p>

      <h3>
        <LegalTerm k="ueberpruefungsantrag" />
      </h3>
      <p>
        <Prose text={t("info.ueberpruefung.what")} />
      </p>
      <p>
        <strong>
          <Prose text={t("info.howHeading")} />
        </strong>{" "}
        <Prose text={t("info.ueberpruefung.how")} />
      </p>

      <div className="inset">
        <p>
          <Prose text={t("info.tip")} />
        </p>
      </div>
    </div>
  );
}
