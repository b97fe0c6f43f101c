import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary } from "./forms";

/** Frame of every pre-check page: caption, back link, error summary, a POST form with CSRF. */
export function PrecheckForm({ backTo, errors, children, submitLabel }: { backTo?: string; errors?: Record<string, string>; children: ReactNode; submitLabel?: string }) {
  const { t } = useTranslation(["precheck", "common"]);
  return (
    <div className="page">
      {backTo ? (
        <Link to={backTo} className="back-link">
          {t("common:form.back")}
        </Link>
      ) : null}
      <p className="caption">{t("precheck:caption")}</p>
      <ErrorSummary errors={errors} ns="precheck" />
      <Form method="post" noValidate>
        <CsrfInput />
        {children}
        <button type="submit" className="button">
          {submitLabel ?? t("common:form.continue")}
        </button>
      </Form>
    </div>
  );
}

export type ActionErrors = { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
