import { describe, expect, it } from "vitest";
import { loadTraeger } from "../../config/traeger";
import { heinsberg } from "../../config/traeger/heinsberg";
import { activeNotices, customerStandorte, findStandortForMunicipality, isStandortValidOn, municipalitiesOfStandort, standortById } from "./lookup";
import { parseTraegerConfig, type TraegerConfigInput } from "./schema";
import { foldForMatch } from "./text";

const hs = loadTraeger("heinsberg");
const sw = loadTraeger("siegen-wittgenstein");

function standortIdFor(query: string, traeger = hs): string | undefined {
  const result = findStandortForMunicipality(traeger, query);
  return result.kind === "found" ? result.standort.id : undefined;
}

describe("foldForMatch", () => {
  it("folds case, umlauts, their ae/oe/ue spellings, ß, accents and punctuation", () => {
    const folded = foldForMatch("Übach-Palenberg");
    expect(foldForMatch("Uebach-Palenberg")).toBe(folded);
    expect(foldForMatch("ubach palenberg")).toBe(folded);
    expect(foldForMatch("  ÜBACH_PALENBERG ")).toBe(folded);
    expect(foldForMatch("Hueckelhoven")).toBe(foldForMatch("Hückelhoven"));
    expect(foldForMatch("Straße")).toBe(foldForMatch("Strasse"));
    expect(foldForMatch("Café")).toBe("cafe");
  });
});

describe("findStandortForMunicipality", () => {
  it.each(["Übach-Palenberg", "Uebach-Palenberg", "ubach palenberg", "UEBACH PALENBERG", "Stadt Übach-Palenberg", "52531"])("%s → Geilenkirchen/Übach-Palenberg", (query) => {
    const result = findStandortForMunicipality(hs, query);
    expect(result.kind).toBe("found");
    if (result.kind !== "found") return;
    expect(result.municipality.id).toBe("uebach-palenberg");
    expect(result.standort.name).toBe("Geilenkirchen/Übach-Palenberg");
  });

  it("matches Hückelhoven in every spelling", () => {
    for (const query of ["Hückelhoven", "hueckelhoven", "HUCKELHOVEN", " hückelhoven "]) {
      expect(standortIdFor(query)).toBe("hueckelhoven-wassenberg");
    }
  });

  it("reports how it matched", () => {
    expect(findStandortForMunicipality(hs, "Wegberg")).toMatchObject({ kind: "found", matchedBy: "name" });
    expect(findStandortForMunicipality(hs, "41844")).toMatchObject({ kind: "found", matchedBy: "postalCode" });
  });

  it("resolves a shared postal code to the common Standort and lists the other municipality", () => {
    const result = findStandortForMunicipality(hs, "52525");
    expect(result).toMatchObject({ kind: "found", matchedBy: "postalCode", standort: { id: "heinsberg-westgemeinden" } });
    if (result.kind !== "found") return;
    expect([result.municipality.id, ...result.otherMunicipalities.map((m) => m.id)].sort()).toEqual(["heinsberg", "waldfeucht"]);
  });

  it("prefers the name when postal code and name are both given", () => {
    const result = findStandortForMunicipality(hs, "52525 Waldfeucht");
    expect(result).toMatchObject({ kind: "found", matchedBy: "name", municipality: { id: "waldfeucht" } });
  });

  it("returns outside for places not in the Kreis", () => {
    expect(findStandortForMunicipality(hs, "Aachen")).toEqual({ kind: "outside", query: "Aachen" });
    expect(findStandortForMunicipality(hs, "52062")).toEqual({ kind: "outside", query: "52062" });
    expect(findStandortForMunicipality(hs, "Siegen")).toEqual({ kind: "outside", query: "Siegen" });
    expect(findStandortForMunicipality(hs, "   ")).toEqual({ kind: "outside", query: "   " });
    // Villages (Ortsteile) are not mapped (no authoritative source yet).
    expect(findStandortForMunicipality(hs, "Oberbruch").kind).toBe("outside");
  });

  it("works for Siegen-Wittgenstein", () => {
    expect(standortIdFor("Erndtebrueck", sw)).toBe("erndtebrueck");
    expect(standortIdFor("bad laasphe", sw)).toBe("bad-laasphe");
    expect(standortIdFor("57076", sw)).toBe("siegen-weidenauer-strasse");
    expect(findStandortForMunicipality(sw, "Heinsberg").kind).toBe("outside");
  });
});

describe("customerStandorte / standortById", () => {
  it("excludes internal Standorte", () => {
    expect(customerStandorte(hs).map((s) => s.id)).toEqual(["erkelenz-wegberg", "heinsberg-westgemeinden", "hueckelhoven-wassenberg", "geilenkirchen-uebach-palenberg"]);
    expect(customerStandorte(sw)).toHaveLength(12);
  });

  it("finds any Standort by id, including internal ones", () => {
    expect(standortById(hs, "heinsberg-overhead")?.kind).toBe("internal");
    expect(standortById(hs, "aachen")).toBeUndefined();
  });

  it("lists the municipalities of a Standort", () => {
    const westgemeinden = standortById(hs, "heinsberg-westgemeinden")!;
    expect(municipalitiesOfStandort(hs, westgemeinden).map((m) => m.name)).toEqual(["Heinsberg", "Gangelt", "Selfkant", "Waldfeucht"]);
  });
});

describe("validity windows and notices", () => {
  const raw: TraegerConfigInput = structuredClone(heinsberg);
  raw.standorte[0] = {
    ...raw.standorte[0],
    validUntil: "2026-06-30",
    notices: [{ from: "2026-06-01", until: "2026-06-30", text: { i18nKey: "standort.notice.moving" } }],
  };
  raw.standorte[1] = { ...raw.standorte[1], validFrom: "2026-07-01" };
  const config = parseTraegerConfig(raw);

  it("filters customer Standorte by date", () => {
    expect(customerStandorte(config, "2026-05-31").map((s) => s.id)).not.toContain("heinsberg-westgemeinden");
    expect(customerStandorte(config, "2026-07-01").map((s) => s.id)).not.toContain("erkelenz-wegberg");
    expect(customerStandorte(config)).toHaveLength(4);
    expect(isStandortValidOn(config.standorte[0], "2026-06-30")).toBe(true);
  });

  it("shows a notice only within its window", () => {
    const standort = config.standorte[0];
    expect(activeNotices(standort, "2026-05-31")).toEqual([]);
    expect(activeNotices(standort, "2026-06-01")).toHaveLength(1);
    expect(activeNotices(standort, "2026-06-30")).toHaveLength(1);
    expect(activeNotices(standort, "2026-07-01")).toEqual([]);
  });
});
