// Answers that contradict each other (issue 19 § 8, decision 039). The sections are asked one
// after another and each is valid on its own, so the answer model allows a handful of pairs that
// cannot both be true. The back office sees them as a warning on the application page; the
// Jobcenter clears them up with the person (Amtsermittlung, § 20 SGB X) — nothing is decided
// here. Pure: answers in, findings out.

import { ageOn } from "./dates";
import { APPLICANT_ID, personIds, type ApplicationData } from "./model";

export const CONTRADICTION_CODES = [
  /** "Privat oder nicht krankenversichert oder von der RV befreit" ticked, yet everyone is gesetzlich versichert (Anlage SV). */
  "insurance-circumstance-all-statutory",
  /** Anlage SV: "nicht krankenversichert", yet a Krankenkasse is named. */
  "uninsured-with-insurer",
  /** Anlage VM: the household lives in its own property, yet Unterkunft says rent or rent-free. */
  "own-home-but-not-owner",
  /** Unterkunft: own property, yet Anlage VM lists no property and no own home. */
  "owner-without-property",
  /** Anlage UH: maintenance received, yet no one lists maintenance as income. */
  "maintenance-not-in-income",
  /** Income lists maintenance, yet Anlage UH says none is received. */
  "maintenance-income-not-in-uh",
  /** Kindergeld as income of a person of 25 or over, yet no child lives in the household (under 25 it can be her own: Kindergeld counts as the child's income, § 11 Abs. 1 SGB II). */
  "child-benefit-without-child",
  /** "Unverheiratet mit Partner/in zusammen" ticked, yet no partner is in the household. */
  "unmarried-partner-without-partner",
] as const;
export type ContradictionCode = (typeof CONTRADICTION_CODES)[number];

export interface Contradiction {
  code: ContradictionCode;
  /** The person concerned (null: the household). */
  memberId: string | null;
}

const positive = (n: number | null | undefined): boolean => (n ?? 0) > 0;

/** `on`: the day ages are taken on ("YYYY-MM-DD", the Antragsdatum). */
export function contradictions(data: ApplicationData, on: string): Contradiction[] {
  const out: Contradiction[] = [];
  const ticked = new Set(data.circumstances?.items ?? []);
  const members = data.household?.members ?? [];
  const insurance = Object.entries(data.insurance ?? {});

  if (ticked.has("insurance") && insurance.length > 0 && insurance.every(([, i]) => i.kind === "statutory")) {
    out.push({ code: "insurance-circumstance-all-statutory", memberId: null });
  }
  for (const [id, i] of insurance) if (i.kind === "none" && i.insurer?.trim()) out.push({ code: "uninsured-with-insurer", memberId: id });

  if (data.assets && data.housing) {
    if (data.assets.ownHome && data.housing.kind !== "own") out.push({ code: "own-home-but-not-owner", memberId: null });
    if (data.housing.kind === "own" && !data.assets.ownHome && !positive(data.assets.property)) out.push({ code: "owner-without-property", memberId: null });
  }

  const incomeMaintenance = personIds(data).filter((id) => positive(data.income?.[id]?.amounts.maintenance));
  const incomeAnswered = personIds(data).some((id) => data.income?.[id] !== undefined);
  if (data.maintenance && positive(data.maintenance.received) && incomeAnswered && incomeMaintenance.length === 0) {
    out.push({ code: "maintenance-not-in-income", memberId: null });
  }
  if (data.maintenance && !positive(data.maintenance.received)) {
    for (const id of incomeMaintenance) out.push({ code: "maintenance-income-not-in-uh", memberId: id });
  }

  const hasChild = members.some((m) => m.relationship === "child");
  const birthDate = (id: string) => (id === APPLICANT_ID ? data.personal?.birthDate : members.find((m) => m.id === id)?.birthDate);
  if (!hasChild) {
    for (const id of personIds(data)) {
      const born = birthDate(id);
      if (positive(data.income?.[id]?.amounts.childBenefit) && born && ageOn(born, on) >= 25) out.push({ code: "child-benefit-without-child", memberId: id });
    }
  }

  if (ticked.has("unmarriedPartner") && data.household && !members.some((m) => m.relationship === "partner")) {
    out.push({ code: "unmarried-partner-without-partner", memberId: null });
  }
  return out;
}
