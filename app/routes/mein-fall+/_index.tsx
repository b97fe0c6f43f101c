import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, LegalTerm } from "~/components/forms";
import { BenefitPeriodSection, LegalText, PlanLabel } from "~/components/cases";
import { formatDate } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./_index.server";

export const meta = pageMeta;

// "Mein Fall": the linked case with its Kooperationsplan (goals, both sides' commitments, the
// tasks with what is due next, the Rechtsfolgenbelehrung) and the read receipt. Not linked yet:
// how to link (activation code, or automatically after an online application).
export { action, loader };

export default function MyCase() {
  const { view, benefitPeriod, today, flash, lng } = useLoaderData<typeof loader>();
  const { t } = useTranslation("case");
  const plan = view?.plan ?? null;
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      {flash === "verbunden" ? (
        <div className="notice notice--success" role="status">
          <p>{t("link.linked")}</p>
        </div>
      ) : null}
      {!view ? (
        <section aria-labelledby="not-linked">
          <h2 id="not-linked">{t("notLinked.heading")}</h2>
          <p>{t("notLinked.body")}</p>
          <p>
            <Link to="/mein-fall/verknuepfen" className="button">
              {t("notLinked.link")}
            </Link>
          </p>
          <p>{t("notLinked.applied")}</p>
        </section>
      ) : (
        <>
          <p>{t("intro")}</p>
          <h2>{t("identifiersHeading")}</h2>
          <dl className="summary-list">
            <dt>
              <LegalTerm k="kundennummer" />
            </dt>
            <dd>{view.kundennummer}</dd>
            <dt>
              <LegalTerm k="bgNummer" />
            </dt>
            <dd>{view.bgNummer}</dd>
          </dl>
          {benefitPeriod ? <BenefitPeriodSection period={benefitPeriod} lng={lng} /> : null}
          <p>
            <Link to="/abwesenheit">{t("absence:title")}</Link>
          </p>
          {!plan ? (
            <p>{t("noPlan")}</p>
          ) : (
            <>
              <h2>
                <PlanLabel label={view.label} />
              </h2>
              <p>{t("plan.version", { version: plan.version, date: formatDate(lng, plan.publishedDay) })}</p>
              {plan.changes && plan.changed && !plan.readAt ? (
                <section className="notice" aria-labelledby="changes">
                  <h3 id="changes">{t("changes.heading")}</h3>
                  <p>{t("changes.intro")}</p>
                  <ul>
                    {(["goalsAdded", "goalsRemoved", "commitmentsAdded", "commitmentsRemoved", "tasksAdded", "tasksRemoved", "tasksChanged"] as const).flatMap((k) =>
                      plan.changes![k].map((text) => (
                        <li key={`${k}-${text}`}>
                          {t(`changes.${k}`)}: <span lang="de">{text}</span>
                        </li>
                      )),
                    )}
                    {plan.changes.rechtsfolgenbelehrungChanged ? <li>{t("changes.rfbChanged")}</li> : null}
                  </ul>
                </section>
              ) : null}
              <h3>{t("plan.goals")}</h3>
              <p className="hint">{t("plan.germanText")}</p>
              <ul lang="de">
                {plan.goals.map((goal) => (
                  <li key={goal}>{goal}</li>
                ))}
              </ul>
              {plan.jobcenterCommitments.length ? (
                <>
                  <h3>{t("plan.jobcenter")}</h3>
                  <ul lang="de">
                    {plan.jobcenterCommitments.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <h3 id="aufgaben">{t("plan.tasks")}</h3>
              <ul className="card-list" aria-labelledby="aufgaben">
                {plan.tasks.map((task) => {
                  const done = task.occurrences.filter((o) => o.status === "done").length;
                  const next = task.next;
                  const target = next ?? task.occurrences[task.occurrences.length - 1];
                  return (
                    <li className="card" key={task.id}>
                      <h4>
                        {target ? (
                          <Link to={`/mein-fall/aufgaben/${target.id}`} lang="de">
                            {task.title}
                          </Link>
                        ) : (
                          <span lang="de">{task.title}</span>
                        )}
                      </h4>
                      <p>
                        {t(`task.kinds.${task.kind}`)}
                        {task.evidenceRequired ? (
                          <>
                            {" · "}
                            <span className="tag">{t("plan.evidenceRequired")}</span>
                          </>
                        ) : null}
                      </p>
                      <p>
                        {!next ? (
                          <span className="tag tag--done">{t("plan.statusDone")}</span>
                        ) : next.dueDate && next.dueDate < today ? (
                          <strong>{t("plan.overdue", { date: formatDate(lng, next.dueDate) })}</strong>
                        ) : next.dueDate ? (
                          t("plan.nextDue", { date: formatDate(lng, next.dueDate) })
                        ) : (
                          t("plan.noDate")
                        )}
                      </p>
                      {task.occurrences.length > 1 ? <p>{t("plan.progress", { done, total: task.occurrences.length })}</p> : null}
                    </li>
                  );
                })}
              </ul>
              <h3>
                <LegalTerm k="rechtsfolgenbelehrung" />
              </h3>
              <LegalText german={plan.rechtsfolgenbelehrung} explanation={plan.rechtsfolgenbelehrungExplanations?.[lng] ?? t("legal.rfbPlain")} />
              <section aria-labelledby="gelesen" className="notice">
                <h3 id="gelesen">{t("read.heading")}</h3>
                {plan.readDay ? (
                  <p role={flash === "gelesen" ? "status" : undefined}>
                    {flash === "gelesen" ? `${t("read.thanks")} ` : null}
                    {t("read.confirmed", { date: formatDate(lng, plan.readDay) })}
                  </p>
                ) : (
                  <>
                    <p>{t("read.body")}</p>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="version" value={plan.version} />
                      <button type="submit" className="button">
                        {t("read.button")}
                      </button>
                    </Form>
                  </>
                )}
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
