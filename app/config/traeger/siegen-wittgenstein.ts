/**
 * Kreis Siegen-Wittgenstein (NW).
 *
 * Source: docs/sources/seed-000-notes.md, notes on seed 000 (the county's
 * „Antrag auf Zulassung als kommunaler Träger gemäß § 6a SGB II“, Siegen, December 2010).
 * "Lnnnn" = line in the seed.
 *
 * What the seed does NOT give, and therefore stays empty here (do not fill in from memory):
 * - opening hours: „Die Öffnungszeiten sind in jeder Anlaufstelle identisch“ but no hours (L1119);
 *   when known, set the Träger-wide `openingHours` once;
 * - the one uniform phone number („Ringschaltung“, L1121): `centralPhone` stays empty; fax lines
 *   and per-Anlaufstelle/team e-mail addresses exist but none is printed;
 * - house numbers and postal codes of the Anlaufstellen (except the Hauptgeschäftsstelle);
 * - transit lines (only the general promise of short ÖPNV distances, L1115);
 * - Bruttokaltmiete limits (schlüssiges Konzept exists, € values not found: rules.md §3);
 * - Ombudsstelle contact details (only planned, L225).
 *
 * Contact data from the Jobcenter's public pages: searched on 2026-12-07 (stored public pages);
 * no page of the Jobcenter Kreis Siegen-Wittgenstein with addresses, phone numbers or opening
 * hours of the Anlaufstellen was found, so nothing was added (a newspaper report about the new
 * Kreuztal building, wirsiegen.de 2025-09-08, names a street corner, not an address; not used).
 *
 * Postal codes of the municipalities are public knowledge, not from the seed (checked
 * against public PLZ lists).
 */
import type { TraegerConfigInput } from "../../domain/traeger/schema";
import { LEGAL_TEMPLATES_2026 } from "./legal-templates-2026";

/**
 * „barrierefreie Zugänge“ were a selection criterion for every site; gaps were fixed
 * „umgehend durch … bauliche Maßnahmen“; the rule also applies to new premises
 * (L1127, L1511, L1546). No facility counts are given.
 */
const accessibility = { stepFreeAccess: true };

export const siegenWittgenstein = {
  id: "siegen-wittgenstein",
  name: "Kreis Siegen-Wittgenstein",
  jobcenterName: "Jobcenter Kreis Siegen-Wittgenstein", // L1006, L1509
  state: "NW",
  // Impressum of the 2010 document (the Landrat's office, not a Jobcenter contact, L13–25).
  // Verify before go-live.
  imprint: {
    name: "Kreis Siegen-Wittgenstein – Der Landrat",
    address: { street: "Koblenzer Straße", houseNumber: "73", postalCode: "57072", city: "Siegen" },
    phone: "0271 333-2000",
  },
  // Current law (Bürgergeld) uses „Kooperationsplan“; the 2010 seed still says EinV.
  cooperationPlanLabel: "Kooperationsplan",
  // Rechtsfolgenbelehrungen offered in the staff's plan form (current law, dated, with source).
  legalTemplates: LEGAL_TEMPLATES_2026,

  // Anlaufstellen „in den 11 Städten und Gemeinden“ (L141, L1113); list L1523–L1544.
  standorte: [
    {
      // In a building of the Bundesagentur für Arbeit; future use was open in 2010 (L1523–L1527, L1546).
      id: "siegen-emilianstrasse",
      name: "Siegen, Emilianstraße",
      kind: "customer",
      // Which part of Stadt Siegen each of the two Siegen sites serves is not stated
      // (Siegen I vs. II, seed-000-notes §10). The municipality lookup for Siegen points to
      // the Rathaus site below; this site is listed via locatedIn.
      municipalities: [],
      locatedIn: "siegen",
      address: { street: "Emilianstraße", city: "Siegen" },
      accessibility,
    },
    {
      // Rathaus; continued use „fest zugesagt“ (L1527–L1529). Seed spelling „Weidenauerstr.“.
      id: "siegen-weidenauer-strasse",
      name: "Siegen, Weidenauer Straße",
      kind: "customer",
      municipalities: ["siegen"],
      locatedIn: "siegen",
      address: { building: "Rathaus", street: "Weidenauer Straße", city: "Siegen" },
      accessibility,
    },
    {
      id: "erndtebrueck",
      name: "Erndtebrück",
      kind: "customer",
      municipalities: ["erndtebrueck"],
      locatedIn: "erndtebrueck",
      regionalbereich: "wittgenstein",
      address: { building: "Rathaus", city: "Erndtebrück" }, // L1530
      accessibility,
    },
    {
      id: "netphen",
      name: "Netphen",
      kind: "customer",
      municipalities: ["netphen"],
      locatedIn: "netphen",
      regionalbereich: "nord",
      address: { building: "Rathaus", city: "Netphen" }, // L1531
      accessibility,
    },
    {
      id: "hilchenbach",
      name: "Hilchenbach",
      kind: "customer",
      municipalities: ["hilchenbach"],
      locatedIn: "hilchenbach",
      regionalbereich: "nord",
      address: { building: "Rathaus", city: "Hilchenbach" }, // L1532
      accessibility,
    },
    {
      id: "freudenberg",
      name: "Freudenberg",
      kind: "customer",
      municipalities: ["freudenberg"],
      locatedIn: "freudenberg",
      regionalbereich: "nord",
      address: { building: "Rathaus", city: "Freudenberg" }, // L1533
      accessibility,
    },
    {
      id: "neunkirchen",
      name: "Neunkirchen",
      kind: "customer",
      municipalities: ["neunkirchen"],
      locatedIn: "neunkirchen",
      regionalbereich: "sued",
      address: { building: "Rathaus", city: "Neunkirchen" }, // L1534
      accessibility,
    },
    // Private premises rented by the Kommune; no street given (L1536–L1542).
    {
      id: "bad-berleburg",
      name: "Bad Berleburg",
      kind: "customer",
      municipalities: ["bad-berleburg"],
      locatedIn: "bad-berleburg",
      regionalbereich: "wittgenstein",
      address: { city: "Bad Berleburg" },
      accessibility,
    },
    {
      id: "bad-laasphe",
      name: "Bad Laasphe",
      kind: "customer",
      municipalities: ["bad-laasphe"],
      locatedIn: "bad-laasphe",
      regionalbereich: "wittgenstein",
      address: { city: "Bad Laasphe" },
      accessibility,
    },
    {
      id: "kreuztal",
      name: "Kreuztal",
      kind: "customer",
      municipalities: ["kreuztal"],
      locatedIn: "kreuztal",
      regionalbereich: "nord",
      address: { city: "Kreuztal" },
      accessibility,
    },
    {
      id: "wilnsdorf",
      name: "Wilnsdorf",
      kind: "customer",
      municipalities: ["wilnsdorf"],
      locatedIn: "wilnsdorf",
      regionalbereich: "sued",
      address: { city: "Wilnsdorf" },
      accessibility,
    },
    {
      id: "burbach",
      name: "Burbach",
      kind: "customer",
      municipalities: ["burbach"],
      locatedIn: "burbach",
      regionalbereich: "sued", // inferred, see regionalbereiche below
      address: { city: "Burbach" },
      accessibility,
    },
    {
      // Hauptgeschäftsstelle / Behördensitz, kreiseigenes Gebäude (L1509, L1544): Geschäftsführung,
      // Widerspruchswesen, Unterhalt, OWiG, Controlling (L1111, L1156–L1163). The seed does not say
      // customers are served here, so it is internal.
      id: "siegen-hauptgeschaeftsstelle",
      name: "Hauptgeschäftsstelle Siegen",
      kind: "internal",
      municipalities: [],
      locatedIn: "siegen",
      address: { street: "Koblenzer Straße", houseNumber: "78", postalCode: "57072", city: "Siegen" },
      accessibility,
    },
  ],

  // The 11 kreisangehörige Städte und Gemeinden (L403, L1058, L428–438).
  municipalities: [
    {
      id: "siegen",
      name: "Siegen",
      postalCodes: ["57072", "57074", "57076", "57078", "57080"],
      standortId: "siegen-weidenauer-strasse",
      // Two Siegen sites; the seed does not say which serves whom. Default chosen by us.
      assignmentBasis: "derived",
    },
    { id: "kreuztal", name: "Kreuztal", postalCodes: ["57223"], standortId: "kreuztal" },
    { id: "hilchenbach", name: "Hilchenbach", postalCodes: ["57271"], standortId: "hilchenbach" },
    { id: "freudenberg", name: "Freudenberg", postalCodes: ["57258"], standortId: "freudenberg" },
    { id: "netphen", name: "Netphen", postalCodes: ["57250"], standortId: "netphen" },
    { id: "bad-berleburg", name: "Bad Berleburg", postalCodes: ["57319"], standortId: "bad-berleburg" },
    { id: "bad-laasphe", name: "Bad Laasphe", postalCodes: ["57334"], standortId: "bad-laasphe" },
    { id: "erndtebrueck", name: "Erndtebrück", postalCodes: ["57339"], standortId: "erndtebrueck" },
    { id: "wilnsdorf", name: "Wilnsdorf", postalCodes: ["57234"], standortId: "wilnsdorf" },
    { id: "neunkirchen", name: "Neunkirchen", postalCodes: ["57290"], standortId: "neunkirchen" },
    { id: "burbach", name: "Burbach", postalCodes: ["57299"], standortId: "burbach" },
  ],

  // Five Regionalbereiche (L1006, L1060–L1086).
  regionalbereiche: [
    // Stadt Siegen, Ü25; Siegen I also supervises U25 placement county-wide (L1060).
    { id: "siegen-i", name: "Siegen I", municipalities: ["siegen"] },
    { id: "siegen-ii", name: "Siegen II", municipalities: ["siegen"] },
    { id: "nord", name: "Nord", municipalities: ["kreuztal", "hilchenbach", "freudenberg", "netphen"] },
    { id: "wittgenstein", name: "Wittgenstein", municipalities: ["bad-berleburg", "bad-laasphe", "erndtebrueck"] },
    {
      id: "sued",
      name: "Süd",
      // The seed prints „Gemeinde Wilnsdorf, Gemeinde Neunkirchen, Gemeinde Wilnsdorf“ (L1082–L1086):
      // Wilnsdorf twice, Burbach missing. Burbach is the only municipality assigned nowhere else,
      // so it is presumably Süd. Inferred; the Kreis must confirm.
      municipalities: ["wilnsdorf", "neunkirchen", "burbach"],
      unconfirmedMunicipalities: ["burbach"],
    },
  ],

  // „Eine unabhängige SGB II-Ombudsstelle soll als Bindeglied zwischen den Betroffenen und dem
  // kommunalen Träger der Aufgabe vermitteln. Der Ombudsmann soll Anregungen, Kritik und
  // Beschwerden entgegennehmen und eine Klärung unterstützen.“ (L225). Planned; no contact data.
  ombudsstelle: {
    name: "SGB II-Ombudsstelle",
    independent: true,
    status: "planned",
    accepts: ["anregungen", "kritik", "beschwerden"],
    description: {
      i18nKey: "traeger.ombudsstelle.description",
      de: "Unabhängige Stelle zwischen Leistungsberechtigten und dem kommunalen Träger. Sie nimmt Anregungen, Kritik und Beschwerden entgegen und unterstützt eine Klärung.",
    },
  },

  limits: {
    // Schlüssiges Konzept on Bruttokaltmiete basis with five Vergleichsräume exists, but the
    // current € values were not found (rules.md §3). Do not invent.
    housing: [],
    draftRetentionDays: 183,
    uploadMaxFileMb: 20,
    uploadMaxApplicationMb: 100,
    // Enough for a household's proofs (photos can be combined into one PDF), not for flooding.
    uploadMaxDocumentsPerApplication: 60,
    uploadMaxDocumentsPerItem: 15,
    appointmentCancelHours: 24,
    reminderHoursBefore: [48, 2],
    maxFutureAppointmentsPerType: 2,
    // Online booking ends two hours before a time: reception needs the list of the day and an
    // interpreter must be asked for (issue 19, item 13). The Träger may change it.
    appointmentLeadMinutes: 120,
    // After a missed appointment the mail asks to book again within two weeks of the mail.
    missedRebookDays: 14,
    // usualProcessingWeeks ({ min, max, source }): how long deciding on a complete application
    // usually takes, shown on the status page. No published figure of this Jobcenter was found
    // (2026-12-07); the Träger fills it in. Do not invent: without it the page says it depends.
  },

  appointmentTypes: [
    { id: "antragsabgabe", durationMinutes: 30, team: "leistung", channels: ["in-person"] },
    { id: "erstberatung", durationMinutes: 45, team: "integration", channels: ["in-person", "phone"] },
    // Vermittlungsfachkraft or Fallmanager: „persönlich und telefonisch“ reachable (L1002).
    { id: "folgegespraech", durationMinutes: 30, team: "integration", channels: ["in-person", "phone", "video"] },
    { id: "beratung", durationMinutes: 20, team: "leistung", channels: ["in-person", "phone"] },
  ],

  // Days a Standort is closed beyond the public holidays (Betriebsversammlung, Brückentage):
  // none published were found (2026-12-07); the Träger adds them here with their source.
  closedDays: [],

  holidays: "NW",
} satisfies TraegerConfigInput;
