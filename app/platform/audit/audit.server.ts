import crypto from "node:crypto";
import { auditKey } from "~/platform/crypto/keys.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { AuditLogTable } from "~/platform/db/schema.server";
import type { WorkerJob } from "~/platform/jobs/scheduler.server";
import { log } from "~/platform/log/log.server";
import { advisoryXactLock, inTransaction, writeTransaction, type Executor } from "~/platform/db/write.server";
import { appendAuditAnchor, auditAnchorFile, lastAuditAnchor, readAuditAnchors, type AuditAnchor } from "./anchors.server";

// The audit log (issue "Back-office API", § 3): every API read of personal data and every write
// is recorded — who (API key name or staff user), what (operation), which record, when — with a
// details object that never holds personal data (ids, statuses, counts, scopes only).
//
// Append-only and tamper-evident: entries are numbered 1, 2, 3 … (`seq`, no gaps); each stores
// the HMAC-SHA-256 (key: AUDIT_KEY, which is not in the database) of the previous entry's hash and
// its own canonical content, so changing, removing or reordering an entry breaks the chain from
// there on, and nobody without the key can re-hash the rest (`verifyAuditChain`). Appends are
// serialised (PostgreSQL: an advisory transaction lock; SQLite: the write lock), and `seq` is the
// primary key, so the chain cannot fork even under concurrency. The database refuses UPDATE and
// DELETE on the table (triggers); the chain shows it when someone goes around them.
//
// A valid but shorter chain (the newest entries cut off) is found with anchors outside the
// database: shortly after each write the newest count and hash are appended to
// DATA_DIR/audit-anchors.log (anchors.server.ts); `verifyAuditChain` checks every anchor.
//
// Entries written before the chain was keyed (plain SHA-256) still verify: the first keyed entry
// is a switch-over entry (operation "audit.chain-keyed", written once when the portal starts)
// that names how many plain entries precede it. Plain entries after it are refused.

export type AuditActorType = "api-key" | "staff" | "admin" | "system";

export interface AuditActor {
  type: AuditActorType;
  /** API key name, staff user id, "admin-cli:<os user>", or the job's name. */
  name: string;
}

export type AuditDetailValue = string | number | boolean | null | Array<string | number | boolean>;

export interface AuditEntry {
  actor: AuditActor;
  /** What was done, "<resource>.<verb>", e.g. "application.read", "webhook.create". */
  operation: string;
  /** e.g. "application", "webhook_subscription", "api_key". */
  recordType: string;
  recordId?: string | null;
  /** Never personal data: ids, statuses, counts, scopes, event types. Checked (throws). */
  details?: Record<string, AuditDetailValue>;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actorType: string;
  actor: string;
  operation: string;
  recordType: string;
  recordId: string | null;
  details: Record<string, AuditDetailValue>;
  hash: string;
}

export const AUDIT_GENESIS_HASH = "0".repeat(64);
const AUDIT_LOCK = "buergerportal:audit-log";

// Keys and values that suggest personal data; a programming error, so audit() throws.
const PERSONAL_KEY =
  /(e-?mail|^name$|firstname|lastname|vorname|nachname|surname|address|adresse|street|strasse|straße|phone|telefon|mobile|iban|bic|birth|geburt|password|passwort|token|secret|message|nachricht|comment|kommentar|freitext|text$)/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/;
const MAX_DETAIL_STRING = 200;

function checkDetails(details: Record<string, AuditDetailValue>): void {
  for (const [key, value] of Object.entries(details)) {
    if (PERSONAL_KEY.test(key)) throw new Error(`audit details must not hold personal data (key "${key}")`);
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== null && typeof item === "object") throw new Error(`audit details must be flat (key "${key}")`);
      if (typeof item === "string" && (item.length > MAX_DETAIL_STRING || EMAIL.test(item) || IBAN.test(item))) {
        throw new Error(`audit details must not hold personal data (value of "${key}")`);
      }
    }
  }
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

type ChainContent = Omit<AuditLogTable, "hash">;

/** The operation of the entry from which on the chain is keyed. */
export const AUDIT_KEYED_OPERATION = "audit.chain-keyed";
const AUDIT_LOG_RECORD = "audit_log";

function chainContent(row: ChainContent): string {
  return `${row.prev_hash}\n${canonicalJson([row.seq, row.at, row.actor_type, row.actor, row.operation, row.record_type, row.record_id, row.details])}`;
}

/**
 * The entry's hash (hex) over the previous hash and its canonical content: HMAC-SHA-256 with the
 * audit key (`keyed`, every entry since the switch-over) or plain SHA-256 (`plain`, entries
 * written before it).
 */
export function auditEntryHash(row: ChainContent, scheme: "keyed" | "plain" = "keyed"): string {
  if (scheme === "plain") return crypto.createHash("sha256").update(chainContent(row)).digest("hex");
  return crypto.createHmac("sha256", auditKey()).update(chainContent(row)).digest("hex");
}

/** Names the audit key without revealing it (recorded in the switch-over entry). */
export function auditKeyId(): string {
  return crypto.createHmac("sha256", auditKey()).update("audit-key-id").digest("hex").slice(0, 16);
}

function isSwitchOver(row: Pick<AuditLogTable, "operation" | "record_type">): boolean {
  return row.operation === AUDIT_KEYED_OPERATION && row.record_type === AUDIT_LOG_RECORD;
}

// Databases on which this process has seen the switch-over entry committed (not looked up again).
const keyedChainCommitted = new WeakSet<Executor>();

/**
 * Appends one or more entries. Pass the caller's transaction to record the entry atomically
 * with the change it describes; without one it runs in its own transaction.
 */
export async function audit(entries: AuditEntry | AuditEntry[], db?: Executor): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  for (const entry of list) {
    if (!entry.actor?.name || !entry.operation || !entry.recordType) throw new Error("audit entries need actor, operation and recordType");
    checkDetails(entry.details ?? {});
  }
  await append(list, db);
}

async function append(list: AuditEntry[], db?: Executor): Promise<void> {
  const own = !db || !inTransaction(db);
  // The database itself (not the caller's transaction): anchors are read from committed state.
  const root = db && own ? db : await getDb();
  const executor = db ?? root;
  const written = await writeTransaction(executor, async (trx) => {
    await advisoryXactLock(trx, AUDIT_LOCK);
    const head = await trx.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
    let seq = head ? Number(head.seq) : 0;
    let prev = head?.hash ?? AUDIT_GENESIS_HASH;
    const at = nowIso();
    const all = [...list];
    if (!keyedChainCommitted.has(root)) {
      const keyed = await trx.selectFrom("audit_log").select("seq").where("record_type", "=", AUDIT_LOG_RECORD).where("operation", "=", AUDIT_KEYED_OPERATION).limit(1).executeTakeFirst();
      if (!keyed) {
        all.unshift({
          actor: { type: "system", name: "audit-log" },
          operation: AUDIT_KEYED_OPERATION,
          recordType: AUDIT_LOG_RECORD,
          details: { legacyEntries: seq, legacyHead: prev, keyId: auditKeyId() },
        });
      }
    }
    const rows: AuditLogTable[] = [];
    for (const entry of all) {
      seq += 1;
      const content: ChainContent = {
        seq,
        at,
        actor_type: entry.actor.type,
        actor: entry.actor.name,
        operation: entry.operation,
        record_type: entry.recordType,
        record_id: entry.recordId ?? null,
        details: canonicalJson(entry.details ?? {}),
        prev_hash: prev,
      };
      const hash = auditEntryHash(content);
      rows.push({ ...content, hash });
      prev = hash;
    }
    // Large batches (a list read) go in chunks to stay below the bind-parameter limits.
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto("audit_log")
        .values(rows.slice(i, i + 200))
        .execute();
    return { seq };
  });
  // Committed when the transaction was our own; in the caller's it may still roll back.
  if (own) keyedChainCommitted.add(root);
  scheduleAnchor(root, written.seq);
}

/**
 * At start: writes the switch-over entry when the log has none yet (a new log, or one from before
 * the keyed chain), then anchors the head. Fails when the audit key is missing in production.
 */
export async function initAuditChain(): Promise<void> {
  auditKey();
  await append([]);
  await flushAuditAnchor();
}

// ---------------------------------------------------------------------------------------------
// Anchors (DATA_DIR/audit-anchors.log)

const ANCHOR_DELAY_MS = 100;
const ANCHOR_WAIT_ROUNDS = 50;
const ANCHOR_EVERY_MS = 60_000;

let pending: { db: Executor; file: string; seq: number } | null = null;
let anchorTimer: NodeJS.Timeout | null = null;
let anchorRun: Promise<void> | null = null;
let waitRounds = 0;
let reportedMismatch: string | null = null;

function scheduleAnchor(db: Executor, seq: number): void {
  const file = auditAnchorFile();
  pending = pending && pending.db === db && pending.file === file ? { ...pending, seq: Math.max(pending.seq, seq) } : { db, file, seq };
  if (!anchorTimer && !anchorRun) {
    anchorTimer = setTimeout(() => void runAnchor(), ANCHOR_DELAY_MS);
    anchorTimer.unref();
  }
}

async function runAnchor(): Promise<void> {
  anchorTimer = null;
  const job = pending;
  if (!job) return;
  anchorRun = (async () => {
    try {
      const { count } = await anchorAuditHead(job.db, job.file);
      if (pending === job && count >= job.seq) {
        pending = null;
        waitRounds = 0;
      } else if (pending === job && ++waitRounds > ANCHOR_WAIT_ROUNDS) {
        // The entries were rolled back (or their transaction is still open): the periodic
        // anchor or the next write takes care of what is committed by then.
        pending = null;
        waitRounds = 0;
      }
    } catch (error) {
      // Database closed (process stopping) or the file not writable: the next write tries again.
      pending = pending === job ? null : pending;
      waitRounds = 0;
      log().warn({ errorType: error instanceof Error ? error.name : typeof error }, "audit anchor not written");
    }
  })();
  await anchorRun;
  anchorRun = null;
  if (pending && !anchorTimer) {
    anchorTimer = setTimeout(() => void runAnchor(), ANCHOR_DELAY_MS);
    anchorTimer.unref();
  }
}

/**
 * Appends the committed head (count and hash of the newest entry) to the anchor file, unless it
 * is anchored already. Refuses (error log) when the database no longer holds the latest anchor's
 * entry with its hash: then entries were removed or rewritten, and anchoring the shorter or
 * changed log would hide it.
 */
export async function anchorAuditHead(db?: Executor, file = auditAnchorFile()): Promise<{ count: number; anchored: boolean }> {
  const executor = db ?? (await getDb());
  const head = await executor.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const count = head ? Number(head.seq) : 0;
  const last = lastAuditAnchor(file);
  if (last) {
    const there = await executor.selectFrom("audit_log").select("hash").where("seq", "=", last.count).executeTakeFirst();
    if (!there || there.hash !== last.head) {
      const key = `${file}:${last.count}:${last.head}`;
      if (reportedMismatch !== key) {
        reportedMismatch = key;
        log().error(
          { anchorCount: last.count, anchorAt: last.at, entries: count },
          "audit log does not match its anchor: entries were removed or rewritten; no new anchors until it is checked (npm run admin -- audit --verify)",
        );
      }
      return { count, anchored: false };
    }
  }
  if (!head || (last && last.count >= count)) return { count, anchored: false };
  await appendAuditAnchor({ at: nowIso(), count, head: head.hash }, file);
  return { count, anchored: true };
}

/** Writes the pending anchor now, if any (before the process ends or the database is closed). */
export async function flushAuditAnchor(): Promise<void> {
  if (anchorTimer) {
    clearTimeout(anchorTimer);
    anchorTimer = null;
  }
  if (anchorRun) await anchorRun;
  const job = pending;
  pending = null;
  waitRounds = 0;
  if (!job) return;
  try {
    await anchorAuditHead(job.db, job.file);
  } catch (error) {
    log().warn({ errorType: error instanceof Error ? error.name : typeof error }, "audit anchor not written");
  }
}

/**
 * Anchors the head once a minute as well (entries of other processes, anchors a write missed),
 * and on stop. The newest anchor also goes to the portal's log (at most once a minute, when it
 * changed): shipped with the log, those lines are anchors off the machine.
 */
export const auditAnchorJob: WorkerJob = {
  kind: "worker",
  name: "audit-anchor",
  start: () => {
    let running: Promise<unknown> | null = null;
    let logged = "";
    const tick = async () => {
      await anchorAuditHead();
      const anchor = lastAuditAnchor();
      if (anchor && `${anchor.count}:${anchor.head}` !== logged) {
        logged = `${anchor.count}:${anchor.head}`;
        log().info({ auditEntries: anchor.count, auditHead: anchor.head, anchoredAt: anchor.at }, "audit anchor");
      }
    };
    const timer = setInterval(() => {
      if (running) return;
      running = tick()
        .catch((error: unknown) => log().warn({ errorType: error instanceof Error ? error.name : typeof error }, "audit anchor not written"))
        .finally(() => {
          running = null;
        });
    }, ANCHOR_EVERY_MS);
    timer.unref();
    running = tick()
      .catch((error: unknown) => log().warn({ errorType: error instanceof Error ? error.name : typeof error }, "audit anchor not written"))
      .finally(() => {
        running = null;
      });
    return async () => {
      clearInterval(timer);
      await running;
      await flushAuditAnchor();
    };
  },
};

function toRecord(row: AuditLogTable): AuditRecord {
  let details: Record<string, AuditDetailValue> = {};
  try {
    details = JSON.parse(row.details) as Record<string, AuditDetailValue>;
  } catch {
    // shown as {}; verifyAuditChain reports the entry
  }
  return {
    seq: Number(row.seq),
    at: row.at,
    actorType: row.actor_type,
    actor: row.actor,
    operation: row.operation,
    recordType: row.record_type,
    recordId: row.record_id,
    details,
    hash: row.hash,
  };
}

export interface AuditQuery {
  /** ISO date or date-time; entries at or after it. */
  since?: string;
  until?: string;
  recordType?: string;
  recordId?: string;
  limit?: number;
}

/** Entries in chain order. */
export async function readAudit(query: AuditQuery = {}, db?: Executor): Promise<AuditRecord[]> {
  const executor = db ?? (await getDb());
  let q = executor.selectFrom("audit_log").selectAll().orderBy("seq", "asc");
  if (query.since) q = q.where("at", ">=", query.since);
  if (query.until) q = q.where("at", "<", query.until);
  if (query.recordType) q = q.where("record_type", "=", query.recordType);
  if (query.recordId) q = q.where("record_id", "=", query.recordId);
  if (query.limit) q = q.limit(query.limit);
  return (await q.execute()).map(toRecord);
}

/** An anchor and the file it was read from. */
export type AuditAnchorFrom = AuditAnchor & { file: string };

export type AuditVerification =
  | {
      ok: true;
      /** Entries in the log, and the newest one's hash. */
      count: number;
      headHash: string;
      /** Entries before the switch-over (plain SHA-256 chain of the earlier version). */
      legacyEntries: number;
      /** The newest anchor (it may be a little behind the head: anchors follow the writes). */
      anchor: AuditAnchorFrom | null;
    }
  | { ok: false; problem: "broken"; count: number; brokenSeq: number; reason: string }
  | { ok: false; problem: "tail-cut"; count: number; headHash: string; anchor: AuditAnchorFrom; reason: string }
  | { ok: false; problem: "unkeyed" | "unanchored"; count: number; headHash: string; reason: string };

/**
 * Walks the whole chain: reports the first entry whose number, link to its predecessor or own
 * hash does not match (plain SHA-256 before the switch-over entry, HMAC with the audit key from
 * it on), or whose hash differs from an anchor for it; then a tail cut (an anchor counts more
 * entries than the log has). Anchors come from DATA_DIR/audit-anchors.log and `anchorFiles`
 * (e.g. a copy kept off the machine).
 */
export async function verifyAuditChain(db?: Executor, { anchorFiles = [] }: { anchorFiles?: string[] } = {}): Promise<AuditVerification> {
  const executor = db ?? (await getDb());
  // Anchors first: entries written while the walk runs only make the log longer.
  const anchors = new Map<number, AuditAnchorFrom[]>();
  let newest: AuditAnchorFrom | null = null;
  for (const file of [auditAnchorFile(), ...anchorFiles]) {
    for (const anchor of readAuditAnchors(file)) {
      const from = { ...anchor, file };
      anchors.set(anchor.count, [...(anchors.get(anchor.count) ?? []), from]);
      if (!newest || anchor.count > newest.count) newest = from;
    }
  }
  let expectedSeq = 1;
  let prev = AUDIT_GENESIS_HASH;
  let keyedFrom = 0;
  const batch = 1000;
  for (;;) {
    const rows = await executor.selectFrom("audit_log").selectAll().where("seq", ">=", expectedSeq).orderBy("seq", "asc").limit(batch).execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      const count = expectedSeq - 1;
      const broken = (reason: string): AuditVerification => ({ ok: false, problem: "broken", count, brokenSeq: row.seq, reason });
      if (row.seq !== expectedSeq) {
        return { ok: false, problem: "broken", count, brokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (next is ${row.seq})` };
      }
      if (row.prev_hash !== prev) return broken(`entry ${row.seq} does not link to entry ${row.seq - 1} (previous hash differs)`);
      if (!keyedFrom && isSwitchOver(row)) keyedFrom = row.seq;
      if (auditEntryHash(row, keyedFrom ? "keyed" : "plain") !== row.hash) {
        if (row.seq === keyedFrom) {
          const keyId = (toRecord(row).details as { keyId?: unknown }).keyId;
          if (typeof keyId === "string" && keyId !== auditKeyId()) {
            return broken(`entry ${row.seq} (where the keyed chain starts) names another AUDIT_KEY (key id ${keyId}; this key: ${auditKeyId()}): verify with the key the log was written with`);
          }
        }
        return broken(`entry ${row.seq} was altered (its content does not match its ${keyedFrom ? "keyed hash" : "hash"})`);
      }
      for (const anchor of anchors.get(row.seq) ?? []) {
        if (anchor.head !== row.hash) {
          return broken(`entry ${row.seq} differs from the anchor of ${anchor.at} in ${anchor.file} (head ${anchor.head}): the log was rewritten up to there`);
        }
      }
      prev = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batch) break;
  }
  const count = expectedSeq - 1;
  if (newest && newest.count > count) {
    return {
      ok: false,
      problem: "tail-cut",
      count,
      headHash: prev,
      anchor: newest,
      reason: `the anchor of ${newest.at} in ${newest.file} says ${newest.count} entries with head ${newest.head}; the database has only ${count} ${count === 1 ? "entry" : "entries"}${count ? ` (head ${prev})` : ""}`,
    };
  }
  if (count > 0 && !keyedFrom) {
    return {
      ok: false,
      problem: "unkeyed",
      count,
      headHash: prev,
      reason: `no entry is keyed with AUDIT_KEY: the log was re-hashed without the key, or the portal has not started since the keyed chain came (it adds the switch-over entry at start)`,
    };
  }
  if (count > 0 && !newest) {
    return {
      ok: false,
      problem: "unanchored",
      count,
      headHash: prev,
      reason: `no anchor in ${auditAnchorFile()}${anchorFiles.length ? ` or ${anchorFiles.join(", ")}` : ""}, so a cut tail cannot be ruled out; compare the head hash with a copy kept elsewhere (the portal writes a new anchor with its next entry)`,
    };
  }
  return { ok: true, count, headHash: prev, legacyEntries: keyedFrom ? keyedFrom - 1 : 0, anchor: newest };
}
