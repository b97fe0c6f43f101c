import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, ErrorSummary } from "./forms";
import { useRootData } from "./layout";
import { Ltr } from "./bidi";
import { ReachAPerson } from "./reach-a-person";
import { NATIONALITIES } from "~/domain/application/nationalities";
import { htmlLangOf } from "~/domain/languages";

// Building blocks of the online application's pages (issue "Online Antrag").

export type SectionStatus = "not-started" | "in-progress" | "done";

/** Frame of a question page: back to the task list, caption, error summary, a POST form. */
export function ApplicationForm({
  applicationId,
  backTo,
  errors,
  children,
  submitLabel,
}: {
  applicationId: string;
  backTo?: string;
  errors?: Record<string, string>;
  children: ReactNode;
  submitLabel?: string;
}) {
  const { t } = useTranslation(["application", "common"]);
  return (
    <div className="page">
      <Link to={backTo ?? `/antrag/${applicationId}`} className="back-link">
        {t("application:backToTasks")}
      </Link>
      <p className="caption">{t("application:caption")}</p>
      <ErrorSummary errors={errors} ns="application" />
      <Form method="post" noValidate>
        <CsrfInput />
        {children}
        <button type="submit" className="button">
          {submitLabel ?? t("application:save")}
        </button>
      </Form>
      <ReachAPerson />
    </div>
  );
}

/**
 * The wording of the official German form beside the translation (the Sachbearbeitung reads
 * German): the German value of the same key. Nothing extra on German pages.
 */
export function GermanWording({ k }: { k: string }) {
  const { t, i18n } = useTranslation("application");
  const lng = useRootData()?.lng ?? "de";
  if (lng === "de" || lng === "ls") return null;
  const german = i18n.getFixedT("de", "application")(k);
  return (
    <span className="form-term">
      {t("germanForm")} <Ltr lang="de">{german}</Ltr>
    </span>
  );
}

/** A label with the German form wording and the question's help as its hint (see questionHint). */
export function hintWithGerman(k: string, hint?: ReactNode): ReactNode {
  return questionHint(k, hint);
}

/**
 * A question's hint: an optional short hint, the German form wording, and a "Help" disclosure
 * with plain-language help (key `help.<k>`). <details> opens without JavaScript.
 */
export function questionHint(k: string, hint?: ReactNode): ReactNode {
  return (
    <>
      {hint ? <>{hint} </> : null}
      <GermanWording k={k} />
      <QuestionHelp k={k} />
    </>
  );
}

export function QuestionHelp({ k }: { k: string }) {
  const { t } = useTranslation("application");
  return (
    <details className="details question-help">
      <summary>{t("help.summary")}</summary>
      <span className="question-help__text">{t(`help.${k}`)}</span>
    </details>
  );
}

export function StatusTag({ status, id }: { status: SectionStatus; id?: string }) {
  const { t } = useTranslation("application");
  const css = status === "done" ? "tag tag--done" : status === "in-progress" ? "tag tag--progress" : "tag";
  return (
    <strong className={css} id={id}>
      {t(`tasks.status.${status}`)}
    </strong>
  );
}

/** "2001-04-30" → "30.04.2001", as people type it. */
export function germanDate(iso: string | undefined | null): string {
  return iso ? iso.split("-").reverse().join(".") : "";
}

type SummaryValueLike = { kind: "text"; text: string } | { kind: "date"; iso: string } | { kind: "money"; amount: number } | { kind: "yesno"; value: boolean } | { kind: "key"; key: string };

/** One answer, formatted in the page's language (names and addresses keep their script). */
export function AnswerValue({ value, format }: { value: SummaryValueLike; format: { date: (iso: string) => string; euro: (n: number) => string } }) {
  const { t } = useTranslation(["application", "common"]);
  switch (value.kind) {
    case "text":
      return <bdi>{value.text}</bdi>;
    case "date":
      return <>{format.date(value.iso)}</>;
    case "money":
      return <>{format.euro(value.amount)}</>;
    case "yesno":
      return <>{value.value ? t("common:form.yes") : t("common:form.no")}</>;
    case "key":
      return <>{t(value.key)}</>;
  }
}

/** The nationality list in the page's language, sorted by the names she reads; "staatenlos"/"ungeklärt" last. */
export function useNationalityOptions(): Array<{ value: string; label: string }> {
  const { t } = useTranslation("application");
  const lng = useRootData()?.lng ?? "de";
  const regionNames = new Intl.DisplayNames(htmlLangOf(lng), { type: "region" });
  const nameOf = (n: (typeof NATIONALITIES)[number]) => (n.iso ? (regionNames.of(n.iso) ?? n.de) : t(n.key === "997" ? "fields.nationalityStateless" : "fields.nationalityUnclear"));
  const collator = new Intl.Collator(htmlLangOf(lng));
  return [
    { value: "", label: t("fields.nationalityChoose") },
    ...NATIONALITIES.filter((n) => n.iso)
      .map((n) => ({ value: n.key, label: nameOf(n) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    ...NATIONALITIES.filter((n) => !n.iso).map((n) => ({ value: n.key, label: nameOf(n) })),
  ];
}

/** A document of the checklist as the person reads it: its kind and, for one person's document, whose (the account page and the status page). */
export function ChecklistItemName({ category, member }: { category: string; member: string | null }) {
  const { t } = useTranslation("uploads");
  return (
    <>
      {t(`uploads:categories.${category}`)}
      {member ? (
        <>
          {" "}
          (<bdi>{member}</bdi>)
        </>
      ) : null}
    </>
  );
}
