// The answers as rows (label key + value) per section: one source for the check-answers page
// and the German PDF, so both always show the same. Labels are keys of the "application"
// namespace; values are typed so each medium formats them (dates, euros, yes/no).
import { formatIban } from "./iban";
import { APPLICANT_ID, INCOME_KINDS, personIds, type ApplicationData, type Section } from "./model";

export type SummaryValue =
  | { kind: "text"; text: string }
  | { kind: "date"; iso: string }
  | { kind: "money"; amount: number }
  | { kind: "yesno"; value: boolean }
  | { kind: "key"; key: string };

export interface SummaryRow {
  label: string;
  /** Interpolation values of the label (e.g. a name). */
  params?: Record<string, string>;
  value: SummaryValue;
}

export interface SummaryGroup {
  section: Section;
  /** A sub-heading (a member's name), if any. */
  heading?: string;
  /** The page to change these answers: a path below /antrag/<id>/. */
  change: string;
  rows: SummaryRow[];
}

const text = (t: string | null | undefined): SummaryValue => ({ kind: "text", text: t ?? "" });

export function personName(data: ApplicationData, id: string): string {
  if (id === APPLICANT_ID) return data.personal ? `${data.personal.firstName} ${data.personal.lastName}` : "";
  const m = data.household?.members.find((x) => x.id === id);
  return m ? `${m.firstName ?? ""} ${m.lastName ?? ""}`.trim() : "";
}

export function summaryGroups(data: ApplicationData): SummaryGroup[] {
  const groups: SummaryGroup[] = [];
  const p = data.personal;
  if (p) {
    groups.push({
      section: "personal",
      change: "person",
      rows: [
        { label: "fields.firstName", value: text(p.firstName) },
        { label: "fields.lastName", value: text(p.lastName) },
        { label: "fields.birthDate", value: { kind: "date", iso: p.birthDate } },
        { label: "fields.nationality", value: text(p.nationality) },
        { label: "fields.street", value: text(p.street) },
        { label: "fields.postalCode", value: text(p.postalCode) },
        { label: "fields.municipality", value: text(p.municipality) },
        ...(p.phone ? [{ label: "fields.phone", value: text(p.phone) }] : []),
        { label: "fields.priorBenefits", value: { kind: "yesno", value: p.priorBenefits } },
      ],
    });
  }
  for (const m of data.household?.members ?? []) {
    groups.push({
      section: "household",
      heading: personName(data, m.id),
      change: `haushalt/${m.id}`,
      rows: [
        { label: "fields.relationship", value: { kind: "key", key: `member.relationships.${m.relationship}` } },
        { label: "fields.firstName", value: text(m.firstName) },
        { label: "fields.lastName", value: text(m.lastName) },
        ...(m.birthDate ? [{ label: "fields.birthDate", value: { kind: "date", iso: m.birthDate } as SummaryValue }] : []),
        ...(typeof m.priorBenefits === "boolean" ? [{ label: "fields.priorBenefits", value: { kind: "yesno", value: m.priorBenefits } as SummaryValue }] : []),
      ],
    });
  }
  const h = data.housing;
  if (h) {
    const rows: SummaryRow[] = [{ label: "housing.kind", value: { kind: "key", key: `housing.kinds.${h.kind}` } }];
    for (const field of ["coldRent", "utilities", "heating"] as const) {
      const amount = h[field];
      if (amount !== null) rows.push({ label: `housing.${field}`, value: { kind: "money", amount } });
    }
    if (h.size !== null) rows.push({ label: "housing.size", value: text(String(h.size)) });
    groups.push({ section: "housing", change: "wohnung", rows });
  }
  for (const id of personIds(data)) {
    const income = data.income?.[id];
    if (!income) continue;
    const rows: SummaryRow[] = income.hasIncome
      ? INCOME_KINDS.filter((k) => income.amounts[k] !== undefined).map((k) => ({ label: `income.kinds.${k}`, value: { kind: "money", amount: income.amounts[k]! } as SummaryValue }))
      : [{ label: "income.hasIncome", value: { kind: "key", key: "income.none" } }];
    groups.push({ section: "income", heading: personName(data, id), change: `einkommen/${id}`, rows });
  }
  if (data.bank) {
    groups.push({
      section: "bank",
      change: "konto",
      rows: [
        { label: "bank.accountHolder", value: text(data.bank.accountHolder) },
        { label: "bank.iban", value: text(formatIban(data.bank.iban)) },
      ],
    });
  }
  return groups;
}
