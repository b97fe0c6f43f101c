import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTraeger } from "../app/config/traeger";
import { ELIGIBILITY_ERROR_KEYS, EligibilityResponseSchema, evaluateEligibility, type EligibilityRequest, type EligibilityResponse } from "../app/domain/eligibility";
import { applicant, member, request, type RequestOptions } from "../app/domain/eligibility/test-helpers";
import { housingLimit } from "../app/domain/traeger/housing";
import { createDatabase } from "../app/platform/db/db.server";
import { startTestServer, type TestServer } from "./support/server";
import { CONTRACT_EXAMPLE as FOUR_PERSONS } from "../app/domain/eligibility/contract-example";

// POST /api/v1/eligibility-checks against the real server (contract eligibility-check.v1.md).

const ENDPOINT = "/api/v1/eligibility-checks";

type Locale = { errors: Record<string, string> };
const LOCALES = {
  de: JSON.parse(fs.readFileSync("locales/de/eligibility.json", "utf8")) as Locale,
  en: JSON.parse(fs.readFileSync("locales/en/eligibility.json", "utf8")) as Locale,
};
/** The translated text of an engine key "eligibility.errors.x". */
const text = (lng: "de" | "en", key: string) => LOCALES[lng].errors[key.replace(/^eligibility\.errors\./, "")];

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(server.url + ENDPOINT, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function check(body: EligibilityRequest): Promise<EligibilityResponse> {
  const response = await post(body);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const json = (await response.json()) as EligibilityResponse;
  expect(EligibilityResponseSchema.safeParse(json).success).toBe(true);
  // The API answers exactly what the engine answers with the Träger's housing limit.
  const date = body.date!;
  expect(json).toEqual(evaluateEligibility(body, { housingLimit: (size) => housingLimit(getTraeger(), size, date) }));
  return json;
}

async function problemOf(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Problem;
  expect(body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
  return body;
}

/** Every table's rows (the rate-limit counters aside), to prove a check writes nothing. */
async function databaseSnapshot(): Promise<{ tables: Record<string, string>; rateLimitKeys: string[] }> {
  const { db } = createDatabase({
    url: server.env.DATABASE_URL,
    sqlitePath: path.join(server.dataDir, "portal.sqlite"),
    pgSchema: server.env.PG_SCHEMA,
  });
  try {
    const tables: Record<string, string> = {};
    let rateLimitKeys: string[] = [];
    for (const table of await db.introspection.getTables()) {
      if (server.env.PG_SCHEMA && table.schema !== server.env.PG_SCHEMA) continue;
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
      if (table.name === "rate_limits") rateLimitKeys = rows.map((r) => String(r.key));
      else tables[table.name] = JSON.stringify(rows);
    }
    expect(Object.keys(tables).length).toBeGreaterThan(0);
    return { tables, rateLimitKeys };
  } finally {
    await db.destroy();
  }
}

describe("rules.md § 12 worked examples through the API (2025, Karenzzeit, standard flats)", () => {
  const cases: Array<{
    name: string;
    members: Parameters<typeof request>[0];
    options?: RequestOptions;
    outcome: EligibilityResponse["outcome"];
    estimate: number;
    referrals?: string[];
    exclusions?: EligibilityResponse["exclusions"];
    totals?: EligibilityResponse["totals"];
  }> = [
    { name: "#1 single adult, no income", members: [applicant(35)], outcome: "likely-eligible", estimate: 1033, totals: { need: 1033, countedIncome: 0 } },
    {
      name: "#1a actual rent 550 + 80 in the Karenzzeit",
      members: [applicant(35)],
      options: { housing: { grossColdRent: 550, heating: 80 } },
      outcome: "likely-eligible",
      estimate: 1193,
    },
    { name: "#2 Minijob 520", members: [applicant(35, { income: { employmentGross: 520, employmentNet: 520 } })], outcome: "likely-eligible", estimate: 697 },
    {
      name: "#2 variant RV-liable Minijob",
      members: [applicant(35, { income: { employmentGross: 520, employmentNet: 501.28 } })],
      outcome: "likely-eligible",
      estimate: 715.72,
    },
    { name: "#3 job 1,200 / 950", members: [applicant(35, { income: { employmentGross: 1200, employmentNet: 950 } })], outcome: "likely-eligible", estimate: 431 },
    { name: "#3 note: net 1,005", members: [applicant(35, { income: { employmentGross: 1200, employmentNet: 1005 } })], outcome: "likely-eligible", estimate: 376 },
    {
      name: "#4 couple + 2 children, one earner 2,000 / 1,560",
      members: FOUR_PERSONS.household.members,
      outcome: "likely-eligible",
      estimate: 967,
      totals: { need: 2659, countedIncome: 1692 },
      referrals: ["kinderzuschlag", "wohngeld", "bildung-und-teilhabe"],
    },
    {
      name: "#5 single parent + child with UV",
      members: [applicant(30), member("c", "child", 5, { income: { childBenefit: 255, maintenanceAdvance: 227 } })],
      outcome: "likely-eligible",
      estimate: 1275.68,
    },
    { name: "#6 pregnant, 20th week", members: [applicant(28, { pregnancyWeek: 20 })], outcome: "likely-eligible", estimate: 1128.71 },
    {
      name: "#7 24-year-old with parents, father 4,300 / 2,900",
      members: [applicant(24), member("f", "parent", 55, { income: { employmentGross: 4300, employmentNet: 2900 } }), member("m", "parent", 53)],
      outcome: "likely-not-eligible",
      estimate: 0,
    },
    {
      name: "#7 variant father 2,400 / 1,800",
      members: [applicant(24), member("f", "parent", 55, { income: { employmentGross: 2400, employmentNet: 1800 } }), member("m", "parent", 53)],
      outcome: "likely-eligible",
      estimate: 766,
    },
    {
      name: "#8 BAföG-eligible student",
      members: [applicant(22, { education: "bafoeg-eligible" })],
      outcome: "excluded",
      estimate: 0,
      referrals: ["bafoeg"],
      exclusions: [{ memberId: "a", reason: "bafoeg-eligible-training" }],
    },
    {
      name: "#9 pensioner with Altersrente",
      members: [applicant(68, { oldAgePension: true, income: { pension: 850 } })],
      outcome: "excluded",
      estimate: 0,
      referrals: ["sgb12-grundsicherung", "wohngeld"],
      exclusions: [
        { memberId: "a", reason: "old-age-pension" },
        { memberId: "a", reason: "regelaltersgrenze" },
      ],
    },
    {
      name: "#10 EU citizen, first three months",
      members: [applicant(30, { residence: "eu-first-three-months" })],
      outcome: "excluded",
      estimate: 0,
      referrals: ["sgb12-hilfe-zum-lebensunterhalt"],
      exclusions: [{ memberId: "a", reason: "eu-first-three-months" }],
    },
    {
      name: "#10 EU citizen, job-seeking only",
      members: [applicant(30, { residence: "eu-jobseeker-only" })],
      outcome: "excluded",
      estimate: 0,
      referrals: ["sgb12-hilfe-zum-lebensunterhalt"],
      exclusions: [{ memberId: "a", reason: "eu-jobseeker-only" }],
    },
    {
      name: "#11 asylum seeker",
      members: [applicant(30, { residence: "asylum-seeker" })],
      outcome: "excluded",
      estimate: 0,
      referrals: ["asylblg"],
      exclusions: [{ memberId: "a", reason: "asylum-seeker" }],
    },
    { name: "#12 savings 50,000 in the Karenzzeit", members: [applicant(45)], options: { assets: 50_000 }, outcome: "likely-not-eligible", estimate: 0 },
    { name: "#13 savings 30,000 in the Karenzzeit", members: [applicant(45)], options: { assets: 30_000 }, outcome: "likely-eligible", estimate: 1033 },
    {
      name: "#13 savings 30,000 after the Karenzzeit",
      members: [applicant(45)],
      options: { assets: 30_000, firstYearOfReceipt: false },
      outcome: "likely-not-eligible",
      estimate: 0,
    },
    {
      name: "#14 couple + 2 children, one earner 4,000 / 2,850",
      members: [
        applicant(38, { income: { employmentGross: 4000, employmentNet: 2850 } }),
        member("b", "partner", 36),
        member("c", "child", 4, { income: { childBenefit: 255 } }),
        member("d", "child", 10, { income: { childBenefit: 255 } }),
      ],
      outcome: "likely-not-eligible",
      estimate: 0,
      totals: { need: 2659, countedIncome: 2982 },
      referrals: ["kinderzuschlag", "wohngeld", "bildung-und-teilhabe"],
    },
    {
      name: "#15 couple + newborn, minimum Elterngeld",
      members: [applicant(30), member("b", "partner", 28, { income: { parentalAllowance: 300 } }), member("c", "child", 0, { income: { childBenefit: 255 } })],
      outcome: "likely-eligible",
      estimate: 1599,
    },
    {
      name: "#16 single parent + two children with UV",
      members: [
        applicant(34),
        member("c", "child", 3, { income: { childBenefit: 255, maintenanceAdvance: 227 } }),
        member("d", "child", 8, { income: { childBenefit: 255, maintenanceAdvance: 299 } }),
      ],
      outcome: "likely-eligible",
      estimate: 1256.68,
    },
    { name: "#17 Teilhabe am Arbeitsleben", members: [applicant(40, { disabilityWorkParticipation: true })], outcome: "likely-eligible", estimate: 1230.05 },
    {
      name: "#18 coeliac + decentral hot water",
      members: [applicant(50, { medicalDiet: "coeliac" })],
      options: { housing: { grossColdRent: 400, heating: 70, hotWater: "decentral" } },
      outcome: "likely-eligible",
      estimate: 1158.55,
    },
    {
      name: "#19 single mother + pupil with Minijob (U25)",
      members: [applicant(45), member("s", "child", 17, { education: "school", income: { employmentGross: 556, employmentNet: 556, childBenefit: 255 } })],
      outcome: "likely-eligible",
      estimate: 1481.56,
    },
    { name: "#20 ALG I 700 (Aufstocker)", members: [applicant(40, { income: { unemploymentBenefit: 700 } })], outcome: "likely-eligible", estimate: 363 },
  ];

  it.each(cases)("$name: $outcome, $estimate €", async ({ members, options, outcome, estimate, referrals, exclusions, totals }) => {
    const result = await check(request(members, options));
    expect(result.outcome).toBe(outcome);
    expect(result.monthlyEstimate).toBe(estimate);
    expect(result.currency).toBe("EUR");
    expect(result.rulesValidFrom).toBe("2025-01-01");
    if (referrals) expect(result.referrals).toEqual(referrals);
    if (exclusions) expect(result.exclusions).toEqual(exclusions);
    if (totals) expect(result.totals).toEqual(totals);
  });

  it("answers the contract's example request with the contract's figures", async () => {
    const result = await check(FOUR_PERSONS);
    expect(result).toMatchObject({
      outcome: "likely-eligible",
      monthlyEstimate: 967,
      currency: "EUR",
      rulesValidFrom: "2025-01-01",
      bedarfsgemeinschaft: ["a", "b", "c", "d"],
      totals: { need: 2659, countedIncome: 1692 },
      exclusions: [],
      referrals: ["kinderzuschlag", "wohngeld", "bildung-und-teilhabe"],
    });
    expect(result.members.find((m) => m.id === "a")).toMatchObject({ regelbedarf: 506, mehrbedarf: 0, housing: 212.5, need: 718.5, countedIncome: 1182 });
    expect(result.explanation).toContainEqual({ key: "regelbedarf", memberId: "a", amount: 506, params: { stufe: 2 } });
  });

  it("after the Karenzzeit asks the Träger for its housing limit (none configured here: the actual rent counts)", async () => {
    const result = await check(request([applicant(35)], { housing: { grossColdRent: 550, heating: 80 }, firstYearOfReceipt: false }));
    expect(result.housingLimit).toBeNull();
    expect(result.monthlyEstimate).toBe(1193);
    expect(result.explanation.map((e) => e.key)).toContain("housing-no-limit-configured");
  });

  it("uses the rules of the date: 2023-07-01 is the first month answered, without a date today's rules", async () => {
    const first = await check(request([applicant(35)], { date: "2023-07-01" }));
    expect(first.rulesValidFrom).toBe("2023-07-01");
    const { date: _date, ...withoutDate } = request([applicant(35)]);
    const response = await post(withoutDate);
    expect(response.status).toBe(200);
    const today = (await response.json()) as EligibilityResponse;
    expect(EligibilityResponseSchema.safeParse(today).success).toBe(true);
    expect(today.rulesValidFrom >= "2025-01-01").toBe(true);
  });
});

describe("Neue Grundsicherung (Grundsicherungsgeld) from 2026-07-01 through the API (decision 032)", () => {
  it("a single 30-year-old with 12,000 € on 2026-07-01: likely not eligible because of assets, the 10,000 € band named", async () => {
    const result = await check(request([applicant(30)], { date: "2026-07-01", assets: 12_000 }));
    expect(result).toMatchObject({ outcome: "likely-not-eligible", monthlyEstimate: 0, rulesValidFrom: "2026-07-01", reformPending: false, benefitName: "Grundsicherungsgeld" });
    expect(result.explanation).toContainEqual({ key: "assets-age-band", memberId: "a", amount: 10_000, params: { age: 30, fromAge: 20, untilAge: 39 } });
    expect(result.explanation).toContainEqual({ key: "assets-excess", amount: 2_000, params: { months: 1.9 } });
    expect(result.explanation.map((e) => e.key)).not.toContain("reform-pending");
  });

  it("the same person on 2026-06-30: likely eligible under the Karenzzeit (40,000 €), named Bürgergeld", async () => {
    const result = await check(request([applicant(30)], { date: "2026-06-30", assets: 12_000 }));
    expect(result).toMatchObject({ outcome: "likely-eligible", monthlyEstimate: 1033, rulesValidFrom: "2026-01-01", reformPending: false, benefitName: "Bürgergeld" });
    expect(result.explanation).toContainEqual({ key: "assets-allowance", amount: 40_000, params: { assets: 12_000, karenzzeit: true } });
  });

  it("a couple aged 45 and 52 gets 12,500 + 15,000 €, with transfer between them", async () => {
    const couple = [applicant(45), member("b", "partner", 52)];
    const result = await check(request(couple, { date: "2026-08-01", assets: 27_500 }));
    expect(result.outcome).toBe("likely-eligible");
    expect(result.explanation).toContainEqual({ key: "assets-age-band", memberId: "a", amount: 12_500, params: { age: 45, fromAge: 40, untilAge: 49 } });
    expect(result.explanation).toContainEqual({ key: "assets-age-band", memberId: "b", amount: 15_000, params: { age: 52, fromAge: 50 } });
    expect(result.explanation).toContainEqual({ key: "assets-allowance-age-bands", amount: 27_500, params: { assets: 27_500, members: 2 } });
    expect((await check(request(couple, { date: "2026-08-01", assets: 27_501 }))).outcome).toBe("likely-not-eligible");
  });

  it("without a date answers with today's rules and today's name", async () => {
    const { date: _date, ...withoutDate } = request([applicant(30)], { assets: 12_000 });
    const today = (await (await post(withoutDate)).json()) as EligibilityResponse;
    expect(today).toMatchObject({ rulesValidFrom: "2026-07-01", reformPending: false, benefitName: "Grundsicherungsgeld", outcome: "likely-not-eligible" });
  });
});

describe("invalid input: 400 problem details with translated field errors", () => {
  const base = () => structuredClone(FOUR_PERSONS) as EligibilityRequest & { household: { members: Array<Record<string, unknown>> } };

  const cases: Array<{ name: string; body: () => unknown; path: string; key: string }> = [
    { name: "age over 120", body: () => request([applicant(121)]), path: "household.members.0.age", key: "eligibility.errors.age_range" },
    { name: "age as a string", body: () => request([applicant("38" as unknown as number)]), path: "household.members.0.age", key: "eligibility.errors.invalid_type" },
    {
      name: "negative amount",
      body: () => request([applicant(30, { income: { employmentGross: -1 } })]),
      path: "household.members.0.income.employmentGross",
      key: "eligibility.errors.negative_amount",
    },
    { name: "unknown role", body: () => request([applicant(30, { role: "boss" as never })]), path: "household.members.0.role", key: "eligibility.errors.invalid_enum" },
    { name: "no applicant", body: () => request([member("b", "partner", 30)]), path: "household.members", key: "eligibility.errors.no_applicant" },
    { name: "duplicate ids", body: () => request([applicant(30), member("a", "partner", 30)]), path: "household.members.1.id", key: "eligibility.errors.duplicate_id" },
    {
      name: "net above gross",
      body: () => request([applicant(30, { income: { employmentGross: 1000, employmentNet: 1200 } })]),
      path: "household.members.0.income.employmentNet",
      key: "eligibility.errors.net_exceeds_gross",
    },
    { name: "impossible date", body: () => ({ ...request([applicant(30)]), date: "2025-02-30" }), path: "date", key: "eligibility.errors.invalid_date" },
    { name: "missing household", body: () => ({ date: "2025-03-01" }), path: "household", key: "eligibility.errors.required" },
    { name: "unknown top-level field", body: () => ({ ...base(), extra: true }), path: "extra", key: "eligibility.errors.unknown_field" },
    {
      name: "unknown member field",
      body: () => {
        const body = base();
        body.household.members[0].salary = 2000;
        return body;
      },
      path: "household.members.0.salary",
      key: "eligibility.errors.unknown_field",
    },
    { name: "a JSON array instead of an object", body: () => [], path: "", key: "eligibility.errors.invalid_type" },
  ];

  it.each(cases)("$name → $path", async ({ body, path: fieldPath, key }) => {
    for (const lng of ["de", "en"] as const) {
      const response = await post(body(), { "Accept-Language": lng === "en" ? "en-GB,en;q=0.9" : "de-DE" });
      const problem = await problemOf(response, 400);
      expect(response.headers.get("content-language")).toBe(lng);
      expect(problem.type).toBe("urn:buergerportal:problem:validation-error");
      expect(problem.errors).toContainEqual({ path: fieldPath, message: text(lng, key) });
      for (const error of problem.errors ?? []) expect(error.message).not.toMatch(/^eligibility\.|^errors\./);
    }
  });

  it("speaks German without Accept-Language and for languages without these texts", async () => {
    for (const headers of [{}, { "Accept-Language": "fr-FR" }] as Array<Record<string, string>>) {
      const problem = await problemOf(await post(request([applicant(121)]), headers), 400);
      expect(problem.errors).toEqual([{ path: "household.members.0.age", message: text("de", "eligibility.errors.age_range") }]);
    }
    expect(text("de", "eligibility.errors.age_range")).not.toBe(text("en", "eligibility.errors.age_range"));
  });

  it("lists every wrong field at once", async () => {
    const body = request([applicant(121, { income: { pension: -5 } }), member("a", "partner", 30)]);
    const problem = await problemOf(await post({ ...body, date: "gestern" }, { "Accept-Language": "en" }), 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["date", "household.members.0.age", "household.members.0.income.pension", "household.members.1.id"].sort());
  });

  it.each([
    ["broken JSON", '{"household": {'],
    ["an empty body", ""],
    ["not UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ])("answers %s with 400 invalid JSON", async (_name, body) => {
    const response = await fetch(server.url + ENDPOINT, { method: "POST", headers: { "Content-Type": "application/json", "Accept-Language": "en" }, body });
    const problem = await problemOf(response, 400);
    expect(problem.type).toBe("urn:buergerportal:problem:invalid-json");
    expect(problem.errors).toEqual([{ path: "", message: text("en", "eligibility.errors.invalid_type") }]);
  });

  it("reads a JSON body sent without a JSON content type (fetch sends text/plain)", async () => {
    const response = await fetch(server.url + ENDPOINT, { method: "POST", body: JSON.stringify(FOUR_PERSONS) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as EligibilityResponse).monthlyEstimate).toBe(967);
  });

  it("has German and English texts for every error key", () => {
    expect(ELIGIBILITY_ERROR_KEYS).toHaveLength(22);
    for (const key of ELIGIBILITY_ERROR_KEYS) {
      for (const lng of ["de", "en"] as const) {
        expect(text(lng, key), `${lng} ${key}`).toEqual(expect.stringMatching(/\S/));
      }
    }
  });
});

describe("dates before the Bürgergeld reform", () => {
  it.each([
    ["de", "de"],
    ["en", "en-US"],
  ] as const)("answers 2023-06-30 with 422 and the date_out_of_range message (%s)", async (lng, header) => {
    const response = await post(request([applicant(35)], { date: "2023-06-30" }), { "Accept-Language": header });
    const problem = await problemOf(response, 422);
    const message = text(lng, "eligibility.errors.date_out_of_range");
    expect(problem).toMatchObject({ type: "urn:buergerportal:problem:date-out-of-range", detail: message, errors: [{ path: "date", message }] });
    expect(response.headers.get("content-language")).toBe(lng);
  });
});

describe("HTTP", () => {
  it.each(["GET", "PUT", "PATCH", "DELETE"])("answers %s with 405 and Allow: POST", async (method) => {
    const response = await fetch(server.url + ENDPOINT, { method, ...(method === "GET" ? {} : { body: "{}" }) });
    expect(response.headers.get("allow")).toBe("POST");
    await problemOf(response, 405);
  });

  it("refuses a body over 64 KB with 413, with or without Content-Length", async () => {
    const big = JSON.stringify({ ...FOUR_PERSONS, padding: "x".repeat(70 * 1024) });
    await problemOf(await post(big), 413);
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(server.url + ENDPOINT, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await problemOf(response, 413);
    // Just under the limit is read (and then judged on its content).
    const near = JSON.stringify(FOUR_PERSONS).padEnd(60 * 1024, " ");
    expect((await post(near)).status).toBe(200);
  });

  it("stores nothing and logs nothing of the request", async () => {
    const before = await databaseSnapshot();
    const marker = "zz-private-marker-4711";
    const withMarker = structuredClone(FOUR_PERSONS);
    withMarker.household.members[0].id = marker;
    withMarker.household.assets = 4711.13;
    expect((await post(withMarker)).status).toBe(200);
    expect((await post({ ...withMarker, [marker + "-field"]: 1 })).status).toBe(400);
    expect((await post(`{"${marker}-json": `)).status).toBe(400);
    expect((await post({ ...withMarker, date: "2023-01-01" })).status).toBe(422);
    const after = await databaseSnapshot();
    expect(after.tables).toEqual(before.tables);
    // The only write is the rate-limit counter, keyed by a hash of the address.
    for (const key of after.rateLimitKeys) expect(key).not.toContain("127.0.0.1");
    expect(after.rateLimitKeys.some((key) => /^eligibility-ip:[0-9a-f]{64}$/.test(key))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the log lines arrive
    const output = server.output();
    expect(output).toContain('"method":"POST"');
    expect(output).not.toContain(marker);
    expect(output).not.toContain("4711.13");
  });
});

describe("rate limit", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ ELIGIBILITY_RATE_LIMIT: "3" });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("answers 429 with Retry-After once an address has made too many checks", async () => {
    const statuses: number[] = [];
    let tooMany: Response | null = null;
    // 8 requests against a limit of 3: at least one is refused even if a window boundary passes.
    for (let i = 0; i < 8; i++) {
      const response = await fetch(limited.url + ENDPOINT, { method: "POST", body: JSON.stringify(FOUR_PERSONS) });
      statuses.push(response.status);
      if (response.status === 429) tooMany ??= response;
      else await response.arrayBuffer();
    }
    expect(statuses[0]).toBe(200);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const problem = await problemOf(tooMany!, 429);
    const retryAfter = Number(tooMany!.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= 300).toBe(true);
    expect(problem.type).toBe("about:blank");
  });
});
