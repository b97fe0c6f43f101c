import crypto from "node:crypto";
import { WEBHOOK_EVENT_TYPES } from "../app/platform/events/webhooks.server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess, runAdmin, startReceiver, type ReceivedRequest, type Receiver } from "./support/api";
import { attachInProcessDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

// Tests that start processes (the admin command line, a server restart) get more time on a busy machine.
const CLI_TIMEOUT = 120_000;

// Webhooks (contract backoffice-api.md, "Webhooks"): subscriptions through the real API, events put
// into the outbox the way a feature does (enqueueEvent, here from the test process on the server's
// database), delivered by the real server's worker to real HTTP receivers.
//
// Small timings so that retries are fast: first retry after 100 ms (doubling, +≤50 % jitter,
// capped at 2 s), requests time out after 2 s, 4 parallel requests (2 per subscription).
const RETRY_BASE_MS = 100;
const TIMEOUT_MS = 2_000;

let server: TestServer;
let detach: () => Promise<void>;
let jobcenter: ApiClient;
let ombuds: ApiClient;
const receivers: Receiver[] = [];
const subscriptions: Array<{ client: ApiClient; id: string }> = [];

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

interface Created {
  id: string;
  url: string;
  events: string[];
  secret: string;
  createdAt: string;
}

async function subscribe(client: ApiClient, url: string, events: string[]): Promise<Created> {
  const response = await client.post("/api/v1/webhooks", { url, events });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as Created;
  subscriptions.push({ client, id: created.id });
  return created;
}

async function enqueue(type: string, subjectKey: string, data: Record<string, unknown>) {
  const { enqueueEvent } = await import("../app/platform/events/webhooks.server");
  const { getDb } = await import("../app/platform/db/db.server");
  return enqueueEvent(await getDb(), { type: type as never, subjectKey, data });
}

function hmac(secret: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
}

const body = (r: ReceivedRequest) => JSON.parse(r.body) as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // The modules this process uses are loaded while the server starts.
  const warm = Promise.all([import("../app/platform/events/webhooks.server"), import("../app/platform/api/api-keys.server"), import("../app/platform/db/write.server")]);
  server = await startTestServer({
    WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
    WEBHOOK_RETRY_MAX_MS: "2000",
    WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    WEBHOOK_POLL_MS: "100",
    WEBHOOK_CONCURRENCY: "4",
    WEBHOOK_LEASE_MS: "1000",
  });
  await warm;
  detach = await attachInProcessDatabase(server.env);
  jobcenter = new ApiClient(server, await createKeyInProcess("Fachverfahren", ["webhooks:manage", "applications:read"]));
  ombuds = new ApiClient(server, await createKeyInProcess("Ombudsstelle", ["ombuds:read", "ombuds:write"]));
});

// Every test cleans up its subscriptions, so that its receivers get no events of later tests.
afterEach(async () => {
  for (const { client, id } of subscriptions.splice(0)) await client.delete(`/api/v1/webhooks/${id}`);
  for (const r of receivers.splice(0)) await r.close();
});

afterAll(async () => {
  await detach?.();
  await server?.stop();
});

describe("subscriptions", () => {
  it("POST answers the secret once; GET shows no secret; it is not stored in clear", async () => {
    const response = await jobcenter.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/hook", events: ["application.submitted", "appointment.booked"] });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    subscriptions.push({ client: jobcenter, id: created.id });
    expect(response.headers.get("location")).toBe(`/api/v1/webhooks/${created.id}`);
    expect(created).toMatchObject({ url: "http://127.0.0.1:9/hook", events: ["application.submitted", "appointment.booked"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = await jobcenter.get("/api/v1/webhooks");
    const listText = await list.text();
    expect(JSON.parse(listText)).toEqual({ items: [{ id: created.id, url: created.url, events: created.events, createdAt: created.createdAt }], nextCursor: null });
    expect(listText).not.toContain(created.secret);
    const one = await jobcenter.get(`/api/v1/webhooks/${created.id}`);
    const oneText = await one.text();
    expect(one.status).toBe(200);
    expect(oneText).not.toContain(created.secret);
    expect(JSON.parse(oneText)).not.toHaveProperty("secret");

    const { getDb } = await import("../app/platform/db/db.server");
    const row = await (await getDb()).selectFrom("webhook_subscriptions").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6));
    expect(server.output()).not.toContain(created.secret);
  });

  it("the OpenAPI document describes the subscription endpoints and the delivered event", async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: { $ref: string } }> }; parameters: Array<{ name: string }> } }>;
      components: { schemas: Record<string, { oneOf?: Array<{ properties?: Record<string, { const?: string }> }> }> };
    };
    expect(Object.keys(doc.paths["/api/v1/webhooks"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/webhooks/{id}"]).sort()).toEqual(["delete", "get"]);
    const event = doc.webhooks.portalEvent.post;
    expect(event.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["X-Portal-Event-Id", "X-Portal-Signature"]));
    expect(event.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/WebhookEvent");
    // One variant per event type, each with its own documented data.
    const variants = doc.components.schemas.WebhookEvent.oneOf ?? [];
    expect(variants.map((v) => v.properties?.type?.const).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const v of variants) expect(Object.keys(v.properties ?? {}).sort()).toEqual(["createdAt", "data", "id", "type"]);
  });

  it("Idempotency-Key: same key and body → the same answer, created once; a different body → 422", async () => {
    const payload = { url: "http://127.0.0.1:9/idem", events: ["task.completed"] };
    const headers = { "Idempotency-Key": "f3b1c2d4-idem-1" };
    const first = await jobcenter.post("/api/v1/webhooks", payload, headers);
    const second = await jobcenter.post("/api/v1/webhooks", { events: ["task.completed"], url: "http://127.0.0.1:9/idem" }, headers); // same JSON, other key order
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const firstBody = (await first.json()) as Created;
    subscriptions.push({ client: jobcenter, id: firstBody.id });
    expect(await second.json()).toEqual(firstBody);
    expect(second.headers.get("location")).toBe(`/api/v1/webhooks/${firstBody.id}`);
    // The stored answer (it holds the secret) is sealed at rest.
    const { getDb } = await import("../app/platform/db/db.server");
    const stored = await (await getDb()).selectFrom("idempotency_keys").selectAll().where("idempotency_key", "=", headers["Idempotency-Key"]).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: "done", response_status: 201 });
    expect(JSON.stringify(stored)).not.toContain(firstBody.secret.slice(6));

    const other = await jobcenter.post("/api/v1/webhooks", { ...payload, url: "http://127.0.0.1:9/other" }, headers);
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await other.json()).toMatchObject({ status: 422, type: "urn:buergerportal:problem:idempotency-key-reused" });

    // Several at once with a new key: one subscription.
    const racing = await Promise.all(Array.from({ length: 4 }, () => jobcenter.post("/api/v1/webhooks", { ...payload, url: "http://127.0.0.1:9/race" }, { "Idempotency-Key": "race-1" })));
    for (const r of racing) expect([201, 409]).toContain(r.status);
    const list = (await (await jobcenter.get("/api/v1/webhooks")).json()) as { items: Created[] };
    expect(list.items.filter((s) => s.url === "http://127.0.0.1:9/idem")).toHaveLength(1);
    const raced = list.items.filter((s) => s.url === "http://127.0.0.1:9/race");
    expect(raced).toHaveLength(1);
    subscriptions.push({ client: jobcenter, id: raced[0].id });
    // The same Idempotency-Key of another API key is another request.
    const ombudsSame = await ombuds.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/idem", events: ["ombuds.message-received"] }, headers);
    expect(ombudsSame.status).toBe(201);
    subscriptions.push({ client: ombuds, id: ((await ombudsSame.json()) as Created).id });
  });
});

describe("delivery", () => {
  it("POSTs the event with X-Portal-Event-Id and a signature the secret verifies (a wrong secret does not)", async () => {
    const r = await receiver();
    const sub = await subscribe(jobcenter, r.url, ["application.submitted"]);
    const event = await enqueue("application.submitted", "application:A-1", { applicationId: "A-1", status: "submitted" });
    expect(event.deliveries).toBe(1);
    await r.waitFor((list) => list.length >= 1);
    const [request] = r.requests;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hook");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-portal-event-id"]).toBe(event.id);
    expect(request.headers["x-portal-event-type"]).toBe("application.submitted");
    const signature = String(request.headers["x-portal-signature"]);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signature).toBe(hmac(sub.secret, request.body));
    expect(signature).not.toBe(hmac(`${sub.secret}x`, request.body));
    expect(signature).not.toBe(hmac(sub.secret, request.body.replace("A-1", "A-2")));
    const { verifySignature } = await import("../app/platform/events/webhooks.server");
    expect(verifySignature(sub.secret, request.body, signature)).toBe(true);
    expect(verifySignature("whsec_wrong", request.body, signature)).toBe(false);
    expect(body(request)).toEqual({ id: event.id, type: "application.submitted", createdAt: expect.any(String), data: { applicationId: "A-1", status: "submitted" } });
    await sleep(300);
    expect(r.requests).toHaveLength(1);
  });

  it("is written in the caller's transaction: an event of a rolled-back change is never sent", async () => {
    const r = await receiver();
    await subscribe(jobcenter, r.url, ["application.submitted"]);
    const { enqueueEvent } = await import("../app/platform/events/webhooks.server");
    const { writeTransaction } = await import("../app/platform/db/write.server");
    const { getDb } = await import("../app/platform/db/db.server");
    await expect(
      writeTransaction(await getDb(), async (trx) => {
        await enqueueEvent(trx, { type: "application.submitted", subjectKey: "application:R-1", data: { applicationId: "R-1" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const kept = await enqueue("application.submitted", "application:R-2", { applicationId: "R-2" });
    await r.waitFor((list) => list.length >= 1);
    await sleep(300);
    expect(r.requests.map((q) => body(q).data.applicationId)).toEqual(["R-2"]);
    expect(r.requests[0].headers["x-portal-event-id"]).toBe(kept.id);
  });

  it("retries with increasing backoff: five failures, then exactly one accepted delivery", async () => {
    const r = await receiver((index) => (index < 5 ? 503 : 204));
    await subscribe(jobcenter, r.url, ["application.documents-added"]);
    const event = await enqueue("application.documents-added", "application:B-1", { applicationId: "B-1", count: 2 });
    await r.waitFor((list) => list.some((q) => q.status === 204), 15_000);
    await sleep(RETRY_BASE_MS * 4);
    expect(r.requests.map((q) => q.status)).toEqual([503, 503, 503, 503, 503, 204]);
    expect(r.accepted()).toHaveLength(1);
    expect(new Set(r.requests.map((q) => q.headers["x-portal-event-id"]))).toEqual(new Set([event.id]));
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1); // the same bytes every time
    expect(r.requests.map((q) => q.headers["x-portal-delivery-attempt"])).toEqual(["1", "2", "3", "4", "5", "6"]);
    const gaps = r.requests.slice(1).map((q, i) => q.at - r.requests[i].at);
    gaps.forEach((gap, i) => {
      // at least base·2^i (the backoff without jitter), and each longer than the one before
      expect(gap, `gaps ${gaps.join(", ")}`).toBeGreaterThanOrEqual(RETRY_BASE_MS * 2 ** i - 5);
      if (i > 0) expect(gap, `gaps ${gaps.join(", ")}`).toBeGreaterThan(gaps[i - 1]);
    });
    const { getDb } = await import("../app/platform/db/db.server");
    const delivery = await (await getDb()).selectFrom("webhook_deliveries").selectAll().where("event_id", "=", event.id).executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: "delivered", last_status: 204 });
    expect(Number(delivery.attempts)).toBe(6);
  });

  it("delivers the events of one subject in order, also when some attempts fail", async () => {
    const attempts = new Map<string, number>();
    // The first attempt of every odd event fails.
    const r = await receiver((_, request) => {
      const { id, data } = body(request);
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      return Number(data.n) % 2 === 1 && n === 1 ? 500 : 200;
    });
    await subscribe(jobcenter, r.url, ["appointment.booked", "appointment.cancelled"]);
    for (let n = 1; n <= 6; n++) {
      await enqueue(n % 3 === 0 ? "appointment.cancelled" : "appointment.booked", "application:O-1", { applicationId: "O-1", n });
      if (n % 2 === 0) await enqueue("appointment.booked", "application:O-2", { applicationId: "O-2", n: n + 100 });
    }
    await r.waitFor((list) => list.filter((q) => q.status === 200).length >= 9, 15_000);
    const order = (subject: string) => r.requests.filter((q) => body(q).data.applicationId === subject);
    // Accepted in order, each once; and no event was even tried before its predecessor was accepted.
    expect(
      order("O-1")
        .filter((q) => q.status === 200)
        .map((q) => body(q).data.n),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(
      order("O-2")
        .filter((q) => q.status === 200)
        .map((q) => body(q).data.n),
    ).toEqual([102, 104, 106]);
    let highestAccepted = 0;
    for (const q of order("O-1")) {
      const n = Number(body(q).data.n);
      expect(n).toBeLessThanOrEqual(highestAccepted + 1);
      if (q.status === 200) highestAccepted = n;
    }
  });

  it("a slow receiver (timeouts) does not hold up deliveries to another subscription", async () => {
    const slow = await receiver(() => "hang");
    const fast = await receiver();
    await subscribe(jobcenter, slow.url, ["application.documents-added"]);
    await subscribe(jobcenter, fast.url, ["case.linked"]);
    // A backlog for the slow receiver (more than one worker pass looks at), then one for the fast.
    for (let i = 0; i < 20; i++) await enqueue("application.documents-added", `application:S-${i}`, { applicationId: `S-${i}` });
    const started = Date.now();
    await enqueue("case.linked", "case:F-1", { caseId: "F-1" });
    await fast.waitFor((list) => list.length >= 1, TIMEOUT_MS * 3);
    const waited = fast.requests[0].at - started;
    expect(waited, `the fast receiver waited ${waited} ms`).toBeLessThan(TIMEOUT_MS * 0.75);
    expect(slow.requests.length).toBeGreaterThanOrEqual(1);
    expect(slow.requests.length).toBeLessThanOrEqual(2); // at most 2 requests at once per subscription
    const { getDb } = await import("../app/platform/db/db.server");
    // The hanging requests end as timeouts, to be retried.
    let failed: { last_error: string | null; status: string } | undefined;
    for (let i = 0; i < 50 && !failed?.last_error; i++) {
      await sleep(100);
      failed = await (await getDb()).selectFrom("webhook_deliveries").select(["last_error", "status"]).where("subject_key", "=", "application:S-0").executeTakeFirstOrThrow();
    }
    expect(failed).toMatchObject({ status: "pending", last_error: "timeout" });
  });

  it(
    "nothing is lost when the receiver is down while the portal restarts",
    async () => {
      const probe = await startReceiver();
      const port = probe.port;
      const url = probe.url;
      await probe.close(); // the receiver is down
      await subscribe(jobcenter, url, ["application.submitted"]);
      const first = await enqueue("application.submitted", "application:D-1", { applicationId: "D-1", n: 1 });
      const { getDb } = await import("../app/platform/db/db.server");
      // Wait until the worker has tried and failed at least once.
      for (let i = 0; i < 100; i++) {
        const row = await (await getDb()).selectFrom("webhook_deliveries").select(["attempts", "last_error"]).where("event_id", "=", first.id).executeTakeFirstOrThrow();
        if (Number(row.attempts) >= 1 && row.last_error) break;
        await sleep(50);
      }
      await server.halt();
      const r = await receiver(undefined, port); // the receiver is back while the portal is down
      // A second event of the same subject goes into the outbox from another process (the admin
      // command for test events) while the portal starts again.
      const [emitted] = await Promise.all([
        runAdmin(server.env, ["emit-test-event", "--type", "application.submitted", "--subject", "application:D-1", "--data", '{"applicationId":"D-1","n":2}']),
        server.restart(),
      ]);
      expect(emitted.code, emitted.stderr).toBe(0);
      expect(emitted.stdout).toMatch(/#2 of this subject\) to 1 subscription/);
      const second = { id: emitted.lastLine.trim() };
      await r.waitFor((list) => list.length >= 2, 10_000);
      expect(r.requests.map((q) => [q.headers["x-portal-event-id"], q.status])).toEqual([
        [first.id, 204],
        [second.id, 204],
      ]);
      expect(r.requests.map((q) => body(q).data.n)).toEqual([1, 2]);
    },
    CLI_TIMEOUT,
  );
});

describe("Jobcenter and Ombudsstelle are kept apart", () => {
  it("ombuds.* events reach only subscriptions of ombuds keys, all others only the Jobcenter's", async () => {
    // Neither kind of key may subscribe to the other's events.
    const refused = await jobcenter.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["application.submitted", "ombuds.message-received"] });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403, errors: [{ path: "events.1", message: expect.any(String) }] });
    expect((await ombuds.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["application.submitted"] })).status).toBe(403);

    const ombudsReceiver = await receiver();
    const jobcenterReceiver = await receiver();
    const ombudsSub = await subscribe(ombuds, ombudsReceiver.url, ["ombuds.message-received"]);
    const jobcenterSub = await subscribe(jobcenter, jobcenterReceiver.url, ["application.submitted", "appointment.booked", "task.completed"]);
    // Each sees and manages only its own.
    const ombudsList = (await (await ombuds.get("/api/v1/webhooks")).json()) as { items: Created[] };
    expect(ombudsList.items.map((s) => s.id)).toEqual([ombudsSub.id]);
    const jobcenterList = (await (await jobcenter.get("/api/v1/webhooks")).json()) as { items: Created[] };
    expect(jobcenterList.items.map((s) => s.id)).toEqual([jobcenterSub.id]);
    expect((await ombuds.get(`/api/v1/webhooks/${jobcenterSub.id}`)).status).toBe(404);
    expect((await ombuds.delete(`/api/v1/webhooks/${jobcenterSub.id}`)).status).toBe(404);
    expect((await jobcenter.delete(`/api/v1/webhooks/${ombudsSub.id}`)).status).toBe(404);

    // A subscription row smuggled into the database past the API still gets no ombuds events.
    const { getDb } = await import("../app/platform/db/db.server");
    await (
      await getDb()
    )
      .insertInto("webhook_subscriptions")
      .values({
        id: "wh_smuggled",
        url: jobcenterReceiver.url,
        events: JSON.stringify(["ombuds.message-received"]),
        secret_sealed: "v1.x",
        audience: "jobcenter",
        created_by_key_id: "x",
        created_at: new Date().toISOString(),
        deleted_at: null,
      })
      .execute();
    subscriptions.push({ client: jobcenter, id: "wh_smuggled" });

    const message = await enqueue("ombuds.message-received", "ombuds-message:M-1", { messageId: "M-1" });
    const application = await enqueue("application.submitted", "application:J-1", { applicationId: "J-1" });
    expect(message.deliveries).toBe(1);
    expect(application.deliveries).toBe(1);
    await Promise.all([ombudsReceiver.waitFor((l) => l.length >= 1), jobcenterReceiver.waitFor((l) => l.length >= 1)]);
    await sleep(400);
    expect(ombudsReceiver.requests.map((q) => q.headers["x-portal-event-id"])).toEqual([message.id]);
    expect(ombudsReceiver.requests[0].headers["x-portal-signature"]).toBe(hmac(ombudsSub.secret, ombudsReceiver.requests[0].body));
    expect(jobcenterReceiver.requests.map((q) => q.headers["x-portal-event-id"])).toEqual([application.id]);
  });
});

describe("paging and validation", () => {
  it("pages by cursor, stable under concurrent inserts; limit over 200 is a 400 problem", async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await subscribe(jobcenter, `http://127.0.0.1:9/p${i}`, ["task.completed"])).id);
    const seen: string[] = [];
    const added: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/webhooks?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      // Each page is read while another subscription is being created.
      const [page, insert] = await Promise.all([jobcenter.get(query), pages < 2 ? subscribe(jobcenter, `http://127.0.0.1:9/new${pages}`, ["task.completed"]) : null]);
      if (insert) added.push(insert.id);
      expect(page.status).toBe(200);
      const json = (await page.json()) as { items: Created[]; nextCursor: string | null };
      expect(json.items.length).toBeLessThanOrEqual(3);
      seen.push(...json.items.map((s) => s.id));
      cursor = json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(new Set(seen).size).toBe(seen.length); // nothing twice
    expect(seen.slice(0, 7)).toEqual(created); // nothing skipped, oldest first
    expect(seen.slice(7).sort()).toEqual([...added].sort()); // the new ones at the end
    expect(cursor).toBeNull();

    const all = await jobcenter.get("/api/v1/webhooks?limit=200");
    expect(all.status).toBe(200);
    expect(((await all.json()) as { items: unknown[]; nextCursor: null }).nextCursor).toBeNull();
    for (const bad of ["limit=201", "limit=0", "limit=abc", "limit=-1", "cursor=not-a-cursor"]) {
      const response = await jobcenter.get(`/api/v1/webhooks?${bad}`);
      expect(response.status, bad).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { type: string; title: string; status: number; detail: string; errors: Array<{ path: string; message: string }> };
      expect(problem).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
      expect(problem.errors[0]).toEqual({ path: bad.startsWith("limit") ? "query:limit" : "query:cursor", message: expect.any(String) });
    }
  });

  it("refuses unknown fields and invalid bodies with 400 errors[{path,message}]", async () => {
    const check = async (payload: unknown, expected: Array<{ path: string }>, headers?: Record<string, string>) => {
      const response = await jobcenter.post("/api/v1/webhooks", payload, headers);
      expect(response.status, JSON.stringify(payload)).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { status: number; errors: Array<{ path: string; message: string }> };
      expect(problem.status).toBe(400);
      expect(problem.errors.map((e) => ({ path: e.path }))).toEqual(expected);
      for (const error of problem.errors) expect(error.message).toEqual(expect.any(String));
    };
    await check({ url: "http://127.0.0.1:9/u", events: ["task.completed"], secret: "mine" }, [{ path: "secret" }]);
    await check({ url: "http://127.0.0.1:9/u", events: ["task.completed"], a: 1, b: 2 }, [{ path: "a" }, { path: "b" }]);
    await check({ url: "ftp://127.0.0.1/u", events: ["task.completed"] }, [{ path: "url" }]);
    await check({ url: "http://127.0.0.1:9/u", events: ["task.completed", "no.such-event"] }, [{ path: "events.1" }]);
    await check({ url: "http://127.0.0.1:9/u" }, [{ path: "events" }]);
    await check("{not json", [{ path: "" }]);
    const form = await jobcenter.request("POST", "/api/v1/webhooks", { body: "url=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    const list = (await (await jobcenter.get("/api/v1/webhooks")).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });
});
