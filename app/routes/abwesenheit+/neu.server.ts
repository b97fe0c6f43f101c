import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { absenceProblems, DAYS_WITHOUT_REASON_PER_YEAR, type AbsenceInput } from "~/domain/absence/absence";
import { berlinDay, parseDateInput } from "~/domain/application/dates";
import { noticeDays, notesFor, ownAbsences, submitAbsence } from "~/features/absence/index.server";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { readForm } from "~/platform/http/form.server";
import { pageI18n } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";
import { isSubmissionToken, newSubmissionToken } from "~/platform/http/submission-token.server";

// /abwesenheit/neu: one form (dates, where, why, how to be reached). A first send that the
// rules advise against (too short notice, beyond three weeks a year without an important
// reason) shows why and asks once more; it is never refused for that (§ 7b Abs. 3: "in der Regel").

const FIELDS = ["from", "to", "destination", "reason", "reachable"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  if ((await ownAbsences(session.userId)) === null) throw redirect("/abwesenheit");
  return json({ ...(await pageI18n(request, ["absence"], "absence:form.title")), token: newSubmissionToken() }, { headers: privateNoStoreHeaders });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const session = await requireSession(request);
  const values = Object.fromEntries(FIELDS.map((name) => [name, String(form.get(name) ?? "").slice(0, 400)])) as Record<(typeof FIELDS)[number], string>;
  const tokenInput = String(form.get("token") ?? "");
  const token = isSubmissionToken(tokenInput) ? tokenInput : newSubmissionToken();
  const from = parseDateInput(values.from);
  const to = parseDateInput(values.to);
  const reachable = values.reachable.replace(/\r\n/g, "\n").trim();
  const problems = absenceProblems({ from, to, destination: values.destination, reason: values.reason, reachable }, berlinDay());
  if (Object.keys(problems).length) {
    const errors: Partial<Record<(typeof FIELDS)[number], string>> = Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, `absence:errors.${problem}`]));
    return json({ errors, values, token, notes: null }, { status: 400, headers: privateNoStoreHeaders });
  }
  const input = { from: from!, to: to!, destination: values.destination, reason: values.reason, reachable } as AbsenceInput;
  const notes = await notesFor(session.userId, input);
  if ((notes.late || notes.overYearly) && form.get("confirmed") !== "1") {
    return json(
      {
        errors: {} as Partial<Record<(typeof FIELDS)[number], string>>,
        values,
        token,
        notes: { late: notes.late, overYearly: notes.overYearly, usedDays: notes.usedDays, noticeDays: noticeDays(), yearlyDays: DAYS_WITHOUT_REASON_PER_YEAR },
      },
      { headers: privateNoStoreHeaders },
    );
  }
  const result = await submitAbsence(session.userId, input, token);
  if (!result.ok) throw redirect("/abwesenheit");
  return redirect(`/abwesenheit?gesendet=${result.reference}`);
}
