// Which documents the Jobcenter will most likely ask for, derived from the pre-check answers
// (rules.md § 8 "Checklist by situation"). The application's full checklist builds on this.
import type { EligibilityMember } from "../eligibility";
import type { PrecheckDraft } from "./draft";

export type DocumentKey =
  | "identity"
  | "residence-title"
  | "lease"
  | "utility-statement"
  | "bank-statements"
  | "health-insurance"
  | "payslips"
  | "self-employment"
  | "benefit-notices"
  | "kindergeld-notice"
  | "maintenance-proof"
  | "birth-certificate"
  | "mutterpass"
  | "disability-proof"
  | "medical-certificate"
  | "school-certificate"
  | "asset-statements";

export interface ExpectedDocument {
  key: DocumentKey;
  /** Members it concerns (ids); empty = the household. */
  memberIds: string[];
}

function add(list: Map<DocumentKey, Set<string>>, key: DocumentKey, memberId?: string) {
  const set = list.get(key) ?? new Set<string>();
  if (memberId) set.add(memberId);
  list.set(key, set);
}

function income(member: EligibilityMember) {
  return member.income ?? {};
}

export function expectedDocuments(draft: PrecheckDraft): ExpectedDocument[] {
  const list = new Map<DocumentKey, Set<string>>();
  add(list, "lease");
  add(list, "utility-statement");
  add(list, "bank-statements");
  for (const member of draft.members) {
    const i = income(member);
    if (member.age >= 15) {
      add(list, "identity", member.id);
      add(list, "health-insurance", member.id);
    } else add(list, "birth-certificate", member.id);
    if (member.residence && member.residence !== "german") add(list, "residence-title", member.id);
    if (i.employmentGross || i.employmentNet) add(list, "payslips", member.id);
    if (i.selfEmploymentProfit) add(list, "self-employment", member.id);
    if (i.unemploymentBenefit || i.pension || i.parentalAllowance) add(list, "benefit-notices", member.id);
    if (i.childBenefit) add(list, "kindergeld-notice", member.id);
    if (i.maintenance || i.maintenanceAdvance) add(list, "maintenance-proof", member.id);
    if (member.pregnancyWeek) add(list, "mutterpass", member.id);
    if (member.disabilityWorkParticipation) add(list, "disability-proof", member.id);
    if (member.medicalDiet && member.medicalDiet !== "none") add(list, "medical-certificate", member.id);
    if (member.education && member.education !== "none") add(list, "school-certificate", member.id);
  }
  if ((draft.assets ?? 0) > 0) add(list, "asset-statements");
  return [...list].map(([key, ids]) => ({ key, memberIds: [...ids] }));
}
