// The online application (Hauptantrag and the first Anlagen) as data, its task-list sections
// and their status, and what is derived from the answers (U25 and § 15a flags, the Anlage per
// member, the responsible Standort). Pure TypeScript: no I/O, no framework.
import { findStandortForMunicipality } from "../traeger/lookup";
import type { TraegerConfig } from "../traeger/schema";
import { ageOn } from "./dates";

export const APPLICATION_SCHEMA_VERSION = 1;

/** The applicant is always member "p1"; further members get "p2", "p3" … */
export const APPLICANT_ID = "p1";
export const MAX_MEMBERS = 12;

export const RELATIONSHIPS = ["partner", "child", "parent", "other"] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const HOUSING_KINDS = ["rent", "own", "free"] as const;
export type HousingKind = (typeof HOUSING_KINDS)[number];

export const INCOME_KINDS = ["employment", "selfEmployment", "unemploymentBenefit", "pension", "childBenefit", "maintenance", "other"] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export interface PersonalData {
  firstName: string;
  lastName: string;
  birthDate: string;
  nationality: string;
  street: string;
  postalCode: string;
  municipality: string;
  phone: string | null;
  /** Received SGB II or SGB III benefits in the last 24 months (for § 15a). */
  priorBenefits: boolean;
}

export interface MemberData {
  firstName: string;
  lastName: string;
  birthDate: string;
  relationship: Relationship;
  priorBenefits: boolean;
}

/** A member as stored: complete once its page was saved; a member taken over from the pre-check is incomplete until then. */
export interface MemberDraft extends Partial<MemberData> {
  id: string;
  relationship: Relationship;
  /** The age given in the pre-check, shown as a hint until the birth date is entered. */
  precheckAge?: number;
}

export interface HouseholdData {
  members: MemberDraft[];
  /** The person said the list is complete. */
  confirmed: boolean;
}

export interface HousingData {
  kind: HousingKind;
  /** Kaltmiete (rent) in euros per month; null when not renting. */
  coldRent: number | null;
  /** Nebenkosten (service charges). */
  utilities: number | null;
  heating: number | null;
  /** Floor space in m², if known. */
  size: number | null;
}

export interface IncomeData {
  hasIncome: boolean;
  /** Monthly amounts in euros, only the kinds the person has. */
  amounts: Partial<Record<IncomeKind, number>>;
}

export interface BankData {
  accountHolder: string;
  /** Normalised (no spaces). */
  iban: string;
}

export interface ApplicationData {
  v: 1;
  personal?: PersonalData;
  household?: HouseholdData;
  housing?: HousingData;
  /** Per member id (the applicant is "p1"). */
  income?: Record<string, IncomeData>;
  bank?: BankData;
}

export function emptyApplicationData(): ApplicationData {
  return { v: 1 };
}

// ---------------------------------------------------------------------------------------------
// Sections (the task list)

export const SECTIONS = ["personal", "household", "housing", "income", "bank"] as const;
export type Section = (typeof SECTIONS)[number];
export type SectionStatus = "not-started" | "in-progress" | "done";

export function isMemberComplete(member: MemberDraft): member is MemberDraft & MemberData {
  return Boolean(member.firstName && member.lastName && member.birthDate && typeof member.priorBenefits === "boolean");
}

/** Everyone whose income is asked: the applicant and each further member. */
export function personIds(data: ApplicationData): string[] {
  return [APPLICANT_ID, ...(data.household?.members ?? []).map((m) => m.id)];
}

export function sectionStatus(data: ApplicationData, section: Section): SectionStatus {
  switch (section) {
    case "personal":
      return data.personal ? "done" : "not-started";
    case "household": {
      const household = data.household;
      if (!household) return "not-started";
      return household.confirmed && household.members.every(isMemberComplete) ? "done" : "in-progress";
    }
    case "housing":
      return data.housing ? "done" : "not-started";
    case "income": {
      const answered = personIds(data).filter((id) => data.income?.[id]);
      if (answered.length === 0) return "not-started";
      return answered.length === personIds(data).length ? "done" : "in-progress";
    }
    case "bank":
      return data.bank ? "done" : "not-started";
  }
}

export function sectionStatuses(data: ApplicationData): Record<Section, SectionStatus> {
  return Object.fromEntries(SECTIONS.map((s) => [s, sectionStatus(data, s)])) as Record<Section, SectionStatus>;
}

export function isComplete(data: ApplicationData): boolean {
  return SECTIONS.every((s) => sectionStatus(data, s) === "done");
}

/** The first person whose income was not answered yet (else the applicant). */
export function nextIncomePerson(data: ApplicationData): string {
  return personIds(data).find((id) => !data.income?.[id]) ?? APPLICANT_ID;
}

// ---------------------------------------------------------------------------------------------
// Household

export function newMemberId(data: ApplicationData): string {
  const taken = new Set(personIds(data));
  let n = 2;
  while (taken.has(`p${n}`)) n += 1;
  return `p${n}`;
}

export function upsertMember(data: ApplicationData, member: MemberDraft): ApplicationData {
  const members = data.household?.members ?? [];
  const exists = members.some((m) => m.id === member.id);
  const next = exists ? members.map((m) => (m.id === member.id ? member : m)) : [...members, member];
  // A change to the list means it has to be confirmed again.
  return { ...data, household: { members: next, confirmed: exists ? (data.household?.confirmed ?? false) : false } };
}

export function removeMember(data: ApplicationData, id: string): ApplicationData {
  if (!data.household) return data;
  const income = { ...(data.income ?? {}) };
  delete income[id];
  return { ...data, household: { ...data.household, members: data.household.members.filter((m) => m.id !== id) }, income };
}

/** Pre-check members as they come from the pre-check draft (role and age only). */
export interface PrecheckMemberLike {
  id: string;
  role: string;
  age: number;
}

/** Members taken over from the pre-check: relationship and age, names and birth dates still to enter. */
export function membersFromPrecheck(data: ApplicationData, precheck: readonly PrecheckMemberLike[]): ApplicationData {
  let next: ApplicationData = { ...data, household: { members: data.household?.members ?? [], confirmed: false } };
  for (const m of precheck) {
    if (m.role === "applicant") continue;
    if ((next.household?.members.length ?? 0) >= MAX_MEMBERS - 1) break;
    const relationship = (RELATIONSHIPS as readonly string[]).includes(m.role) ? (m.role as Relationship) : "other";
    next = upsertMember(next, { id: newMemberId(next), relationship, precheckAge: m.age });
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Derived per member: U25, § 15a, the Anlage

export interface DerivedMember {
  id: string;
  role: "applicant" | Relationship;
  firstName: string;
  lastName: string;
  birthDate: string;
  age: number;
  /** Under 25 on the Antragsdatum. */
  u25: boolean;
  /**
   * § 15a SGB II (Heinsberg intake): of working age (15+) and no SGB II or SGB III benefits in
   * the last 24 months, so the Jobcenter prepares an immediate offer for the first visit.
   */
  paragraph15a: boolean;
  /** The form for this person: the Hauptantrag (HA), Anlage WEP (15+) or Anlage KI (under 15). */
  anlage: "HA" | "WEP" | "KI";
}

function derive(id: string, role: DerivedMember["role"], person: { firstName: string; lastName: string; birthDate: string; priorBenefits: boolean }, antragsdatum: string): DerivedMember {
  const age = ageOn(person.birthDate, antragsdatum);
  return {
    id,
    role,
    firstName: person.firstName,
    lastName: person.lastName,
    birthDate: person.birthDate,
    age,
    u25: age < 25,
    paragraph15a: age >= 15 && !person.priorBenefits,
    anlage: role === "applicant" ? "HA" : age >= 15 ? "WEP" : "KI",
  };
}

/** Every complete member with the flags the back office needs. */
export function derivedMembers(data: ApplicationData, antragsdatum: string): DerivedMember[] {
  const out: DerivedMember[] = [];
  if (data.personal) out.push(derive(APPLICANT_ID, "applicant", data.personal, antragsdatum));
  for (const m of data.household?.members ?? []) if (isMemberComplete(m)) out.push(derive(m.id, m.relationship, m, antragsdatum));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Residence: inside the Kreis, and the responsible Standort

export type ResidenceResult =
  | { kind: "ok"; municipalityId: string; municipalityName: string; standortId: string }
  | { kind: "outside" }
  | { kind: "postal-code-mismatch" };

/**
 * The municipality must be one of the Kreis; the postal code must belong to it (when the
 * configuration knows its postal codes). The municipality's Standort is responsible.
 */
export function residenceOf(traeger: TraegerConfig, postalCode: string, municipality: string): ResidenceResult {
  const byName = findStandortForMunicipality(traeger, municipality);
  if (byName.kind === "found" && byName.matchedBy === "name") {
    const m = byName.municipality;
    if (m.postalCodes.length && !m.postalCodes.includes(postalCode)) return { kind: "postal-code-mismatch" };
    return { kind: "ok", municipalityId: m.id, municipalityName: m.name, standortId: byName.standort.id };
  }
  // A village name (Ortsteil) is not known: the postal code decides, if it is one of the Kreis.
  const byCode = findStandortForMunicipality(traeger, postalCode);
  if (byCode.kind === "found") return { kind: "ok", municipalityId: byCode.municipality.id, municipalityName: byCode.municipality.name, standortId: byCode.standort.id };
  return { kind: "outside" };
}

/** "A-7KQ4-M2XD": the reference number the person and the back office see. */
export function applicationReference(random: (n: number) => number = (n) => Math.floor(Math.random() * n)): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const pick = (count: number) => Array.from({ length: count }, () => alphabet[random(alphabet.length)]).join("");
  return `A-${pick(4)}-${pick(4)}`;
}
