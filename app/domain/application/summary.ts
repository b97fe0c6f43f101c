// The answers as rows (label key + value) per section: one source for the check-answers page
// and the German PDF, so both always show the same. Labels are keys of the "application"
// namespace; values are typed so each medium formats them (dates, euros, yes/no).
import { formatIban } from "./iban";
import {
  APPLICANT_ID,
  detailPersons,
  extraNeedKinds,
  householdRelatives,
  INCOME_KINDS,
  insuredPersons,
  personIds,
  sectionApplies,
  selfEmployedPersons,
  type ApplicationData,
  type Section,
} from "./model";

export type SummaryValue = { kind: "text"; text: string } | { kind: "date"; iso: string } | { kind: "money"; amount: number } | { kind: "yesno"; value: boolean } | { kind: "key"; key: string };

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

/**
 * The groups in the order of the official form (Hauptantrag): the Bankverbindung follows the
 * personal data directly, before the household. For the staff view and the PDF; the person's
 * check page keeps the order of her task list.
 */
export function officialFormOrder(groups: readonly SummaryGroup[]): SummaryGroup[] {
  const bank = groups.filter((g) => g.section === "bank");
  const rest = groups.filter((g) => g.section !== "bank");
  const afterPersonal = rest.findLastIndex((g) => g.section === "personal") + 1;
  return [...rest.slice(0, afterPersonal), ...bank, ...rest.slice(afterPersonal)];
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
        { label: "fields.nationality", value: text(p.nationalityKey ? `${p.nationality} (${p.nationalityKey})` : p.nationality) },
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
  groups.push(...personGroups(data));
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
  groups.push(...anlagenGroups(data));
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

const money = (amount: number | null | undefined): SummaryValue => ({ kind: "money", amount: amount ?? 0 });

/** The Anlagen that apply (answers of a section the answers no longer require are left out). */
function anlagenGroups(data: ApplicationData): SummaryGroup[] {
  const groups: SummaryGroup[] = [];
  if (data.circumstances) {
    const items = data.circumstances.items;
    groups.push({
      section: "circumstances",
      change: "lage",
      rows: items.length
        ? items.map((c) => ({ label: `circumstances.items.${c}`, value: { kind: "yesno", value: true } as SummaryValue }))
        : [{ label: "circumstances.question", value: { kind: "key", key: "circumstances.items.none" } }],
    });
  }
  if (sectionApplies(data, "selfEmployment")) {
    for (const id of selfEmployedPersons(data)) {
      const e = data.selfEmployment?.[id];
      if (!e) continue;
      groups.push({
        section: "selfEmployment",
        heading: personName(data, id),
        change: `selbststaendig/${id}`,
        rows: [
          { label: "selfEmployment.business", value: text(e.business) },
          { label: "selfEmployment.revenue", value: money(e.revenue) },
          { label: "selfEmployment.expenses", value: money(e.expenses) },
        ],
      });
    }
  }
  const a = data.assets;
  if (a && sectionApplies(data, "assets")) {
    const rows: SummaryRow[] = [];
    for (const k of ["savings", "securities", "insurance", "vehicles", "property", "other"] as const) if (a[k] !== null) rows.push({ label: `assets.${k}`, value: money(a[k]) });
    if (a.property !== null) rows.push({ label: "assets.ownHome", value: { kind: "yesno", value: a.ownHome } });
    groups.push({ section: "assets", change: "vermoegen", rows });
  }
  const uh = data.maintenance;
  if (uh && sectionApplies(data, "maintenance")) {
    groups.push({
      section: "maintenance",
      change: "unterhalt",
      rows: [
        { label: "maintenance.receives", value: { kind: "yesno", value: uh.received !== null } },
        ...(uh.received !== null ? [{ label: "maintenance.received", value: money(uh.received) }] : []),
        { label: "maintenance.pays", value: { kind: "yesno", value: uh.paid !== null } },
        ...(uh.paid !== null ? [{ label: "maintenance.paid", value: money(uh.paid) }] : []),
        { label: "maintenance.order", value: { kind: "yesno", value: uh.title } },
      ],
    });
  }
  const ve = data.partnership;
  if (ve && sectionApplies(data, "partnership")) {
    groups.push({
      section: "partnership",
      change: "partnerschaft",
      rows: (["overOneYear", "jointChild", "caring", "sharedMoney"] as const).map((k) => ({ label: `partnership.${k}`, value: { kind: "yesno", value: ve[k] } as SummaryValue })),
    });
  }
  const hg = data.relatives;
  if (hg && sectionApplies(data, "relatives")) {
    groups.push({
      section: "relatives",
      change: "haushaltsgemeinschaft",
      rows: [
        {
          label: "relatives.persons",
          value: text(
            householdRelatives(data)
              .map((id) => personName(data, id) || id)
              .join(", "),
          ),
        },
        { label: "relatives.supports", value: { kind: "yesno", value: hg.support !== null } },
        ...(hg.support !== null ? [{ label: "relatives.support", value: money(hg.support) }] : []),
        { label: "relatives.income", value: hg.income !== null ? money(hg.income) : { kind: "key", key: "relatives.incomeUnknown" } },
      ],
    });
  }
  if (sectionApplies(data, "insurance")) {
    for (const id of insuredPersons(data)) {
      const sv = data.insurance?.[id];
      if (!sv) continue;
      groups.push({
        section: "insurance",
        heading: personName(data, id),
        change: `sozialversicherung/${id}`,
        rows: [
          { label: "insurance.kind", value: { kind: "key", key: `insurance.kinds.${sv.kind}` } },
          ...(sv.insurer ? [{ label: "insurance.insurer", value: text(sv.insurer) }] : []),
          { label: "insurance.rvnr", value: sv.rvnr ? text(sv.rvnr) : { kind: "key", key: "insurance.rvnrNone" } },
        ],
      });
    }
  }
  const kinds = new Set(extraNeedKinds(data));
  const stored = data.extraNeeds;
  if (stored && kinds.size > 0) {
    // Only the Mehrbedarfe the answers still point to.
    const meb = Object.fromEntries(Object.entries(stored).filter(([k]) => kinds.has(k as keyof typeof stored))) as typeof stored;
    const rows: SummaryRow[] = [];
    if (meb.pregnancy) {
      rows.push({ label: "extraNeeds.pregnancyPerson", value: text(personName(data, meb.pregnancy.memberId)) });
      rows.push({ label: "extraNeeds.dueDate", value: { kind: "date", iso: meb.pregnancy.dueDate } });
    }
    if (meb.singleParent) rows.push({ label: "extraNeeds.soleCare", value: { kind: "yesno", value: meb.singleParent.soleCare } });
    if (meb.disability) {
      rows.push({ label: "extraNeeds.disabilityPerson", value: text(personName(data, meb.disability.memberId)) });
      rows.push({ label: "extraNeeds.measure", value: text(meb.disability.measure) });
    }
    if (meb.diet) {
      rows.push({ label: "extraNeeds.dietPerson", value: text(personName(data, meb.diet.memberId)) });
      rows.push({ label: "extraNeeds.illness", value: text(meb.diet.illness) });
    }
    if (meb.hotWater) rows.push({ label: "extraNeeds.hotWaterDevice", value: text(meb.hotWater.device) });
    if (rows.length) groups.push({ section: "extraNeeds", change: "mehrbedarf", rows });
  }
  return groups;
}

/** Angaben zu jeder Person: the answers given, in the order of the Hauptantrag (Abschnitt 1). */
function personGroups(data: ApplicationData): SummaryGroup[] {
  const groups: SummaryGroup[] = [];
  for (const id of detailPersons(data)) {
    const d = data.persons?.[id];
    if (!d) continue;
    const yesno = (value: boolean): SummaryValue => ({ kind: "yesno", value });
    const rows: SummaryRow[] = [
      { label: "details.sex", value: { kind: "key", key: `details.sexes.${d.sex}` } },
      { label: "details.birthName", value: d.birthName ? text(d.birthName) : { kind: "key", key: "details.birthNameSame" } },
      { label: "details.birthPlace", value: text(d.birthPlace) },
      { label: "details.birthCountry", value: text(d.birthCountry) },
    ];
    if (d.nationality) rows.push({ label: "fields.nationality", value: text(d.nationalityKey ? `${d.nationality} (${d.nationalityKey})` : d.nationality) });
    if (d.residence) {
      rows.push({ label: "details.residenceDocument", value: { kind: "key", key: `details.residenceDocuments.${d.residence.document}` } });
      if (d.residence.validUntil) rows.push({ label: "details.validUntil", value: { kind: "date", iso: d.residence.validUntil } });
      rows.push({ label: "details.entryDate", value: { kind: "date", iso: d.residence.entryDate } });
      if (d.residence.azrNumber) rows.push({ label: "details.azrNumber", value: text(d.residence.azrNumber) });
    }
    if (d.familyStatus) {
      rows.push({ label: "details.familyStatus", value: { kind: "key", key: `details.familyStatuses.${d.familyStatus.status}` } });
      if (d.familyStatus.since) rows.push({ label: "details.familyStatusSince", value: { kind: "date", iso: d.familyStatus.since } });
    }
    if (d.ableToWork !== null) rows.push({ label: "details.ableToWork", value: yesno(d.ableToWork) });
    if (d.incapacity !== null) rows.push({ label: "details.incapacity", value: yesno(d.incapacity) });
    rows.push({ label: "details.disabilityRecognised", value: yesno(d.disabilityRecognised) });
    if (d.disability) {
      rows.push({ label: "details.gdb", value: text(String(d.disability.gdb)) });
      rows.push({ label: "details.marks", value: d.disability.marks.length ? text(d.disability.marks.join(", ")) : { kind: "key", key: "details.marksNone" } });
    }
    rows.push({ label: "details.institution", value: yesno(d.institution) });
    groups.push({ section: "persons", heading: personName(data, id), change: `angaben/${id}`, rows });
  }
  return groups;
}
