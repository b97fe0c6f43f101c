// Set-up and in-process measurements for the back-office benches: a four-person application
// submitted over HTTP like a person would, cloned to BENCH_APPLICATIONS (default 10,000) rows,
// an API key, a draft for autosave, the PDF's generation time, and webhook delivery throughput
// to a local receiver.
import { detailsStep } from "./antrag-details";
import crypto from "node:crypto";
import http from "node:http";
import { createCookie } from "@remix-run/node";
import type { RunningServer } from "./servers";

export interface Applicant {
  cookie: string;
  csrf: string;
}

export interface BackOfficeSetup {
  applications: number;
  applicationId: string;
  apiKey: string;
  draftPath: string;
  applicant: Applicant;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The bench process talks to the portal's SQLite database directly (same DATA_DIR and keys). */
export async function portalDb(portal: RunningServer) {
  if (!portal.env) throw new Error("the portal's environment is needed for the back-office bench");
  Object.assign(process.env, portal.env, { NODE_ENV: "test" });
  delete process.env.DATABASE_URL;
  return import("../app/platform/db/db.server");
}

export async function newApplicant(): Promise<Applicant> {
  const { getDb } = await import("../app/platform/db/db.server");
  const { createSession } = await import("../app/platform/http/session.server");
  const db = await getDb();
  const now = new Date().toISOString();
  const id = crypto.randomUUID();
  await db
    .insertInto("users")
    .values({ id, email: `bench.${id}@example.org`, password_hash: "x", email_verified_at: now, language: "de", created_at: now, updated_at: now })
    .execute();
  const sid = (await createSession(id)).split(";")[0];
  const csrf = crypto.randomBytes(24).toString("base64url");
  const csrfCookie = createCookie("csrf", { path: "/", sameSite: "lax", httpOnly: true });
  return { cookie: `${sid}; ${(await csrfCookie.serialize(csrf)).split(";")[0]}`, csrf };
}

export function post(portal: RunningServer, person: Applicant, path: string, fields: Record<string, string>) {
  return fetch(portal.url + path, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams({ _csrf: person.csrf, ...fields }),
    headers: { Cookie: person.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url },
  });
}

export async function startApplication(portal: RunningServer, person: Applicant): Promise<string> {
  const response = await post(portal, person, "/antrag", {});
  const id = /^\/antrag\/([0-9a-f-]{36})\/gesichert$/.exec(response.headers.get("location") ?? "")?.[1];
  if (!id) throw new Error(`starting an application answered ${response.status} ${response.headers.get("location")}`);
  return id;
}

/** The four persons of the contract's example: two adults, two children, one earner. */
async function fillFourPersons(portal: RunningServer, person: Applicant, id: string): Promise<void> {
  const steps: Array<[string, Record<string, string>]> = [
    [
      "/person",
      {
        firstName: "Mariam",
        lastName: "Haddad",
        birthDate: "15.03.1988",
        nationality: "syrisch",
        street: "Hauptstraße 12",
        postalCode: "41844",
        municipality: "Wegberg",
        phone: "",
        priorBenefits: "no",
      },
    ],
    ["/haushalt/neu", { relationship: "spouse", firstName: "Omar", lastName: "Haddad", birthDate: "20.01.1986", priorBenefits: "no" }],
    ["/haushalt/neu", { relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "02.05.2016", priorBenefits: "no" }],
    ["/haushalt/neu", { relationship: "child", firstName: "Sami", lastName: "Haddad", birthDate: "11.09.2019", priorBenefits: "no" }],
    ["/haushalt", { intent: "confirm", confirmed: "1" }],
    detailsStep("p1"),
    detailsStep("p2", { sex: "male" }),
    detailsStep("p3", { entryDate: "02.05.2016" }),
    detailsStep("p4", { sex: "male", entryDate: "11.09.2019" }),
    ["/wohnung", { kind: "rent", coldRent: "620", utilities: "180", heating: "110", size: "85" }],
    ["/einkommen/p1", { hasIncome: "no" }],
    ["/einkommen/p2", { hasIncome: "yes", employment: "1200" }],
    ["/einkommen/p3", { hasIncome: "no" }],
    ["/einkommen/p4", { hasIncome: "no" }],
    ["/lage", { items: "none" }],
    ["/konto", { accountHolder: "Mariam Haddad", iban: "DE89 3704 0044 0532 0130 00" }],
    ["/pruefen", { declaration: "1" }],
  ];
  for (const [path, fields] of steps) {
    const response = await post(portal, person, `/antrag/${id}${path}`, fields);
    await response.arrayBuffer();
    if (response.status !== 302) throw new Error(`${path} answered ${response.status}`);
  }
}

export async function prepareBackOffice(portal: RunningServer, count = Number(process.env.BENCH_APPLICATIONS ?? 10_000)): Promise<BackOfficeSetup> {
  const { getDb } = await portalDb(portal);
  const person = await newApplicant();
  const applicationId = await startApplication(portal, person);
  await fillFourPersons(portal, person, applicationId);

  // The other applications: copies of the real row (every column, whatever later migrations
  // add), with their own id, reference and submission time over the last 90 days.
  const db = await getDb();
  const row = await db.selectFrom("applications").selectAll().where("id", "=", applicationId).executeTakeFirstOrThrow();
  const letters = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const code = () => Array.from(crypto.randomBytes(4), (b) => letters[b % letters.length]).join("");
  for (let made = 1; made < count;) {
    const chunk = Array.from({ length: Math.min(200, count - made) }, (_, i) => {
      const at = new Date(Date.now() - ((made + i) / count) * 90 * 86_400_000).toISOString();
      return { ...row, id: crypto.randomUUID(), reference: `A-${code()}-${code()}`, user_id: null, created_at: at, updated_at: at, submitted_at: at };
    });
    await db.insertInto("applications").values(chunk).execute();
    made += chunk.length;
  }

  const { createApiKey } = await import("../app/platform/api/api-keys.server");
  const { key } = await createApiKey({ name: "bench", scopes: ["applications:read", "webhooks:manage"], createdBy: "bench" });

  const drafter = await newApplicant();
  const draftId = await startApplication(portal, drafter);
  return { applications: count, applicationId, apiKey: key, draftPath: `/antrag/${draftId}/konto`, applicant: drafter };
}

export interface PdfResult {
  runs: number;
  p50Ms: number;
  p99Ms: number;
  bytes: number;
}

/** The pre-filled PDF of the four-person application, generated `runs` times in this process. */
export async function pdfTimes(applicationId: string, runs = Number(process.env.BENCH_PDF_RUNS ?? 20)): Promise<PdfResult> {
  const { getDb } = await import("../app/platform/db/db.server");
  const { applicationById } = await import("~/features/application/index.server");
  const { applicationPdf } = await import("~/features/application/index.server");
  const application = await applicationById(await getDb(), applicationId);
  if (!application) throw new Error("the bench application is missing");
  await applicationPdf(application); // warm-up: fonts read, code compiled
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    bytes = (await applicationPdf(application)).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { runs, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), bytes };
}

export interface WebhookResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** Puts `count` events in the outbox at once and times their delivery to a local receiver. */
export async function webhookThroughput(portal: RunningServer, apiKey: string, count = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2000)): Promise<WebhookResult> {
  let received = 0;
  let done: () => void = () => undefined;
  const allIn = new Promise<void>((resolve) => (done = resolve));
  const receiver = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(204).end();
      if (++received === count) done();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const address = receiver.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  try {
    const created = await fetch(`${portal.url}/api/v1/webhooks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ url, events: ["application.documents-added"] }),
    });
    if (created.status !== 201) throw new Error(`creating the subscription answered ${created.status}: ${await created.text()}`);
    const { getDb } = await import("../app/platform/db/db.server");
    const { enqueueEvent } = await import("../app/platform/events/webhooks.server");
    const db = await getDb();
    const started = performance.now();
    // Many subjects (one per ten events), as when many applicants upload at once.
    for (let i = 0; i < count; i++) await enqueueEvent(db, { type: "application.documents-added", subjectKey: `application:bench-${i % Math.ceil(count / 10)}`, data: { n: i } });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${received} of ${count} webhook events arrived within 120 s`)), 120_000).unref());
    await Promise.race([allIn, timeout]);
    const seconds = (performance.now() - started) / 1000;
    return { events: count, seconds, eventsPerSecond: count / seconds };
  } finally {
    receiver.close();
  }
}
