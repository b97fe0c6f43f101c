import crypto from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applicationIdFrom, fillAll, signedIn, type Person } from "./support/applicant";
import { ApiClient, createKey, runAdmin, startReceiver, type Receiver } from "./support/api";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The back-office issue's "done when", as one client would live it, against the real server on
// SQLite and PostgreSQL: with only the OpenAPI document, list new applications, fetch one with its
// PDF and files (hashes match), request a missing document, see the applicant's upload arrive by
// webhook, set the status, manage slots, publish a plan; the Ombudsstelle's key sees only its
// messages; the audit log verifies.

let smtp: TestSmtp;
let server: TestServer;
let receiver: Receiver;
let client: ApiClient;
let ombuds: ApiClient;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example", WEBHOOK_POLL_MS: "50", WEBHOOK_RETRY_BASE_MS: "50" });
  receiver = await startReceiver();
  client = new ApiClient(server, await createKey(server, "Fachverfahren", ["applications:read", "applications:write", "appointments:write", "cases:write", "webhooks:manage"]));
  ombuds = new ApiClient(server, await createKey(server, "Ombudsstelle", ["ombuds:read", "ombuds:write"]));
}, 60_000);

afterAll(async () => {
  await receiver?.close();
  await server?.stop();
  await smtp?.stop();
});

interface Event {
  type: string;
  data: Record<string, unknown>;
}

function events(): Event[] {
  return receiver.accepted().map((r) => JSON.parse(r.body) as Event);
}

describe("a back-office client with only the OpenAPI document", () => {
  let applicant: Person;
  let applicationId: string;

  it("finds every operation it needs in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const needed: Array<[string, string]> = [
      ["get", "/api/v1/applications"],
      ["get", "/api/v1/applications/{id}"],
      ["get", "/api/v1/applications/{id}/pdf"],
      ["get", "/api/v1/applications/{id}/attachments/{attachmentId}"],
      ["post", "/api/v1/applications/{id}/document-requests"],
      ["post", "/api/v1/applications/{id}/status"],
      ["put", "/api/v1/applications/{id}/identifiers"],
      ["post", "/api/v1/appointment-slots"],
      ["get", "/api/v1/appointment-slots"],
      ["delete", "/api/v1/appointment-slots/{id}"],
      ["put", "/api/v1/cases/{caseId}/cooperation-plan"],
      ["get", "/api/v1/cases/{caseId}/cooperation-plan"],
      ["post", "/api/v1/webhooks"],
      ["get", "/api/v1/ombuds/messages"],
    ];
    const missing = needed.filter(([method, path]) => !doc.paths[path]?.[method]).map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
  });

  it("subscribes, and gets application.submitted when a person hands in an application with a document", async () => {
    const created = await client.post("/api/v1/webhooks", { url: receiver.url, events: ["application.submitted", "application.documents-added"] });
    expect(created.status).toBe(201);
    ({ person: applicant } = await signedIn(server, smtp, "uk"));
    applicationId = applicationIdFrom((await applicant.send("/antrag", {})).headers.get("location"));
    await fillAll(applicant, applicationId);
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#22aa66" } })
      .jpeg()
      .toBuffer();
    expect((await applicant.upload(`/antrag/${applicationId}/unterlagen`, { item: "identity.p1" }, { field: "files", name: "pasport.jpg", type: "image/jpeg", bytes: photo })).status).toBeLessThan(
      400,
    );
    expect((await applicant.send(`/antrag/${applicationId}/pruefen`, { declaration: "1" })).status).toBe(302);
    await receiver.waitFor(() => events().some((e) => e.type === "application.submitted"), 15_000, "application.submitted");
  });

  it("lists it, fetches it with its PDF and its file (SHA-512 matches)", async () => {
    const list = (await (await client.get("/api/v1/applications?status=submitted&limit=200")).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((a) => a.id)).toContain(applicationId);
    const application = (await (await client.get(`/api/v1/applications/${applicationId}`)).json()) as { attachments: Array<{ id: string; sha512: string; mediaType: string }> };
    expect(application.attachments).toHaveLength(1);
    const file = await client.get(`/api/v1/applications/${applicationId}/attachments/${application.attachments[0].id}`);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(crypto.createHash("sha512").update(bytes).digest("hex")).toBe(application.attachments[0].sha512);
    const pdf = await client.get(`/api/v1/applications/${applicationId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("requests a missing document; the applicant's upload arrives by webhook; sets the status", async () => {
    const dueDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const requested = await client.post(`/api/v1/applications/${applicationId}/document-requests`, { category: "bank-statements", description: "Kontoauszüge der letzten drei Monate", dueDate });
    expect(requested.status).toBe(201);
    const { id: requestId } = (await requested.json()) as { id: string };
    expect(await applicant.text(`/antrag/${applicationId}/status`)).toContain("Kontoauszüge der letzten drei Monate");
    const statement = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#eeeeee" } })
      .jpeg()
      .toBuffer();
    const upload = await applicant.upload(`/antrag/${applicationId}/status`, { item: `request.${requestId}` }, { field: "files", name: "vypyska.jpg", type: "image/jpeg", bytes: statement });
    expect(upload.status).toBeLessThan(400);
    await receiver.waitFor(() => events().some((e) => e.type === "application.documents-added"), 15_000, "application.documents-added");
    const after = (await (await client.get(`/api/v1/applications/${applicationId}`)).json()) as { attachments: unknown[] };
    expect(after.attachments).toHaveLength(2);

    const status = await client.post(`/api/v1/applications/${applicationId}/status`, { status: "in-bearbeitung", message: "Wir prüfen Ihre Unterlagen." });
    expect(status.status).toBe(200);
    expect(await applicant.text(`/antrag/${applicationId}/status`)).toContain("Wir prüfen Ihre Unterlagen.");
  });

  it("manages slots", async () => {
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCHours(8, 0, 0, 0);
    const slot = await client.post("/api/v1/appointment-slots", {
      standortId: "erkelenz-wegberg",
      type: "antragsabgabe",
      start: start.toISOString(),
      end: new Date(start.getTime() + 1_800_000).toISOString(),
      capacity: 1,
    });
    expect(slot.status).toBe(201);
    const { id } = (await slot.json()) as { id: string };
    const window = `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date(start.getTime() + 60_000).toISOString())}`;
    const listed = (await (await client.get(`/api/v1/appointment-slots?standort=erkelenz-wegberg&${window}`)).json()) as { items: Array<{ id: string }> };
    expect(listed.items.map((s) => s.id)).toContain(id);
    expect((await client.delete(`/api/v1/appointment-slots/${id}`)).status).toBe(204);
  });

  it("assigns the identifiers and publishes a plan the person sees", async () => {
    const ids = await client.request("PUT", `/api/v1/applications/${applicationId}/identifiers`, { body: { kundennummer: "123D456789", bgNummer: "12345BG0012345" } });
    expect(ids.status).toBe(200);
    const { caseId } = (await ids.json()) as { caseId: string };
    const plan = {
      goals: ["Arbeit als Pflegehelferin finden"],
      jobcenterCommitments: ["Übernimmt die Kosten des Sprachkurses"],
      tasks: [
        {
          id: "sprachkurs",
          title: "Sprachkurs B1 besuchen",
          kind: "measure",
          dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
          evidenceRequired: false,
          legalConsequences: "Minderung nach § 31a SGB II.",
        },
      ],
      rechtsfolgenbelehrung: "Wenn Sie Pflichten ohne wichtigen Grund nicht erfüllen, kann das Bürgergeld gemindert werden.",
    };
    expect((await client.request("PUT", `/api/v1/cases/${caseId}/cooperation-plan`, { body: plan })).status).toBeLessThan(300);
    const read = (await (await client.get(`/api/v1/cases/${caseId}/cooperation-plan`)).json()) as { tasks?: unknown[]; plan?: { tasks: unknown[] } };
    expect(JSON.stringify(read)).toContain("Sprachkurs B1 besuchen");
    expect(visibleText(await applicant.html("/mein-fall"))).toContain("Sprachkurs B1 besuchen");
  });

  it("keeps the Ombudsstelle apart: its key sees only its messages, the Jobcenter's key none", async () => {
    expect((await ombuds.get("/api/v1/ombuds/messages")).status).toBe(200);
    expect((await client.get("/api/v1/ombuds/messages")).status).toBe(403);
    expect((await ombuds.get("/api/v1/applications")).status).toBe(403);
    expect(events().every((e) => !e.type.startsWith("ombuds."))).toBe(true);
  });

  it("leaves an audit log that verifies", async () => {
    const verify = await runAdmin(server.env, ["audit", "--verify"]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Audit log intact: \d+ entries/);
  });
});
