import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { INTERPRETER_LANGUAGES } from "~/domain/appointments/details-form";
import { ACCESSIBILITY_NEEDS, TEXT_LIMITS } from "~/domain/appointments/rules";
import { GERMAN_TYPE_NAMES, typeKey } from "~/domain/appointments/types";
import { formatDate, formatDateTime, formatTime } from "~/lib/format";
import { htmlLangOf, isLanguage, LANGUAGE_NAMES, type Language } from "~/domain/languages";
import type { AppointmentView } from "~/features/appointments/index.server";
import { errorText, fieldId, type FieldError as FieldErrorValue, type FieldErrors } from "./forms";
import { useRootData } from "./layout";
import { Ltr } from "./bidi";

// Building blocks of the appointment pages: the type's name with its German term, the summary
// of one appointment, the booking details (channel, interpreter, support), the Standort's
// travel notes. Dates and times always in Europe/Berlin, formatted for the page's language.

export function useLng(): Language {
  return useRootData()?.lng ?? "de";
}

/** "Hand in your application (Antragsabgabe)": the German word as it appears on letters. */
export function TypeName({ type }: { type: string }) {
  const { t } = useTranslation("appointments");
  const lng = useLng();
  const name = t(typeKey(type));
  const german = GERMAN_TYPE_NAMES[type];
  if (!german || lng === "de" || lng === "ls" || german === name) return <>{name}</>;
  return (
    <span className="legal-term">
      {name} (<Ltr lang="de">{german}</Ltr>)
    </span>
  );
}

/** A time range "08:30–09:00" in the page's language; isolated so it reads right in RTL. */
export function TimeRange({ start, end }: { start: string; end: string }) {
  const lng = useLng();
  return (
    <bdi>
      {formatTime(lng, start)}–{formatTime(lng, end)}
    </bdi>
  );
}

export function WhenText({ start, end }: { start: string; end: string }) {
  const lng = useLng();
  return (
    <>
      <time dateTime={start}>{formatDate(lng, start)}</time>, <TimeRange start={start} end={end} />
    </>
  );
}

export function StepCaption({ step }: { step: number }) {
  const { t } = useTranslation("appointments");
  return (
    <p className="caption">
      {t("caption")} – {t("step", { step })}
    </p>
  );
}

function interpreterText(view: Pick<AppointmentView, "interpreterLanguage" | "interpreterOther">): ReactNode {
  if (!view.interpreterLanguage) return null;
  if (view.interpreterLanguage === "other") return view.interpreterOther;
  return isLanguage(view.interpreterLanguage) ? <span lang={htmlLangOf(view.interpreterLanguage)}>{LANGUAGE_NAMES[view.interpreterLanguage]}</span> : view.interpreterLanguage;
}

/** What, where, when, how, number; and what the person asked for. */
export function AppointmentSummary({ view, showNeeds = true }: { view: AppointmentView; showNeeds?: boolean }) {
  const { t } = useTranslation("appointments");
  const interpreter = interpreterText(view);
  const needs = [...view.accessibilityNeeds.filter((n) => n !== "other").map((n) => t(`confirm.needs.${n}`)), ...(view.accessibilityOther ? [view.accessibilityOther] : [])];
  return (
    <dl className="summary-list appointment-summary">
      <div className="summary-list__row">
        <dt>{t("confirm.what")}</dt>
        <dd>
          <TypeName type={view.type} />
          {view.durationMinutes ? <div className="hint">{t("duration", { minutes: view.durationMinutes })}</div> : null}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t("confirm.when")}</dt>
        <dd>
          <strong>
            <WhenText start={view.start} end={view.end} />
          </strong>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t("confirm.where")}</dt>
        <dd>
          <Link to={`/standorte/${view.standortId}`} lang="de">
            {view.standortName}
          </Link>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t("detail.channel")}</dt>
        <dd>{t(`channels.${view.channel}`)}</dd>
      </div>
      {view.phone ? (
        <div className="summary-list__row">
          <dt>{t("detail.phone")}</dt>
          <dd>
            <bdi dir="ltr">{view.phone}</bdi>
          </dd>
        </div>
      ) : null}
      {view.status !== "held" ? (
        <div className="summary-list__row">
          <dt>{t("detail.reference")}</dt>
          <dd>
            <bdi dir="ltr" className="reference">
              {view.reference}
            </bdi>
          </dd>
        </div>
      ) : null}
      {showNeeds && view.status !== "held" && view.status !== "proposed" ? (
        <>
          <div className="summary-list__row">
            <dt>{t("detail.interpreter")}</dt>
            <dd>{interpreter ?? t("detail.none")}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t("detail.accessibility")}</dt>
            <dd>{needs.length ? needs.join("; ") : t("detail.none")}</dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}

/** One line in the appointment lists: date and time, type, Standort, link to the details. */
export function AppointmentCard({ view, href, linkText }: { view: AppointmentView; href: string; linkText: string }) {
  const { t } = useTranslation("appointments");
  const lng = useLng();
  return (
    <li className="appointment-card">
      <p className="appointment-card__when">
        <time dateTime={view.start}>{formatDateTime(lng, view.start)}</time>
      </p>
      <p>
        <TypeName type={view.type} /> {t("list.at", { standort: view.standortName })}
      </p>
      <p>
        <Link to={href}>
          {linkText}
          <span className="visually-hidden">
            {" "}
            – {formatDateTime(lng, view.start)}, {view.reference}
          </span>
        </Link>
      </p>
    </li>
  );
}

interface DetailsValues {
  channel?: string;
  phone?: string;
  interpreter?: string;
  interpreterLanguage?: string;
  interpreterOther?: string;
  needs?: string[];
  accessibilityOther?: string;
}

function FieldError({ name, error }: { name: string; error?: FieldErrorValue }) {
  const { t } = useTranslation("appointments");
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId(name)}-error`}>
      <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
      {errorText(t, error)}
    </p>
  );
}

/** How the meeting takes place, an interpreter, and support at the appointment. */
export function BookingDetailsFields({ channels, errors, values }: { channels: readonly string[]; errors?: FieldErrors; values?: DetailsValues }) {
  const { t } = useTranslation("appointments");
  const v = values ?? {};
  const channel = v.channel ?? "in-person";
  const interpreter = v.interpreter ?? "no";
  const needs = new Set(v.needs ?? []);
  // The page language preselects the interpreter language (Arabic page → Arabic); German and
  // Leichte Sprache preselect none. What the person chose before always wins.
  const lng = useLng();
  const preselected = (INTERPRETER_LANGUAGES as readonly string[]).includes(lng) ? lng : "";
  return (
    <>
      {channels.length > 1 ? (
        <div className={`form-group${errors?.channel ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" id={fieldId("channel")} tabIndex={-1} aria-describedby={errors?.channel ? `${fieldId("channel")}-error` : undefined}>
            <legend className="legend">{t("confirm.channelLegend")}</legend>
            <FieldError name="channel" error={errors?.channel} />
            <div className="choices">
              {channels.map((c, i) => {
                const id = i === 0 ? `${fieldId("channel")}-first` : `${fieldId("channel")}-${c}`;
                return (
                  <div className="choice" key={c}>
                    <input className="choice__input" type="radio" id={id} name="channel" value={c} defaultChecked={channel === c} aria-describedby={`${id}-hint`} />
                    <label className="choice__label" htmlFor={id}>
                      {t(`channels.${c}`)}
                    </label>
                    <div className="hint choice__hint" id={`${id}-hint`}>
                      {t(`channelHints.${c}`)}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
      ) : null}
      {channels.includes("phone") ? (
        <div className={`form-group${errors?.phone ? " form-group--error" : ""}`}>
          <label className="label" htmlFor={fieldId("phone")}>
            {t("confirm.phoneLabel")} <span className="hint-inline">{t("common:form.optional")}</span>
          </label>
          <div className="hint" id={`${fieldId("phone")}-hint`}>
            {t("confirm.phoneHint")}
          </div>
          <FieldError name="phone" error={errors?.phone} />
          <input
            className="input input--medium"
            id={fieldId("phone")}
            name="phone"
            type="tel"
            autoComplete="tel"
            dir="ltr"
            maxLength={TEXT_LIMITS.phone}
            defaultValue={v.phone}
            aria-invalid={errors?.phone ? true : undefined}
            aria-describedby={[`${fieldId("phone")}-hint`, errors?.phone ? `${fieldId("phone")}-error` : ""].filter(Boolean).join(" ")}
          />
        </div>
      ) : null}
      <div className={`form-group${errors?.interpreter || errors?.interpreterLanguage || errors?.interpreterOther ? " form-group--error" : ""}`}>
        <fieldset className="fieldset" id={fieldId("interpreter")} tabIndex={-1} aria-describedby={`${fieldId("interpreter")}-hint`}>
          <legend className="legend">{t("confirm.interpreterLegend")}</legend>
          <div className="hint" id={`${fieldId("interpreter")}-hint`}>
            {t("confirm.interpreterHint")}
          </div>
          <FieldError name="interpreter" error={errors?.interpreter} />
          <div className="choices">
            <div className="choice">
              <input className="choice__input" type="radio" id={`${fieldId("interpreter")}-first`} name="interpreter" value="no" defaultChecked={interpreter !== "yes"} />
              <label className="choice__label" htmlFor={`${fieldId("interpreter")}-first`}>
                {t("confirm.interpreterNo")}
              </label>
            </div>
            <div className="choice">
              <input className="choice__input" type="radio" id={`${fieldId("interpreter")}-yes`} name="interpreter" value="yes" defaultChecked={interpreter === "yes"} />
              <label className="choice__label" htmlFor={`${fieldId("interpreter")}-yes`}>
                {t("confirm.interpreterYes")}
              </label>
            </div>
          </div>
          <div className="conditional">
            <div className={`form-group${errors?.interpreterLanguage ? " form-group--error" : ""}`}>
              <label className="label" htmlFor={fieldId("interpreterLanguage")}>
                {t("confirm.interpreterLanguage")}
              </label>
              <FieldError name="interpreterLanguage" error={errors?.interpreterLanguage} />
              <select
                className="input input--medium"
                id={fieldId("interpreterLanguage")}
                name="interpreterLanguage"
                defaultValue={v.interpreterLanguage ?? preselected}
                aria-invalid={errors?.interpreterLanguage ? true : undefined}
                aria-describedby={errors?.interpreterLanguage ? `${fieldId("interpreterLanguage")}-error` : undefined}
              >
                <option value="">–</option>
                {INTERPRETER_LANGUAGES.map((l) =>
                  l === "other" ? (
                    <option key={l} value={l}>
                      {t("confirm.interpreterOther")}
                    </option>
                  ) : (
                    <option key={l} value={l} lang={htmlLangOf(l)}>
                      {LANGUAGE_NAMES[l]}
                    </option>
                  ),
                )}
              </select>
            </div>
            <div className={`form-group${errors?.interpreterOther ? " form-group--error" : ""}`}>
              <label className="label" htmlFor={fieldId("interpreterOther")}>
                {t("confirm.interpreterOtherLabel")} <span className="hint-inline">{t("common:form.optional")}</span>
              </label>
              <FieldError name="interpreterOther" error={errors?.interpreterOther} />
              <input
                className="input input--medium"
                id={fieldId("interpreterOther")}
                name="interpreterOther"
                type="text"
                maxLength={TEXT_LIMITS.interpreterOther}
                defaultValue={v.interpreterOther}
                aria-invalid={errors?.interpreterOther ? true : undefined}
                aria-describedby={errors?.interpreterOther ? `${fieldId("interpreterOther")}-error` : undefined}
              />
            </div>
          </div>
        </fieldset>
      </div>
      <div className={`form-group${errors?.accessibilityOther ? " form-group--error" : ""}`}>
        <fieldset className="fieldset" id={fieldId("needs")} tabIndex={-1} aria-describedby={`${fieldId("needs")}-hint`}>
          <legend className="legend">{t("confirm.accessibilityLegend")}</legend>
          <div className="hint" id={`${fieldId("needs")}-hint`}>
            {t("confirm.accessibilityHint")}
          </div>
          <div className="choices">
            {ACCESSIBILITY_NEEDS.map((need, i) => {
              const id = i === 0 ? `${fieldId("needs")}-first` : `${fieldId("needs")}-${need}`;
              return (
                <div className="choice" key={need}>
                  <input className="choice__input" type="checkbox" id={id} name="needs" value={need} defaultChecked={needs.has(need)} />
                  <label className="choice__label" htmlFor={id}>
                    {t(`confirm.needs.${need}`)}
                  </label>
                </div>
              );
            })}
          </div>
          <div className="conditional">
            <label className="label" htmlFor={fieldId("accessibilityOther")}>
              {t("confirm.accessibilityOtherLabel")} <span className="hint-inline">{t("common:form.optional")}</span>
            </label>
            <FieldError name="accessibilityOther" error={errors?.accessibilityOther} />
            <textarea
              className="input input--full"
              id={fieldId("accessibilityOther")}
              name="accessibilityOther"
              rows={3}
              maxLength={TEXT_LIMITS.accessibilityOther}
              defaultValue={v.accessibilityOther}
              aria-invalid={errors?.accessibilityOther ? true : undefined}
              aria-describedby={errors?.accessibilityOther ? `${fieldId("accessibilityOther")}-error` : undefined}
            />
          </div>
        </fieldset>
      </div>
    </>
  );
}

export interface TravelInfo {
  transit?: { asOf: string; entries: Array<{ area: string; lines: string[]; mode: "bus" | "rail" }> } | null;
  stepFreeAccess: boolean | null;
  /** The Standort's phone, else the Träger's general one: how to reach a person. */
  phone?: string | null;
}

/** Bus and rail lines to the Standort and whether it has step-free access. */
export function TravelNotes({ travel }: { travel: TravelInfo }) {
  const { t } = useTranslation(["appointments", "standorte"]);
  const lng = useLng();
  return (
    <>
      {travel.transit ? (
        <>
          <p>{t("standorte:transitIntro")}</p>
          <ul className="travel-list">
            {travel.transit.entries.map((entry) => (
              <li key={`${entry.area}-${entry.lines.join()}`}>
                <span lang="de">{entry.area.split("/").join(" / ")}</span>: {entry.mode === "rail" ? t("standorte:transitRail") : t("standorte:transitBus")}{" "}
                <bdi dir="ltr">{entry.lines.join(", ")}</bdi>
              </li>
            ))}
          </ul>
          <p className="hint">{t("standorte:transitAsOf", { date: formatDate(lng, travel.transit.asOf) })}</p>
        </>
      ) : null}
      <p>{travel.stepFreeAccess === true ? t("standorte:stepFree") : travel.stepFreeAccess === false ? t("standorte:notStepFree") : t("standorte:stepFreeUnknown")}</p>
      {travel.phone ? (
        <p>
          {t("standorte:phone")}:{" "}
          <a href={`tel:${travel.phone.replace(/[^\d+]/g, "")}`} dir="ltr">
            {travel.phone}
          </a>
        </p>
      ) : null}
    </>
  );
}
