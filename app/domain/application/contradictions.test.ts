import { describe, expect, it } from "vitest";
import { contradictions, type ContradictionCode } from "./contradictions";
import type { ApplicationData } from "./model";

const ON = "2026-12-01";
const personal = {
  firstName: "Amal",
  lastName: "Haddad",
  birthDate: "1990-02-01",
  nationality: "syrisch",
  street: "Hauptstr. 1",
  postalCode: "52525",
  municipality: "Heinsberg",
  phone: null,
  priorBenefits: false,
};

/** A consistent household: no finding. */
function base(): ApplicationData {
  return {
    v: 1,
    personal,
    household: {
      confirmed: true,
      members: [
        { id: "p2", relationship: "partner", firstName: "Omar", lastName: "Haddad", birthDate: "1988-05-05", priorBenefits: false },
        { id: "p3", relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "2016-01-01", priorBenefits: false },
      ],
    },
    housing: { kind: "rent", coldRent: 500, utilities: 120, heating: 80, size: 70 },
    income: { p1: { hasIncome: false, amounts: {} }, p2: { hasIncome: true, amounts: { employment: 800 } }, p3: { hasIncome: true, amounts: { childBenefit: 255 } } },
    circumstances: { items: [] },
  };
}

type Change = (d: ApplicationData) => void;
const cases: Array<[string, Change, Array<{ code: ContradictionCode; memberId: string | null }>]> = [
  ["consistent answers", () => {}, []],
  [
    "privat/nicht versichert ticked, everyone gesetzlich versichert",
    (d) => {
      d.circumstances = { items: ["insurance"] };
      d.insurance = { p1: { kind: "statutory", insurer: "AOK", rvnr: null }, p2: { kind: "statutory", insurer: "TK", rvnr: null } };
    },
    [{ code: "insurance-circumstance-all-statutory", memberId: null }],
  ],
  [
    "privat/nicht versichert ticked, one of them privately insured: fine",
    (d) => {
      d.circumstances = { items: ["insurance"] };
      d.insurance = { p1: { kind: "statutory", insurer: "AOK", rvnr: null }, p2: { kind: "private", insurer: "Allianz", rvnr: null } };
    },
    [],
  ],
  [
    "not insured, but a Krankenkasse named",
    (d) => {
      d.circumstances = { items: ["insurance"] };
      d.insurance = { p1: { kind: "none", insurer: "AOK Rheinland", rvnr: null }, p2: { kind: "private", insurer: "Allianz", rvnr: null } };
    },
    [{ code: "uninsured-with-insurer", memberId: "p1" }],
  ],
  [
    "own home in Anlage VM, renting in Unterkunft",
    (d) => {
      d.assets = { savings: 100, securities: null, insurance: null, vehicles: null, property: 180000, ownHome: true, other: null };
    },
    [{ code: "own-home-but-not-owner", memberId: null }],
  ],
  [
    "owner in Unterkunft, no property in Anlage VM",
    (d) => {
      d.housing = { kind: "own", coldRent: null, utilities: 100, heating: 80, size: 90 };
      d.assets = { savings: 100, securities: null, insurance: null, vehicles: null, property: null, ownHome: false, other: null };
    },
    [{ code: "owner-without-property", memberId: null }],
  ],
  [
    "maintenance received in Anlage UH, none as income",
    (d) => {
      d.maintenance = { received: 300, paid: null, title: true };
    },
    [{ code: "maintenance-not-in-income", memberId: null }],
  ],
  [
    "maintenance as income, Anlage UH says none received",
    (d) => {
      d.income!.p3 = { hasIncome: true, amounts: { childBenefit: 255, maintenance: 200 } };
      d.maintenance = { received: null, paid: null, title: false };
    },
    [{ code: "maintenance-income-not-in-uh", memberId: "p3" }],
  ],
  [
    "Kindergeld of a 36-year-old without a child in the household",
    (d) => {
      d.household!.members = [d.household!.members[0]];
      d.income = { p1: { hasIncome: true, amounts: { childBenefit: 255 } } };
    },
    [{ code: "child-benefit-without-child", memberId: "p1" }],
  ],
  [
    "Kindergeld of a 20-year-old living alone: her own, fine",
    (d) => {
      d.personal = { ...personal, birthDate: "2006-06-01" };
      d.household!.members = [];
      d.income = { p1: { hasIncome: true, amounts: { childBenefit: 255 } } };
    },
    [],
  ],
  [
    "unmarried partner ticked, no partner in the household",
    (d) => {
      d.circumstances = { items: ["unmarriedPartner"] };
      d.household!.members = [d.household!.members[1]];
    },
    [{ code: "unmarried-partner-without-partner", memberId: null }],
  ],
];

describe("contradictory answers", () => {
  it.each(cases)("%s", (_name, change, expected) => {
    const data = base();
    change(data);
    expect(contradictions(data, ON)).toEqual(expected);
  });
});
