// The pre-check as a sequence of small pages. The draft holds the answers in the shape of the
// eligibility request (contract v1), so the same engine computes the result. Pure TypeScript.
import type { EligibilityIncome, EligibilityMember, EligibilityRequest } from "../eligibility";

export type Concern = "first-application" | "receiving" | "other";

export interface DraftHousing {
  grossColdRent?: number;
  heating?: number;
  hotWater?: "central" | "decentral";
}

export interface PrecheckDraft {
  v: 1;
  concern?: Concern;
  members: EligibilityMember[];
  /** Members whose pages were all answered (person → situation → income). */
  complete: string[];
  housing?: DraftHousing;
  assets?: number;
  firstYearOfReceipt?: boolean;
}

export const MAX_MEMBERS = 12;

export function emptyDraft(): PrecheckDraft {
  return { v: 1, members: [], complete: [] };
}

export function applicantOf(draft: PrecheckDraft): EligibilityMember | undefined {
  return draft.members.find((m) => m.role === "applicant");
}

export function memberById(draft: PrecheckDraft, id: string): EligibilityMember | undefined {
  return draft.members.find((m) => m.id === id);
}

/** Ages at which a person may be erwerbsfähig (§ 7 Abs. 1 Nr. 1 SGB II: from 15). */
export function isWorkingAge(member: Pick<EligibilityMember, "age">): boolean {
  return member.age >= 15;
}

export type SituationQuestion = "workAbility" | "pregnancy" | "education" | "disability" | "diet" | "pension" | "residence" | "inpatient";

/** Only the questions that can matter for this person (one page, asked after role and age). */
export function situationQuestions(member: Pick<EligibilityMember, "age" | "role">): SituationQuestion[] {
  const questions: SituationQuestion[] = [];
  if (isWorkingAge(member)) questions.push("workAbility");
  if (member.age >= 12 && member.age <= 55) questions.push("pregnancy");
  if (member.age >= 15 && member.age < 35) questions.push("education");
  if (isWorkingAge(member)) questions.push("disability");
  questions.push("diet");
  if (member.age >= 55) questions.push("pension");
  if (member.role !== "child" || member.age >= 15) questions.push("residence");
  questions.push("inpatient");
  return questions;
}

export type IncomeField = keyof EligibilityIncome;

/** Income questions that apply to this person. */
export function incomeFields(member: Pick<EligibilityMember, "age" | "role">): IncomeField[] {
  const minor = member.age < 18;
  const fields: IncomeField[] = [];
  if (member.age >= 15) fields.push("employmentGross", "employmentNet");
  if (member.age >= 18) fields.push("selfEmploymentProfit", "unemploymentBenefit", "pension", "parentalAllowance");
  if (member.role === "child" || (member.role === "applicant" && member.age < 25)) fields.push("childBenefit");
  fields.push("maintenance");
  if (minor && member.role === "child") fields.push("maintenanceAdvance");
  fields.push("other");
  return fields;
}

/** Roles that can still be added: one partner, at most two parents (the contract's limits). */
export function addableRoles(draft: PrecheckDraft): Array<"partner" | "child" | "parent" | "other"> {
  const count = (role: string) => draft.members.filter((m) => m.role === role).length;
  const applicant = applicantOf(draft);
  const roles: Array<"partner" | "child" | "parent" | "other"> = [];
  if (count("partner") === 0) roles.push("partner");
  roles.push("child");
  if (applicant && applicant.age < 25 && count("parent") < 2) roles.push("parent");
  roles.push("other");
  return roles;
}

export function newMemberId(draft: PrecheckDraft): string {
  let n = draft.members.length + 1;
  while (draft.members.some((m) => m.id === `p${n}`)) n += 1;
  return `p${n}`;
}

export function upsertMember(draft: PrecheckDraft, member: EligibilityMember): PrecheckDraft {
  const exists = draft.members.some((m) => m.id === member.id);
  return { ...draft, members: exists ? draft.members.map((m) => (m.id === member.id ? member : m)) : [...draft.members, member] };
}

export function removeMember(draft: PrecheckDraft, id: string): PrecheckDraft {
  const member = memberById(draft, id);
  if (!member || member.role === "applicant") return draft;
  return { ...draft, members: draft.members.filter((m) => m.id !== id), complete: draft.complete.filter((c) => c !== id) };
}

export function markComplete(draft: PrecheckDraft, id: string): PrecheckDraft {
  return draft.complete.includes(id) ? draft : { ...draft, complete: [...draft.complete, id] };
}

export type Step = { kind: "concern" } | { kind: "person"; id: string } | { kind: "household" } | { kind: "housing" } | { kind: "assets" } | { kind: "check" };

/** Where a person continues: the first page not yet answered. */
export function nextStep(draft: PrecheckDraft): Step {
  if (draft.concern !== "first-application") return { kind: "concern" };
  const applicant = applicantOf(draft);
  if (!applicant) return { kind: "person", id: "neu" };
  const incomplete = draft.members.find((m) => !draft.complete.includes(m.id));
  if (incomplete) return { kind: "person", id: incomplete.id };
  if (!draft.housing) return { kind: "household" };
  if (draft.assets === undefined || draft.firstYearOfReceipt === undefined) return { kind: "assets" };
  return { kind: "check" };
}

export function isReady(draft: PrecheckDraft): boolean {
  return nextStep(draft).kind === "check";
}

/** The contract request for the engine (and the API). */
export function toEligibilityRequest(draft: PrecheckDraft, date?: string): EligibilityRequest {
  return {
    ...(date ? { date } : {}),
    household: {
      members: draft.members,
      housing: draft.housing ? { grossColdRent: draft.housing.grossColdRent ?? 0, heating: draft.housing.heating ?? 0, hotWater: draft.housing.hotWater ?? "central" } : undefined,
      assets: draft.assets ?? 0,
      firstYearOfReceipt: draft.firstYearOfReceipt ?? true,
    },
  };
}
