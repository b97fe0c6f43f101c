import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, Person, signedIn } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";
import { startSmtpProxy, type SmtpProxy } from "./support/smtp-proxy";
import { startTestSmtp, type ReceivedMail, type TestSmtp } from "./support/smtp";

// The mail outbox (issue 11, item 3; decision 027): a mail is written in the transaction of the
// change and sent by a worker, so a crash after the commit, a mail server that is down, or a crash
// after sending but before marking lose no mail. The portal sends through a TCP proxy in front of
// the real test SMTP server (test/support/smtp-proxy.ts), which the tests pause, cut or hold.
// SQLite, and PostgreSQL with TEST_DB_KIND=postgres.

let smtp: TestSmtp;
let proxy: SmtpProxy;
let server: TestServer;

beforeAll(async () => {
  smtp = await startTestSmtp();
  proxy = await startSmtpProxy(smtp.port);
  server = await startTestServer({
    SMTP_URL: proxy.url,
    DEMO_DATA: "0",
    MAIL_SMTP_TIMEOUT_MS: "1000",
    MAIL_LEASE_MS: "3000",
    MAIL_RETRY_BASE_MS: "300",
    MAIL_RETRY_MAX_MS: "1500",
    MAIL_POLL_MS: "200",
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await proxy?.stop();
  await smtp?.stop();
});

const isReceipt = (m: ReceivedMail) => m.text.includes("/termine/buchen?anliegen=antragsabgabe");

/** A signed-in person with a complete application, and the submit form ready to post. */
async function readyToSubmit() {
  const { person, email } = await signedIn(server, smtp, "en");
  const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
  await fillAll(person, id);
  return { person, email, id };
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof import("../app/platform/db/db.server").getDb>>) => Promise<T>): Promise<T> {
  const detach = await attachInProcessDatabase(server.env);
  try {
    const { getDb } = await import("../app/platform/db/db.server");
    return await fn(await getDb());
  } finally {
    await detach();
  }
}

function outboxRows() {
  return withDb((db) => db.selectFrom("mail_outbox").selectAll().where("kind", "=", "application.receipt").execute());
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`mail outbox (${testDbKind()})`, () => {
  it("SIGKILL right after the submit was answered, before the receipt went out: after the restart it arrives exactly once", { timeout: 90_000 }, async () => {
    const { person, email, id } = await readyToSubmit();
    proxy.pause(); // the mail server does not answer yet: the receipt cannot leave before the kill
    const response = await person.send(`/antrag/${id}/pruefen`, { declaration: "1", documentsDigital: "1" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
    await server.kill();
    proxy.resume();
    await server.restart();

    const mail = await smtp.waitFor(email, isReceipt, 30_000);
    expect(mail.headers["message-id"]).toMatch(/^<[0-9a-f-]{36}@portal\.invalid>$/);
    // Marked sent, content gone: then no second copy can follow.
    const [row] = await until("the receipt marked sent", async () => {
      const rows = (await outboxRows()).filter((r) => r.dedup_key === `application.receipt:${id}`);
      return rows.length === 1 && rows[0].status === "sent" ? rows : null;
    });
    expect(row.content_sealed).toBeNull();
    expect(row.message_id).toBe(mail.headers["message-id"]);
    expect(smtp.to(email).filter(isReceipt)).toHaveLength(1);
  });

  it("mail server down: the receipt is retried with growing delays and delivered when it is back; sealed meanwhile", { timeout: 90_000 }, async () => {
    const { person, email, id } = await readyToSubmit();
    await proxy.down();
    try {
      expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1", documentsDigital: "1" })).status).toBe(302);
      const pending = await until("three failed attempts", async () => {
        const row = (await outboxRows()).find((r) => r.dedup_key === `application.receipt:${id}`);
        return row && row.attempts >= 3 && row.status === "pending" ? row : null;
      });
      expect(pending.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
      // The waiting mail holds personal data: sealed, not in clear.
      expect(pending.content_sealed).toMatch(/^v1\./);
      expect(pending.content_sealed).not.toContain(email);
      expect(pending.content_sealed).not.toContain("antragsabgabe");
      expect(Date.parse(pending.next_attempt_at)).toBeGreaterThan(Date.parse(pending.created_at));
      expect(smtp.to(email).filter(isReceipt)).toHaveLength(0);
    } finally {
      await proxy.up();
    }
    await smtp.waitFor(email, isReceipt, 30_000);
    await until("the receipt marked sent", async () => (await outboxRows()).find((r) => r.dedup_key === `application.receipt:${id}` && r.status === "sent"));
    expect(smtp.to(email).filter(isReceipt)).toHaveLength(1);
    // Neither the address nor the mail's text reached the log.
    expect(server.output()).not.toContain(email);
  });

  it("SIGKILL after the mail server took the receipt but before it was marked sent: sent again with the same Message-ID (at least once), one outbox row", { timeout: 90_000 }, async () => {
    const { person, email, id } = await readyToSubmit();
    proxy.holdAfterData();
    expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1", documentsDigital: "1" })).status).toBe(302);
    const first = await smtp.waitFor(email, isReceipt, 30_000);
    await server.kill();
    proxy.resume();
    await server.restart();
    const second = await smtp.waitFor(email, isReceipt, 30_000);
    expect(second.headers["message-id"]).toBe(first.headers["message-id"]);
    const rows = await until("the receipt marked sent", async () => {
      const all = (await outboxRows()).filter((r) => r.dedup_key === `application.receipt:${id}`);
      return all.length === 1 && all[0].status === "sent" ? all : null;
    });
    expect(rows[0].attempts).toBe(2);
    // Two deliveries, one message: the duplicate is recognisable by its Message-ID.
    expect(
      new Set(
        smtp
          .to(email)
          .filter(isReceipt)
          .map((m) => m.headers["message-id"]),
      ).size,
    ).toBe(1);
  });

  it("a password reset answers alike for a known and an unknown address; only the known one gets a mail", { timeout: 60_000 }, async () => {
    const { email } = await signedIn(server, smtp, "de");
    const unknown = `niemand.${Date.now().toString(36)}@beispiel.example`;
    const ask = async (address: string) => {
      const response = await new Person(server.url, "de").post("/passwort-vergessen", { email: address });
      return { status: response.status, location: response.headers.get("location") };
    };
    const before = await withDb(async (db) =>
      Number(
        (
          await db
            .selectFrom("mail_outbox")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    const forUnknown = await ask(unknown);
    const forKnown = await ask(email);
    expect(forUnknown).toEqual({ status: 302, location: "/passwort-vergessen?status=gesendet" });
    expect(forKnown).toEqual(forUnknown);
    await smtp.waitFor(email, (m) => m.text.includes("/passwort-neu?token="));
    const rows = await withDb((db) => db.selectFrom("mail_outbox").select(["kind"]).orderBy("created_at").execute());
    // Only the known address's reset mail was added; the unknown one left no row behind.
    expect(rows.length - before).toBe(1);
    expect(rows.filter((r) => r.kind === "account.reset")).toHaveLength(1);
    expect(smtp.to(unknown)).toHaveLength(0);
  });
});
