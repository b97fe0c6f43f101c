import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StepCaption, TypeName } from "~/components/appointments";
import { ErrorSummary, fieldId } from "~/components/forms";
import { typeKey } from "~/domain/appointments/types";
import { pageMeta } from "~/lib/meta";
import { appointmentTypes } from "~/features/appointments/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

export const meta = pageMeta;

// Step 1: what the appointment is about. A GET form: the choice travels in the address, so the
// steps work without JavaScript and survive back/forward and reload.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  const params = new URL(request.url).searchParams;
  const missing = params.get("fehler") === "anliegen";
  // Booked from an application (receipt, status page): carried through the steps, checked on holding.
  const application = params.get("antrag");
  return json(
    {
      ...(await pageI18n(request, ["appointments"], "appointments:concern.title")),
      types: appointmentTypes().map((t) => ({ id: t.id, durationMinutes: t.durationMinutes })),
      selected: params.get("anliegen"),
      application: application && /^[0-9a-f-]{36}$/.test(application) ? application : null,
      errors: missing ? { anliegen: "appointments:concern.error" } : undefined,
    },
    { status: missing ? 400 : 200 },
  );
}

export default function ChooseConcern() {
  const { types, selected, errors, application } = useLoaderData<typeof loader>();
  const { t } = useTranslation("appointments");
  const name = "anliegen";
  return (
    <div className="page">
      <Link to="/termine" className="back-link">
        {t("detail.back")}
      </Link>
      <StepCaption step={1} />
      <ErrorSummary errors={errors} ns="appointments" />
      <Form method="get" action="/termine/buchen/standort" noValidate>
        {application ? <input type="hidden" name="antrag" value={application} /> : null}
        <div className={`form-group${errors?.anliegen ? " form-group--error" : ""}`}>
          <fieldset className="fieldset" id={fieldId(name)} tabIndex={-1} aria-describedby={[`${fieldId(name)}-hint`, errors?.anliegen ? `${fieldId(name)}-error` : ""].filter(Boolean).join(" ")}>
            <legend className="legend legend--heading">
              <h1>{t("concern.title")}</h1>
            </legend>
            <div className="hint" id={`${fieldId(name)}-hint`}>
              {t("concern.hint")}
            </div>
            {errors?.anliegen ? (
              <p className="field-error" id={`${fieldId(name)}-error`}>
                <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
                {t(errors.anliegen)}
              </p>
            ) : null}
            <div className="choices">
              {types.map((type, i) => {
                const id = i === 0 ? `${fieldId(name)}-first` : `${fieldId(name)}-${type.id}`;
                return (
                  <div className="choice" key={type.id}>
                    <input className="choice__input" type="radio" id={id} name={name} value={type.id} defaultChecked={selected === type.id} aria-describedby={`${id}-hint`} />
                    <label className="choice__label" htmlFor={id}>
                      <TypeName type={type.id} />
                    </label>
                    <div className="hint choice__hint" id={`${id}-hint`}>
                      {t(typeKey(type.id, "hint"))} {t("duration", { minutes: type.durationMinutes })}
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="button">
          {t("concern.submit")}
        </button>
      </Form>
    </div>
  );
}
