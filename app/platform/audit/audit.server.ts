import crypto from "node:crypto";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { AuditLogTable } from "~/platform/db/schema.server";
import { advisoryXactLock, writeTransaction, type Executor } from "~/platform/db/write.server";

// The audit log (issue "Back-office API", § 3): every API read of personal data and every write
// is recorded — who (API key name or staff user), what (operation), which record, when — with a
// details object that never holds personal data (ids, statuses, counts, scopes only).
//
// Append-only and tamper-evident: entries are numbered 1, 2, 3 … (`seq`, no gaps); each stores
// the SHA-256 of the previous entry's hash and its own canonical content, so changing, removing
// or reordering an entry breaks the chain from there on (`verifyAuditChain`). Appends are
// serialised (PostgreSQL: an advisory transaction lock; SQLite: the write lock), and `seq` is the
// primary key, so the chain cannot fork even under concurrency. The database refuses UPDATE and
// DELETE on the table (triggers); the chain shows it when someone goes around them.

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

/** SHA-256 (hex) of the previous hash and the entry's canonical content. */
export function auditEntryHash(row: ChainContent): string {
  const content = canonicalJson([row.seq, row.at, row.actor_type, row.actor, row.operation, row.record_type, row.record_id, row.details]);
  return crypto.createHash("sha256").update(`${row.prev_hash}\n${content}`).digest("hex");
}

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
  const executor = db ?? (await getDb());
  await writeTransaction(executor, async (trx) => {
    await advisoryXactLock(trx, AUDIT_LOCK);
    const head = await trx.selectFrom("audit_log").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
    let seq = head ? Number(head.seq) : 0;
    let prev = head?.hash ?? AUDIT_GENESIS_HASH;
    const at = nowIso();
    const rows: AuditLogTable[] = [];
    for (const entry of list) {
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
  });
}

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

export type AuditVerification = { ok: true; count: number; headHash: string } | { ok: false; count: number; brokenSeq: number; reason: string };

/**
 * Walks the whole chain. Reports the first entry whose number, link to its predecessor or own
 * hash does not match. (Removing the newest entries leaves a valid, shorter chain: keep the head
 * hash printed by `audit --verify` somewhere else to notice that, e.g. in the operations log.)
 */
export async function verifyAuditChain(db?: Executor): Promise<AuditVerification> {
  const executor = db ?? (await getDb());
  let expectedSeq = 1;
  let prev = AUDIT_GENESIS_HASH;
  const batch = 1000;
  for (;;) {
    const rows = await executor.selectFrom("audit_log").selectAll().where("seq", ">=", expectedSeq).orderBy("seq", "asc").limit(batch).execute();
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) };
      const count = expectedSeq - 1;
      if (row.seq !== expectedSeq) {
        return { ok: false, count, brokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (next is ${row.seq})` };
      }
      if (row.prev_hash !== prev) {
        return { ok: false, count, brokenSeq: row.seq, reason: `entry ${row.seq} does not link to entry ${row.seq - 1} (previous hash differs)` };
      }
      if (auditEntryHash(row) !== row.hash) {
        return { ok: false, count, brokenSeq: row.seq, reason: `entry ${row.seq} was altered (its content does not match its hash)` };
      }
      prev = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < batch) break;
  }
  return { ok: true, count: expectedSeq - 1, headHash: prev };
}
