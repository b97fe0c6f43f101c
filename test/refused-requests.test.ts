import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";

// Requests anyone can send that used to end in an HTTP 500 (issue item 9): query parameters that
// reached the audit log's personal-data check, and form posts with `Origin: null` that Remix's
// own origin check threw on. They are refused with 400 / 403 now, and nothing is logged as an
// error.

let server: TestServer;
let detach: () => Promise<void>;
let client: ApiClient;
let knownStandort = "";
const KNOWN_TYPE = "antragsabgabe";

async function auditCount(): Promise<number> {
  const { getDb } = await import("../app/platform/db/db.server");
  const row = await (
    await getDb()
  )
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Error-level lines of the server's structured log (pino level 50 and above). */
function errorLines(output: string): string[] {
  return output.split("\n").filter((line) => /"level":(50|60)/.test(line));
}

beforeAll(async () => {
  const warm = import("../app/platform/api/api-keys.server");
  server = await startTestServer();
  await warm;
  detach = await attachInProcessDatabase(server.env);
  client = new ApiClient(server.url, await createKeyInProcess("Abfragen", ["applications:read", "appointments:read", "appointments:write", "webhooks:manage"]));
  const standorte = (await (await fetch(`${server.url}/api/v1/standorte`)).json()) as { items: Array<{ id: string }> };
  knownStandort = standorte.items[0].id;
});

afterAll(async () => {
  await detach?.();
  await server?.stop();
});

describe("back-office list endpoints validate their query parameters before anything is audited", () => {
  const long = "a".repeat(300);
  const email = "erika.mustermann@beispiel.example";

  for (const endpoint of ["/api/v1/applications", "/api/v1/appointments", "/api/v1/appointment-slots"]) {
    it(`${endpoint}: an unknown, over-long or e-mail-like standort is a 400 problem naming the parameter`, async () => {
      const before = await auditCount();
      const outputBefore = server.output().length;
      for (const value of [long, email, "gibt-es-nicht"]) {
        const response = await client.get(`${endpoint}?standort=${encodeURIComponent(value)}`);
        expect(response.status, value).toBe(400);
        expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        const body = (await response.json()) as { status: number; title: string; detail: string; errors: Array<{ path: string; message: string }> };
        expect(body.status).toBe(400);
        expect(body.errors.map((e) => e.path)).toEqual(["query:standort"]);
        expect(JSON.stringify(body)).not.toContain(email); // the value is not echoed
      }
      expect(await auditCount()).toBe(before);
      expect(errorLines(server.output().slice(outputBefore))).toEqual([]);

      const ok = await client.get(`${endpoint}?standort=${encodeURIComponent(knownStandort)}`);
      expect(ok.status).toBe(200);
    });
  }

  it("the other filters are checked against known values as well (status, type, dates, paging)", async () => {
    const cases: Array<[string, string]> = [
      ["/api/v1/applications?status=ueberall", "query:status"],
      ["/api/v1/applications?submittedSince=gestern", "query:submittedSince"],
      ["/api/v1/appointments?status=irgendwas", "query:status"],
      ["/api/v1/appointments?from=morgen", "query:from"],
      ["/api/v1/appointment-slots?type=unbekannt", "query:type"],
      [`/api/v1/appointment-slots?type=${"b".repeat(300)}`, "query:type"],
      ["/api/v1/webhooks?limit=0", "query:limit"],
    ];
    const before = await auditCount();
    for (const [url, parameter] of cases) {
      const response = await client.get(url);
      expect(response.status, url).toBe(400);
      const body = (await response.json()) as { errors: Array<{ path: string }> };
      expect(
        body.errors.map((e) => e.path),
        url,
      ).toEqual([parameter]);
    }
    expect(await auditCount()).toBe(before);
    expect((await client.get(`/api/v1/appointment-slots?type=${KNOWN_TYPE}&standort=${knownStandort}`)).status).toBe(200);
    expect((await client.get(`/api/v1/appointments?status=booked&standort=${knownStandort}`)).status).toBe(200);
  });
});

describe("form posts from a refused origin", () => {
  const forms: Array<[string, Record<string, string>]> = [
    ["/anmelden", { email: "niemand@beispiel.example", password: "irgendein Passwort 123" }],
    ["/registrieren", { email: "neu@beispiel.example", password: "ein langes Passwort 123" }],
    ["/passwort-vergessen", { email: "niemand@beispiel.example" }],
    ["/barrierefreiheit", { description: "Ein Test", page: "/" }],
    ["/vorabcheck", { concern: "new" }],
    ["/ombudsstelle/nachricht", { kind: "beschwerde", message: "Ein Test" }],
  ];

  async function postWith(person: Browserish, pathname: string, fields: Record<string, string>, origin: string): Promise<Response> {
    const body = new URLSearchParams({ _csrf: await person.csrf(pathname), ...fields });
    return fetch(server.url + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: person.jar.header(), "Accept-Language": person.language, "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    });
  }

  it("`Origin: null` with a valid token: the translated 403 page, no error in the log", async () => {
    const outputBefore = server.output().length;
    const person = new Browserish(server.url, "de");
    for (const [pathname, fields] of forms) {
      const response = await postWith(person, pathname, fields, "null");
      expect(response.status, pathname).toBe(403);
      expect(response.headers.get("content-type"), pathname).toMatch(/^text\/html/);
      expect(visibleText(await response.text()), pathname).toContain("Das hat nicht geklappt");
    }
    const english = new Browserish(server.url, "en");
    const response = await postWith(english, "/anmelden", forms[0][1], "null");
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en"/);
    expect(visibleText(html)).toContain("That did not work");
    // The same page for a form without its token (the action refuses it before the root loader runs).
    const tokenless = await english.post("/anmelden", forms[0][1], { csrf: false });
    expect(tokenless.status).toBe(403);
    expect(visibleText(await tokenless.text())).toContain("That did not work");
    expect(errorLines(server.output().slice(outputBefore))).toEqual([]);
  });

  it("another site's or a malformed Origin gets the same page; the portal's own origin passes", async () => {
    const outputBefore = server.output().length;
    const person = new Browserish(server.url, "de");
    for (const origin of ["https://evil.example", "kein origin", "http://[::1"]) {
      const response = await postWith(person, "/anmelden", forms[0][1], origin);
      expect(response.status, origin).toBe(403);
      expect(visibleText(await response.text()), origin).toContain("Das hat nicht geklappt");
    }
    // Host and X-Forwarded-Host disagree: Remix compares with X-Forwarded-Host, so must we.
    const body = new URLSearchParams({ _csrf: await person.csrf("/anmelden"), ...forms[0][1] });
    const forwarded = await fetch(`${server.url}/anmelden`, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: person.jar.header(), "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-Host": "anderswo.example" },
    });
    expect(forwarded.status).toBe(403);
    await forwarded.arrayBuffer();
    expect(errorLines(server.output().slice(outputBefore))).toEqual([]);

    const own = await postWith(person, "/anmelden", forms[0][1], server.url);
    expect(own.status).toBe(400); // wrong password: the form again, not a refusal
    await own.arrayBuffer();
  });

  it("the back-office API (bearer keys, no cookies) is not affected by the Origin", async () => {
    const response = await client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/origin", events: ["task.completed"] }, { Origin: "null" });
    expect(response.status).toBe(201);
  });
});
