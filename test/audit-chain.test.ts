import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKeyInProcess, runAdmin } from "./support/api";
import { attachInProcessDatabase, testDbKind, useInProcessDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

// The audit log against someone with database (and file) access who goes around the append-only
// triggers (issue item 8): the chain is keyed (HMAC with AUDIT_KEY, which is not in the
// database), and the head is anchored outside the database (DATA_DIR/audit-anchors.log), so
// neither a cut tail nor a re-hashed rewrite passes `npm run admin -- audit --verify`.

const CLI_TIMEOUT = 120_000;

interface Row {
  seq: number;
  at: string;
  actor_type: string;
  actor: string;
  operation: string;
  record_type: string;
  record_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

async function db() {
  const { getDb } = await import("../app/platform/db/db.server");
  return getDb();
}

async function rows(): Promise<Row[]> {
  const list = await (await db()).selectFrom("audit_log").selectAll().orderBy("seq", "asc").execute();
  return list.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** The chain as the code before the keyed chain computed it: plain SHA-256, no key. */
async function plainHash(row: Omit<Row, "hash">): Promise<string> {
  const { canonicalJson } = await import("../app/platform/audit/audit.server");
  const content = canonicalJson([row.seq, row.at, row.actor_type, row.actor, row.operation, row.record_type, row.record_id, row.details]);
  return crypto.createHash("sha256").update(`${row.prev_hash}\n${content}`).digest("hex");
}

/** Re-numbers and re-hashes rows from `prev` on, the way the old scheme would. */
async function rehashPlain(list: Row[], firstSeq: number, prev: string): Promise<Row[]> {
  const out: Row[] = [];
  let seq = firstSeq;
  for (const row of list) {
    const content = { ...row, seq, prev_hash: prev };
    const hash = await plainHash(content);
    out.push({ ...content, hash });
    prev = hash;
    seq += 1;
  }
  return out;
}

/**
 * What someone with database rights can do: drop the append-only triggers, change the table,
 * re-create the triggers (as the migration made them) so that nothing looks different.
 */
async function aroundTriggers(change: () => Promise<void>): Promise<void> {
  const database = await db();
  if (testDbKind() === "postgres") {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(database);
    await sql`drop trigger audit_log_no_truncate on audit_log`.execute(database);
    await change();
    await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(database);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(database);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(database);
    await sql`drop trigger audit_log_no_delete`.execute(database);
    await change();
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(database);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(database);
  }
}

/** Replaces the whole table by `list` (going around the triggers). */
async function replaceLog(list: Row[]): Promise<void> {
  const database = await db();
  await aroundTriggers(async () => {
    await database.deleteFrom("audit_log").execute();
    for (let i = 0; i < list.length; i += 100)
      await database
        .insertInto("audit_log")
        .values(list.slice(i, i + 100))
        .execute();
  });
}

describe("against the running portal", () => {
  let server: TestServer;
  let detach: () => Promise<void>;
  let client: ApiClient;
  let original: Row[] = [];

  interface Anchor {
    at: string;
    count: number;
    head: string;
  }

  function anchors(): Anchor[] {
    const file = path.join(server.dataDir, "audit-anchors.log");
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Anchor);
  }

  /** The server anchors shortly after each write; waits until the newest entry is anchored. */
  async function anchoredUpTo(count: number): Promise<Anchor> {
    const until = Date.now() + 15_000;
    for (;;) {
      const newest = anchors().reduce<Anchor | null>((max, a) => (!max || a.count > max.count ? a : max), null);
      if (newest && newest.count >= count) return newest;
      if (Date.now() > until) throw new Error(`no anchor for ${count} entries (newest: ${JSON.stringify(newest)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    const warm = Promise.all([import("../app/platform/audit/audit.server"), import("../app/platform/api/api-keys.server")]);
    server = await startTestServer();
    await warm;
    detach = await attachInProcessDatabase(server.env);
    client = new ApiClient(server.url, await createKeyInProcess("Audit Kette", ["webhooks:manage"]));
    for (let i = 0; i < 12; i++) {
      expect((await client.post("/api/v1/webhooks", { url: `http://127.0.0.1:9/k${i}`, events: ["task.completed"] })).status).toBe(201);
    }
    original = await rows();
    await anchoredUpTo(original.length);
  });

  afterAll(async () => {
    await detach?.();
    await server?.stop();
  });

  it("keys the chain: no entry's hash is the plain SHA-256 of its content (the key is not in the database)", async () => {
    expect(original.length).toBeGreaterThanOrEqual(12);
    for (const row of original) expect(row.hash).not.toBe(await plainHash(row));
    const { auditEntryHash } = await import("../app/platform/audit/audit.server");
    for (const row of original) expect(auditEntryHash(row)).toBe(row.hash);
  });

  it(
    "anchors the head outside the database, and --verify prints it and passes on the untouched log",
    async () => {
      const newest = await anchoredUpTo(original.length);
      const head = original[original.length - 1];
      expect(newest).toMatchObject({ count: original.length, head: head.hash });
      expect(Number.isNaN(Date.parse(newest.at))).toBe(false);

      const verified = await runAdmin(server.env, ["audit", "--verify"]);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain(`intact: ${original.length} entries; head hash ${head.hash}`);
      expect(verified.stdout).toMatch(new RegExp(`anchor.*${original.length} entries.*${head.hash}`, "i"));
    },
    CLI_TIMEOUT,
  );

  it(
    "--verify fails when the newest 5 entries were cut off (triggers dropped and re-created), and passes again once they are back",
    async () => {
      const kept = original.slice(0, -5);
      await replaceLog(kept);
      const cut = await runAdmin(server.env, ["audit", "--verify"]);
      expect(cut.code).not.toBe(0);
      expect(cut.stderr).toMatch(/TAIL CUT/);
      expect(cut.stderr).toContain(`${original.length} entries`);
      expect(cut.stderr).toContain(original[original.length - 1].hash);
      expect(cut.stderr).toContain(`${kept.length} entries`);

      await replaceLog(original);
      const { verifyAuditChain } = await import("../app/platform/audit/audit.server");
      expect(await verifyAuditChain()).toMatchObject({ ok: true, count: original.length });
    },
    CLI_TIMEOUT,
  );

  it(
    "--verify fails when one entry was deleted and every later one re-hashed with plain SHA-256",
    async () => {
      const { verifyAuditChain } = await import("../app/platform/audit/audit.server");
      // Entry 4 goes; 5… become 4… and are re-hashed and re-linked as the old code would.
      const rewritten = [...original.slice(0, 3), ...(await rehashPlain(original.slice(4), 4, original[2].hash))];
      await replaceLog(rewritten);
      const broken = await runAdmin(server.env, ["audit", "--verify"]);
      expect(broken.code).not.toBe(0);
      expect(broken.stderr).toMatch(/BROKEN at entry 4/);

      // Re-hashing the whole log from the first entry on, without the key, fails as well.
      await replaceLog(
        await rehashPlain(
          original.filter((r) => r.seq !== 4),
          1,
          "0".repeat(64),
        ),
      );
      expect(await verifyAuditChain()).toMatchObject({ ok: false });

      await replaceLog(original);
      expect(await verifyAuditChain()).toMatchObject({ ok: true, count: original.length });
    },
    CLI_TIMEOUT,
  );

  it(
    "after a cut the server does not anchor the shorter log as if nothing happened",
    async () => {
      await replaceLog(original.slice(0, -5));
      // More writes than were cut: the database's count passes the anchor again.
      for (let i = 0; i < 7; i++) {
        expect((await client.post("/api/v1/webhooks", { url: `http://127.0.0.1:9/n${i}`, events: ["task.completed"] })).status).toBe(201);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const { verifyAuditChain } = await import("../app/platform/audit/audit.server");
      const result = await verifyAuditChain();
      // The first anchored entry among the cut ones no longer matches its anchor.
      expect(result).toMatchObject({ ok: false, problem: "broken", reason: expect.stringMatching(/differs from the anchor/) });
      const brokenSeq = (result as { brokenSeq: number }).brokenSeq;
      expect(brokenSeq).toBeGreaterThan(original.length - 5);
      expect(brokenSeq).toBeLessThanOrEqual(original.length);
      expect(server.output()).toMatch(/audit log does not match its anchor/);
    },
    CLI_TIMEOUT,
  );
});

describe("entries written before the keyed chain (upgrade)", () => {
  let detach: () => Promise<void>;

  beforeAll(async () => {
    detach = await useInProcessDatabase();
  });

  afterAll(async () => {
    await detach?.();
  });

  it("still verify: plain SHA-256 up to the switch-over entry, keyed after it; a plain entry after the switch-over does not", async () => {
    const database = await db();
    // Three entries as the previous version wrote them.
    const at = new Date().toISOString();
    const legacy: Row[] = [];
    let prev = "0".repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const content = { seq, at, actor_type: "system", actor: "old-version", operation: "test.legacy", record_type: "test", record_id: `r${seq}`, details: "{}", prev_hash: prev };
      const hash = await plainHash(content);
      legacy.push({ ...content, hash });
      prev = hash;
    }
    await database.insertInto("audit_log").values(legacy).execute();

    const { audit, flushAuditAnchor, verifyAuditChain } = await import("../app/platform/audit/audit.server");
    await audit({ actor: { type: "system", name: "test" }, operation: "test.new", recordType: "test", recordId: "n1" });
    await flushAuditAnchor();
    const list = await rows();
    expect(list.map((r) => r.operation)).toEqual(["test.legacy", "test.legacy", "test.legacy", "audit.chain-keyed", "test.new"]);
    expect(JSON.parse(list[3].details)).toMatchObject({ legacyEntries: 3, legacyHead: legacy[2].hash });
    expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 5, legacyEntries: 3 });

    // A plain SHA-256 entry appended after the switch-over is refused.
    const forged = { seq: 6, at, actor_type: "system", actor: "x", operation: "test.forged", record_type: "test", record_id: null, details: "{}", prev_hash: list[4].hash };
    await database
      .insertInto("audit_log")
      .values({ ...forged, hash: await plainHash(forged) })
      .execute();
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenSeq: 6 });
  });
});
