import http from "node:http";
import net from "node:net";
import SQLite from "better-sqlite3";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, Person, signedIn } from "./support/applicant";
import { ApiClient, createKey, createKeyInProcess, startReceiver, type Receiver } from "./support/api";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";

// Issue 11, items 1 and 2: the database goes away or stops answering while the portal runs.
// PostgreSQL: a real TCP proxy between the portal process and the database, cut (connections
// reset, new ones refused) and silenced (accepted, nothing forwarded). SQLite: the write lock
// held by another process longer than the busy timeout and its retries.
// The upper bounds below only tell "answers" from "hangs"; they are no performance assertions.

const HANG = 15_000;
const ARABIC_TITLE = "الخدمة غير متاحة لوقت قصير";
const GERMAN_TITLE = "Der Dienst ist kurz nicht erreichbar";

/** fetch that gives up after HANG ms: a hanging request fails the test instead of blocking it. */
async function bounded(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(HANG) });
}

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`gave up waiting: ${what}`);
}

const personFields = {
  firstName: "Maryam",
  lastName: "Haddad",
  birthDate: "15.03.2003",
  nationality: "syrisch",
  street: "Hauptstraße 12",
  postalCode: "41844",
  municipality: "Wegberg",
  phone: "02434 123456",
  priorBenefits: "no",
};

/** Posts a form with a token taken earlier (the page cannot be loaded while the database is gone). */
async function postWith(person: Person, pathname: string, csrf: string, fields: Record<string, string>): Promise<Response> {
  return bounded(person.base + pathname, {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
    headers: { Cookie: person.jar.header(), "Accept-Language": person.language, "Content-Type": "application/x-www-form-urlencoded", Origin: person.base, "X-Forwarded-For": person.ip },
  });
}

async function expectUnavailablePage(response: Response, title: string): Promise<void> {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const text = visibleText(await response.text());
  expect(text).toContain(title);
}

if (testDbKind() === "postgres") {
  describe("PostgreSQL through a proxy that is cut and silenced", () => {
    let smtp: TestSmtp;
    let server: TestServer;
    let proxy: TcpProxy;

    beforeAll(async () => {
      const target = new URL(process.env.TEST_DATABASE_URL!);
      proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      smtp = await startTestSmtp();
      server = await startTestServer({
        SMTP_URL: smtp.url,
        DEMO_DATA: "0",
        DATABASE_URL: proxy.url(process.env.TEST_DATABASE_URL!),
        PG_CONNECT_TIMEOUT_MS: "2000",
        PG_STATEMENT_TIMEOUT_MS: "3000",
        PG_QUERY_TIMEOUT_MS: "4000",
        WEBHOOK_POLL_MS: "200",
        REMINDER_POLL_SECONDS: "0.5",
      });
    }, 120_000);

    afterAll(async () => {
      proxy?.restore();
      await server?.stop();
      await smtp?.stop();
      await proxy?.close();
    });

    it("keeps running while the database is gone, answers 503 where it needs it, and recovers by itself", async () => {
      const { person } = await signedIn(server, smtp, "ar");
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      const page = `/antrag/${id}/person`;
      expect((await person.send(page, personFields)).status).toBe(302);
      const csrf = await person.csrf(page);
      const key = await createKey(server, "faults", ["applications:read"]);
      const api = () => bounded(`${server.url}/api/v1/applications`, { headers: { Authorization: `Bearer ${key}` } });
      expect((await api()).status).toBe(200);
      expect(proxy.accepted()).toBeGreaterThan(0);

      proxy.cut();

      // /healthz says so (quickly, not after a hang), and nothing more.
      const health = await bounded(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable", detail: "The database is not reachable." });

      // Pages that need no database are served.
      expect((await bounded(`${server.url}/`)).status).toBe(200);
      expect((await bounded(`${server.url}/standorte`)).status).toBe(200);

      // A page that needs the database: 503, Retry-After, in the person's language.
      await expectUnavailablePage(await bounded(person.base + page, { headers: { Cookie: person.jar.header(), "Accept-Language": "ar", "X-Forwarded-For": person.ip } }), ARABIC_TITLE);
      // A save: the same page, nothing written.
      await expectUnavailablePage(await postWith(person, page, csrf, { ...personFields, firstName: "Changed" }), ARABIC_TITLE);

      // The API: problem+json with Retry-After.
      const refused = await api();
      expect(refused.status).toBe(503);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await refused.json()).status).toBe(503);

      // Background jobs keep failing while the database is away; the process must outlive that.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await bounded(`${server.url}/standorte`)).status).toBe(200);

      proxy.restore();

      await until(async () => (await bounded(`${server.url}/healthz`)).status === 200, "healthz 200 after restore");
      expect((await api()).status).toBe(200);
      const restored = await person.get(page);
      expect(restored.status).toBe(200);
      const html = await restored.text();
      expect(html).toContain('value="Maryam"'); // the draft is untouched: the failed save wrote nothing
      expect(html).not.toContain('value="Changed"');
      expect(server.output()).toMatch(/database/i);
    }, 120_000);

    it("answers 503 within a bounded time while the database holds connections open and says nothing", async () => {
      const { person } = await signedIn(server, smtp, "de");
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      const page = `/antrag/${id}/person`;
      const csrf = await person.csrf(page);

      proxy.silence();

      const health = await bounded(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      await expectUnavailablePage(await postWith(person, page, csrf, personFields), GERMAN_TITLE);
      expect((await bounded(`${server.url}/standorte`)).status).toBe(200);

      proxy.restore();
      await until(async () => (await bounded(`${server.url}/healthz`)).status === 200, "healthz 200 after silence ends");
      expect((await person.send(page, personFields)).status).toBe(302);
    }, 120_000);
  });
} else {
  describe("SQLite: the database stays locked longer than the busy timeout", () => {
    let smtp: TestSmtp;
    let server: TestServer;

    beforeAll(async () => {
      smtp = await startTestSmtp();
      server = await startTestServer({ SMTP_URL: smtp.url, DEMO_DATA: "0", SQLITE_BUSY_TIMEOUT_MS: "200" });
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
      await smtp?.stop();
    });

    it("answers a save with the translated 503 page, keeps serving, and the draft is untouched", async () => {
      const { person } = await signedIn(server, smtp, "ar");
      const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
      const page = `/antrag/${id}/person`;
      expect((await person.send(page, personFields)).status).toBe(302);
      const csrf = await person.csrf(page);

      const locker = new SQLite(path.join(server.dataDir, "portal.sqlite"));
      locker.pragma("busy_timeout = 5000");
      locker.exec("begin exclusive");
      try {
        await expectUnavailablePage(await postWith(person, page, csrf, { ...personFields, firstName: "Changed" }), ARABIC_TITLE);
        expect((await bounded(`${server.url}/standorte`)).status).toBe(200);
      } finally {
        locker.exec("rollback");
        locker.close();
      }
      const html = await (await person.get(page)).text();
      expect(html).toContain('value="Maryam"');
      expect(html).not.toContain('value="Changed"');
    }, 120_000);
  });
}

describe("graceful shutdown on SIGTERM", () => {
  let server: TestServer;
  let detach: (() => Promise<void>) | null = null;
  let hanging: Receiver | null = null;

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: "0", SHUTDOWN_TIMEOUT_MS: "4000", WEBHOOK_POLL_MS: "100" });
    detach = await attachInProcessDatabase(server.env);
  }, 120_000);

  afterAll(async () => {
    await detach?.();
    await hanging?.close();
    await server?.stop();
  });

  /** A webhook delivery in flight (its receiver never answers): the worker holds its lease. */
  async function deliveryInFlight(): Promise<string> {
    hanging = await startReceiver(() => "hang");
    const client = new ApiClient(server, await createKeyInProcess("Fachverfahren", ["webhooks:manage"]));
    expect((await client.post("/api/v1/webhooks", { url: hanging.url, events: ["application.submitted"] })).status).toBe(201);
    const { enqueueEvent } = await import("../app/platform/events/webhooks.server");
    const { getDb } = await import("../app/platform/db/db.server");
    const event = await enqueueEvent(await getDb(), { type: "application.submitted", subjectKey: "application:shutdown", data: { applicationId: "shutdown" } });
    await hanging.waitFor((list) => list.length >= 1);
    const row = await (await getDb()).selectFrom("webhook_deliveries").select(["lease_owner"]).where("event_id", "=", event.id).executeTakeFirstOrThrow();
    expect(row.lease_owner).not.toBeNull();
    return event.id;
  }

  /** A sign-up form whose body is sent in two parts: the request is in flight until `finish()`. */
  async function slowSignUp(index: number): Promise<{ finish: () => void; status: Promise<number | null> }> {
    const person = new Person(server.url, "de");
    const csrf = await person.csrf("/registrieren");
    const body = new URLSearchParams({ _csrf: csrf, email: `slow.${index}.${Date.now()}@beispiel.example`, password: "Tulpe Kanu Nebel Wolke" }).toString();
    const url = new URL(server.url);
    let request!: http.ClientRequest;
    const status = new Promise<number | null>((resolve) => {
      request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: "/registrieren",
          method: "POST",
          headers: {
            Cookie: person.jar.header(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
            Origin: server.url,
            "X-Forwarded-For": person.ip,
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? null);
        },
      );
      request.on("error", () => resolve(null));
    });
    request.write(body.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { finish: () => request.end(body.slice(20)), status };
  }

  it("finishes every request in flight, refuses new connections, gives up on a stuck client, hands back leases, exits 0", async () => {
    const eventId = await deliveryInFlight();
    const flights = await Promise.all([1, 2, 3, 4].map((i) => slowSignUp(i)));
    // A client that never sends the rest of its body: shutdown must not wait for it forever.
    const stuck = await slowSignUp(99);

    server.signal("SIGTERM");
    const port = server.port;
    await until(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(port, "127.0.0.1");
          socket.once("connect", () => {
            socket.destroy();
            resolve(false);
          });
          socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
        }),
      "new connections refused after SIGTERM",
      10_000,
    );

    for (const flight of flights) flight.finish();
    expect(await Promise.all(flights.map((f) => f.status))).toEqual([302, 302, 302, 302]);
    const code = await Promise.race([server.exited(), new Promise<string>((resolve) => setTimeout(() => resolve("still running"), 20_000))]);
    expect(code).toBe(0);
    expect(await stuck.status).toBe(null); // cut at the upper bound, the others were not
    expect(server.output()).toMatch(/"msg":"portal stopped"/);

    // The webhook worker handed its lease back: due again at once, for the next process.
    const { getDb } = await import("../app/platform/db/db.server");
    const delivery = await (await getDb()).selectFrom("webhook_deliveries").select(["status", "lease_owner", "last_error"]).where("event_id", "=", eventId).executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: "pending", lease_owner: null, last_error: "interrupted by shutdown" });
  }, 60_000);
});
