import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "./layout";
import { Ltr } from "./bidi";

// Form building blocks in the GOV.UK pattern: label, hint, error message linked by
// aria-describedby, and an error summary at the top that links to each field.

/** An error is an i18n key, or a key with interpolation values (e.g. minutes to wait). */
export type FieldError = string | { key: string; params?: Record<string, string | number> };
export type FieldErrors = Record<string, FieldError | undefined>;

export function errorText(t: (key: string, params?: Record<string, string | number>) => string, error: FieldError): string {
  return typeof error === "string" ? t(error) : t(error.key, error.params);
}

export function CsrfInput() {
  const token = useRootData()?.csrf ?? "";
  return <input type="hidden" name="_csrf" value={token} />;
}

export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/**
 * Error keys are translated here; `params` may carry interpolation values per field. Each entry
 * names its field (GOV.UK pattern, WCAG 3.3.1): "{label}: {message}", the label from `labels`
 * or else from the namespace's `fields.<name>` key, so "please fill in this field" is never
 * repeated without saying which field.
 */
export function ErrorSummary({ errors, ns = "common", labels }: { errors: FieldErrors | undefined; ns?: string; labels?: Record<string, string> }) {
  const { t, i18n } = useTranslation([ns, "common"]);
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, FieldError] => Boolean(e[1]));
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length, errors]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        {t("common:form.errorSummaryTitle")}
      </h2>
      <ul>
        {entries.map(([name, key]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{summaryEntry(labels?.[name] ?? (i18n.exists(`${ns}:fields.${name}`) ? t(`${ns}:fields.${name}`) : null), errorText(t, key), t)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Label: message", in the page's language (the separator is translated, e.g. "：" or "،"). */
function summaryEntry(label: string | null, message: string, t: (key: string, params?: Record<string, string>) => string): string {
  return label ? t("common:form.errorSummaryEntry", { label, message }) : message;
}

function Describe({ name, hint, error }: { name: string; hint?: ReactNode; error?: FieldError }) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <div className="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId(name)}-error`}>
          <span className="visually-hidden">{t("common:form.errorPrefix")} </span>
          {errorText(t, error)}
        </p>
      ) : null}
    </>
  );
}

function describedBy(name: string, hint?: ReactNode, error?: FieldError): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface TextFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  defaultValue?: string | number | null;
  type?: "text" | "email" | "password" | "number" | "date" | "tel";
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email" | "tel";
  required?: boolean;
  width?: "short" | "medium" | "full";
  suffix?: ReactNode;
  /** Text in a script other than the page's (e.g. German form terms). */
  spellCheck?: boolean;
  min?: number;
  max?: number;
  step?: string;
}

export function TextField(props: TextFieldProps) {
  const { name, label, hint, error, defaultValue, type = "text", width = "full", suffix } = props;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Describe name={name} hint={hint} error={error} />
      <div className="input-wrapper">
        <input
          className={`input input--${width}`}
          id={fieldId(name)}
          name={name}
          type={type}
          defaultValue={defaultValue ?? undefined}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          aria-describedby={describedBy(name, hint, error)}
          aria-invalid={error ? true : undefined}
          aria-required={props.required ? true : undefined}
          spellCheck={props.spellCheck}
          min={props.min}
          max={props.max}
          step={props.step}
        />
        {suffix ? (
          <span className="input-suffix" aria-hidden="true">
            {suffix}
          </span>
        ) : null}
      </div>
    </div>
  );
}

interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export function ChoiceGroup({
  name,
  legend,
  hint,
  error,
  choices,
  defaultValue,
  type = "radio",
  legendAsHeading = false,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  choices: Choice[];
  defaultValue?: string | string[] | null;
  type?: "radio" | "checkbox";
  legendAsHeading?: boolean;
}) {
  const selected = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(name, hint, error)} id={fieldId(name)} tabIndex={-1}>
        <legend className={legendAsHeading ? "legend legend--heading" : "legend"}>{legendAsHeading ? <h1>{legend}</h1> : legend}</legend>
        <Describe name={name} hint={hint} error={error} />
        <div className="choices">
          {choices.map((choice, index) => {
            const id = index === 0 ? `${fieldId(name)}-first` : `${fieldId(name)}-${choice.value}`;
            return (
              <div className="choice" key={choice.value}>
                <input
                  className="choice__input"
                  id={id}
                  name={name}
                  type={type}
                  value={choice.value}
                  defaultChecked={selected.has(choice.value)}
                  aria-describedby={choice.hint ? `${id}-hint` : undefined}
                />
                <label className="choice__label" htmlFor={id}>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div className="hint choice__hint" id={`${id}-hint`}>
                    {choice.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkbox({ name, label, hint, error, defaultChecked }: { name: string; label: ReactNode; hint?: ReactNode; error?: FieldError; defaultChecked?: boolean }) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <Describe name={name} error={error} />
      <div className="choice">
        <input className="choice__input" type="checkbox" id={fieldId(name)} name={name} value="1" defaultChecked={defaultChecked} aria-describedby={describedBy(name, hint, error)} />
        <label className="choice__label" htmlFor={fieldId(name)}>
          {label}
        </label>
        {hint ? (
          <div className="hint choice__hint" id={`${fieldId(name)}-hint`}>
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * A German legal term as the person will meet it on paper, with its translation beside it:
 * "benefit household (Bedarfsgemeinschaft)". Terms live in common.json under terms.<key>.
 */
export function LegalTerm({ k }: { k: string }) {
  const { t } = useTranslation("common");
  const lng = useRootData()?.lng ?? "de";
  const german = t(`terms.${k}.de`);
  if (lng === "de" || lng === "ls") return <span lang="de">{german}</span>;
  return (
    <span className="legal-term">
      {t(`terms.${k}.name`)} (<Ltr lang="de">{german}</Ltr>)
    </span>
  );
}

/** A labelled drop-down list; `id` when the same name appears twice on a page. */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  error,
  width = "medium",
  id,
}: {
  name: string;
  label: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  defaultValue?: string;
  error?: FieldError;
  width?: "medium" | "full";
  id?: string;
}) {
  const fieldName = id ?? name;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={fieldId(fieldName)}>
        {label}
      </label>
      <Describe name={fieldName} error={error} />
      <select
        className={`input input--${width}`}
        id={fieldId(fieldName)}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy(fieldName, undefined, error)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextArea({
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 6,
  maxLength,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  defaultValue?: string;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={fieldId(name)}>
        {label}
      </label>
      <Describe name={name} hint={hint} error={error} />
      <textarea
        className="input input--full"
        id={fieldId(name)}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={defaultValue}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** "Too many attempts: wait N minutes" above a form, announced like the error summary; nothing when not limited. */
export function RateLimitedNotice({ minutes }: { minutes: number | null | undefined }) {
  const { t } = useTranslation("common");
  if (!minutes) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">{t("common:errorPage.tooMany.title")}</h2>
      <p>{t("common:errors.rateLimited", { minutes })}</p>
    </div>
  );
}
