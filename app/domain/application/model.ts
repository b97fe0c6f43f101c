// The online application (Hauptantrag and the first Anlagen) as data, its task-list sections
// and their status, and what is derived from the answers (U25 and § 15a flags, the Anlage per
// member, the responsible Standort). Pure TypeScript: no I/O, no framework.
import { findStandortForMunicipality } from "../traeger/lookup";
import type { TraegerConfig } from "../traeger/schema";
import { ageOn } from "./dates";
import { ageBand } from "../eligibility/assets";
import { hasAgeBands, parametersFor } from "../eligibility/parameters";
import type { DeclarationRecord } from "./declaration";

export const APPLICATION_SCHEMA_VERSION = 1;

/** The applicant is always member "p1"; further members get "p2", "p3" … */
export const APPLICANT_ID = "p1";
export const MAX_MEMBERS = 12;

/**
 * Verhältnis zur antragstellenden Person, as precise as § 7 Abs. 3 and § 9 Abs. 5 SGB II need it
 * (decision 043): spouse (Ehegatte), registered partner (eingetragene Lebenspartnerschaft),
 * unmarried partner (Verantwortungs- und Einstehensgemeinschaft, Anlage VE), own, step or foster
 * child, parent, another relative or in-law (Haushaltsgemeinschaft, Anlage HG), someone not
 * related (Wohngemeinschaft: neither Bedarfs- nor Haushaltsgemeinschaft).
 */
export const RELATIONSHIPS = ["spouse", "registeredPartner", "unmarriedPartner", "child", "stepChild", "fosterChild", "parent", "relative", "unrelated"] as const;
/** The codes of drafts and applications before 2026-12 (and of members taken over from the pre-check): to be refined. */
export const LEGACY_RELATIONSHIPS = ["partner", "other"] as const;
export type CurrentRelationship = (typeof RELATIONSHIPS)[number];
export type Relationship = CurrentRelationship | (typeof LEGACY_RELATIONSHIPS)[number];
export const PARTNER_RELATIONSHIPS: readonly Relationship[] = ["spouse", "registeredPartner", "unmarriedPartner", "partner"];
export const isPartner = (r: Relationship) => PARTNER_RELATIONSHIPS.includes(r);
export const isCurrentRelationship = (r: string): r is CurrentRelationship => (RELATIONSHIPS as readonly string[]).includes(r);

// Angaben zu jeder Person (Hauptantrag Abschnitt 1, Anlage WEP/KI): codes of the closed questions.

/** Geschlecht as the form asks it; "diverse" and "unspecified" as § 22 Abs. 3 PStG allows (divers, ohne Angabe). */
export const SEXES = ["female", "male", "diverse", "unspecified"] as const;
export type Sex = (typeof SEXES)[number];

/** Familienstand: ledig, verheiratet, eingetragene Lebenspartnerschaft, dauernd getrennt lebend, geschieden, verwitwet, Lebenspartnerschaft aufgehoben, Lebenspartner/in verstorben. */
export const FAMILY_STATUSES = ["single", "married", "registeredPartnership", "separated", "divorced", "widowed", "partnershipDissolved", "partnerDeceased"] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

/**
 * Aufenthaltsdokument of a person without German nationality (§ 7 Abs. 1 S. 2 SGB II decides
 * with it): Aufenthaltserlaubnis (Aufenthaltstitel), Niederlassungserlaubnis, Erlaubnis zum
 * Daueraufenthalt-EU, Aufenthaltserlaubnis zum vorübergehenden Schutz (§ 24 AufenthG),
 * Aufenthaltsgestattung, Duldung, Fiktionsbescheinigung, Freizügigkeit (EU/EWR/Schweiz), none.
 */
export const RESIDENCE_DOCUMENTS = [
  "residencePermit",
  "settlementPermit",
  "euLongTermResidence",
  "temporaryProtection",
  "asylumPermission",
  "toleration",
  "fictionCertificate",
  "euFreedomOfMovement",
  "none",
] as const;
export type ResidenceDocument = (typeof RESIDENCE_DOCUMENTS)[number];
/** Documents with a "gültig bis" date; the others are unlimited (or have none). */
export const TIME_LIMITED_DOCUMENTS: readonly ResidenceDocument[] = ["residencePermit", "temporaryProtection", "asylumPermission", "toleration", "fictionCertificate"];

/** Merkzeichen im Schwerbehindertenausweis (§ 3 SchwbAwV). */
export const DISABILITY_MARKS = ["G", "aG", "H", "Bl", "Gl", "TBl", "B", "RF"] as const;
export type DisabilityMark = (typeof DISABILITY_MARKS)[number];

/**
 * Angaben zu einer Person (one page per person): what the Hauptantrag (Abschnitt 1) and the
 * Anlagen WEP and KI ask of everyone. null where the question does not apply to the person
 * (never "no"): Familienstand from 18, work from 15, residence only without German nationality.
 */
export interface PersonDetails {
  sex: Sex;
  /** Geburtsname, when it differs from the family name; null: the same. */
  birthName: string | null;
  birthPlace: string;
  birthCountry: string;
  /** Further members only (the applicant's is on the personal page): German name and Destatis key. */
  nationality?: string;
  nationalityKey?: string | null;
  /** azrNumber: Nummer im Ausländerzentralregister (12 digits) if she knows it; null: not given. */
  residence: { document: ResidenceDocument; validUntil: string | null; entryDate: string; azrNumber?: string | null } | null;
  familyStatus: { status: FamilyStatus; since: string | null } | null;
  /** Erwerbsfähig: can work at least three hours a day (§ 8 SGB II); null under 15. */
  ableToWork: boolean | null;
  /** Currently arbeitsunfähig (sick note); null under 15. */
  incapacity: boolean | null;
  /** A Grad der Behinderung is recognised (Schwerbehindertenausweis or Feststellungsbescheid). */
  disability: { gdb: number; marks: DisabilityMark[] } | null;
  disabilityRecognised: boolean;
  /** Lives in (or expects to stay over six months in) a stationäre Einrichtung (§ 7 Abs. 4 SGB II). */
  institution: boolean;
}

export const HOUSING_KINDS = ["rent", "own", "free"] as const;
export type HousingKind = (typeof HOUSING_KINDS)[number];

export const INCOME_KINDS = ["employment", "selfEmployment", "unemploymentBenefit", "pension", "childBenefit", "maintenance", "other"] as const;
export type IncomeKind = (typeof INCOME_KINDS)[number];

export interface PersonalData {
  firstName: string;
  lastName: string;
  birthDate: string;
  /** The German name ("syrisch"); older drafts may hold free text as typed. */
  nationality: string;
  /** Staatsangehörigkeitsschlüssel (Destatis) from the list; absent in drafts saved before the list. */
  nationalityKey?: string | null;
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

// The Anlagen only some households need (VM, UH, SV, MEB, EKS, VE, HG). The circumstances page asks
// what the existing answers cannot tell; the sections follow from both (see applicableSections).

/** What the person ticked on the circumstances page ("none" is stored as an empty list). */
export const CIRCUMSTANCES = ["assets", "insurance", "pregnancy", "disability", "diet", "hotWater", "separated", "unmarriedPartner"] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];

export interface CircumstancesData {
  items: Circumstance[];
}

/** Anlage VM: what the household owns, in euros (market value); the Jobcenter decides what counts. */
export interface AssetsData {
  /** Accounts, cash, savings, building savings (Bausparen). */
  savings: number | null;
  /** Shares, funds, bonds. */
  securities: number | null;
  /** Life or pension insurance (surrender value). */
  insurance: number | null;
  /** Cars and other vehicles. */
  vehicles: number | null;
  /** Houses, flats, land. */
  property: number | null;
  /** The property is lived in by the household (left out during the Karenzzeit). */
  ownHome: boolean;
  /** Valuables and anything else. */
  other: number | null;
}

export const HEALTH_INSURANCE_KINDS = ["statutory", "private", "none"] as const;
export type HealthInsuranceKind = (typeof HEALTH_INSURANCE_KINDS)[number];

/** Anlage SV, per person of 15 and over. */
export interface InsuranceData {
  kind: HealthInsuranceKind;
  /** Name of the Krankenkasse or insurer (null when not insured). */
  insurer: string | null;
  /** Rentenversicherungsnummer, normalised, or null when the person has none or does not know it. */
  rvnr: string | null;
}

/** Anlage UH: maintenance for the household. */
export interface MaintenanceData {
  /** Receives maintenance (Unterhalt) from someone outside the household; monthly amount. */
  received: number | null;
  /** Pays maintenance to someone outside the household; monthly amount. */
  paid: number | null;
  /** A Unterhaltstitel (court order, Jugendamtsurkunde) exists. */
  title: boolean;
}

/** Anlage MEB / Mehrbedarfe of the Hauptantrag; only the parts the gates asked for are set. */
export interface ExtraNeedsData {
  pregnancy?: { memberId: string; dueDate: string };
  singleParent?: { soleCare: boolean };
  disability?: { memberId: string; measure: string };
  diet?: { memberId: string; illness: string };
  hotWater?: { device: string };
}

/**
 * Anlage VE (§ 7 Abs. 3 Nr. 3c, Abs. 3a SGB II): the criteria of the presumption of a
 * Verantwortungs- und Einstehensgemeinschaft. The portal collects them; the Jobcenter decides.
 */
export interface PartnershipData {
  /** Living together for more than one year (Abs. 3a Nr. 1). */
  overOneYear: boolean;
  /** A joint child lives in the household (Nr. 2). */
  jointChild: boolean;
  /** Looking after children or relatives in the household (Nr. 3). */
  caring: boolean;
  /** Able to dispose of each other's income or assets (Nr. 4). */
  sharedMoney: boolean;
}

/** Anlage HG (§ 9 Abs. 5 SGB II, simplified): relatives in the household outside the Bedarfsgemeinschaft. */
export interface RelativesData {
  /** They support the household with money or in kind; monthly value, null: no support. */
  support: number | null;
  /** Their own net income together per month; null: not known. */
  income: number | null;
}

/** Anlage EKS (simplified): the expected monthly average for the next 6 months, per self-employed person. */
export interface SelfEmploymentData {
  business: string;
  revenue: number;
  expenses: number;
}

export interface ApplicationData {
  v: 1;
  personal?: PersonalData;
  household?: HouseholdData;
  housing?: HousingData;
  /** Per member id (the applicant is "p1"). */
  income?: Record<string, IncomeData>;
  bank?: BankData;
  circumstances?: CircumstancesData;
  assets?: AssetsData;
  maintenance?: MaintenanceData;
  /** Per person of 15 and over. */
  insurance?: Record<string, InsuranceData>;
  extraNeeds?: ExtraNeedsData;
  /** Per self-employed person. */
  selfEmployment?: Record<string, SelfEmploymentData>;
  partnership?: PartnershipData;
  relatives?: RelativesData;
  /** Angaben zu jeder Person, per member id (decision 043); absent in drafts before 2026-12. */
  persons?: Record<string, PersonDetails>;
  /** The declaration as confirmed at submission (version, time, person); absent in drafts and before 2026-12. */
  declaration?: DeclarationRecord;
  /**
   * What the pre-check suggested for sections she has not answered yet (decision 037): shown
   * pre-filled and marked "from your pre-check — please check"; gone once she saves the page
   * (pruneSuggestions) and at submission. Never an answer of its own.
   */
  precheck?: PrecheckSuggestions;
}

export interface PrecheckSuggestions {
  /** The applicant's age in the pre-check (a hint until the birth date is entered). */
  applicantAge?: number;
  housing?: { kind: HousingKind | null; coldRent: number | null; heating: number | null };
  /** Per member id of the application. */
  income?: Record<string, IncomeData>;
}

export function emptyApplicationData(): ApplicationData {
  return { v: 1 };
}

// ---------------------------------------------------------------------------------------------
// Sections (the task list)

export const SECTIONS = [
  "personal",
  "household",
  "persons",
  "housing",
  "income",
  "circumstances",
  "selfEmployment",
  "assets",
  "maintenance",
  "partnership",
  "relatives",
  "insurance",
  "extraNeeds",
  "bank",
] as const;
export type Section = (typeof SECTIONS)[number];
/** The sections that only some answers require. */
export const CONDITIONAL_SECTIONS = ["selfEmployment", "assets", "maintenance", "partnership", "relatives", "insurance", "extraNeeds"] as const satisfies readonly Section[];
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
      // A member of an older draft ("partner", "other") is asked the precise relationship again.
      return household.confirmed && household.members.every((m) => isMemberComplete(m) && isCurrentRelationship(m.relationship)) ? "done" : "in-progress";
    }
    case "persons": {
      const ids = detailPersons(data);
      const answered = ids.filter((id) => data.persons?.[id]);
      if (answered.length === 0) return "not-started";
      return ids.length > 0 && ids.every((id) => detailsComplete(data, id)) ? "done" : "in-progress";
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
    case "circumstances":
      return data.circumstances ? "done" : "not-started";
    case "assets":
      return data.assets ? "done" : "not-started";
    case "maintenance":
      return data.maintenance ? "done" : "not-started";
    case "partnership":
      return data.partnership ? "done" : "not-started";
    case "relatives":
      return data.relatives ? "done" : "not-started";
    case "extraNeeds":
      return data.extraNeeds && extraNeedsComplete(data) ? "done" : data.extraNeeds ? "in-progress" : "not-started";
    case "insurance":
      return perPersonStatus(insuredPersons(data), data.insurance);
    case "selfEmployment":
      return perPersonStatus(selfEmployedPersons(data), data.selfEmployment);
  }
}

function perPersonStatus(ids: string[], answers: Record<string, unknown> | undefined): SectionStatus {
  const answered = ids.filter((id) => answers?.[id]);
  if (answered.length === 0) return "not-started";
  return answered.length === ids.length ? "done" : "in-progress";
}

/** The sections of the task list for these answers, in order: the Anlagen only when required. */
export function applicableSections(data: ApplicationData): Section[] {
  const conditional = new Set<Section>(CONDITIONAL_SECTIONS);
  return SECTIONS.filter((s) => !conditional.has(s) || sectionApplies(data, s));
}

export function sectionStatuses(data: ApplicationData): Partial<Record<Section, SectionStatus>> {
  return Object.fromEntries(applicableSections(data).map((s) => [s, sectionStatus(data, s)])) as Partial<Record<Section, SectionStatus>>;
}

export function isComplete(data: ApplicationData): boolean {
  return applicableSections(data).every((s) => sectionStatus(data, s) === "done");
}

// ---------------------------------------------------------------------------------------------
// Gates: which Anlagen the answers require

const ticked = (data: ApplicationData, c: Circumstance) => data.circumstances?.items.includes(c) ?? false;

/** Members with a birth date (complete or not) and the applicant, with their age on `on`. */
function peopleWithAge(data: ApplicationData, on: string): Array<{ id: string; age: number; relationship: Relationship | "applicant" }> {
  const out: Array<{ id: string; age: number; relationship: Relationship | "applicant" }> = [];
  if (data.personal) out.push({ id: APPLICANT_ID, age: ageOn(data.personal.birthDate, on), relationship: "applicant" });
  for (const m of data.household?.members ?? []) if (m.birthDate) out.push({ id: m.id, age: ageOn(m.birthDate, on), relationship: m.relationship });
  return out;
}

/** Today as "YYYY-MM-DD" unless given: ages for the gates only need the day roughly. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Single parent (§ 21 Abs. 3 SGB II): a child under 18 in the household and no partner. Then a
 * child has a parent outside the household as well (maintenance, Anlage UH).
 */
export function isSingleParent(data: ApplicationData, on = today()): boolean {
  const members = data.household?.members ?? [];
  if (members.some((m) => isPartner(m.relationship))) return false;
  return peopleWithAge(data, on).some((p) => (p.relationship === "child" || p.relationship === "stepChild") && p.age < 18);
}

/** People whose social insurance is asked (Anlage SV): everyone of 15 and over. */
export function insuredPersons(data: ApplicationData, on = today()): string[] {
  return peopleWithAge(data, on)
    .filter((p) => p.age >= 15)
    .map((p) => p.id);
}

/** People with income from self-employment (Anlage EKS). */
export function selfEmployedPersons(data: ApplicationData): string[] {
  return personIds(data).filter((id) => (data.income?.[id]?.amounts.selfEmployment ?? 0) > 0);
}

/** The Mehrbedarfe the answers point to (each asked on the Mehrbedarfe page). */
export function extraNeedKinds(data: ApplicationData): Array<keyof ExtraNeedsData> {
  const kinds: Array<keyof ExtraNeedsData> = [];
  if (ticked(data, "pregnancy")) kinds.push("pregnancy");
  if (isSingleParent(data)) kinds.push("singleParent");
  if (ticked(data, "disability")) kinds.push("disability");
  if (ticked(data, "diet")) kinds.push("diet");
  if (ticked(data, "hotWater")) kinds.push("hotWater");
  return kinds;
}

/**
 * Anlage VE: a partner lives in the household and the person said they are not married to
 * each other nor in a registered partnership (§ 7 Abs. 3 Nr. 3c SGB II).
 */
export function hasUnmarriedPartner(data: ApplicationData): boolean {
  const members = data.household?.members ?? [];
  if (members.some((m) => m.relationship === "unmarriedPartner")) return true;
  // An older draft: "partner" and the circumstance "not married to each other" ticked.
  return ticked(data, "unmarriedPartner") && members.some((m) => m.relationship === "partner");
}

/** Where a member of the household stands: Bedarfsgemeinschaft, Haushaltsgemeinschaft with relatives, or neither. */
export type HouseholdStatus = "bg" | "hg" | "none";

const MARRIED: readonly FamilyStatus[] = ["married", "registeredPartnership", "separated"];

/**
 * The household status of one member by relationship and age (table in anlagen.test.ts). The
 * portal sorts for the Anlagen; the Jobcenter decides.
 * - Spouse, registered or unmarried partner: BG (§ 7 Abs. 3 Nr. 3 a–c SGB II).
 * - Own or step child (a child of the applicant or of the partner): BG while unmarried and under
 *   25 (§ 7 Abs. 3 Nr. 4); from 25 or married a relative or in-law: HG (§ 9 Abs. 5). Without a
 *   birth date yet, by relationship only (BG).
 * - Foster child: neither. A Pflegekind is not a child in the sense of § 7 Abs. 3 Nr. 4 (its
 *   living is paid under § 39 SGB VIII) nor a relative (§ 9 Abs. 5).
 * - Parent: BG when the applicant is under 25 and unmarried (§ 7 Abs. 3 Nr. 2), else HG.
 * - Another relative or in-law: HG (§ 9 Abs. 5); someone not related (Wohngemeinschaft): neither.
 * - "other" of an older draft: HG, as before the relationships were refined.
 */
export function householdStatusOf(member: { relationship: Relationship; age: number | null; married?: boolean }, applicant: { age: number | null; married?: boolean }): HouseholdStatus {
  switch (member.relationship) {
    case "spouse":
    case "registeredPartner":
    case "unmarriedPartner":
    case "partner":
      return "bg";
    case "child":
    case "stepChild":
      if (member.age === null) return "bg";
      return member.age < 25 && !member.married ? "bg" : "hg";
    case "fosterChild":
    case "unrelated":
      return "none";
    case "parent":
      if (applicant.age === null) return "bg";
      return applicant.age < 25 && !applicant.married ? "bg" : "hg";
    case "relative":
    case "other":
      return "hg";
  }
}

/** Married, in a registered partnership or separated but still married (Familienstand given on the person's page). */
function isMarried(data: ApplicationData, id: string): boolean {
  const status = data.persons?.[id]?.familyStatus?.status;
  return status ? MARRIED.includes(status) : false;
}

/** Each member's household status on `on`. */
export function householdStatuses(data: ApplicationData, on = today()): Map<string, HouseholdStatus> {
  const applicant = { age: data.personal ? ageOn(data.personal.birthDate, on) : null, married: isMarried(data, APPLICANT_ID) };
  return new Map(
    (data.household?.members ?? []).map((m) => [
      m.id,
      householdStatusOf({ relationship: m.relationship, age: m.birthDate ? ageOn(m.birthDate, on) : null, married: isMarried(data, m.id) }, applicant),
    ]),
  );
}

/** Anlage HG (§ 9 Abs. 5 SGB II): members in the household outside the Bedarfsgemeinschaft who are relatives or in-laws. */
export function householdRelatives(data: ApplicationData, on = today()): string[] {
  return [...householdStatuses(data, on)].filter(([, s]) => s === "hg").map(([id]) => id);
}

// ---------------------------------------------------------------------------------------------
// Angaben zu jeder Person

/** Everyone whose details page is asked: the applicant (once her page is saved) and each member with a birth date. */
export function detailPersons(data: ApplicationData): string[] {
  return [...(data.personal ? [APPLICANT_ID] : []), ...(data.household?.members ?? []).filter((m) => m.birthDate).map((m) => m.id)];
}

/** The person's age (null without a birth date yet). */
export function ageOf(data: ApplicationData, id: string, on = today()): number | null {
  const birthDate = id === APPLICANT_ID ? data.personal?.birthDate : data.household?.members.find((m) => m.id === id)?.birthDate;
  return birthDate ? ageOn(birthDate, on) : null;
}

/** The Staatsangehörigkeitsschlüssel of a person (the applicant from her page, a member from the details page); null: not known. */
export function nationalityKeyOf(data: ApplicationData, id: string): string | null {
  if (id === APPLICANT_ID) return data.personal?.nationalityKey ?? null;
  return data.persons?.[id]?.nationalityKey ?? null;
}

export const GERMAN_NATIONALITY_KEY = "000";

/** Which questions of the details page apply to this person. */
export function detailQuestions(age: number, nationalityKey: string | null) {
  return { familyStatus: age >= 18, work: age >= 15, residence: nationalityKey !== GERMAN_NATIONALITY_KEY };
}

/** Every question that applies is answered (after a later change of the birth date or nationality, too). */
export function detailsComplete(data: ApplicationData, id: string): boolean {
  const d = data.persons?.[id];
  const age = ageOf(data, id);
  if (!d || age === null) return false;
  const key = id === APPLICANT_ID ? nationalityKeyOf(data, id) : (d.nationalityKey ?? null);
  if (id !== APPLICANT_ID && !d.nationality) return false;
  const q = detailQuestions(age, key);
  return (!q.familyStatus || d.familyStatus !== null) && (!q.work || (d.ableToWork !== null && d.incapacity !== null)) && (!q.residence || d.residence !== null);
}

function extraNeedsComplete(data: ApplicationData): boolean {
  return extraNeedKinds(data).every((k) => data.extraNeeds?.[k] !== undefined);
}

export function sectionApplies(data: ApplicationData, section: Section): boolean {
  switch (section) {
    case "selfEmployment":
      return selfEmployedPersons(data).length > 0;
    case "assets":
      return ticked(data, "assets");
    case "maintenance":
      return ticked(data, "separated") || isSingleParent(data) || ["separated", "divorced"].includes(data.persons?.[APPLICANT_ID]?.familyStatus?.status ?? "");
    case "partnership":
      return hasUnmarriedPartner(data);
    case "relatives":
      return householdRelatives(data).length > 0;
    case "insurance":
      return ticked(data, "insurance") && insuredPersons(data).length > 0;
    case "extraNeeds":
      return extraNeedKinds(data).length > 0;
    default:
      return true;
  }
}

/**
 * Vermögen in the Karenzzeit (§ 12 Abs. 4 SGB II, first 12 months): only "erhebliches" Vermögen
 * counts, above 40,000 € for the first person and 15,000 € for each further one. The portal only
 * names the figure in the gate question; the Jobcenter decides.
 */
export function karenzzeitAssetLimit(persons: number): number {
  return 40_000 + 15_000 * Math.max(0, persons - 1);
}

/**
 * The asset figure the gate question names for an Antrag with this Antragsdatum (decision 032):
 * before 2026-07-01 the Karenzzeit allowance (`karenzzeitAssetLimit`); from 2026-07-01 (Neue
 * Grundsicherung, no Karenzzeit for assets) the sum of the per-person allowances by age, a person
 * without a birth date yet with the lowest band (so the question is asked rather than skipped).
 */
export function assetGateLimit(data: ApplicationData, antragsdatum: string): { limit: number; rule: "karenzzeit" | "age-bands" } {
  const lookup = parametersFor(antragsdatum.slice(0, 10));
  const rule = lookup.outOfRange ? null : lookup.parameters.assets;
  if (!rule || !hasAgeBands(rule)) return { limit: karenzzeitAssetLimit(personIds(data).length), rule: "karenzzeit" };
  const ages = new Map(peopleWithAge(data, antragsdatum.slice(0, 10)).map((p) => [p.id, p.age]));
  let limit = 0;
  for (const id of personIds(data)) {
    const age = ages.get(id);
    limit += age === undefined ? rule.ageBands[0].allowance : ageBand(rule, age).band.allowance;
  }
  return { limit, rule: "age-bands" };
}

/** The first of `ids` not answered yet in `answers` (else the first). */
export function nextUnanswered(ids: readonly string[], answers: Record<string, unknown> | undefined): string {
  return ids.find((id) => !answers?.[id]) ?? ids[0] ?? APPLICANT_ID;
}

/** The page of each section below /antrag/<id>/. */
export function sectionPaths(data: ApplicationData): Record<Section, string> {
  return {
    personal: "person",
    household: "haushalt",
    persons: `angaben/${detailPersons(data).find((id) => !detailsComplete(data, id)) ?? APPLICANT_ID}`,
    housing: "wohnung",
    income: `einkommen/${nextIncomePerson(data)}`,
    circumstances: "lage",
    selfEmployment: `selbststaendig/${nextUnanswered(selfEmployedPersons(data), data.selfEmployment)}`,
    assets: "vermoegen",
    maintenance: "unterhalt",
    partnership: "partnerschaft",
    relatives: "haushaltsgemeinschaft",
    insurance: `sozialversicherung/${nextUnanswered(insuredPersons(data), data.insurance)}`,
    extraNeeds: "mehrbedarf",
    bank: "konto",
  };
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
  const next: ApplicationData = { ...data, household: { ...data.household, members: data.household.members.filter((m) => m.id !== id) }, income };
  if (data.insurance) {
    next.insurance = { ...data.insurance };
    delete next.insurance[id];
  }
  if (data.selfEmployment) {
    next.selfEmployment = { ...data.selfEmployment };
    delete next.selfEmployment[id];
  }
  if (data.persons) {
    next.persons = { ...data.persons };
    delete next.persons[id];
  }
  return next;
}

/**
 * The pre-check's roles (partner, child, parent, other) as relationships: it does not ask whether
 * a partner is married nor how "other" is related, so those stay the older codes and the Antrag
 * asks again (the member page).
 */
function relationshipFromPrecheck(role: string): Relationship {
  return role === "partner" || role === "child" || role === "parent" ? role : "other";
}

/** Pre-check members as they come from the pre-check draft (role and age only). */
export interface PrecheckMemberLike {
  id: string;
  role: string;
  age: number;
}

/** A pre-check as carried into the Antrag: members with role, age and monthly income fields, and the housing costs. */
export interface PrecheckCarry {
  members: ReadonlyArray<PrecheckMemberLike & { income?: Partial<Record<string, number>> }>;
  /** Ids of the members whose income page was answered in the pre-check. */
  complete: readonly string[];
  /** grossColdRent is the pre-check's "rent with Nebenkosten, without heating". */
  housing?: { grossColdRent?: number; heating?: number };
}

/** The pre-check's income fields as the Antrag's income kinds (net pay; Elterngeld counts as "other"). */
const PRECHECK_INCOME: ReadonlyArray<[string, IncomeKind]> = [
  ["employmentNet", "employment"],
  ["selfEmploymentProfit", "selfEmployment"],
  ["unemploymentBenefit", "unemploymentBenefit"],
  ["pension", "pension"],
  ["childBenefit", "childBenefit"],
  ["maintenance", "maintenance"],
  ["maintenanceAdvance", "maintenance"],
  ["parentalAllowance", "other"],
  ["other", "other"],
];

function incomeFromPrecheck(income: Partial<Record<string, number>> | undefined): IncomeData {
  const amounts: Partial<Record<IncomeKind, number>> = {};
  for (const [field, kind] of PRECHECK_INCOME) {
    const value = income?.[field];
    if (typeof value === "number" && value > 0) amounts[kind] = Math.round(((amounts[kind] ?? 0) + value) * 100) / 100;
  }
  return { hasIncome: Object.keys(amounts).length > 0, amounts };
}

/**
 * Carries a pre-check into a draft (decision 037). Only what she has not answered herself: the
 * household members when the list is still empty (as stubs with their pre-check age), and
 * suggestions for housing and each person's income that the pages show pre-filled and marked.
 * Taking the same pre-check over twice changes nothing.
 */
export function carryPrecheck(data: ApplicationData, precheck: PrecheckCarry): ApplicationData {
  let next: ApplicationData = data;
  const ids = new Map<string, string>();
  const applicant = precheck.members.find((m) => m.role === "applicant");
  if (applicant) ids.set(applicant.id, APPLICANT_ID);
  if (!data.household?.members.length) {
    for (const m of precheck.members) {
      if (m.role === "applicant") continue;
      if ((next.household?.members.length ?? 0) >= MAX_MEMBERS - 1) break;
      const id = newMemberId(next);
      const relationship = relationshipFromPrecheck(m.role);
      next = upsertMember(next, { id, relationship, precheckAge: m.age });
      ids.set(m.id, id);
    }
  }
  const suggestions: PrecheckSuggestions = { ...(next.precheck ?? {}) };
  if (applicant && !next.personal) suggestions.applicantAge = applicant.age;
  const rent = precheck.housing?.grossColdRent;
  const heating = precheck.housing?.heating;
  if (!next.housing && (typeof rent === "number" || typeof heating === "number")) {
    suggestions.housing = { kind: typeof rent === "number" && rent > 0 ? "rent" : null, coldRent: rent ?? null, heating: heating ?? null };
  }
  for (const m of precheck.members) {
    const id = ids.get(m.id);
    if (!id || next.income?.[id] || !precheck.complete.includes(m.id)) continue;
    suggestions.income = { ...(suggestions.income ?? {}), [id]: incomeFromPrecheck(m.income) };
  }
  return pruneSuggestions({ ...next, precheck: suggestions });
}

/** Drops every suggestion she has answered herself (or whose person is gone); none left, no field. */
export function pruneSuggestions(data: ApplicationData): ApplicationData {
  if (!data.precheck) return data;
  const s: PrecheckSuggestions = { ...data.precheck };
  if (data.personal) delete s.applicantAge;
  if (data.housing) delete s.housing;
  if (s.income) {
    const people = new Set(personIds(data));
    const income = Object.fromEntries(Object.entries(s.income).filter(([id]) => people.has(id) && !data.income?.[id]));
    if (Object.keys(income).length) s.income = income;
    else delete s.income;
  }
  const next = { ...data };
  if (Object.keys(s).length) next.precheck = s;
  else delete next.precheck;
  return next;
}

/** At submission nothing of the pre-check stays beside her answers. */
export function withoutSuggestions(data: ApplicationData): ApplicationData {
  const next = { ...data };
  delete next.precheck;
  return next;
}

/** Members taken over from the pre-check: relationship and age, names and birth dates still to enter. */
export function membersFromPrecheck(data: ApplicationData, precheck: readonly PrecheckMemberLike[]): ApplicationData {
  let next: ApplicationData = { ...data, household: { members: data.household?.members ?? [], confirmed: false } };
  for (const m of precheck) {
    if (m.role === "applicant") continue;
    if ((next.household?.members.length ?? 0) >= MAX_MEMBERS - 1) break;
    const relationship = relationshipFromPrecheck(m.role);
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
  /**
   * The form for this person: the Hauptantrag (HA), Anlage WEP (15+) or Anlage KI (under 15) for
   * the Bedarfsgemeinschaft; Anlage HG for relatives in the household outside it (§ 9 Abs. 5);
   * null for someone in the household who is in neither (foster child, flatmate).
   */
  anlage: "HA" | "WEP" | "KI" | "HG" | null;
  /** Bedarfsgemeinschaft, Haushaltsgemeinschaft (§ 9 Abs. 5) or neither (the applicant: bg). */
  householdStatus: HouseholdStatus;
}

function derive(
  id: string,
  role: DerivedMember["role"],
  person: { firstName: string; lastName: string; birthDate: string; priorBenefits: boolean },
  antragsdatum: string,
  status: HouseholdStatus = "bg",
): DerivedMember {
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
    anlage: role === "applicant" ? "HA" : status === "hg" ? "HG" : status === "none" ? null : age >= 15 ? "WEP" : "KI",
    householdStatus: status,
  };
}

/** Every complete member with the flags the back office needs. */
export function derivedMembers(data: ApplicationData, antragsdatum: string): DerivedMember[] {
  const out: DerivedMember[] = [];
  if (data.personal) out.push(derive(APPLICANT_ID, "applicant", data.personal, antragsdatum));
  const statuses = householdStatuses(data, antragsdatum);
  for (const m of data.household?.members ?? []) if (isMemberComplete(m)) out.push(derive(m.id, m.relationship, m, antragsdatum, statuses.get(m.id)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Residence: inside the Kreis, and the responsible Standort

export type ResidenceResult = { kind: "ok"; municipalityId: string; municipalityName: string; standortId: string } | { kind: "outside" } | { kind: "postal-code-mismatch" };

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
