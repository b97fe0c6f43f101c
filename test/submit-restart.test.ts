import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// A crash in the middle of a submission (issue "Online Antrag" § 5/6): the submit request is
// written, the server is killed with SIGKILL at several moments after it, restarted, and the
// person retries the submit as the browser would (the same form again). Afterwards there is
// exactly one submitted application and one `application.submitted` event — never zero or two.
// SQLite, and PostgreSQL with TEST_DB_KIND=postgres.

let smtp: TestSmtp;
let server: TestServer;
let detach: (() => Promise<void>) | null = null;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0" });
}, 120_000);

afterAll(async () => {
  await detach?.();
  await server?.stop();
  await smtp?.stop();
});

/** Sends the form and resolves once the whole request is on the wire (the answer may never come). */
function sendRaw(person: Person, pathname: string, body: string): { written: Promise<void>; answered: Promise<number | null> } {
  const url = new URL(person.base + pathname);
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
          Cookie: person.jar.header(),
          "Accept-Language": person.language,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          Origin: person.base,
          "X-Forwarded-For": person.ip,
        },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? null);
      },
    );
    request.on("error", () => resolve(null)); // the server died: no answer, as for a browser
    request.end(body, () => onWritten());
  });
  return { written, answered };
}

async function counts(id: string, userId: string) {
  const { getDb } = await import("../app/platform/db/db.server");
  const db = await getDb();
  const applications = await db.selectFrom("applications").select(["id", "status"]).where("user_id", "=", userId).execute();
  const events = await db.selectFrom("webhook_events").select("id").where("type", "=", "application.submitted").where("subject_key", "=", `application:${id}`).execute();
  return { applications, submitted: applications.filter((a) => a.status === "submitted").length, events: events.length };
}

async function userIdOf(email: string): Promise<string> {
  const { getDb } = await import("../app/platform/db/db.server");
  const row = await (await getDb()).selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return row.id;
}

/** Whether the application was already submitted when the server came back (before the retry). */
const submittedBeforeRetry: boolean[] = [];

describe(`submission survives a server crash (${testDbKind()})`, () => {
  // Milliseconds between the request being written and SIGKILL: before the server read it,
  // while it parses and checks, around the transaction — and once after the answer arrived.
  for (const delay of [0, 3, 10, 25, 60, 150, "answer"] as const) {
    it(`SIGKILL ${delay === "answer" ? "after the answer to" : `${delay} ms after`} the submit request → exactly one application`, { timeout: 120_000 }, async () => {
      const { person, email } = await signedIn(server, smtp, "de");
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      await fillAll(person, id);
      const form = new URLSearchParams({ _csrf: await person.csrf(`/antrag/${id}/pruefen`), declaration: "1", documentsDigital: "1" }).toString();

      const { written, answered } = sendRaw(person, `/antrag/${id}/pruefen`, form);
      await written;
      if (delay === "answer") expect(await answered).toBe(302);
      else if (delay) await new Promise((r) => setTimeout(r, delay));
      await server.kill();
      const firstAnswer = await answered;
      await server.restart();
      detach = await attachInProcessDatabase(server.env);
      try {
        submittedBeforeRetry.push((await counts(id, await userIdOf(email))).submitted === 1);
      } finally {
        await detach();
        detach = null;
      }
      Object.assign(person, { target: server.url }); // the restarted server listens on a new port

      // The browser shows an error (or nothing); the person presses "submit" again.
      const retry = await fetch(`${server.url}/antrag/${id}/pruefen`, {
        method: "POST",
        redirect: "manual",
        body: form,
        headers: { Cookie: person.jar.header(), "Accept-Language": "de", "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": person.ip },
      });
      expect(retry.status, `first answer ${firstAnswer}`).toBe(302);
      expect(retry.headers.get("location")).toBe(`/antrag/${id}/bestaetigung`);
      expect((await person.get(`/antrag/${id}/bestaetigung`)).status).toBe(200);

      detach = await attachInProcessDatabase(server.env);
      try {
        const state = await counts(id, await userIdOf(email));
        expect(state.applications).toHaveLength(1);
        expect(state.submitted).toBe(1);
        expect(state.events).toBe(1);
      } finally {
        await detach();
        detach = null;
      }
    });
  }

  it("killed the server both before and after the submission was committed", () => {
    expect(submittedBeforeRetry).toContain(false);
    expect(submittedBeforeRetry).toContain(true);
  });
});
