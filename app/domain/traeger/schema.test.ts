import { describe, expect, it } from "vitest";
import { heinsberg } from "../../config/traeger/heinsberg";
import { parseTraegerConfig, TraegerConfigError, type TraegerConfigInput } from "./schema";

/** A mutable deep copy of the real Heinsberg data, typed loosely so tests can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rawHeinsberg(): any {
  return structuredClone(heinsberg);
}

function errorOf(raw: unknown): TraegerConfigError {
  try {
    parseTraegerConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(TraegerConfigError);
    return error as TraegerConfigError;
  }
  throw new Error("expected parseTraegerConfig to throw");
}

describe("parseTraegerConfig", () => {
  it("accepts the Heinsberg data and applies defaults", () => {
    const minimal = rawHeinsberg() as TraegerConfigInput;
    delete minimal.limits;
    const config = parseTraegerConfig(minimal);
    expect(config.limits).toEqual({
      housing: [],
      draftRetentionDays: 183,
      uploadMaxFileMb: 20,
      uploadMaxApplicationMb: 100,
      uploadMaxDocumentsPerApplication: 60,
      uploadMaxDocumentsPerItem: 15,
      appointmentCancelHours: 24,
      reminderHoursBefore: [48, 2],
      maxFutureAppointmentsPerType: 2,
      renewalReminderWeeks: [8, 4],
      absenceNoticeDays: 7,
      appointmentLeadMinutes: 120,
      missedRebookDays: 14,
    });
    expect(config.closedDays).toEqual([]);
  });

  it("takes closed days with their source, for all or for named Standorte, and refuses an unknown Standort", () => {
    const raw = rawHeinsberg();
    raw.closedDays = [
      { date: "2026-12-24", label: "Heiligabend", source: "Test" },
      { date: "2026-12-28", label: "Betriebsversammlung", standorte: ["erkelenz-wegberg"], source: "Test" },
    ];
    expect(parseTraegerConfig(raw).closedDays).toHaveLength(2);
    raw.closedDays = [{ date: "2026-12-28", label: "Betriebsversammlung", standorte: ["nirgendwo"], source: "Test" }];
    expect(errorOf(raw).issues).toEqual([{ path: "closedDays.0.standorte.0", message: 'unknown Standort "nirgendwo" (not in standorte)' }]);
    raw.closedDays = [{ date: "28.12.2026", label: "x", source: "Test" }];
    expect(errorOf(raw).issues[0].path).toBe("closedDays.0.date");
  });

  it("refuses a negative lead time and a rebooking window of no days", () => {
    const raw = rawHeinsberg();
    raw.limits = { ...raw.limits, appointmentLeadMinutes: -1, missedRebookDays: 0 };
    expect(errorOf(raw).issues.map((i) => i.path)).toEqual(["limits.appointmentLeadMinutes", "limits.missedRebookDays"]);
  });

  it("rejects two phone numbers for one Standort, naming the path", () => {
    const raw = rawHeinsberg();
    raw.standorte[2].phone = ["02433 1234", "02433 5678"];
    const error = errorOf(raw);
    expect(error.message).toMatch(/^Invalid Träger configuration "heinsberg": /);
    expect(error.message).toContain("standorte.2.phone: expected string");
    expect(error.issues).toEqual([{ path: "standorte.2.phone", message: "expected string, received array" }]);
  });

  it("accepts exactly one phone number", () => {
    const raw = rawHeinsberg();
    raw.standorte[2].phone = "02433 1234";
    expect(parseTraegerConfig(raw).standorte[2].phone).toBe("02433 1234");
  });

  it("rejects a municipality served by two customer Standorte", () => {
    const raw = rawHeinsberg();
    raw.standorte[1].municipalities.push("erkelenz"); // already served by standorte.0
    const error = errorOf(raw);
    expect(error.message).toContain('standorte.1.municipalities.4: municipality "erkelenz" is already served by Standort "erkelenz-wegberg"');
    expect(error.message).toContain("exactly one customer Standort");
  });

  it("rejects a dangling standortId", () => {
    const raw = rawHeinsberg();
    raw.municipalities[0].standortId = "erkelenz-wegbreg";
    const error = errorOf(raw);
    expect(error.message).toContain('municipalities.0.standortId: unknown Standort "erkelenz-wegbreg"');
  });

  it("rejects a typo'd field name and suggests the right one", () => {
    const raw = rawHeinsberg();
    raw.standorte[0].phnoe = "02431 1234";
    const error = errorOf(raw);
    expect(error.issues).toEqual([{ path: "standorte.0.phnoe", message: 'unknown field (did you mean "phone"?)' }]);
    expect(error.message).toContain('standorte.0.phnoe: unknown field (did you mean "phone"?)');
  });

  it("rejects a typo'd top-level field", () => {
    const raw = rawHeinsberg();
    raw.jobcentreName = raw.jobcenterName;
    delete raw.jobcenterName;
    const error = errorOf(raw);
    expect(error.message).toContain("jobcenterName: required field is missing (expected string)");
    expect(error.message).toContain('jobcentreName: unknown field (did you mean "jobcenterName"?)');
  });

  it("rejects municipalities on an internal Standort", () => {
    const raw = rawHeinsberg();
    raw.standorte[4].municipalities = ["heinsberg"];
    const error = errorOf(raw);
    expect(error.message).toContain('standorte.4.municipalities: internal Standort "heinsberg-overhead" must not serve municipalities');
  });

  it("rejects a municipality pointing at a different Standort than the one listing it", () => {
    const raw = rawHeinsberg();
    raw.municipalities[0].standortId = "heinsberg-westgemeinden";
    expect(errorOf(raw).message).toContain('municipalities.0.standortId: standortId is "heinsberg-westgemeinden" but municipality "erkelenz" is listed by Standort "erkelenz-wegberg"');
  });

  it("rejects a municipality served by no Standort", () => {
    const raw = rawHeinsberg();
    raw.standorte[0].municipalities = ["erkelenz"];
    expect(errorOf(raw).message).toContain('municipalities.1: municipality "wegberg" is not served by any customer Standort');
  });

  it("rejects unknown municipality ids and duplicate ids", () => {
    const raw = rawHeinsberg();
    raw.standorte[0].municipalities.push("aachen");
    raw.standorte[3].id = "erkelenz-wegberg";
    const message = errorOf(raw).message;
    expect(message).toContain('standorte.0.municipalities.2: unknown municipality "aachen"');
    expect(message).toContain('standorte.3.id: duplicate id "erkelenz-wegberg" (already used by standorte.0)');
  });

  it("validates formats: slug, e-mail, https URL, dates, times, postal codes, transit lines", () => {
    const raw = rawHeinsberg();
    raw.id = "Kreis Heinsberg";
    raw.centralEmail = "jobcenter at kreis";
    raw.website = "http://example.org";
    raw.standorte[0].transit.asOf = "08.12.2010";
    raw.standorte[0].transit.entries[0].lines = ["405/SB1"];
    raw.standorte[0].openingHours = [{ days: [1, 8], opens: "8:00", closes: "07:00" }];
    raw.municipalities[0].postalCodes = ["4181"];
    const error = errorOf(raw);
    const paths = error.issues.map((i) => i.path);
    expect(error.message).toMatch(/^Invalid Träger configuration "Kreis Heinsberg": /);
    expect(paths).toEqual(
      expect.arrayContaining([
        "id",
        "centralEmail",
        "website",
        "standorte.0.transit.asOf",
        "standorte.0.transit.entries.0.lines.0",
        "standorte.0.openingHours.0.days.1",
        "standorte.0.openingHours.0.opens",
        "municipalities.0.postalCodes.0",
      ]),
    );
  });

  it("rejects closing before opening and a non-independent Ombudsstelle", () => {
    const raw = rawHeinsberg();
    raw.standorte[0].openingHours = [{ days: [1], opens: "12:00", closes: "08:00" }];
    raw.ombudsstelle.independent = false;
    const message = errorOf(raw).message;
    expect(message).toContain("standorte.0.openingHours.0.closes: must be later than opens");
    expect(message).toContain("ombudsstelle.independent: an Ombudsstelle must be independent");
  });

  it("rejects a postal code shared by municipalities of different Standorte", () => {
    const raw = rawHeinsberg();
    raw.municipalities[1].postalCodes = ["41844", "52525"]; // Wegberg gets Heinsberg's code
    expect(errorOf(raw).message).toContain('municipalities.2.postalCodes.0: postal code 52525 is also listed for "wegberg"');
  });

  it("rejects a holiday calendar that does not match the state", () => {
    const raw = rawHeinsberg();
    raw.state = "BY";
    expect(errorOf(raw).message).toContain('holidays: holiday calendar "NW" does not match state "BY"');
  });

  it("rejects an upload limit per file above the per-application limit", () => {
    const raw = rawHeinsberg();
    raw.limits.uploadMaxFileMb = 200;
    expect(errorOf(raw).message).toContain("limits.uploadMaxFileMb: must not exceed uploadMaxApplicationMb");
  });

  it("names the Träger as (no id) when the id is missing", () => {
    expect(() => parseTraegerConfig({})).toThrow(/^Invalid Träger configuration \(no id\): /);
    expect(() => parseTraegerConfig(null)).toThrow(/\(root\): expected object, received null/);
  });
});
