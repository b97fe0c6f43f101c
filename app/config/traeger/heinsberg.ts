/**
 * Kreis Heinsberg (NW).
 *
 * Source: docs/sources/seed-003-notes.md, notes on seed 003 (Kreis Heinsberg,
 * draft application for admission as kommunaler Träger under § 6a SGB II, committee
 * papers of December 2010). "Lnnnn" = line in the seed.
 *
 * What the seed does NOT give, and therefore stays empty here (do not fill in from memory):
 * street addresses, phone numbers (each Standort has "eine separate zentrale Rufnummer",
 * L2910–L2913, but no number is printed; the numbers below come from the Jobcenter's own
 * public page, see `contactSource`), the central e-mail address (L2915–L2917),
 * website URL, opening hours, Bruttokaltmiete limits, imprint / data-protection contacts,
 * any Ombudsstelle details (the seed has none; the portal channel exists regardless).
 *
 * Postal codes are public knowledge, not from the seed (checked against public PLZ lists).
 * Heinsberg and Waldfeucht share 52525, Gangelt and Selfkant share 52538; each pair is
 * served by the same Standort, so a postal-code lookup stays unambiguous.
 */
import type { TraegerConfigInput } from "../../domain/traeger/schema";
import { LEGAL_TEMPLATES_2026 } from "./legal-templates-2026";

const TRANSIT_AS_OF = "2010-12-08";

/**
 * The Standorte's central phone numbers as the Jobcenter Kreis Heinsberg publishes them
 * („Geschäftsstelle Heinsberg 02452/9762-0, Geilenkirchen 02451/91599-0, Hückelhoven
 * 02433/44570-0, Erkelenz 02431/9737-0“), read 2026-12-07. The page gives no street addresses
 * and no opening hours, so those stay empty (newspaper reports were not used: not the Jobcenter's
 * own page). The Kreis must confirm which Geschäftsstelle serves which municipalities.
 */
const contactSource = { url: "https://www.jobcenter-kreis-heinsberg.de/geldleistungen/das-erste-mal-alg-ii/", asOf: "2026-12-07" };
const transitSource = (lines: string) => `Seed 003 (Kreis Heinsberg, Antrag auf Zulassung als kommunaler Träger, Dezember 2010), Abschnitt 2.1.3 Erreichbarkeit/ÖPNV, ${lines}`;

/**
 * Barrier-free access: „Alle öffentlichen Gebäude des Kreises Heinsberg verfügen gemäß des
 * Behindertengleichstellungsgesetz Nordrhein-Westfalen – BGG NRW nach §§ 4 über einen
 * barrierefreien Zugang.“ (L3074–L3077). Facilities per Nebenstelle from the room table
 * (Raumbedarfe, L4597–L4611): 1 Infotheke, 3 Wartebereiche.
 */
const nebenstelleAccessibility = {
  stepFreeAccess: true,
  legalBasis: "BGG NRW § 4",
  facilities: { infotheke: 1, waitingAreas: 3 },
};

export const heinsberg = {
  id: "heinsberg",
  name: "Kreis Heinsberg",
  // The seed calls the future unit „Amt 56“ / „Jobcenter“ of the Kreisverwaltung (L2633–L2636);
  // it gives no brand name, this is the customary form "Jobcenter <Kreis>".
  jobcenterName: "Jobcenter Kreis Heinsberg",
  state: "NW",
  // Current law (Bürgergeld) uses „Kooperationsplan“; the 2010 seed still says EV.
  cooperationPlanLabel: "Kooperationsplan",
  // Rechtsfolgenbelehrungen offered in the staff's plan form (current law, dated, with source).
  legalTemplates: LEGAL_TEMPLATES_2026,

  standorte: [
    {
      id: "erkelenz-wegberg",
      name: "Erkelenz/Wegberg",
      kind: "customer",
      municipalities: ["erkelenz", "wegberg"],
      // [derived] the transit list is headed „Nebenstelle Erkelenz“ (L2942).
      locatedIn: "erkelenz",
      phone: "02431/9737-0",
      contactSource,
      accessibility: nebenstelleAccessibility,
      transit: {
        asOf: TRANSIT_AS_OF,
        source: transitSource("L2942–L2952"),
        entries: [
          { area: "Wassenberg/Gerderath/Schwanenberg", lines: ["405", "SB1"], mode: "bus" },
          { area: "Tetelrath/Merbeck/Rickelrath/Wegberg/Holtum/Oerath", lines: ["408", "418"], mode: "bus" },
          { area: "Wegberg/Tüschenbroich/Geneiken/Schwanenberg/Isengraben", lines: ["418"], mode: "bus" },
          { area: "Wegberg/Kipshoven/Anhoven", lines: ["412", "SB81"], mode: "bus" },
          { area: "Immerath/Holzweiler/Keyenberg/Vennrath/Kuckum/Kückhoven", lines: ["EK1", "EK3"], mode: "bus" },
          { area: "Katzem/Lövenich/Tenholt", lines: ["EK2"], mode: "bus" },
          { area: "Matzerath", lines: ["406"], mode: "bus" },
          { area: "Hetzerath", lines: ["401"], mode: "bus" },
          { area: "Granterath", lines: ["SB4"], mode: "bus" },
        ],
      },
    },
    {
      id: "heinsberg-westgemeinden",
      name: "Heinsberg/Westgemeinden",
      kind: "customer",
      // „Westgemeinden“ = Gangelt, Selfkant, Waldfeucht (L2333, team 726 L2412).
      municipalities: ["heinsberg", "gangelt", "selfkant", "waldfeucht"],
      // [derived] the transit list is headed „Erreichbarkeit der Nebenstelle Heinsberg“ (L2929).
      locatedIn: "heinsberg",
      phone: "02452/9762-0",
      contactSource,
      accessibility: nebenstelleAccessibility,
      transit: {
        asOf: TRANSIT_AS_OF,
        source: transitSource("L2929–L2939"),
        entries: [
          { area: "Waldfeucht/Haaren/Kirchhoven", lines: ["475"], mode: "bus" },
          { area: "Waldfeucht/Bocket/Hontem/Braunsrath/Laffeld/Aphoven", lines: ["474", "475"], mode: "bus" },
          { area: "Tüddern/Saeffelen/Breberen/Braunsrath", lines: ["436", "474"], mode: "bus" },
          { area: "Effeld/Karken/Kempen", lines: ["405"], mode: "bus" },
          { area: "Straeten/Waldenrath/Aphoven", lines: ["410", "472"], mode: "bus" },
          { area: "Wegberg/Dahlheim/Wassenberg", lines: ["413"], mode: "bus" },
          { area: "Wassenberg/Orsbeck/Unterbruch", lines: ["413", "SB1"], mode: "bus" },
          { area: "Oberbruch", lines: ["401", "SB4"], mode: "bus" },
          // printed „Linie493“ in the seed
          { area: "Randerath/Horst/Porselen/Dremmen/Schafhausen", lines: ["493"], mode: "bus" },
        ],
      },
    },
    {
      id: "hueckelhoven-wassenberg",
      name: "Hückelhoven/Wassenberg",
      kind: "customer",
      municipalities: ["hueckelhoven", "wassenberg"],
      // [derived] the transit list is headed „Nebenstelle Hückelhoven“ (L2954).
      locatedIn: "hueckelhoven",
      phone: "02433/44570-0",
      contactSource,
      accessibility: nebenstelleAccessibility,
      transit: {
        asOf: TRANSIT_AS_OF,
        source: transitSource("L2954–L2960"),
        entries: [
          { area: "Ratheim/Millich", lines: ["401", "407", "409", "495", "SB4"], mode: "bus" },
          { area: "Kleingladbach", lines: ["406", "HÜ1"], mode: "bus" },
          { area: "Hilfarth", lines: ["407", "409"], mode: "bus" },
          { area: "Brachelen", lines: ["409"], mode: "bus" },
          { area: "Rurich/Baal/Doveren", lines: ["295", "495", "HÜ1", "SB4"], mode: "bus" },
        ],
      },
    },
    {
      id: "geilenkirchen-uebach-palenberg",
      name: "Geilenkirchen/Übach-Palenberg",
      kind: "customer",
      municipalities: ["geilenkirchen", "uebach-palenberg"],
      // locatedIn unknown: the transit list is headed by both towns (L2963).
      phone: "02451/91599-0",
      contactSource,
      accessibility: nebenstelleAccessibility,
      transit: {
        asOf: TRANSIT_AS_OF,
        source: transitSource("L2963–L2973"),
        entries: [
          { area: "Lindern", lines: ["RE4", "RB33"], mode: "rail" }, // „Bahn-Linie RE4/RB33“
          { area: "Lindern/Beeck/Leiffahrt/Kraudorf/Würm/Süggerath/Hünshoven", lines: ["407", "494"], mode: "bus" },
          { area: "Tripsrath/Niederheid", lines: ["410", "GK1"], mode: "bus" },
          { area: "Immendorf/Prummern/Hünshoven", lines: ["432"], mode: "bus" },
          { area: "Boscheln/Übach-Palenberg/Frelenberg", lines: ["431", "433", "SB1"], mode: "bus" },
          { area: "Marienberg/Scherpenseel/Grotenrath/Teveren", lines: ["491"], mode: "bus" },
          { area: "Tüddern/Süsterseel/Gangelt/Niederbusch", lines: ["MultiBus", "435", "437", "SB3"], mode: "bus" },
          { area: "Höngen/Saeffelen/Breberen/Langbroich/Birgden", lines: ["MultiBus", "434", "435", "437"], mode: "bus" },
          { area: "Gillrath/Hatterath/Bauchem", lines: ["434", "435", "437", "SB3"], mode: "bus" },
        ],
      },
    },
    {
      // „Standort Heinsberg (Overhead)“: Geschäftsführung, Recht, Finanzen, Controlling,
      // Personal/KRM. No Infotheke, no waiting areas: not open to customers (L2337–L2342, L4603).
      id: "heinsberg-overhead",
      name: "Standort Heinsberg (Overhead)",
      kind: "internal",
      municipalities: [],
      locatedIn: "heinsberg",
      accessibility: {
        // The BGG NRW statement covers all public buildings of the Kreis (L3074–L3077).
        stepFreeAccess: true,
        legalBasis: "BGG NRW § 4",
        facilities: { infotheke: 0, waitingAreas: 0 },
      },
    },
  ],

  // The 10 kreisangehörige Kommunen (L3836–L3838). The Standort mapping is [derived] from the
  // Standort names plus L2333/L2412 (seed-003-notes §1.2); the Kreis must confirm it.
  municipalities: [
    { id: "erkelenz", name: "Erkelenz", postalCodes: ["41812"], standortId: "erkelenz-wegberg", assignmentBasis: "derived" },
    { id: "wegberg", name: "Wegberg", postalCodes: ["41844"], standortId: "erkelenz-wegberg", assignmentBasis: "derived" },
    { id: "heinsberg", name: "Heinsberg", postalCodes: ["52525"], standortId: "heinsberg-westgemeinden", assignmentBasis: "derived" },
    { id: "gangelt", name: "Gangelt", postalCodes: ["52538"], standortId: "heinsberg-westgemeinden", assignmentBasis: "derived" },
    { id: "selfkant", name: "Selfkant", postalCodes: ["52538"], standortId: "heinsberg-westgemeinden", assignmentBasis: "derived" },
    { id: "waldfeucht", name: "Waldfeucht", postalCodes: ["52525"], standortId: "heinsberg-westgemeinden", assignmentBasis: "derived" },
    { id: "hueckelhoven", name: "Hückelhoven", postalCodes: ["41836"], standortId: "hueckelhoven-wassenberg", assignmentBasis: "derived" },
    { id: "wassenberg", name: "Wassenberg", postalCodes: ["41849"], standortId: "hueckelhoven-wassenberg", assignmentBasis: "derived" },
    { id: "geilenkirchen", name: "Geilenkirchen", postalCodes: ["52511"], standortId: "geilenkirchen-uebach-palenberg", assignmentBasis: "derived" },
    { id: "uebach-palenberg", name: "Übach-Palenberg", postalCodes: ["52531"], standortId: "geilenkirchen-uebach-palenberg", assignmentBasis: "derived" },
  ],

  // The seed has no Ombudsstelle (seed-003-notes §5, §10); the portal still offers the channel.
  // No contact data: none is known.
  ombudsstelle: {
    name: "Ombudsstelle SGB II",
    independent: true,
    description: { i18nKey: "traeger.ombudsstelle.description" },
  },

  limits: {
    // No Bruttokaltmiete limits for Kreis Heinsberg were found (rules.md §3). Do not invent.
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
    // Termin zur Antragsabgabe / qualifizierte Antragsannahme with the Leistungssachbearbeitung (L2832, L3726–L3733).
    { id: "antragsabgabe", durationMinutes: 30, team: "leistung", channels: ["in-person"] },
    // Erstberatung und Profiling (Prozessschritt 4, L2861–L2886).
    { id: "erstberatung", durationMinutes: 45, team: "integration", channels: ["in-person", "phone"] },
    // Folgegespräch with Arbeitsvermittlung or Fallmanagement; both sit in the Integrationsbereich (L2700–L2707).
    { id: "folgegespraech", durationMinutes: 30, team: "integration", channels: ["in-person", "phone", "video"] },
    // General advice. Not the Infotheke, which gives „keine inhaltliche Beratung“ (L2812).
    { id: "beratung", durationMinutes: 20, team: "leistung", channels: ["in-person", "phone"] },
  ],

  // Days a Standort is closed beyond the public holidays (Betriebsversammlung, Brückentage):
  // none published were found (2026-12-07); the Träger adds them here with their source.
  closedDays: [],

  holidays: "NW",
} satisfies TraegerConfigInput;
