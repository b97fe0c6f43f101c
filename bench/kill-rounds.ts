// npm run kill-rounds: kill -9 during submits, as an outsider would try it (issue 11, "Done when").
// Each round: a real person signs up (confirmation mail through the real SMTP test server), starts
// an application, answers every section, and submits over HTTP; the portal is killed with SIGKILL
// at a random moment during or after the submit (or right after the answer), restarted, and the
// client retries the submit as a browser would (the same form again, unless the first answer
// already arrived). Then it counts, per round: applications lost or doubled, receipt mails lost
// or doubled (distinct Message-IDs; a re-sent copy with the same Message-ID is counted apart), and
// `application.submitted` webhook events lost or doubled. Prints a table; exit code 1 on any loss.
//
//   KILL_ROUNDS=30 npm run kill-rounds                 # SQLite (default 30 rounds)
//   TEST_DATABASE_URL=postgres://… npm run kill-rounds # PostgreSQL too (default 15 rounds)
//
// The server runs with short mail leases (MAIL_LEASE_MS=3000): a receipt claimed by the killed
// process is taken over after 3 s instead of the production default of 2 minutes.
import http from "node:http";
import { detailsStep } from "./antrag-details";
import { createTestEnvironment } from "../test/support/database";
import { Browserish, startTestServer, type TestServer } from "../test/support/server";
import { linkIn, startTestSmtp, type ReceivedMail, type TestSmtp } from "../test/support/smtp";

interface RoundResult {
  kill: string;
  firstAnswer: number | null;
  committedBeforeRetry: boolean;
  applications: number;
  submitted: number;
  receiptIds: number;
  receiptCopies: number;
  events: number;
}

let counter = 0;

class Client extends Browserish {
  readonly ip = `10.77.${Math.floor(++counter / 200)}.${(counter % 200) + 1}`;
  async send(pathname: string, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ _csrf: await this.csrf(pathname), ...fields });
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, "Content-Type": "application/x-www-form-urlencoded", Origin: this.base, "X-Forwarded-For": this.ip },
    });
    this.jar.store(response);
    return response;
  }
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`kill-rounds: ${what}`);
}

async function expectRedirect(response: Response, what: string): Promise<string> {
  must(response.status === 302, `${what}: HTTP ${response.status}`);
  return response.headers.get("location") ?? "";
}

async function preparedApplication(server: TestServer, smtp: TestSmtp): Promise<{ client: Client; email: string; id: string }> {
  const client = new Client(server.url, "de");
  const email = `kill.${counter}.${Date.now().toString(36)}@beispiel.example`;
  const password = `Tulpe Kanu Nebel ${Math.random().toString(36).slice(2, 8)}`;
  await expectRedirect(await client.send("/registrieren", { email, password }), "sign-up");
  const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="), 30_000);
  const link = new URL(linkIn(mail, "/email-bestaetigen"));
  await client.get(link.pathname + link.search);
  await expectRedirect(await client.send("/anmelden", { email, password }), "sign-in");
  const created = await expectRedirect(await client.send("/antrag", {}), "apply");
  const id = /^\/antrag\/([0-9a-f-]{36})\/gesichert$/.exec(created)?.[1];
  must(Boolean(id), `apply redirected to ${created}`);
  const at = (p: string) => `/antrag/${id}${p}`;
  const steps: Array<[string, Record<string, string>]> = [
    [
      "/person",
      {
        firstName: "Maryam",
        lastName: "Haddad",
        birthDate: "15.03.2003",
        nationality: "syrisch",
        street: "Hauptstraße 12",
        postalCode: "41844",
        municipality: "Wegberg",
        phone: "02434 123456",
        priorBenefits: "no",
      },
    ],
    ["/haushalt/neu", { relationship: "spouse", firstName: "Oleksandr", lastName: "Kovalenko", birthDate: "1995-01-20", priorBenefits: "yes" }],
    ["/haushalt", { intent: "confirm", confirmed: "1" }],
    detailsStep("p1", { familyStatusSince: "10.06.2022" }),
    detailsStep("p2", {
      sex: "male",
      birthPlace: "Charkiw",
      birthCountry: "Ukraine",
      nationality: "166",
      residenceDocument: "temporaryProtection",
      entryDate: "15.03.2022",
      familyStatusSince: "10.06.2022",
    }),
    ["/wohnung", { kind: "rent", coldRent: "450,50", utilities: "120", heating: "85", size: "62" }],
    ["/einkommen/p1", { hasIncome: "no" }],
    ["/einkommen/p2", { hasIncome: "yes", employment: "520" }],
    ["/lage", { items: "none" }],
    ["/konto", { accountHolder: "Maryam Haddad", iban: "de89 3704 0044 0532 0130 00" }],
  ];
  for (const [path, fields] of steps) await expectRedirect(await client.send(at(path), fields), path);
  return { client, email, id: id! };
}

/** Posts the submit form; `written` resolves once the request is on the wire. */
function sendRaw(client: Client, pathname: string, body: string): { written: Promise<void>; answered: Promise<number | null> } {
  const url = new URL(client.base + pathname);
  let onWritten: () => void = () => {};
  const written = new Promise<void>((resolve) => (onWritten = resolve));
  const answered = new Promise<number | null>((resolve) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          Cookie: client.jar.header(),
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          Origin: client.base,
          "X-Forwarded-For": client.ip,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? null);
      },
    );
    request.on("error", () => resolve(null));
    request.end(body, () => onWritten());
  });
  return { written, answered };
}

async function withDb<T>(server: TestServer, fn: (db: Awaited<ReturnType<typeof import("../app/platform/db/db.server").getDb>>) => Promise<T>): Promise<T> {
  const { attachInProcessDatabase } = await import("../test/support/database");
  const detach = await attachInProcessDatabase(server.env);
  try {
    const { getDb } = await import("../app/platform/db/db.server");
    return await fn(await getDb());
  } finally {
    await detach();
  }
}

async function state(server: TestServer, email: string, id: string) {
  return withDb(server, async (db) => {
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const applications = await db.selectFrom("applications").select(["id", "status"]).where("user_id", "=", user.id).execute();
    const events = await db.selectFrom("webhook_events").select("id").where("type", "=", "application.submitted").where("subject_key", "=", `application:${id}`).execute();
    const receipt = await db.selectFrom("mail_outbox").select(["status"]).where("dedup_key", "=", `application.receipt:${id}`).executeTakeFirst();
    return { applications: applications.length, submitted: applications.filter((a) => a.status === "submitted").length, events: events.length, receiptStatus: receipt?.status ?? null };
  });
}

const isReceipt = (m: ReceivedMail) => m.text.includes("/termine/buchen?anliegen=antragsabgabe");

async function round(server: TestServer, smtp: TestSmtp): Promise<RoundResult> {
  const { client, email, id } = await preparedApplication(server, smtp);
  const csrf = await client.csrf(`/antrag/${id}/pruefen`);
  const form = new URLSearchParams({ _csrf: csrf, declaration: "1", documentsDigital: "1" }).toString();
  // A random moment: 0–250 ms after the request was written (before, during or after the commit),
  // or right after the answer (1 in 4).
  const afterAnswer = Math.random() < 0.25;
  const delay = Math.floor(Math.random() * 250);
  const { written, answered } = sendRaw(client, `/antrag/${id}/pruefen`, form);
  await written;
  if (afterAnswer) await answered;
  else await new Promise((r) => setTimeout(r, delay));
  await server.kill();
  const firstAnswer = await answered;
  await server.restart();
  const before = await state(server, email, id);
  Object.assign(client, { target: server.url });
  if (firstAnswer !== 302) {
    // No answer (or an error page): the person presses "submit" again.
    const retry = await fetch(`${server.url}/antrag/${id}/pruefen`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: client.jar.header(), "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": client.ip },
    });
    must(retry.status === 302, `retry answered ${retry.status}`);
  }
  // Wait until the receipt was handed to SMTP and marked sent (or 30 s).
  const end = Date.now() + 30_000;
  let after = await state(server, email, id);
  while (after.receiptStatus !== "sent" && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    after = await state(server, email, id);
  }
  const receipts = smtp.to(email).filter(isReceipt);
  return {
    kill: afterAnswer ? "after answer" : `${delay} ms`,
    firstAnswer,
    committedBeforeRetry: before.submitted === 1,
    applications: after.applications,
    submitted: after.submitted,
    receiptIds: new Set(receipts.map((m) => m.headers["message-id"])).size,
    receiptCopies: receipts.length,
    events: after.events,
  };
}

async function series(kind: "sqlite" | "postgres", rounds: number): Promise<RoundResult[]> {
  if (kind === "postgres") process.env.TEST_DB_KIND = "postgres";
  else delete process.env.TEST_DB_KIND;
  const smtp = await startTestSmtp();
  const env = { SMTP_URL: smtp.url, DEMO_DATA: "0", MAIL_LEASE_MS: "3000", MAIL_SMTP_TIMEOUT_MS: "1000", MAIL_RETRY_BASE_MS: "300", MAIL_POLL_MS: "200", RATE_LIMIT_DISABLED: "1" };
  const server = await startTestServer(env, createTestEnvironment(env));
  const results: RoundResult[] = [];
  try {
    for (let i = 1; i <= rounds; i++) {
      const result = await round(server, smtp);
      results.push(result);
      process.stdout.write(
        `${kind} round ${String(i).padStart(2)}: kill ${result.kill.padEnd(12)} first answer ${String(result.firstAnswer).padEnd(4)} committed before retry ${result.committedBeforeRetry ? "yes" : "no "}  applications ${result.applications} submitted ${result.submitted} receipts ${result.receiptIds} (${result.receiptCopies} copies) events ${result.events}\n`,
      );
    }
  } finally {
    await server.stop();
    await smtp.stop();
  }
  return results;
}

function summary(kind: string, results: RoundResult[]) {
  return {
    database: kind,
    rounds: results.length,
    "committed before retry": results.filter((r) => r.committedBeforeRetry).length,
    "applications lost": results.filter((r) => r.submitted === 0).length,
    "applications doubled": results.filter((r) => r.applications > 1 || r.submitted > 1).length,
    "receipts lost": results.filter((r) => r.receiptIds === 0).length,
    "receipts doubled": results.filter((r) => r.receiptIds > 1).length,
    "receipt re-sent (same Message-ID)": results.filter((r) => r.receiptCopies > r.receiptIds).length,
    "events lost": results.filter((r) => r.events === 0).length,
    "events doubled": results.filter((r) => r.events > 1).length,
  };
}

const kinds: Array<["sqlite" | "postgres", number]> = [["sqlite", Number(process.env.KILL_ROUNDS ?? process.env.KILL_ROUNDS_SQLITE ?? 30)]];
const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (pgUrl) {
  process.env.TEST_DATABASE_URL = pgUrl;
  kinds.push(["postgres", Number(process.env.KILL_ROUNDS_POSTGRES ?? 15)]);
}
if (process.env.KILL_ROUNDS_ONLY === "postgres") kinds.shift();

const rows = [];
for (const [kind, rounds] of kinds) if (rounds > 0) rows.push(summary(kind, await series(kind, rounds)));
console.table(rows);
const failed = rows.some((r) => r["applications lost"] + r["applications doubled"] + r["receipts lost"] + r["receipts doubled"] + r["events lost"] + r["events doubled"] > 0);
process.exit(failed ? 1 : 0);
