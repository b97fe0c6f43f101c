import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Checkbox, CsrfInput, ErrorSummary, SelectField, TextArea, TextField } from "~/components/forms";
import { StaffBar, StaffTable } from "~/components/staff";
import { formatDate, formatDateTime } from "~/lib/format";
import { pageMeta } from "~/lib/meta";
import { action, loader } from "./faelle.$caseId._index.server";

export const meta = pageMeta;

const TASK_KINDS = ["applications", "measure", "appointment", "document", "other"] as const;

// One case (role Integration): the plan's state (tasks, evidence, help requests, read receipt)
// and the form that publishes a new version, prefilled with the current one.
export { action, loader };

export default function StaffCase() {
  const { staff, view, linked, published, form, templates } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation(["backoffice", "common"]);
  const plan = view.plan;
  // After a refused submit, what was typed; otherwise the current version.
  const typed = answer?.values;
  const value = (name: string, fallback: string) => (typed ? (typed[name] ?? "") : fallback);
  // Each summary entry names its task ("Aufgabe 2 „Bewerbungen“ – Rechtsfolgen …") and links to the field.
  const summaryLabels: Record<string, string> = {};
  for (const name of Object.keys(answer?.errors ?? {})) {
    const match = /^task(\d+)\.(due|count|legal)$/.exec(name);
    if (!match) continue;
    const title = typed?.[`task${match[1]}.title`]?.trim();
    const task = t("cases.form.task", { n: Number(match[1]) + 1 });
    summaryLabels[name] = `${title ? `${task} „${title}“` : task} – ${t(`cases.form.${match[2]}`)}`;
  }
  for (const name of ["goals", "rechtsfolgenbelehrung"]) summaryLabels[name] = t(`cases.form.${name}`);
  return (
    <div className="page">
      <StaffBar staff={staff} />
      <ErrorSummary errors={answer?.errors} ns="backoffice" labels={summaryLabels} />
      {published && !answer ? (
        <div className="notice" role="status">
          <p>{t("cases.form.published", { version: published })}</p>
        </div>
      ) : null}
      <Link to="/backoffice/faelle" className="back-link">
        {t("cases.case.back")}
      </Link>
      <h1>
        {t("cases.case.title", {
          kundennummer: view.kundennummer,
          bgNummer: view.bgNummer,
        })}
      </h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("cases.case.linked")}</dt>
          <dd>{linked ? t("cases.search.linked") : t("cases.search.notLinked")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{view.label}</dt>
          <dd>
            {plan ? (
              <>
                {t("cases.case.version", {
                  version: plan.version,
                  date: formatDateTime("de", plan.publishedAt),
                })}
                <br />
                {plan.readAt
                  ? t("cases.case.read", {
                      date: formatDateTime("de", plan.readAt),
                    })
                  : t("cases.case.unread")}
              </>
            ) : (
              t("cases.case.noPlan", { label: view.label })
            )}
          </dd>
        </div>
      </dl>

      {plan && plan.tasks.length ? (
        <StaffTable id="tasks" caption={t("cases.case.tasksCaption")} columns={[t("cases.case.task"), t("cases.case.due"), t("cases.case.status"), t("cases.case.evidence"), t("cases.case.help")]}>
          {plan.tasks.flatMap((task) =>
            task.occurrences.map((o) => (
              <tr key={o.id}>
                <td>{task.title}</td>
                <td>{o.dueDate ? formatDate("de", o.dueDate, "medium") : t("cases.case.noDue")}</td>
                <td>
                  {o.status === "done" && o.completedAt
                    ? t("cases.case.done", {
                        date: formatDateTime("de", o.completedAt),
                      })
                    : t("cases.case.open")}
                </td>
                <td>
                  {o.evidence.length ? (
                    <ul className="staff-list">
                      {o.evidence.map((e) => (
                        <li key={e.id}>
                          <a href={`/backoffice/faelle/${view.caseId}/nachweise/${e.id}`} download>
                            <bdi>{e.filename}</bdi>
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("cases.case.none")
                  )}
                </td>
                <td>
                  {o.helpRequests.length ? (
                    <ul className="staff-list">
                      {o.helpRequests.map((h) => (
                        <li key={h.id}>
                          <bdi>{h.message}</bdi> ({formatDateTime("de", h.createdAt)})
                        </li>
                      ))}
                    </ul>
                  ) : (
                    t("cases.case.none")
                  )}
                </td>
              </tr>
            )),
          )}
        </StaffTable>
      ) : null}

      <h2>{t("cases.form.title")}</h2>
      <p>{t("cases.form.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="taskCount" value={form.slots} />
        <TextArea name="goals" rows={4} label={t("cases.form.goals")} defaultValue={value("goals", form.goals)} error={answer?.errors.goals} />
        <TextArea name="commitments" rows={4} label={t("cases.form.commitments")} defaultValue={value("commitments", form.commitments)} />
        <TextArea
          name="rechtsfolgenbelehrung"
          rows={12}
          label={t("cases.form.rechtsfolgenbelehrung")}
          hint={t("cases.form.rechtsfolgenHint")}
          defaultValue={value("rechtsfolgenbelehrung", form.rechtsfolgenbelehrung)}
          error={answer?.errors.rechtsfolgenbelehrung}
        />
        {templates.plan.length ? (
          <div className="form-group">
            <SelectField name="template" label={t("cases.form.template")} options={templates.plan.map((p) => ({ value: p.id, label: p.label }))} />
            <p className="hint">{t("cases.form.templateSource", { source: templates.plan[0].source })}</p>
            <button type="submit" name="intent" value="template" className="button button--secondary" formNoValidate>
              {t("cases.form.templateUse")}
            </button>
          </div>
        ) : null}
        {Array.from({ length: form.slots }, (_, i) => {
          const task = form.tasks[i];
          const f = (name: string) => `task${i}.${name}`;
          return (
            <fieldset className="form-group" key={i}>
              <legend className="label">
                {t("cases.form.task", { n: i + 1 })}
                {task?.title ? <> „{task.title}“</> : null}
              </legend>
              {task ? null : <p className="hint">{t("cases.form.taskHint")}</p>}
              <input type="hidden" name={f("id")} value={task?.id ?? ""} />
              <TextField name={f("title")} label={t("cases.form.taskTitle")} defaultValue={value(f("title"), task?.title ?? "")} />
              <TextArea name={f("description")} rows={2} label={t("cases.form.description")} defaultValue={value(f("description"), task?.description ?? "")} />
              <SelectField
                name={f("kind")}
                label={t("cases.form.kind")}
                defaultValue={value(f("kind"), task?.kind ?? "applications")}
                options={TASK_KINDS.map((kind) => ({
                  value: kind,
                  label: t(`cases.form.kinds.${kind}`),
                }))}
              />
              <TextField name={f("due")} width="short" label={t("cases.form.due")} defaultValue={value(f("due"), task?.due ?? "")} error={answer?.errors[f("due")]} />
              <SelectField
                name={f("repeat")}
                label={t("cases.form.repeat")}
                defaultValue={value(f("repeat"), task?.repeat ?? "")}
                options={[
                  { value: "", label: t("cases.form.repeats.none") },
                  { value: "monthly", label: t("cases.form.repeats.monthly") },
                  { value: "weekly", label: t("cases.form.repeats.weekly") },
                ]}
              />
              <TextField name={f("count")} width="short" inputMode="numeric" label={t("cases.form.count")} defaultValue={value(f("count"), task?.count ?? "")} error={answer?.errors[f("count")]} />
              <Checkbox name={f("evidence")} label={t("cases.form.evidence")} defaultChecked={typed ? typed[f("evidence")] === "1" : (task?.evidence ?? false)} />
              <TextArea
                name={f("legal")}
                rows={3}
                label={t("cases.form.legal")}
                hint={templates.task.length ? t("cases.form.legalHint", { templates: templates.task.map((x) => x.label).join("; ") }) : undefined}
                defaultValue={value(f("legal"), task?.legal ?? form.newTaskLegal)}
                error={answer?.errors[f("legal")]}
              />
            </fieldset>
          );
        })}
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("cases.form.submit")}
        </button>
      </Form>
    </div>
  );
}
