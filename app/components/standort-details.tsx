import { useTranslation } from "react-i18next";
import { addressLine } from "~/lib/address";
import { formatDate, formatList } from "~/lib/format";
import type { PublicStandort } from "~/features/standorte/index.server";
import { useRootData } from "./layout";

/**
 * Address, phone and e-mail of a Standort as a summary list: on the Standort page and in "how to
 * reach a person" on the Antrag pages (components/reach-a-person.tsx). Labels come from the page.
 */
export function StandortContactList({
  address,
  phone,
  email,
  labels,
}: {
  address: string | null;
  phone: string | null;
  email: string | null;
  labels: { address: string; phone: string; email: string };
}) {
  return (
    <dl className="summary-list">
      {address ? (
        <>
          <dt>{labels.address}</dt>
          <dd lang="de">{address}</dd>
        </>
      ) : null}
      {phone ? (
        <>
          <dt>{labels.phone}</dt>
          <dd>
            <a href={`tel:${phone.replace(/[^\d+]/g, "")}`} dir="ltr">
              {phone}
            </a>
          </dd>
        </>
      ) : null}
      {email ? (
        <>
          <dt>{labels.email}</dt>
          <dd>
            <a href={`mailto:${email}`} dir="ltr">
              {email}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** Address, contact, opening hours, municipalities, bus lines and accessibility of one Standort. */
export function StandortDetails({ standort, headingLevel = 2 }: { standort: PublicStandort; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("standorte");
  const lng = useRootData()?.lng ?? "de";
  const H = headingLevel === 2 ? "h2" : "h3";
  const { address, accessibility, transit } = standort;
  // How to reach a person: the Standort's phone, else the Träger's general one.
  const phone = standort.phone ?? standort.traegerPhone;
  const hasContact = Boolean(address || phone || standort.email);
  return (
    <>
      <H>{t("contact")}</H>
      {hasContact ? (
        <StandortContactList address={addressLine(address)} phone={phone} email={standort.email} labels={{ address: t("address"), phone: t("phone"), email: t("email") }} />
      ) : (
        <p>{t("noContactConfigured")}</p>
      )}
      {hasContact && !phone ? <p>{t("noPhoneConfigured")}</p> : null}
      {standort.contactSource ? <p className="hint">{t("contactSource", { url: standort.contactSource.url, date: formatDate(lng, standort.contactSource.asOf) })}</p> : null}
      {standort.openingHours?.length ? (
        <>
          <H>{t("openingHours")}</H>
          <ul>
            {standort.openingHours.map((entry, index) => (
              <li key={index}>
                {formatList(
                  lng,
                  entry.days.map((d) => t(`days.${d}`)),
                )}
                : {t("hoursRange", { opens: entry.opens, closes: entry.closes })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <H>{t("municipalitiesHeading")}</H>
      <ul>
        {standort.municipalities.map((m) => (
          <li key={m} lang="de">
            {m}
          </li>
        ))}
      </ul>
      {transit ? (
        <>
          <H>{t("transitHeading")}</H>
          <table className="table">
            <caption>{t("transitIntro")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("transitArea")}</th>
                <th scope="col">{t("transitLines")}</th>
              </tr>
            </thead>
            <tbody>
              {transit.entries.map((entry) => (
                <tr key={`${entry.area}-${entry.lines.join()}`}>
                  <td lang="de">{entry.area.split("/").join(" / ")}</td>
                  <td>
                    {entry.mode === "rail" ? t("transitRail") : t("transitBus")} <span dir="ltr">{entry.lines.join(", ")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">{t("transitAsOf", { date: formatDate(lng, transit.asOf) })}</p>
        </>
      ) : null}
      <H>{t("accessibilityHeading")}</H>
      <ul>
        <li>{accessibility.stepFreeAccess === true ? t("stepFree") : accessibility.stepFreeAccess === false ? t("notStepFree") : t("stepFreeUnknown")}</li>
        {accessibility.facilities?.infotheke ? <li>{t("infotheke", { count: accessibility.facilities.infotheke })}</li> : null}
        {accessibility.facilities?.waitingAreas ? <li>{t("waitingAreas", { count: accessibility.facilities.waitingAreas })}</li> : null}
        {accessibility.notes?.map((note, i) => (note.i18nKey ? <li key={i}>{t(note.i18nKey)}</li> : null))}
      </ul>
    </>
  );
}
