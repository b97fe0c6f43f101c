import { afterEach, describe, expect, it } from "vitest";
import { customerStandorte, findStandortForMunicipality } from "../../domain/traeger/lookup";
import { parseTraegerConfig } from "../../domain/traeger/schema";
import { heinsberg } from "./heinsberg";
import { clearTraegerCache, getTraeger, loadTraeger, TRAEGER_IDS } from "./index";
import { siegenWittgenstein } from "./siegen-wittgenstein";

describe("all Träger configurations", () => {
  it.each(TRAEGER_IDS)("%s parses", (id) => {
    const config = loadTraeger(id);
    expect(config.id).toBe(id);
    expect(config.holidays).toBe("NW");
    expect(config.cooperationPlanLabel).toBe("Kooperationsplan");
    expect(config.limits.housing).toEqual([]); // no limits found in research: never invented
    expect(config.appointmentTypes.map((t) => t.id)).toEqual(["antragsabgabe", "erstberatung", "folgegespraech", "beratung"]);
  });

  it.each([heinsberg, siegenWittgenstein])("$id: no invented contact data", (raw) => {
    const config = parseTraegerConfig(raw);
    expect(config.centralPhone).toBeUndefined();
    expect(config.centralEmail).toBeUndefined();
    expect(config.website).toBeUndefined();
    expect(config.openingHours).toBeUndefined();
    // A Standort's phone, fax, e-mail or opening hours only with the public page they were read
    // from and the day (contactSource); everything else stays empty.
    for (const standort of config.standorte) {
      const hasContact = [standort.phone, standort.fax, standort.email, standort.openingHours].some((v) => v !== undefined);
      if (hasContact) {
        expect(standort.contactSource?.url, standort.id).toMatch(/^https:\/\//);
        expect(standort.contactSource?.asOf, standort.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } else {
        expect(standort.contactSource, standort.id).toBeUndefined();
      }
    }
  });

  it("Kreis Heinsberg: the four Geschäftsstellen's phone numbers as the Jobcenter's page gives them (read 2026-12-07)", () => {
    const config = parseTraegerConfig(heinsberg);
    const phones = Object.fromEntries(config.standorte.map((s) => [s.id, s.phone]));
    expect(phones).toEqual({
      "erkelenz-wegberg": "02431/9737-0",
      "heinsberg-westgemeinden": "02452/9762-0",
      "hueckelhoven-wassenberg": "02433/44570-0",
      "geilenkirchen-uebach-palenberg": "02451/91599-0",
      "heinsberg-overhead": undefined,
    });
  });

  it("lines marked outdated by the Träger are not public; others carry their date", async () => {
    const { publicStandort } = await import("../../features/standorte/standorte.server");
    const config = parseTraegerConfig(heinsberg);
    const standort = config.standorte.find((s) => s.id === "heinsberg-westgemeinden")!;
    expect(publicStandort(config, standort).transit?.asOf).toBe("2010-12-08");
    const outdated = parseTraegerConfig({
      ...heinsberg,
      standorte: heinsberg.standorte.map((s) => (s.id === standort.id && "transit" in s ? { ...s, transit: { ...s.transit, outdated: true } } : s)),
    });
    expect(
      publicStandort(
        outdated,
        outdated.standorte.find((s) => s.id === standort.id)!,
      ).transit,
    ).toBeNull();
  });

  it("appointment types match the brief", () => {
    const types = Object.fromEntries(loadTraeger("heinsberg").appointmentTypes.map((t) => [t.id, t]));
    expect(types.antragsabgabe).toEqual({ id: "antragsabgabe", durationMinutes: 30, team: "leistung", channels: ["in-person"] });
    expect(types.erstberatung).toEqual({ id: "erstberatung", durationMinutes: 45, team: "integration", channels: ["in-person", "phone"] });
    expect(types.folgegespraech.durationMinutes).toBe(30);
    expect(types.folgegespraech.channels).toEqual(["in-person", "phone", "video"]);
    expect(types.beratung.durationMinutes).toBe(20);
    expect(types.beratung.channels).toEqual(["in-person", "phone"]);
  });
});

describe("Kreis Heinsberg", () => {
  const hs = loadTraeger("heinsberg");

  it("has exactly 4 customer Standorte with the exact names", () => {
    expect(customerStandorte(hs).map((s) => s.name)).toEqual(["Erkelenz/Wegberg", "Heinsberg/Westgemeinden", "Hückelhoven/Wassenberg", "Geilenkirchen/Übach-Palenberg"]);
  });

  it("the overhead site is internal, serves nobody and is not a customer Standort", () => {
    const overhead = hs.standorte.find((s) => s.id === "heinsberg-overhead");
    expect(overhead).toMatchObject({ kind: "internal", municipalities: [] });
    expect(overhead?.accessibility.facilities).toEqual({ infotheke: 0, waitingAreas: 0 });
    expect(customerStandorte(hs).map((s) => s.id)).not.toContain("heinsberg-overhead");
  });

  const mapping: Record<string, string> = {
    Erkelenz: "Erkelenz/Wegberg",
    Wegberg: "Erkelenz/Wegberg",
    Heinsberg: "Heinsberg/Westgemeinden",
    Gangelt: "Heinsberg/Westgemeinden",
    Selfkant: "Heinsberg/Westgemeinden",
    Waldfeucht: "Heinsberg/Westgemeinden",
    Hückelhoven: "Hückelhoven/Wassenberg",
    Wassenberg: "Hückelhoven/Wassenberg",
    Geilenkirchen: "Geilenkirchen/Übach-Palenberg",
    "Übach-Palenberg": "Geilenkirchen/Übach-Palenberg",
  };

  it("has the 10 municipalities, each served by exactly one Standort (derived mapping)", () => {
    expect(hs.municipalities.map((m) => m.name).sort()).toEqual(Object.keys(mapping).sort());
    for (const [municipality, standortName] of Object.entries(mapping)) {
      const servers = hs.standorte.filter((s) => s.municipalities.includes(hs.municipalities.find((m) => m.name === municipality)!.id));
      expect(
        servers.map((s) => s.name),
        municipality,
      ).toEqual([standortName]);
      const result = findStandortForMunicipality(hs, municipality);
      expect(result.kind === "found" && result.standort.name, municipality).toBe(standortName);
    }
    expect(hs.municipalities.every((m) => m.assignmentBasis === "derived")).toBe(true);
  });

  it("Standorte have stepFreeAccess (BGG NRW § 4), 1 Infotheke and 3 waiting areas", () => {
    for (const standort of customerStandorte(hs)) {
      expect(standort.accessibility).toEqual({
        stepFreeAccess: true,
        legalBasis: "BGG NRW § 4",
        facilities: { infotheke: 1, waitingAreas: 3 },
      });
    }
  });

  // The 32 entries of L2929–L2973, restated independently of the config.
  const expectedTransit: Record<string, [area: string, lines: string, mode?: "rail"][]> = {
    "heinsberg-westgemeinden": [
      ["Waldfeucht/Haaren/Kirchhoven", "475"],
      ["Waldfeucht/Bocket/Hontem/Braunsrath/Laffeld/Aphoven", "474/475"],
      ["Tüddern/Saeffelen/Breberen/Braunsrath", "436/474"],
      ["Effeld/Karken/Kempen", "405"],
      ["Straeten/Waldenrath/Aphoven", "410/472"],
      ["Wegberg/Dahlheim/Wassenberg", "413"],
      ["Wassenberg/Orsbeck/Unterbruch", "413/SB1"],
      ["Oberbruch", "401/SB4"],
      ["Randerath/Horst/Porselen/Dremmen/Schafhausen", "493"],
    ],
    "erkelenz-wegberg": [
      ["Wassenberg/Gerderath/Schwanenberg", "405/SB1"],
      ["Tetelrath/Merbeck/Rickelrath/Wegberg/Holtum/Oerath", "408/418"],
      ["Wegberg/Tüschenbroich/Geneiken/Schwanenberg/Isengraben", "418"],
      ["Wegberg/Kipshoven/Anhoven", "412/SB81"],
      ["Immerath/Holzweiler/Keyenberg/Vennrath/Kuckum/Kückhoven", "EK1/EK3"],
      ["Katzem/Lövenich/Tenholt", "EK2"],
      ["Matzerath", "406"],
      ["Hetzerath", "401"],
      ["Granterath", "SB4"],
    ],
    "hueckelhoven-wassenberg": [
      ["Ratheim/Millich", "401/407/409/495/SB4"],
      ["Kleingladbach", "406/HÜ1"],
      ["Hilfarth", "407/409"],
      ["Brachelen", "409"],
      ["Rurich/Baal/Doveren", "295/495/HÜ1/SB4"],
    ],
    "geilenkirchen-uebach-palenberg": [
      ["Lindern", "RE4/RB33", "rail"],
      ["Lindern/Beeck/Leiffahrt/Kraudorf/Würm/Süggerath/Hünshoven", "407/494"],
      ["Tripsrath/Niederheid", "410/GK1"],
      ["Immendorf/Prummern/Hünshoven", "432"],
      ["Boscheln/Übach-Palenberg/Frelenberg", "431/433/SB1"],
      ["Marienberg/Scherpenseel/Grotenrath/Teveren", "491"],
      ["Tüddern/Süsterseel/Gangelt/Niederbusch", "MultiBus/435/437/SB3"],
      ["Höngen/Saeffelen/Breberen/Langbroich/Birgden", "MultiBus/434/435/437"],
      ["Gillrath/Hatterath/Bauchem", "434/435/437/SB3"],
    ],
  };

  it("all 32 transit entries are present at the right Standort", () => {
    let total = 0;
    for (const standort of customerStandorte(hs)) {
      const expected = expectedTransit[standort.id].map(([area, lines, mode]) => ({
        area,
        lines: lines.split("/"),
        mode: mode ?? "bus",
      }));
      expect(standort.transit?.entries, standort.id).toEqual(expected);
      expect(standort.transit?.asOf).toBe("2010-12-08");
      expect(standort.transit?.source).toMatch(/Seed 003/);
      total += standort.transit?.entries.length ?? 0;
    }
    expect(total).toBe(32);
    expect(Object.values(expectedTransit).map((e) => e.length)).toEqual([9, 9, 5, 9]);
    const rail = hs.standorte.flatMap((s) => s.transit?.entries ?? []).filter((e) => e.mode === "rail");
    expect(rail).toEqual([{ area: "Lindern", lines: ["RE4", "RB33"], mode: "rail" }]);
  });

  it("offers an Ombudsstelle channel without contact data", () => {
    expect(hs.ombudsstelle).toEqual({
      name: "Ombudsstelle SGB II",
      independent: true,
      description: { i18nKey: "traeger.ombudsstelle.description" },
    });
  });
});

describe("Kreis Siegen-Wittgenstein", () => {
  const sw = loadTraeger("siegen-wittgenstein");
  const municipalityNames = ["Bad Berleburg", "Bad Laasphe", "Burbach", "Erndtebrück", "Freudenberg", "Hilchenbach", "Kreuztal", "Netphen", "Neunkirchen", "Siegen", "Wilnsdorf"];

  it("has the 11 municipalities, each with an Anlaufstelle located there", () => {
    expect(sw.municipalities.map((m) => m.name).sort()).toEqual(municipalityNames);
    for (const municipality of sw.municipalities) {
      const local = customerStandorte(sw).filter((s) => s.locatedIn === municipality.id);
      expect(local.length, municipality.name).toBeGreaterThanOrEqual(1);
      const result = findStandortForMunicipality(sw, municipality.name);
      expect(result.kind === "found" && result.standort.locatedIn, municipality.name).toBe(municipality.id);
    }
  });

  it("has 12 Anlaufstellen (two in Siegen) plus the internal Hauptgeschäftsstelle", () => {
    expect(customerStandorte(sw)).toHaveLength(12);
    expect(
      customerStandorte(sw)
        .filter((s) => s.locatedIn === "siegen")
        .map((s) => s.address?.street),
    ).toEqual(["Emilianstraße", "Weidenauer Straße"]);
    const hq = sw.standorte.find((s) => s.id === "siegen-hauptgeschaeftsstelle");
    expect(hq).toMatchObject({
      kind: "internal",
      municipalities: [],
      address: { street: "Koblenzer Straße", houseNumber: "78", postalCode: "57072", city: "Siegen" },
    });
  });

  it("gives house numbers only where the seed does", () => {
    const withHouseNumber = sw.standorte.filter((s) => s.address?.houseNumber !== undefined).map((s) => s.id);
    expect(withHouseNumber).toEqual(["siegen-hauptgeschaeftsstelle"]);
  });

  it("has five Regionalbereiche; Burbach → Süd is marked unconfirmed", () => {
    expect(sw.regionalbereiche?.map((r) => r.name)).toEqual(["Siegen I", "Siegen II", "Nord", "Wittgenstein", "Süd"]);
    const sued = sw.regionalbereiche?.find((r) => r.id === "sued");
    expect(sued?.municipalities).toEqual(["wilnsdorf", "neunkirchen", "burbach"]);
    expect(sued?.unconfirmedMunicipalities).toEqual(["burbach"]);
  });

  it("has its planned, independent Ombudsstelle for Anregungen, Kritik und Beschwerden", () => {
    expect(sw.ombudsstelle).toMatchObject({
      independent: true,
      status: "planned",
      accepts: ["anregungen", "kritik", "beschwerden"],
    });
    expect(sw.ombudsstelle?.email).toBeUndefined();
    expect(sw.ombudsstelle?.phone).toBeUndefined();
    expect(sw.ombudsstelle?.address).toBeUndefined();
  });
});

describe("loadTraeger / getTraeger", () => {
  const saved = process.env.TRAEGER;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRAEGER;
    else process.env.TRAEGER = saved;
    clearTraegerCache();
  });

  it("defaults to heinsberg and honours TRAEGER", () => {
    delete process.env.TRAEGER;
    expect(getTraeger().id).toBe("heinsberg");
    process.env.TRAEGER = "siegen-wittgenstein";
    expect(getTraeger().id).toBe("siegen-wittgenstein");
    process.env.TRAEGER = "";
    expect(getTraeger().id).toBe("heinsberg");
  });

  it("caches and freezes the validated configuration", () => {
    const first = loadTraeger("heinsberg");
    expect(loadTraeger("heinsberg")).toBe(first);
    expect(Object.isFrozen(first.standorte[0].transit?.entries[0].lines)).toBe(true);
    expect(() => {
      (first.standorte as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    // The raw data module stays untouched.
    expect(Object.isFrozen(heinsberg.standorte)).toBe(false);
  });

  it("rejects unknown ids", () => {
    expect(() => loadTraeger("aachen")).toThrow('Unknown Träger "aachen" (set TRAEGER to one of: heinsberg, siegen-wittgenstein)');
  });
});
