import { useTranslation } from "react-i18next";
import type { EligibilityResponse, ExplanationEntry } from "~/domain/eligibility";
import { formatEuro, joinDetails } from "~/lib/format";
import type { Language } from "~/domain/languages";
import { LegalTerm } from "./forms";

// Entries that reduce the counted income (shown with a minus sign).
const DEDUCTIONS = new Set(["grundfreibetrag", "u25-absetzbetrag", "erwerbstaetigenfreibetrag", "versicherungspauschale"]);
// Facts without an amount of their own.
const NO_AMOUNT = new Set(["reform-pending", "assets-own-home-first-year", "exclusion", "partner-may-apply", "assumption-net-equals-gross", "assumption-gross-equals-net"]);

export interface MemberLabel {
  id: string;
  role: string;
  age: number;
}

export function useMemberName(members: MemberLabel[]) {
  const { t, i18n } = useTranslation("precheck");
  const lng = i18n.language as Language;
  return (id: string | undefined) => {
    const m = members.find((x) => x.id === id);
    if (!m) return "";
    return m.role === "applicant" ? t("household.you") : joinDetails(lng, [t(`roles.${m.role}.label`), t("household.age", { count: m.age })]);
  };
}

function paramsFor(entry: ExplanationEntry, lng: Language, name: (id?: string) => string, t: (k: string) => string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(entry.params ?? {})) {
    if (typeof v === "number" && /rent|heating|need|uncapped|gross|limit|assets|applicantNeed|childBenefit|upperLimit|actualRent|grossColdRent/i.test(k)) out[k] = formatEuro(lng, v);
    else if (k === "fromMemberId") out.from = name(String(v));
    else if (k === "reason") out.reason = t(`exclusions.${String(v)}`);
    else if (k === "diet") out.diet = t(`diets.${String(v)}`);
    else out[k] = typeof v === "boolean" ? String(v) : v;
  }
  return out;
}

export function ExplanationLines({ result, members, lng }: { result: EligibilityResponse; members: MemberLabel[]; lng: Language }) {
  const { t } = useTranslation("eligibility");
  const name = useMemberName(members);
  const byMember = new Map<string, ExplanationEntry[]>();
  const household: ExplanationEntry[] = [];
  for (const entry of result.explanation) {
    if (entry.memberId && !["kindergeld-transfer", "exclusion", "partner-may-apply", "applicant-not-needy"].includes(entry.key)) {
      byMember.set(entry.memberId, [...(byMember.get(entry.memberId) ?? []), entry]);
    } else household.push(entry);
  }
  const line = (entry: ExplanationEntry, index: number) => (
    <tr key={`${entry.key}-${index}`}>
      <th scope="row">{t(`explanation.${entry.key}`, paramsFor(entry, lng, name, t))}</th>
      <td className="num">{NO_AMOUNT.has(entry.key) ? "" : `${DEDUCTIONS.has(entry.key) ? "− " : ""}${formatEuro(lng, entry.amount)}`}</td>
    </tr>
  );
  return (
    <>
      {[...byMember].map(([id, entries]) => (
        <table className="table" key={id}>
          <caption>{name(id)}</caption>
          <tbody>{entries.map(line)}</tbody>
        </table>
      ))}
      <table className="table">
        <caption>{t("result.householdCaption")}</caption>
        <tbody>{household.map(line)}</tbody>
      </table>
    </>
  );
}

export function NeedTable({ result, members, lng }: { result: EligibilityResponse; members: MemberLabel[]; lng: Language }) {
  const { t } = useTranslation(["eligibility", "common"]);
  const name = useMemberName(members);
  // Column names as plain text for data-label: on a phone the table stacks (one block per person,
  // see .table--stack in app.css) and each amount shows its column's name before it.
  const term = (k: string) => (lng === "de" || lng === "ls" ? t(`common:terms.${k}.de`) : `${t(`common:terms.${k}.name`)} (${t(`common:terms.${k}.de`)})`);
  const label = {
    regelbedarf: term("regelbedarf"),
    mehrbedarf: term("mehrbedarf"),
    housing: t("eligibility:result.columns.housing"),
    need: t("eligibility:result.columns.need"),
    income: t("eligibility:result.columns.income"),
  };
  return (
    <div className="table-scroll" role="region" aria-labelledby="need-table-caption" tabIndex={0}>
      <table className="table table--stack">
        <caption id="need-table-caption">{t("eligibility:result.needTableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("eligibility:result.columns.person")}</th>
            <th scope="col" className="num">
              <LegalTerm k="regelbedarf" />
            </th>
            <th scope="col" className="num">
              <LegalTerm k="mehrbedarf" />
            </th>
            <th scope="col" className="num">
              {label.housing}
            </th>
            <th scope="col" className="num">
              {label.need}
            </th>
            <th scope="col" className="num">
              {label.income}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{name(m.id)}</th>
              <td className="num" data-label={label.regelbedarf}>
                {formatEuro(lng, m.regelbedarf + (m.sofortzuschlag ?? 0))}
              </td>
              <td className="num" data-label={label.mehrbedarf}>
                {formatEuro(lng, m.mehrbedarf)}
              </td>
              <td className="num" data-label={label.housing}>
                {formatEuro(lng, m.housing)}
              </td>
              <td className="num" data-label={label.need}>
                {formatEuro(lng, m.need)}
              </td>
              <td className="num" data-label={label.income}>
                {formatEuro(lng, m.countedIncome)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("eligibility:result.columns.total")}</th>
            <td colSpan={3}></td>
            <td className="num" data-label={label.need}>
              {formatEuro(lng, result.totals.need)}
            </td>
            <td className="num" data-label={label.income}>
              {formatEuro(lng, result.totals.countedIncome)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
