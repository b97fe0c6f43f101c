/**
 * Träger configuration: the county (Kreis) that runs the Jobcenter is data, not code.
 *
 * One `TraegerConfig` describes a Träger: its Standorte (sites), the municipalities
 * they serve, transit access, limits and appointment types. Every object is strict,
 * so a typo'd field name is an error instead of being silently ignored.
 *
 * Server-side only (full zod). Use {@link parseTraegerConfig} to validate raw data;
 * it throws an Error whose message names every failing field path.
 *
 * Rules for the data (see app/config/traeger/*.ts):
 * - Never invent contact data, house numbers, opening hours or limits. Absent = unknown.
 * - Text shown to users in all UI languages is stored as an i18n key (plus optional
 *   German fallback), or better as structured facts the UI translates.
 */
import { z } from "zod";
import { foldForMatch } from "./text";

// ---------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z.string().regex(SLUG_PATTERN, { error: 'expected a lowercase slug (a–z, 0–9, single hyphens), e.g. "heinsberg"' });

const nonEmptyText = z.string().trim().min(1, { error: "must not be empty" });

const isoDate = z.iso.date({ error: "expected an ISO date YYYY-MM-DD" });

const timeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { error: "expected a time HH:MM between 00:00 and 23:59" });

/** One phone number as written for display, e.g. "0271 333-2000" or "+49 2452 13-0". */
const phoneNumber = z
  .string()
  .trim()
  .regex(/^\+?\d[\d ()/-]{3,}\d$/, { error: "expected one phone number (digits, spaces, - / ( ) and an optional leading +)" });

const emailAddress = z.email({ error: "expected an e-mail address" });

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "expected an https:// URL" });

const postalCode = z.string().regex(/^\d{5}$/, { error: "expected a 5-digit German postal code" });

const weekday = z.number().int().min(1, { error: "expected a weekday number 1 (Monday) … 7 (Sunday)" }).max(7, { error: "expected a weekday number 1 (Monday) … 7 (Sunday)" });

const count = z.number().int().min(0, { error: "expected a count ≥ 0" });

function uniqueArray<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).refine((values) => new Set(values).size === values.length, {
    error: `must not contain duplicate ${what}`,
  });
}

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

/** ISO 3166-2:DE codes of the 16 Länder. */
export const GERMAN_STATES = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"] as const;
/** Länder for which public holidays are implemented (see holidays.ts). */
export const HOLIDAY_CALENDARS = ["NW"] as const;
export const COOPERATION_PLAN_LABELS = ["Kooperationsplan", "Eingliederungsvereinbarung"] as const;
export const STANDORT_KINDS = ["customer", "internal"] as const;
export const TEAMS = ["leistung", "integration", "fallmanagement", "infothek"] as const;
export const APPOINTMENT_CHANNELS = ["in-person", "phone", "video"] as const;
export const TRANSIT_MODES = ["bus", "rail"] as const;
export const OMBUDS_TOPICS = ["anregungen", "kritik", "beschwerden"] as const;
/** Appointment type ids the portal knows about; Träger may add further slugs. */
export const KNOWN_APPOINTMENT_TYPE_IDS = ["antragsabgabe", "erstberatung", "folgegespraech", "beratung"] as const;
export type KnownAppointmentTypeId = (typeof KNOWN_APPOINTMENT_TYPE_IDS)[number];

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

/**
 * Text shown to users. Prefer `i18nKey` (translated by the UI into every portal
 * language); `de` is German source text / fallback.
 */
export const localizedTextSchema = z
  .strictObject({
    i18nKey: z
      .string()
      .regex(/^[a-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*$/, { error: 'expected an i18n key like "traeger.ombudsstelle.description"' })
      .optional(),
    de: nonEmptyText.optional(),
  })
  .refine((t) => t.i18nKey !== undefined || t.de !== undefined, { error: "needs an i18nKey or German text (de)" });

export const addressSchema = z
  .strictObject({
    /** Building as named in the sources, e.g. "Rathaus". */
    building: nonEmptyText.optional(),
    street: nonEmptyText.optional(),
    houseNumber: z
      .string()
      .regex(/^\d+\s?[a-zA-Z]?(?:\s?[-/]\s?\d+\s?[a-zA-Z]?)?$/, { error: 'expected a house number like "78" or "12a"' })
      .optional(),
    postalCode: postalCode.optional(),
    city: nonEmptyText,
  })
  .refine((a) => a.houseNumber === undefined || a.street !== undefined, {
    error: "a house number needs a street",
    path: ["houseNumber"],
  });

/** A contact (imprint, data protection officer). Only `name` is required. */
export const contactSchema = z.strictObject({
  name: nonEmptyText,
  address: addressSchema.optional(),
  phone: phoneNumber.optional(),
  email: emailAddress.optional(),
  website: httpsUrl.optional(),
});

export const openingHoursEntrySchema = z
  .strictObject({
    days: uniqueArray(weekday, "weekdays").min(1, { error: "needs at least one weekday" }),
    opens: timeOfDay,
    closes: timeOfDay,
  })
  .refine((h) => h.opens < h.closes, { error: "must be later than opens", path: ["closes"] });

/** Structured accessibility facts; the UI renders them in every language. No prose. */
export const accessibilitySchema = z.strictObject({
  /** true/false when known from a source, null when unknown. */
  stepFreeAccess: z.boolean().nullable(),
  /** Legal citation behind the statement, e.g. "BGG NRW § 4" (not shown as prose). */
  legalBasis: nonEmptyText.optional(),
  /** Counts of customer facilities, only when a source gives them. */
  facilities: z
    .strictObject({
      infotheke: count.optional(),
      waitingAreas: count.optional(),
    })
    .optional(),
  notes: z.array(localizedTextSchema).optional(),
});

/** One transit line name per element, e.g. "474", "SB1", "RE4". */
const transitLine = z.string().regex(/^[^\s/,;]+$/, { error: 'expected one line name per element (split "474/475" into "474" and "475")' });

export const transitEntrySchema = z.strictObject({
  /** The area/villages exactly as the source writes them, e.g. "Waldfeucht/Haaren/Kirchhoven". */
  area: nonEmptyText,
  lines: uniqueArray(transitLine, "lines").min(1, { error: "needs at least one line" }),
  mode: z.enum(TRANSIT_MODES),
});

export const transitSchema = z.strictObject({
  /** Date the line data describes; lines change, so the UI shows this. */
  asOf: isoDate,
  /** Where the data comes from (shown to editors). */
  source: nonEmptyText,
  entries: z.array(transitEntrySchema).min(1, { error: "needs at least one entry (omit transit when unknown)" }),
  /**
   * The Träger marks the lines as outdated (e.g. the 2010 list after the Standorte moved): they
   * are then not shown to the public at all. Otherwise they are shown with their `asOf` date.
   */
  outdated: z.boolean().optional(),
});

/** Where a Standort's contact data (address, phone, opening hours) was read, and when. */
export const contactSourceSchema = z.strictObject({
  /** The public page the data was read from. */
  url: httpsUrl,
  /** The day it was read. */
  asOf: isoDate,
});

export const noticeSchema = z
  .strictObject({
    from: isoDate,
    until: isoDate,
    text: localizedTextSchema,
  })
  .refine((n) => n.from <= n.until, { error: "must not be before from", path: ["until"] });

export const standortSchema = z
  .strictObject({
    id: slug,
    name: nonEmptyText,
    /** "internal" = not open to customers (e.g. the overhead / head office). */
    kind: z.enum(STANDORT_KINDS),
    /** Municipality ids this Standort serves (its catchment). Internal Standorte serve none. */
    municipalities: z.array(slug),
    /** Municipality id where the building is (may differ from the catchment). */
    locatedIn: slug.optional(),
    /** Regionalbereich id (Siegen-Wittgenstein style organisation). */
    regionalbereich: slug.optional(),
    address: addressSchema.optional(),
    /** The ONE central phone number of this Standort. */
    phone: phoneNumber.optional(),
    fax: phoneNumber.optional(),
    email: emailAddress.optional(),
    /** Overrides the Träger-wide opening hours. */
    openingHours: z.array(openingHoursEntrySchema).optional(),
    /** Where address/phone/opening hours come from (shown with them). Required for invented-free data. */
    contactSource: contactSourceSchema.optional(),
    accessibility: accessibilitySchema,
    transit: transitSchema.optional(),
    validFrom: isoDate.optional(),
    validUntil: isoDate.optional(),
    notices: z.array(noticeSchema).optional(),
  })
  .refine((s) => s.validFrom === undefined || s.validUntil === undefined || s.validFrom <= s.validUntil, {
    error: "must not be before validFrom",
    path: ["validUntil"],
  });

export const municipalitySchema = z.strictObject({
  id: slug,
  name: nonEmptyText,
  /** Known postal codes; empty when unknown. */
  postalCodes: uniqueArray(postalCode, "postal codes"),
  /** The one customer Standort serving this municipality. */
  standortId: slug,
  /**
   * "stated": the source states the assignment; "derived": inferred by us and to be
   * confirmed by the Träger.
   */
  assignmentBasis: z.enum(["stated", "derived"]).default("stated"),
});

export const regionalbereichSchema = z.strictObject({
  id: slug,
  name: nonEmptyText,
  municipalities: uniqueArray(slug, "municipalities").min(1, { error: "needs at least one municipality" }),
  /** Subset of `municipalities` whose membership is inferred, not stated by a source. */
  unconfirmedMunicipalities: uniqueArray(slug, "municipalities").default(() => []),
});

export const ombudsstelleSchema = z.strictObject({
  name: nonEmptyText,
  independent: z.literal(true, { error: "an Ombudsstelle must be independent (independent: true)" }),
  status: z.enum(["planned", "active"]).optional(),
  /** What it takes, e.g. „Anregungen, Kritik und Beschwerden“. */
  accepts: uniqueArray(z.enum(OMBUDS_TOPICS), "topics").optional(),
  description: localizedTextSchema,
  email: emailAddress.optional(),
  phone: phoneNumber.optional(),
  address: addressSchema.optional(),
  website: httpsUrl.optional(),
});

export const housingLimitTableSchema = z
  .strictObject({
    validFrom: isoDate,
    validUntil: isoDate.optional(),
    /** Municipalities of this Vergleichsraum; absent = the whole Kreis. */
    municipalities: uniqueArray(slug, "municipalities").optional(),
    basis: z.literal("bruttokaltmiete").default("bruttokaltmiete"),
    rows: z
      .array(
        z.strictObject({
          householdSize: z.number().int().min(1).max(20),
          /** Monthly limit in EUR. */
          maxEur: z.number().positive(),
        }),
      )
      .min(1)
      .refine((rows) => new Set(rows.map((r) => r.householdSize)).size === rows.length, {
        error: "must not list a household size twice",
      }),
    /** Monthly EUR per person above the largest listed household size. */
    additionalPersonEur: z.number().positive().optional(),
    /** Published guideline the values come from (required: never invent limits). */
    source: nonEmptyText,
  })
  .refine((t) => t.validUntil === undefined || t.validFrom <= t.validUntil, {
    error: "must not be before validFrom",
    path: ["validUntil"],
  });

export const limitsSchema = z
  .strictObject({
    /** Bruttokaltmiete limits (Angemessenheitsgrenzen). Empty = unknown. */
    housing: z.array(housingLimitTableSchema).default(() => []),
    // At least 15: the warning mail goes out 14 days before a draft is deleted.
    draftRetentionDays: z.number().int().min(15).max(3650).default(183),
    uploadMaxFileMb: z.number().int().positive().default(20),
    uploadMaxApplicationMb: z.number().int().positive().default(100),
    /** Documents per application (or per other place files are kept: "my documents", a task's evidence). */
    uploadMaxDocumentsPerApplication: z.number().int().min(1).max(1000).default(60),
    /** Documents per checklist item (e.g. the identity card of one person). */
    uploadMaxDocumentsPerItem: z.number().int().min(1).max(1000).default(15),
    appointmentCancelHours: z.number().int().min(0).default(24),
    reminderHoursBefore: uniqueArray(z.number().int().positive(), "reminder offsets").default(() => [48, 2]),
    maxFutureAppointmentsPerType: z.number().int().min(1).default(2),
    /** Minimum time between booking online and the start of the appointment, in minutes (no booking 3 minutes before). */
    appointmentLeadMinutes: z.number().int().min(0).max(10080).default(120),
    /** After a missed appointment the mail asks to book again within this many days, counted from the mail. */
    missedRebookDays: z.number().int().min(1).max(90).default(14),
    /**
     * How long deciding on a complete application usually takes, shown on the status page after
     * submission. Absent = unknown (the page then says it depends). `source` names where the
     * figure comes from.
     */
    usualProcessingWeeks: z
      .strictObject({ min: z.number().int().min(1).max(26), max: z.number().int().min(1).max(26), source: nonEmptyText })
      .refine((w) => w.min <= w.max, { error: "min must not be above max", path: ["max"] })
      .optional(),
    /** Weeks before the approval period ends when the person is reminded to renew (mail, and "renew now" on /konto from the earliest). */
    renewalReminderWeeks: uniqueArray(z.number().int().min(1).max(26), "renewal reminder offsets").default(() => [8, 4]),
    /** How many days ahead the Jobcenter asks to hear of an absence (shown before sending, never enforced). */
    absenceNoticeDays: z.number().int().min(0).max(60).default(7),
  })
  .refine((l) => l.uploadMaxFileMb <= l.uploadMaxApplicationMb, {
    error: "must not exceed uploadMaxApplicationMb",
    path: ["uploadMaxFileMb"],
  })
  .refine((l) => l.uploadMaxDocumentsPerItem <= l.uploadMaxDocumentsPerApplication, {
    error: "must not exceed uploadMaxDocumentsPerApplication",
    path: ["uploadMaxDocumentsPerItem"],
  });

export const appointmentTypeSchema = z.strictObject({
  /** "antragsabgabe" | "erstberatung" | "folgegespraech" | "beratung" | other slug. The UI translates by id. */
  id: slug,
  durationMinutes: z.number().int().min(5).max(480),
  team: z.enum(TEAMS),
  channels: uniqueArray(z.enum(APPOINTMENT_CHANNELS), "channels").min(1, { error: "needs at least one channel" }),
});

// ---------------------------------------------------------------------------
// The Träger
/**
 * A template of the Rechtsfolgenbelehrung the staff offer in the Kooperationsplan form (issue 19
 * § 14): dated (the law it states), with its source; "plan" for the plan's Rechtsfolgenbelehrung,
 * "task" for one task's legal consequences (optionally only for some task kinds).
 */
const legalTemplateSchema = z.strictObject({
  id: slug,
  label: nonEmptyText,
  use: z.enum(["plan", "task"]),
  taskKinds: z.array(z.enum(["applications", "measure", "appointment", "document", "other"])).optional(),
  validFrom: isoDate,
  validUntil: isoDate.optional(),
  /** Where the wording comes from (law, research note, the Träger's legal department). */
  source: nonEmptyText,
  text: nonEmptyText,
});
export type LegalTemplate = z.infer<typeof legalTemplateSchema>;

// ---------------------------------------------------------------------------

const traegerConfigObjectSchema = z.strictObject({
  id: slug,
  /** "Kreis Heinsberg" */
  name: nonEmptyText,
  jobcenterName: nonEmptyText,
  state: z.enum(GERMAN_STATES),
  website: httpsUrl.optional(),
  centralEmail: emailAddress.optional(),
  centralPhone: phoneNumber.optional(),
  imprint: contactSchema.optional(),
  dataProtectionOfficer: contactSchema.optional(),
  /** Label of the integration agreement under current law. */
  cooperationPlanLabel: z.enum(COOPERATION_PLAN_LABELS),
  /** Templates of the Rechtsfolgenbelehrung offered in the Kooperationsplan form (dated, with source). */
  legalTemplates: z.array(legalTemplateSchema).optional(),
  /** Träger-wide opening hours for customer Standorte (a Standort may override). */
  openingHours: z.array(openingHoursEntrySchema).optional(),
  standorte: z.array(standortSchema).min(1, { error: "needs at least one Standort" }),
  municipalities: z.array(municipalitySchema).min(1, { error: "needs at least one municipality" }),
  regionalbereiche: z.array(regionalbereichSchema).optional(),
  ombudsstelle: ombudsstelleSchema.optional(),
  limits: limitsSchema.prefault({}),
  appointmentTypes: z.array(appointmentTypeSchema).min(1, { error: "needs at least one appointment type" }),
  /**
   * Days a Standort (or, without `standorte`, every Standort) is closed beyond the public
   * holidays, e.g. a Betriebsversammlung: new slots on them need an explicit confirmation.
   * Only with the source that says so (never invented).
   */
  closedDays: z.array(z.strictObject({ date: isoDate, label: nonEmptyText, standorte: uniqueArray(slug, "Standorte").optional(), source: nonEmptyText })).default(() => []),
  /** Public-holiday calendar (Land) used for appointment slots. */
  holidays: z.enum(HOLIDAY_CALENDARS, { error: `unsupported holiday calendar (supported: ${HOLIDAY_CALENDARS.join(", ")})` }),
});

type TraegerConfigShape = z.output<typeof traegerConfigObjectSchema>;
type Path = (string | number)[];

/** Cross-field rules. Runs once every field is individually valid. */
function checkCrossFieldRules(cfg: TraegerConfigShape, ctx: z.RefinementCtx): void {
  const fail = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });

  // --- unique ids -----------------------------------------------------------
  const indexById = <T extends { id: string }>(items: readonly T[] | undefined, collection: string) => {
    const index = new Map<string, number>();
    (items ?? []).forEach((item, i) => {
      const first = index.get(item.id);
      if (first !== undefined) fail([collection, i, "id"], `duplicate id "${item.id}" (already used by ${collection}.${first})`);
      else index.set(item.id, i);
    });
    return index;
  };
  const standortIndex = indexById(cfg.standorte, "standorte");
  const municipalityIndex = indexById(cfg.municipalities, "municipalities");
  const regionalbereichIndex = indexById(cfg.regionalbereiche, "regionalbereiche");
  indexById(cfg.appointmentTypes, "appointmentTypes");

  // --- Standorte → municipalities -------------------------------------------
  /** municipality id → where it is listed (customer Standorte only). */
  const servedAt = new Map<string, { standortIndex: number; position: number }>();
  cfg.standorte.forEach((standort, si) => {
    if (standort.kind === "internal" && standort.municipalities.length > 0) {
      fail(["standorte", si, "municipalities"], `internal Standort "${standort.id}" must not serve municipalities (it is not open to customers)`);
    }
    const seenHere = new Set<string>();
    standort.municipalities.forEach((municipalityId, mi) => {
      const path: Path = ["standorte", si, "municipalities", mi];
      if (seenHere.has(municipalityId)) {
        fail(path, `municipality "${municipalityId}" is listed twice`);
        return;
      }
      seenHere.add(municipalityId);
      if (!municipalityIndex.has(municipalityId)) {
        fail(path, `unknown municipality "${municipalityId}" (not in municipalities)`);
        return;
      }
      if (standort.kind !== "customer") return;
      const previous = servedAt.get(municipalityId);
      if (previous) {
        const other = cfg.standorte[previous.standortIndex];
        fail(
          path,
          `municipality "${municipalityId}" is already served by Standort "${other.id}" ` +
            `(standorte.${previous.standortIndex}.municipalities.${previous.position}); ` +
            "each municipality must be served by exactly one customer Standort",
        );
      } else {
        servedAt.set(municipalityId, { standortIndex: si, position: mi });
      }
    });
    if (standort.locatedIn !== undefined && !municipalityIndex.has(standort.locatedIn)) {
      fail(["standorte", si, "locatedIn"], `unknown municipality "${standort.locatedIn}" (not in municipalities)`);
    }
    if (standort.regionalbereich !== undefined) {
      const ri = regionalbereichIndex.get(standort.regionalbereich);
      if (ri === undefined) {
        fail(["standorte", si, "regionalbereich"], `unknown Regionalbereich "${standort.regionalbereich}" (not in regionalbereiche)`);
      } else {
        const members = new Set(cfg.regionalbereiche![ri].municipalities);
        const outside = standort.municipalities.filter((m) => !members.has(m));
        if (outside.length > 0) {
          fail(["standorte", si, "regionalbereich"], `Regionalbereich "${standort.regionalbereich}" does not contain ${outside.map((m) => `"${m}"`).join(", ")} served by this Standort`);
        }
      }
    }
  });
  if (!cfg.standorte.some((s) => s.kind === "customer")) {
    fail(["standorte"], 'needs at least one Standort with kind "customer"');
  }

  // --- municipalities → Standort ----------------------------------------------
  const namesSeen = new Map<string, number>();
  const postalCodeOwner = new Map<string, number>();
  cfg.municipalities.forEach((municipality, mi) => {
    const folded = foldForMatch(municipality.name);
    const sameName = namesSeen.get(folded);
    if (sameName !== undefined) {
      fail(["municipalities", mi, "name"], `name "${municipality.name}" is indistinguishable from municipalities.${sameName}.name`);
    } else {
      namesSeen.set(folded, mi);
    }

    const si = standortIndex.get(municipality.standortId);
    if (si === undefined) {
      fail(["municipalities", mi, "standortId"], `unknown Standort "${municipality.standortId}" (not in standorte)`);
    } else if (cfg.standorte[si].kind !== "customer") {
      fail(["municipalities", mi, "standortId"], `Standort "${municipality.standortId}" is internal; a municipality must be served by a customer Standort`);
    }

    const served = servedAt.get(municipality.id);
    if (!served) {
      fail(["municipalities", mi], `municipality "${municipality.id}" is not served by any customer Standort (add it to one Standort's municipalities)`);
    } else if (si !== undefined && served.standortIndex !== si) {
      fail(
        ["municipalities", mi, "standortId"],
        `standortId is "${municipality.standortId}" but municipality "${municipality.id}" is listed by Standort ` +
          `"${cfg.standorte[served.standortIndex].id}" (standorte.${served.standortIndex}.municipalities.${served.position})`,
      );
    }

    // A postal code shared by municipalities is fine only if they have the same Standort,
    // otherwise a postal-code lookup could not decide.
    municipality.postalCodes.forEach((code, pi) => {
      const ownerIndex = postalCodeOwner.get(code);
      if (ownerIndex === undefined) {
        postalCodeOwner.set(code, mi);
        return;
      }
      const owner = cfg.municipalities[ownerIndex];
      if (owner.standortId !== municipality.standortId) {
        fail(["municipalities", mi, "postalCodes", pi], `postal code ${code} is also listed for "${owner.id}", which is served by a different Standort`);
      }
    });
  });

  // --- Regionalbereiche ---------------------------------------------------------
  if (cfg.regionalbereiche) {
    const covered = new Set<string>();
    cfg.regionalbereiche.forEach((rb, ri) => {
      rb.municipalities.forEach((municipalityId, mi) => {
        if (!municipalityIndex.has(municipalityId)) {
          fail(["regionalbereiche", ri, "municipalities", mi], `unknown municipality "${municipalityId}" (not in municipalities)`);
        }
        covered.add(municipalityId);
      });
      rb.unconfirmedMunicipalities.forEach((municipalityId, ui) => {
        if (!rb.municipalities.includes(municipalityId)) {
          fail(["regionalbereiche", ri, "unconfirmedMunicipalities", ui], `"${municipalityId}" must also be listed in regionalbereiche.${ri}.municipalities`);
        }
      });
    });
    cfg.municipalities.forEach((municipality, mi) => {
      if (!covered.has(municipality.id)) {
        fail(["municipalities", mi], `municipality "${municipality.id}" belongs to no Regionalbereich`);
      }
    });
  }

  // --- limits ------------------------------------------------------------------
  cfg.limits.housing.forEach((table, ti) => {
    table.municipalities?.forEach((municipalityId, mi) => {
      if (!municipalityIndex.has(municipalityId)) {
        fail(["limits", "housing", ti, "municipalities", mi], `unknown municipality "${municipalityId}" (not in municipalities)`);
      }
    });
  });

  // --- closed days --------------------------------------------------------------
  cfg.closedDays.forEach((day, di) => {
    day.standorte?.forEach((standortId, si) => {
      if (!standortIndex.has(standortId)) fail(["closedDays", di, "standorte", si], `unknown Standort "${standortId}" (not in standorte)`);
    });
  });

  // --- holidays ----------------------------------------------------------------
  if (cfg.holidays !== cfg.state) {
    fail(["holidays"], `holiday calendar "${cfg.holidays}" does not match state "${cfg.state}"`);
  }
}

export const traegerConfigSchema = traegerConfigObjectSchema.superRefine(checkCrossFieldRules);

/** A validated Träger configuration (defaults applied). */
export type TraegerConfig = z.output<typeof traegerConfigSchema>;
/** What a config file may contain (defaults may be omitted). */
export type TraegerConfigInput = z.input<typeof traegerConfigSchema>;
export type Standort = TraegerConfig["standorte"][number];
export type Municipality = TraegerConfig["municipalities"][number];
export type Regionalbereich = NonNullable<TraegerConfig["regionalbereiche"]>[number];
export type AppointmentType = TraegerConfig["appointmentTypes"][number];
export type TransitEntry = z.output<typeof transitEntrySchema>;
export type OpeningHoursEntry = z.output<typeof openingHoursEntrySchema>;
export type Notice = z.output<typeof noticeSchema>;
export type LocalizedText = z.output<typeof localizedTextSchema>;
export type Address = z.output<typeof addressSchema>;
export type Contact = z.output<typeof contactSchema>;
export type Ombudsstelle = z.output<typeof ombudsstelleSchema>;
export type TraegerLimits = TraegerConfig["limits"];
export type Team = (typeof TEAMS)[number];
export type AppointmentChannel = (typeof APPOINTMENT_CHANNELS)[number];

// ---------------------------------------------------------------------------
// Parsing with readable errors
// ---------------------------------------------------------------------------

export interface TraegerConfigIssue {
  /** Dot path, e.g. "standorte.2.phone"; "(root)" for the top level. */
  path: string;
  message: string;
}

export class TraegerConfigError extends Error {
  readonly traegerId: string | undefined;
  readonly issues: readonly TraegerConfigIssue[];

  constructor(traegerId: string | undefined, issues: readonly TraegerConfigIssue[]) {
    const label = traegerId === undefined ? "(no id)" : `"${traegerId}"`;
    super(`Invalid Träger configuration ${label}: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    this.name = "TraegerConfigError";
    this.traegerId = traegerId;
    this.issues = issues;
  }
}

/**
 * Validates raw Träger data and applies defaults.
 * @throws {TraegerConfigError} naming every failing field path, e.g.
 *   `Invalid Träger configuration "heinsberg": standorte.2.phone: expected string, received array`
 */
export function parseTraegerConfig(raw: unknown): TraegerConfig {
  const result = traegerConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const id = typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : undefined;
  throw new TraegerConfigError(id, describeIssues(result.error.issues));
}

/** Turns zod issues into path-first messages. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): TraegerConfigIssue[] {
  const out: TraegerConfigIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(traegerConfigObjectSchema, issue.path);
      for (const key of issue.keys) {
        const suggestion = closestKey(key, known);
        out.push({
          path: formatPath([...issue.path, key]),
          message: `unknown field${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`,
        });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === "invalid_type") {
      message = /received undefined$/.test(message) ? `required field is missing (expected ${issue.expected})` : message.replace(/^Invalid input:\s*/, "");
    }
    out.push({ path: formatPath(issue.path), message });
  }
  return out;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(root)" : path.map(String).join(".");
}

/** Best-effort: the field names a strict object at `path` accepts (for typo hints). */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return [];
    if (current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    else if (current instanceof z.ZodObject && typeof segment === "string") {
      const next: z.ZodType | undefined = (current.shape as Record<string, z.ZodType>)[segment];
      current = next ? unwrap(next) : undefined;
    } else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

function closestKey(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = levenshtein(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
