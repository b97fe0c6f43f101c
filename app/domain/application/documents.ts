// The document checklist (issue "Online Antrag" § 3): which proofs the Jobcenter needs, derived
// from the answers. Pure: no I/O. Categories are stable ids (API, storage, translations); the
// German meaning is here for the back office (API descriptions, PDF).
//
// Proofs are asked for under the duty to cooperate (§ 60 SGB I); missing proofs can lead to
// benefits being refused (Versagung, § 66 SGB I), but they can be handed in later.
import { APPLICANT_ID, extraNeedKinds, isMemberComplete, personIds, sectionApplies, type ApplicationData, type IncomeKind } from "./model";
import { ageOn } from "./dates";

export const DOCUMENT_CATEGORIES = [
  "identity",
  "residence-permit",
  "rent-contract",
  "utility-statement",
  "ownership-costs",
  "income-employment",
  "income-self-employment",
  "income-unemployment-benefit",
  "income-pension",
  "income-child-benefit",
  "income-maintenance",
  "income-other",
  "bank-statements",
  "prior-benefit-notice",
  "maternity-record",
  "medical-certificate",
  "disability-proof",
  "maintenance-proof",
  "asset-proofs",
  "other",
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];

/** Kinds asked of one person (identity, income, Mehrbedarf proofs…); the others concern the household. */
export const PERSON_CATEGORIES: readonly DocumentCategory[] = [
  "identity",
  "residence-permit",
  "income-employment",
  "income-self-employment",
  "income-unemployment-benefit",
  "income-pension",
  "income-child-benefit",
  "income-maintenance",
  "income-other",
  "prior-benefit-notice",
  "maternity-record",
  "medical-certificate",
  "disability-proof",
];
export const HOUSEHOLD_CATEGORIES: readonly DocumentCategory[] = DOCUMENT_CATEGORIES.filter((c) => !PERSON_CATEGORIES.includes(c));

export function isDocumentCategory(value: string): value is DocumentCategory {
  return (DOCUMENT_CATEGORIES as readonly string[]).includes(value);
}

/** German meaning of each category (what the Sachbearbeitung reads). */
export const CATEGORY_GERMAN: Record<DocumentCategory, string> = {
  identity: "Personalausweis oder Reisepass",
  "residence-permit": "Aufenthaltstitel / Nachweis des Aufenthaltsrechts",
  "rent-contract": "Mietvertrag",
  "utility-statement": "Letzte Nebenkosten- und Heizkostenabrechnung",
  "ownership-costs": "Nachweise der Kosten für Wohneigentum (Schuldzinsen, Grundsteuer, Nebenkosten)",
  "income-employment": "Lohn- oder Gehaltsabrechnungen (letzte 6 Monate)",
  "income-self-employment": "Nachweise zur Selbstständigkeit (Anlage EKS, letzte Gewinnermittlung)",
  "income-unemployment-benefit": "Bescheid über Arbeitslosengeld I oder Krankengeld",
  "income-pension": "Rentenbescheid",
  "income-child-benefit": "Kindergeldbescheid",
  "income-maintenance": "Nachweis über Unterhalt oder Unterhaltsvorschuss",
  "income-other": "Nachweise über sonstige Einnahmen",
  "bank-statements": "Kontoauszüge aller Konten (letzte 3 Monate)",
  "prior-benefit-notice": "Letzter Bescheid über Leistungen nach SGB II oder SGB III",
  "maternity-record": "Kopie des Mutterpasses (Mehrbedarf bei Schwangerschaft)",
  "medical-certificate": "Ärztliche Bescheinigung zur kostenaufwändigen Ernährung (Anlage MEB)",
  "disability-proof": "Bescheid über Eingliederungshilfe oder Teilhabe am Arbeitsleben",
  "maintenance-proof": "Unterhaltstitel, Scheidungsurteil, Nachweise über Unterhalt (Anlage UH)",
  "asset-proofs": "Nachweise zum Vermögen: Depot, Rückkaufswerte, Fahrzeugschein (Anlage VM)",
  other: "Sonstige Unterlagen",
};

const INCOME_CATEGORY: Record<IncomeKind, DocumentCategory> = {
  employment: "income-employment",
  selfEmployment: "income-self-employment",
  unemploymentBenefit: "income-unemployment-benefit",
  pension: "income-pension",
  childBenefit: "income-child-benefit",
  maintenance: "income-maintenance",
  other: "income-other",
};

export interface ChecklistItem {
  /** Stable within the application: "<category>" or "<category>.<memberId>" (also the storage item). */
  id: string;
  category: DocumentCategory;
  /** The member the proof is for (null: the household). */
  memberId: string | null;
  /** False for "other": offered, never missing. */
  required: boolean;
}

/** Nationality answers that mean German citizenship (free text, any language); anything else needs the residence title. */
const GERMAN_NATIONALITY = new Set([
  "deutsch",
  "deutsche",
  "deutscher",
  "deutschland",
  "de",
  "deu",
  "german",
  "germany",
  "alman",
  "almanya",
  "niemiecka",
  "niemieckie",
  "germană",
  "germana",
  "немецкое",
  "германия",
  "німецьке",
  "німеччина",
  "ألمانية",
  "ألماني",
  "ألمانيا",
  "آلمانی",
  "آلمان",
]);

export function isGermanNationality(nationality: string): boolean {
  return GERMAN_NATIONALITY.has(
    nationality
      .trim()
      .toLocaleLowerCase("de")
      .replace(/[.\s]+$/, ""),
  );
}

function item(category: DocumentCategory, memberId: string | null, required = true): ChecklistItem {
  return { id: memberId ? `${category}.${memberId}` : category, category, memberId, required };
}

/**
 * The checklist for these answers, in a stable order: identity of the applicant and every member
 * of 15 and over, the residence title when not German, housing, income proofs per earning member
 * and kind, bank statements, prior-benefit notices; "other" last (optional).
 */
export function documentChecklist(data: ApplicationData, antragsdatum: string): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const members = (data.household?.members ?? []).filter(isMemberComplete);
  if (data.personal) {
    items.push(item("identity", APPLICANT_ID));
    if (!isGermanNationality(data.personal.nationality)) items.push(item("residence-permit", APPLICANT_ID));
  }
  for (const m of members) if (ageOn(m.birthDate, antragsdatum) >= 15) items.push(item("identity", m.id));
  const housing = data.housing;
  if (housing?.kind === "rent") {
    items.push(item("rent-contract", null));
    if ((housing.utilities ?? 0) > 0 || (housing.heating ?? 0) > 0) items.push(item("utility-statement", null));
  } else if (housing?.kind === "own") {
    items.push(item("ownership-costs", null));
  }
  for (const id of personIds(data)) {
    const income = data.income?.[id];
    if (!income?.hasIncome) continue;
    for (const kind of Object.keys(INCOME_CATEGORY) as IncomeKind[]) {
      if ((income.amounts[kind] ?? 0) > 0) items.push(item(INCOME_CATEGORY[kind], id));
    }
  }
  if (data.bank) items.push(item("bank-statements", null));
  if (data.personal?.priorBenefits) items.push(item("prior-benefit-notice", APPLICANT_ID));
  for (const m of members) if (m.priorBenefits) items.push(item("prior-benefit-notice", m.id));
  // Proofs of the Anlagen (only while the answers still require them).
  const needs = data.extraNeeds;
  const kinds = extraNeedKinds(data);
  if (needs?.pregnancy && kinds.includes("pregnancy")) items.push(item("maternity-record", needs.pregnancy.memberId));
  if (needs?.diet && kinds.includes("diet")) items.push(item("medical-certificate", needs.diet.memberId));
  if (needs?.disability && kinds.includes("disability")) items.push(item("disability-proof", needs.disability.memberId));
  if (data.maintenance && sectionApplies(data, "maintenance") && (data.maintenance.title || data.maintenance.received !== null || data.maintenance.paid !== null))
    items.push(item("maintenance-proof", null));
  if (data.assets && sectionApplies(data, "assets")) items.push(item("asset-proofs", null));
  items.push(item("other", null, false));
  return items;
}

export function checklistItemById(items: readonly ChecklistItem[], id: string): ChecklistItem | undefined {
  return items.find((i) => i.id === id);
}

/** The category a stored item id stands for ("income-pension.p2" → "income-pension"). */
export function categoryOfItem(itemId: string): DocumentCategory | null {
  const category = itemId.split(".")[0];
  return isDocumentCategory(category) ? category : null;
}

// ---------------------------------------------------------------------------------------------
// State of each item

export type ChecklistStatus = "missing" | "uploaded" | "requested" | "optional";

export interface ChecklistEntry extends ChecklistItem {
  status: ChecklistStatus;
  documentCount: number;
}

/**
 * Joins the checklist with what was uploaded (document counts per item id) and the back office's
 * open requests (categories): an open request marks its category as asked again.
 */
export function checklistState(items: readonly ChecklistItem[], uploadedPerItem: ReadonlyMap<string, number>, requestedCategories: ReadonlySet<string> = new Set()): ChecklistEntry[] {
  return items.map((i) => {
    const documentCount = uploadedPerItem.get(i.id) ?? 0;
    const status: ChecklistStatus = requestedCategories.has(i.category) ? "requested" : documentCount > 0 ? "uploaded" : i.required ? "missing" : "optional";
    return { ...i, status, documentCount };
  });
}

export function missingItems(entries: readonly ChecklistEntry[]): ChecklistEntry[] {
  return entries.filter((e) => e.status === "missing" || e.status === "requested");
}

// ---------------------------------------------------------------------------------------------
// Processing status set by the back office (what the applicant sees on the status page)

export const PROCESSING_STATUSES = ["eingegangen", "in-bearbeitung", "unterlagen-fehlen", "entschieden", "zurueckgenommen"] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

export const PROCESSING_STATUS_GERMAN: Record<ProcessingStatus, string> = {
  eingegangen: "Eingegangen",
  "in-bearbeitung": "In Bearbeitung",
  "unterlagen-fehlen": "Unterlagen fehlen",
  entschieden: "Entschieden (Bescheid folgt oder ist versandt)",
  zurueckgenommen: "Zurückgenommen",
};

/** Storage item of an upload against a document request. */
export function requestItem(requestId: string): string {
  return `request.${requestId}`;
}

export function requestIdOfItem(itemId: string): string | null {
  return itemId.startsWith("request.") ? itemId.slice("request.".length) : null;
}
