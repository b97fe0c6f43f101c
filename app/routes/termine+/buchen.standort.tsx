import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StepCaption, TravelNotes, TypeName, useLng } from "~/components/appointments";
import { ErrorSummary, fieldId } from "~/components/forms";
import { formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { loader } from "./buchen.standort.server";

export const meta = pageMeta;

// Step 2: the Standort. Every customer Standort can be chosen; the one responsible for the
// person's place of residence is suggested (typed here, or the one they used last time).
export { loader };

export default function ChooseStandort() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation(["appointments", "standorte"]);
  const lng = useLng();
  const name = "standort";
  const suggestedName = data.standorte.find((s) => s.id === data.suggestion?.standortId)?.name;
  return (
    <div className="page">
      <Link to={`/termine/buchen?${new URLSearchParams({ anliegen: data.type, ...(data.application ? { antrag: data.application } : {}) })}`} className="back-link">
        {t("common:form.back")}
      </Link>
      <StepCaption step={2} />
      <ErrorSummary errors={data.errors} ns="appointments" />
      <h1>{t("standort.title")}</h1>
      <p>
        <TypeName type={data.type} />
      </p>
      <p>{t("standort.intro")}</p>
      <Form method="get" className="inline-search" noValidate>
        <input type="hidden" name="anliegen" value={data.type} />
        {data.rebook ? <input type="hidden" name="umbuchen" value={data.rebook} /> : null}
        {data.application ? <input type="hidden" name="antrag" value={data.application} /> : null}
        <div className="form-group">
          <label className="label" htmlFor={fieldId("ort")}>
            {t("standort.placeLabel")}
          </label>
          <div className="hint" id={`${fieldId("ort")}-hint`}>
            {t("standort.placeHint", { example: data.example })}
          </div>
          <input
            className="input input--medium"
            id={fieldId("ort")}
            name="ort"
            type="text"
            autoComplete="address-level2"
            defaultValue={data.place}
            aria-describedby={`${fieldId("ort")}-hint`}
            maxLength={100}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("standort.placeSubmit")}
        </button>
      </Form>
      {data.suggestion && suggestedName ? (
        <div className="notice" role="status">
          <p>{t("standort.suggested", { municipality: data.suggestion.municipality, standort: suggestedName })}</p>
        </div>
      ) : null}
      {data.placeUnknown ? (
        <div className="notice" role="status">
          <p>{t("standort.placeUnknown")}</p>
        </div>
      ) : null}
      <Form method="get" action="/termine/buchen/zeit" noValidate className="section">
        <input type="hidden" name="anliegen" value={data.type} />
        {data.rebook ? <input type="hidden" name="umbuchen" value={data.rebook} /> : null}
        {data.application ? <input type="hidden" name="antrag" value={data.application} /> : null}
        <div className={`form-group${data.errors?.standort ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" id={fieldId(name)} tabIndex={-1} aria-describedby={data.errors?.standort ? `${fieldId(name)}-error` : undefined}>
            <legend className="legend">
              <h2 className="legend-heading">{t("standort.legend")}</h2>
            </legend>
            {data.errors?.standort ? (
              <p className="field-error" id={`${fieldId(name)}-error`}>
                <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
                {t(data.errors.standort)}
              </p>
            ) : null}
            <div className="choices">
              {data.standorte.map((s, i) => {
                const id = i === 0 ? `${fieldId(name)}-first` : `${fieldId(name)}-${s.id}`;
                const tag = s.id === data.suggestion?.standortId ? t("standort.suggestedTag") : s.id === data.lastStandortId ? t("standort.lastUsedTag") : null;
                return (
                  <div className="choice choice--card" key={s.id}>
                    <input className="choice__input" type="radio" id={id} name={name} value={s.id} defaultChecked={data.selected === s.id} aria-describedby={`${id}-hint`} />
                    <label className="choice__label" htmlFor={id}>
                      <span lang="de">{s.name}</span>
                      {tag ? <span className="tag"> {tag}</span> : null}
                    </label>
                    <div className="hint choice__hint" id={`${id}-hint`}>
                      <span>{t("standort.serves")}</span> <span lang="de">{s.municipalities.join(", ")}</span>
                      <br />
                      {s.nextFree ? t("standort.nextFree", { date: formatDateTime(lng, s.nextFree) }) : t("standort.noneFree")}
                    </div>
                    <details className="details choice__details">
                      <summary>
                        {t("standort.detailsSummary")}
                        <span className="visually-hidden"> – {s.name}</span>
                      </summary>
                      <TravelNotes travel={s.travel} />
                      <p>
                        <Link to={`/standorte/${s.id}`}>{t("standort.moreAbout", { name: s.name })}</Link>
                      </p>
                    </details>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="button">
          {t("standort.submit")}
        </button>
      </Form>
    </div>
  );
}
