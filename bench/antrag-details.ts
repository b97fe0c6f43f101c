// The per-person details page of the Antrag (decision 043) as the benches answer it: a Syrian
// family with a residence permit. Children born in Germany enter on their birth date.
export const SYRIAN_DETAILS: Record<string, string> = {
  sex: "female",
  birthName: "",
  birthPlace: "Aleppo",
  birthCountry: "Syrien",
  nationality: "475",
  residenceDocument: "residencePermit",
  validUntil: "30.06.2029",
  entryDate: "01.02.2016",
  familyStatus: "married",
  familyStatusSince: "10.06.2010",
  ableToWork: "yes",
  incapacity: "no",
  disabilityRecognised: "no",
  institution: "no",
};

/** The step for one person's details page, with answers that differ from SYRIAN_DETAILS. */
export function detailsStep(memberId: string, answers: Record<string, string> = {}): [string, Record<string, string>] {
  return [`/angaben/${memberId}`, { ...SYRIAN_DETAILS, ...answers }];
}
