import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess, runAdmin } from "./support/api";
import { attachInProcessDatabase, testDbKind } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

// Tests that start processes (the admin command line, a server restart) get more time on a busy machine.
const CLI_TIMEOUT = 120_000;

// The audit log (contract backoffice-api.md: "Every API read of personal data and every write is
// recorded in an append-only audit log (who: key name, what, when, which record)"): written by the
// real server, read and verified with the real `npm run admin -- audit` command line.

let server: TestServer;
let detach: () => Promise<void>;
let client: ApiClient;
const KEY_NAME = "Fachverfahren Audit";

async function db() {
  const { getDb } = await import("../app/platform/db/db.server");
  return getDb();
}

async function auditRows() {
  return (await db()).selectFrom("audit_log").selectAll().orderBy("seq", "asc").execute();
}

beforeAll(async () => {
  const warm = Promise.all([import("../app/platform/audit/audit.server"), import("../app/platform/api/api-keys.server")]);
  server = await startTestServer();
  await warm;
  detach = await attachInProcessDatabase(server.env);
  client = new ApiClient(server.url, await createKeyInProcess(KEY_NAME, ["webhooks:manage"]));
});

afterAll(async () => {
  await detach?.();
  await server?.stop();
});

let since = "";
let createdId = "";

describe("audit entries", () => {
  it("every API write leaves an entry: key name, operation, record, time; nothing for refused or replayed requests", async () => {
    // One write before `since`, to see that `audit --since` leaves it out.
    const early = await client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/early", events: ["application.submitted"] });
    expect(early.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 20));
    since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));

    const before = (await auditRows()).length;
    const created = await client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/hook", events: ["appointment.booked"] }, { "Idempotency-Key": "audit-1" });
    expect(created.status).toBe(201);
    createdId = ((await created.json()) as { id: string }).id;
    // A replay does nothing, so it records nothing; neither do refused requests or list reads.
    const replay = await client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/hook", events: ["appointment.booked"] }, { "Idempotency-Key": "audit-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["application.submitted"], extra: 1 })).status).toBe(400);
    expect((await new ApiClient(server.url, null).post("/api/v1/webhooks", { url: "http://127.0.0.1:9/x", events: ["application.submitted"] })).status).toBe(401);
    expect((await client.get("/api/v1/webhooks")).status).toBe(200);
    expect((await client.delete(`/api/v1/webhooks/${createdId}`)).status).toBe(204);
    expect((await client.delete(`/api/v1/webhooks/${createdId}`)).status).toBe(404);
    const after = Date.now();

    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => [r.actor_type, r.actor, r.operation, r.record_type, r.record_id])).toEqual([
      ["api-key", KEY_NAME, "webhook.create", "webhook_subscription", createdId],
      ["api-key", KEY_NAME, "webhook.delete", "webhook_subscription", createdId],
    ]);
    for (const row of rows) {
      expect(Date.parse(row.at)).toBeGreaterThanOrEqual(Date.parse(since));
      expect(Date.parse(row.at)).toBeLessThanOrEqual(after);
      expect(row.details).not.toContain("127.0.0.1"); // the receiver URL is not recorded
    }
    expect(JSON.parse(rows[0].details)).toMatchObject({ events: ["appointment.booked"], audience: "jobcenter" });
  });

  it("entries are hash-chained: numbered without gaps, each linked to its predecessor, also under concurrent writes", async () => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => client.post("/api/v1/webhooks", { url: `http://127.0.0.1:9/c${i}`, events: ["task.completed"] })));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    // And from a second process (this one) at the same time as the server.
    const { audit, auditEntryHash, AUDIT_GENESIS_HASH, verifyAuditChain } = await import("../app/platform/audit/audit.server");
    await Promise.all([
      audit({ actor: { type: "system", name: "test" }, operation: "test.write", recordType: "test", recordId: "a" }),
      client.post("/api/v1/webhooks", { url: "http://127.0.0.1:9/c9", events: ["task.completed"] }),
      audit({ actor: { type: "system", name: "test" }, operation: "test.write", recordType: "test", recordId: "b" }),
    ]);
    const rows = await auditRows();
    let prev = AUDIT_GENESIS_HASH;
    rows.forEach((row, index) => {
      expect(Number(row.seq)).toBe(index + 1);
      expect(row.prev_hash).toBe(prev);
      expect(auditEntryHash({ ...row, seq: Number(row.seq) })).toBe(row.hash);
      prev = row.hash;
    });
    expect(rows.filter((r) => r.operation === "webhook.create")).toHaveLength(11);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: rows.length, headHash: prev });
  });

  it("refuses personal data in entry details", async () => {
    const { audit } = await import("../app/platform/audit/audit.server");
    const actor = { type: "system" as const, name: "test" };
    await expect(audit({ actor, operation: "x.y", recordType: "x", details: { email: "a@b.de" } })).rejects.toThrow(/personal data/);
    await expect(audit({ actor, operation: "x.y", recordType: "x", details: { note: "mail an erika@beispiel.example" } })).rejects.toThrow(/personal data/);
  });

  it("the database refuses UPDATE and DELETE on the log", async () => {
    const database = await db();
    await expect(database.updateTable("audit_log").set({ operation: "changed" }).where("seq", "=", 1).execute()).rejects.toThrow(/append-only/);
    await expect(database.deleteFrom("audit_log").where("seq", "=", 1).execute()).rejects.toThrow(/append-only/);
  });
});

describe("npm run admin -- audit", () => {
  it(
    "--since prints the entries from that time, --verify passes",
    async () => {
      const [listed, verified] = await Promise.all([runAdmin(server.env, ["audit", "--since", since]), runAdmin(server.env, ["audit", "--verify"])]);
      expect(listed.code, listed.stderr).toBe(0);
      const lines = listed.stdout.trim().split("\n");
      const createLine = lines.find((l) => l.includes("webhook.create") && l.includes(createdId));
      expect(createLine).toBeDefined();
      expect(createLine).toContain(`api-key:${KEY_NAME}`);
      expect(createLine).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
      expect(lines.some((l) => l.includes("webhook.delete") && l.includes(createdId))).toBe(true);
      expect(listed.stdout).not.toMatch(/^#1 /m); // the early write is before --since
      expect(listed.stdout).not.toContain("/early");

      expect(verified.code, verified.stderr).toBe(0);
      const count = (await auditRows()).length;
      expect(verified.stdout).toMatch(new RegExp(`intact: ${count} entries`));
    },
    CLI_TIMEOUT,
  );

  it(
    "--verify fails (non-zero), naming the entry, after a row was changed in the database directly",
    async () => {
      const database = await db();
      const target = (await auditRows())[2]; // entry 3
      // Someone with database rights goes around the append-only triggers.
      if (testDbKind() === "postgres") {
        await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database);
        await sql`update audit_log set record_id = ${"wh_forged"} where seq = ${target.seq}`.execute(database);
        await sql`alter table audit_log enable trigger audit_log_no_change`.execute(database);
      } else {
        await sql`drop trigger audit_log_no_update`.execute(database);
        await sql`update audit_log set record_id = ${"wh_forged"} where seq = ${target.seq}`.execute(database);
      }
      const broken = await runAdmin(server.env, ["audit", "--verify"]);
      expect(broken.code).not.toBe(0);
      expect(broken.stderr).toMatch(/BROKEN at entry 3: entry 3 was altered/);

      // Removing an entry is found as well (checked in process: the same function).
      const { verifyAuditChain } = await import("../app/platform/audit/audit.server");
      if (testDbKind() === "postgres") {
        await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database);
        await sql`update audit_log set record_id = ${target.record_id} where seq = ${target.seq}`.execute(database);
        expect(await verifyAuditChain()).toMatchObject({ ok: true });
        await sql`delete from audit_log where seq = 5`.execute(database);
        await sql`alter table audit_log enable trigger audit_log_no_change`.execute(database);
      } else {
        await sql`update audit_log set record_id = ${target.record_id} where seq = ${target.seq}`.execute(database);
        expect(await verifyAuditChain()).toMatchObject({ ok: true });
        await sql`drop trigger audit_log_no_delete`.execute(database);
        await sql`delete from audit_log where seq = 5`.execute(database);
      }
      expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenSeq: 5, reason: expect.stringMatching(/entry 5 is missing/) });
    },
    CLI_TIMEOUT,
  );
});
