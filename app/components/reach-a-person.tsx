import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReachContact } from "~/features/application/index.server";
import { StandortContactList } from "./standort-details";

/**
 * "Questions? How to reach a person" on the Antrag pages (issue 12 item 11, decision 036): her
 * Standort's address, phone and e-mail (the same list as the Standort page), else the Träger's
 * general contact and the way to find her Standort. Reads `contact` from the page's loader data
 * (every Antrag loader adds `applicationContact(application)`); renders nothing without it.
 */
export function ReachAPerson() {
  const data = useLoaderData<{ contact?: ReachContact }>();
  const { t } = useTranslation(["application", "common"]);
  const contact = data?.contact;
  if (!contact) return null;
  const labels = { address: t("reachPerson.address"), phone: t("reachPerson.phone"), email: t("reachPerson.email") };
  const { standort } = contact;
  const phone = standort?.phone ?? contact.centralPhone;
  return (
    <aside className="reach-person" aria-labelledby="reach-person-title">
      <h2 id="reach-person-title" className="reach-person__title">
        {t("reachPerson.title")}
      </h2>
      {standort ? (
        <>
          <p>
            {t("reachPerson.yourStandort")}{" "}
            <Link to={`/standorte/${standort.id}`} lang="de">
              <bdi>{standort.name}</bdi>
            </Link>
          </p>
          <StandortContactList address={standort.address} phone={phone} email={standort.email} labels={labels} />
          {!phone ? <p>{standort.address ? t("reachPerson.noPhoneGoThere") : t("reachPerson.noPhone")}</p> : null}
        </>
      ) : (
        <>
          <p>{t("reachPerson.noStandortYet")}</p>
          {phone || contact.centralEmail ? <StandortContactList address={null} phone={phone} email={contact.centralEmail} labels={labels} /> : null}
          <p>
            <Link to="/standort-finden">{t("reachPerson.findStandort")}</Link>
          </p>
        </>
      )}
    </aside>
  );
}
