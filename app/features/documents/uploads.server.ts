import crypto from "node:crypto";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { UploadsTable } from "~/platform/db/schema.server";
import type { Executor } from "~/platform/db/write.server";
import { refusal, uploadLimits, type DocumentError } from "./processing.server";
import {
  contextUsage,
  countRefusal,
  decryptChunks,
  encryptChunks,
  mayAttachTo,
  newDataKey,
  openFilename,
  purgeOrphans,
  sanitizeFilename,
  sealFilename,
  storeUpload,
  unwrapDataKey,
  wrapDataKey,
  type AttachmentContext,
  type DocumentInfo,
} from "./documents.server";
import { env } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";
import { hit } from "~/platform/http/rate-limit.server";
import { blobStorage, storageErrorCode } from "~/platform/storage/storage.server";
import { periodic } from "~/platform/jobs/scheduler.server";

// Resumable uploads: a small chunked protocol of our own (tus-like, but every chunk is
// encrypted before it touches the disk; tus' file store would keep plaintext chunks).
//
//   POST   /uploads          {filename, size, context}            → 201 {id, offset: 0, …}
//   PATCH  /uploads/:id      Upload-Offset: n, body = next bytes  → 204 + Upload-Offset (more
//                            expected) or 200 {status: "complete", document} / 422 {error}
//   HEAD   /uploads/:id      → Upload-Offset, Upload-Length (resume after a lost connection)
//   GET    /uploads/:id      → the state as JSON (e.g. after the last answer was lost)
//   DELETE /uploads/:id      → cancel
//
// A chunk (≤ 5 MB, Content-Length required) is streamed through encryption into one blob; it
// counts only when it arrived completely, so an interrupted chunk is simply sent again from
// the offset HEAD reports. When the last byte is in, the chunks are decrypted one after the
// other into the processing pipeline, and the chunks are deleted. Unfinished uploads are
// deleted after UPLOAD_STALE_HOURS by the housekeeping job.

export const MAX_CHUNK_BYTES = 5 * 1024 * 1024;
const MAX_OPEN_UPLOADS_PER_PERSON = 30;
const CREATE_LIMIT = { name: "upload-create", max: 300, windowSeconds: 3600 };

export type UploadStatus = UploadsTable["status"];

/** What the owner's browser learns about a document (no keys, no storage details). */
export interface DocumentSummary {
  id: string;
  filename: string;
  mediaType: string;
  originalMediaType: string;
  size: number;
  sha512: string;
  createdAt: string;
}

export interface UploadState {
  id: string;
  filename: string;
  size: number;
  offset: number;
  status: UploadStatus;
  document: DocumentSummary | null;
  error: DocumentError | null;
  maxChunkBytes: number;
  expiresAt: string;
}

export function summarise(document: DocumentInfo): DocumentSummary {
  const { id, filename, mediaType, originalMediaType, size, sha512, createdAt } = document;
  return { id, filename, mediaType, originalMediaType, size, sha512, createdAt };
}

export function isUploadId(id: string): boolean {
  return /^[A-Za-z0-9_-]{24,64}$/.test(id);
}

function staleMs(): number {
  return env().UPLOAD_STALE_HOURS * 3_600_000;
}

async function stateOf(row: UploadsTable): Promise<UploadState> {
  let document: DocumentSummary | null = null;
  if (row.status === "complete" && row.document_id) {
    const db = await getDb();
    const doc = await db
      .selectFrom("documents")
      .select(["id", "filename_sealed", "media_type", "original_media_type", "size", "sha512", "created_at"])
      .where("id", "=", row.document_id)
      .executeTakeFirst();
    if (doc) {
      document = {
        id: doc.id,
        filename: openFilename(doc.filename_sealed),
        mediaType: doc.media_type,
        originalMediaType: doc.original_media_type,
        size: Number(doc.size),
        sha512: doc.sha512,
        createdAt: doc.created_at,
      };
    }
  }
  return {
    id: row.id,
    filename: openFilename(row.filename_sealed),
    size: Number(row.declared_size),
    offset: Number(row.received),
    status: row.status,
    document,
    error: row.error ? (JSON.parse(row.error) as DocumentError) : null,
    maxChunkBytes: MAX_CHUNK_BYTES,
    expiresAt: new Date(Date.parse(row.updated_at) + staleMs()).toISOString(),
  };
}

async function findUpload(id: string, ownerUserId: string): Promise<UploadsTable | null> {
  if (!isUploadId(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("uploads").selectAll().where("id", "=", id).where("owner_user_id", "=", ownerUserId).executeTakeFirst();
  return row ?? null;
}

export type UploadFailure = {
  ok: false;
  status: 400 | 403 | 404 | 409 | 411 | 413 | 422 | 429 | 507;
  error: DocumentError;
  upload?: UploadState;
  /** With 429: the seconds to wait (sent as Retry-After). */
  retryAfterSeconds?: number;
};

/** The storage is full (or failing): 507, logged with the code only; the upload stays where it was. */
async function storageFull(row: UploadsTable, code: string): Promise<UploadFailure> {
  log().warn({ event: "storage-full", code, area: "uploads" }, "storage full");
  const current = await findUpload(row.id, row.owner_user_id);
  return { ok: false, status: 507, error: refusal("storageFull", openFilename(row.filename_sealed)).toJSON(), upload: await stateOf(current ?? row) };
}

// ---------------------------------------------------------------------------------------------
// Create

export async function createUpload(input: { ownerUserId: string; filename: string; size: number; context: AttachmentContext }): Promise<{ ok: true; upload: UploadState } | UploadFailure> {
  const filename = sanitizeFilename(input.filename);
  const limits = uploadLimits();
  if (!(await mayAttachTo(input.ownerUserId, input.context))) return { ok: false, status: 403, error: refusal("notAllowed", filename).toJSON() };
  if (!Number.isSafeInteger(input.size) || input.size < 1) return { ok: false, status: 400, error: refusal("empty", filename).toJSON() };
  if (input.size > limits.maxFileBytes) return { ok: false, status: 413, error: refusal("tooLarge", filename, { maxMb: limits.maxFileMb }).toJSON() };
  if ((await contextUsage(input.context)) + input.size > limits.maxContextBytes) {
    return { ok: false, status: 413, error: refusal("contextFull", filename, { maxMb: limits.maxContextMb }).toJSON() };
  }
  // The application already holds as many documents as the Träger allows: a conflict with its
  // state (removing one resolves it), not a rate (waiting does not help) nor a too-large request.
  const full = await countRefusal(input.context, filename);
  if (full) return { ok: false, status: 409, error: full.toJSON() };
  const db = await getDb();
  const open = await db
    .selectFrom("uploads")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("owner_user_id", "=", input.ownerUserId)
    .where("status", "in", ["open", "processing"])
    .executeTakeFirstOrThrow();
  const limited = await hit(CREATE_LIMIT, input.ownerUserId);
  if (Number(open.n) >= MAX_OPEN_UPLOADS_PER_PERSON || !limited.allowed) {
    // Open uploads free their place when they finish or are cancelled: a minute is a fair wait.
    return { ok: false, status: 429, error: refusal("tooManyUploads", filename).toJSON(), retryAfterSeconds: limited.allowed ? 60 : limited.retryAfterSeconds };
  }
  const now = nowIso();
  const row: UploadsTable = {
    id: crypto.randomBytes(24).toString("base64url"),
    owner_user_id: input.ownerUserId,
    context_kind: input.context.kind,
    context_id: input.context.id,
    context_item: input.context.item ?? null,
    filename_sealed: sealFilename(filename),
    declared_size: input.size,
    received: 0,
    wrapped_key: wrapDataKey(newDataKey()),
    status: "open",
    document_id: null,
    error: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("uploads").values(row).execute();
  log().info({ event: "upload-created", context: row.context_kind, size: row.declared_size }, "uploads");
  return { ok: true, upload: await stateOf(row) };
}

export async function getUpload(id: string, ownerUserId: string): Promise<UploadState | null> {
  const row = await findUpload(id, ownerUserId);
  return row ? stateOf(row) : null;
}

// ---------------------------------------------------------------------------------------------
// Append a chunk

export interface AppendInput {
  id: string;
  ownerUserId: string;
  /** Upload-Offset: where this chunk starts. */
  offset: number;
  /** Content-Length of the chunk (required: a cut-off body must be recognisable). */
  contentLength: number | null;
  body: AsyncIterable<Uint8Array> | null;
}

class ChunkTooLong extends Error {}

export async function appendChunk(input: AppendInput): Promise<{ ok: true; upload: UploadState } | UploadFailure> {
  const row = await findUpload(input.id, input.ownerUserId);
  if (!row) return { ok: false, status: 404, error: refusal("uploadNotFound", "").toJSON() };
  const filename = openFilename(row.filename_sealed);
  const received = Number(row.received);
  const declared = Number(row.declared_size);
  if (row.status === "failed" && input.offset === 0) {
    // The client starts a failed upload over (e.g. after a crash lost its chunks): same id, from 0.
    const restarted = await restartFailedUpload(row);
    if (restarted) return appendChunk(input);
  }
  if (row.status !== "open") {
    // The last chunk's answer may have been lost: the state says how it ended.
    return row.status === "complete" || input.offset === received
      ? { ok: true, upload: await stateOf(row) }
      : { ok: false, status: 409, error: refusal("offsetMismatch", filename).toJSON(), upload: await stateOf(row) };
  }
  if (input.offset !== received) return { ok: false, status: 409, error: refusal("offsetMismatch", filename).toJSON(), upload: await stateOf(row) };
  if (input.contentLength === null || !Number.isSafeInteger(input.contentLength) || input.contentLength < 0) {
    return { ok: false, status: 411, error: refusal("uploadFailed", filename).toJSON() };
  }
  if (input.contentLength > MAX_CHUNK_BYTES || received + input.contentLength > declared) {
    return { ok: false, status: 413, error: refusal("chunkTooLarge", filename).toJSON() };
  }
  if (input.contentLength > 0) {
    if (!input.body) return { ok: false, status: 400, error: refusal("uploadFailed", filename).toJSON() };
    const expected = input.contentLength;
    let length = 0;
    const counted = async function* (body: AsyncIterable<Uint8Array>) {
      for await (const chunk of body) {
        length += chunk.byteLength;
        if (length > expected) throw new ChunkTooLong();
        yield chunk;
      }
    };
    let key: string;
    try {
      ({ key } = await blobStorage().put(encryptChunks(counted(input.body), unwrapDataKey(row.wrapped_key))));
    } catch (error) {
      if (error instanceof ChunkTooLong) return { ok: false, status: 413, error: refusal("chunkTooLarge", filename).toJSON() };
      const code = storageErrorCode(error);
      if (code) return storageFull(row, code);
      // The connection broke while the chunk came in: nothing was kept; the client resumes.
      log().info({ event: "upload-chunk-interrupted", errorType: (error as Error)?.name }, "uploads");
      return { ok: false, status: 400, error: refusal("chunkIncomplete", filename).toJSON(), upload: await stateOf(row) };
    }
    if (length !== expected) {
      await blobStorage().delete(key);
      return { ok: false, status: 400, error: refusal("chunkIncomplete", filename).toJSON(), upload: await stateOf(row) };
    }
    const db = await getDb();
    const accepted = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable("uploads")
        .set({ received: received + length, updated_at: nowIso() })
        .where("id", "=", row.id)
        .where("received", "=", received)
        .where("status", "=", "open")
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx.insertInto("upload_parts").values({ upload_id: row.id, start_offset: received, length, blob_key: key, created_at: nowIso() }).execute();
      return true;
    });
    if (!accepted) {
      // Another request for the same offset was faster.
      await blobStorage().delete(key);
      const current = await findUpload(row.id, input.ownerUserId);
      return { ok: false, status: 409, error: refusal("offsetMismatch", filename).toJSON(), upload: current ? await stateOf(current) : undefined };
    }
  }
  const current = await findUpload(row.id, input.ownerUserId);
  if (!current) return { ok: false, status: 404, error: refusal("uploadNotFound", filename).toJSON() };
  if (current.status === "open" && Number(current.received) === declared) {
    try {
      return await completeUpload(current);
    } catch (error) {
      const code = storageErrorCode(error);
      if (code) return storageFull(current, code); // still processing: the recovery job finishes it when there is space
      throw error;
    }
  }
  return { ok: true, upload: await stateOf(current) };
}

/** All bytes are in: claim the upload for processing and finish it. */
async function completeUpload(row: UploadsTable): Promise<{ ok: true; upload: UploadState } | UploadFailure> {
  const db = await getDb();
  const claimed = await db.updateTable("uploads").set({ status: "processing", updated_at: nowIso() }).where("id", "=", row.id).where("status", "=", "open").executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    const current = await findUpload(row.id, row.owner_user_id);
    return { ok: true, upload: await stateOf(current ?? row) };
  }
  return finishClaimed(row, { fresh: true });
}

function leaseMs(): number {
  return env().UPLOAD_PROCESSING_LEASE_SECONDS * 1000;
}

/** Tests only: waits at the moment a crash would leave the upload in "processing". */
async function testPauseAtFinalise(): Promise<void> {
  const pause = env().UPLOAD_TEST_PAUSE_AT_FINALISE_MS;
  if (!pause || env().NODE_ENV === "production") return;
  log().info({ event: "upload-finalising" }, "uploads");
  await new Promise((resolve) => setTimeout(resolve, pause));
}

/**
 * The upload is claimed ("processing", by this process): decrypt the chunks in order into the
 * processing pipeline. The claim is a lease renewed while it runs; a crashed process's claim
 * lapses and recoverStuckUploads() finishes the upload again.
 */
async function finishClaimed(row: UploadsTable, { fresh = false }: { fresh?: boolean } = {}): Promise<{ ok: true; upload: UploadState } | UploadFailure> {
  const db = await getDb();
  const renew = setInterval(
    () => {
      void db
        .updateTable("uploads")
        .set({ updated_at: nowIso() })
        .where("id", "=", row.id)
        .where("status", "=", "processing")
        .execute()
        .catch(() => {});
    },
    Math.max(250, Math.floor(leaseMs() / 3)),
  );
  renew.unref();
  let error: DocumentError | null = null;
  let documentId: string | null = null;
  try {
    if (fresh) await testPauseAtFinalise(); // the lease is renewed meanwhile, as while decoding
    const parts = await db.selectFrom("upload_parts").selectAll().where("upload_id", "=", row.id).orderBy("start_offset").execute();
    documentId = await alreadyStored(row);
    if (!documentId) {
      let expected = 0;
      for (const part of parts) {
        if (Number(part.start_offset) !== expected) throw new Error("upload chunks are not contiguous");
        expected += Number(part.length);
      }
      if (expected !== Number(row.declared_size)) throw new Error("upload chunks do not add up");
      const dataKey = unwrapDataKey(row.wrapped_key);
      const storage = blobStorage();
      const source = async function* () {
        for (const part of parts) yield* decryptChunks(await storage.get(part.blob_key), dataKey);
      };
      const result = await storeUpload({
        source: source(),
        filename: openFilename(row.filename_sealed),
        context: contextOf(row),
        ownerUserId: row.owner_user_id,
        declaredSize: Number(row.declared_size),
        uploadId: row.id,
      });
      if (result.ok) documentId = result.document.id;
      else error = result.error;
    }
  } catch (failure) {
    if (storageErrorCode(failure)) {
      clearInterval(renew);
      throw failure; // the disk is full: the caller answers 507; the chunks stay, the lease lapses and the job finishes it later
    }
    log().error({ event: "upload-processing-failed", errorType: (failure as Error)?.name, error: String((failure as Error)?.message ?? failure) }, "uploads");
    error = refusal("uploadFailed", openFilename(row.filename_sealed)).toJSON();
  } finally {
    clearInterval(renew);
  }
  await db
    .updateTable("uploads")
    .set({ status: documentId ? "complete" : "failed", document_id: documentId, error: error ? JSON.stringify(error) : null, updated_at: nowIso() })
    .where("id", "=", row.id)
    .execute();
  await deleteParts(row.id);
  const current = await findUpload(row.id, row.owner_user_id);
  const upload = await stateOf(current ?? row);
  return documentId ? { ok: true, upload } : { ok: false, status: 422, error: error ?? refusal("uploadFailed", openFilename(row.filename_sealed)).toJSON(), upload };
}

function contextOf(row: UploadsTable): AttachmentContext {
  return row.context_item ? { kind: row.context_kind, id: row.context_id, item: row.context_item } : { kind: row.context_kind, id: row.context_id };
}

/**
 * A process killed between storing the document and marking the upload complete leaves a
 * document no upload points to: the same owner, context, name and original size, created after
 * the upload. Finishing again links it instead of storing the file twice.
 */
async function alreadyStored(row: UploadsTable): Promise<string | null> {
  const db = await getDb();
  let query = db
    .selectFrom("documents")
    .select(["id", "filename_sealed"])
    .where("owner_user_id", "=", row.owner_user_id)
    .where("context_kind", "=", row.context_kind)
    .where("context_id", "=", row.context_id)
    .where("original_size", "=", Number(row.declared_size))
    .where("created_at", ">=", row.created_at)
    .where("id", "not in", db.selectFrom("uploads").select("document_id").where("document_id", "is not", null).where("id", "!=", row.id).$narrowType<{ document_id: string }>());
  query = row.context_item ? query.where("context_item", "=", row.context_item) : query.where("context_item", "is", null);
  // Names are sealed (not comparable in SQL): the few candidates are opened and compared here.
  const filename = openFilename(row.filename_sealed);
  const found = (await query.orderBy("created_at").execute()).find((candidate) => openFilename(candidate.filename_sealed) === filename);
  return found?.id ?? null;
}

/** A failed upload starts over at offset 0 under the same id (its chunks are gone). */
async function restartFailedUpload(row: UploadsTable): Promise<boolean> {
  await deleteParts(row.id);
  const db = await getDb();
  const result = await db
    .updateTable("uploads")
    .set({ status: "open", received: 0, error: null, document_id: null, updated_at: nowIso() })
    .where("id", "=", row.id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) log().info({ event: "upload-restarted", context: row.context_kind }, "uploads");
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Uploads left in "processing" longer than the lease (their process died while finalising):
 * finished again from their stored chunks when all are there, otherwise marked failed
 * (uploadInterrupted) so that the client starts over. Runs at start and in the upload job.
 */
export async function recoverStuckUploads(now: Date = new Date()): Promise<{ finished: number; failed: number }> {
  const db = await getDb();
  const before = new Date(now.getTime() - leaseMs()).toISOString();
  const stuck = await db.selectFrom("uploads").selectAll().where("status", "=", "processing").where("updated_at", "<", before).execute();
  let finished = 0;
  let failed = 0;
  for (const row of stuck) {
    // Take the lease over (only one process wins it).
    const taken = await db.updateTable("uploads").set({ updated_at: nowIso() }).where("id", "=", row.id).where("status", "=", "processing").where("updated_at", "=", row.updated_at).executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;
    if ((await alreadyStored(row)) || (await chunksComplete(row))) {
      try {
        const result = await finishClaimed(row);
        if (result.ok) finished++;
        else failed++;
      } catch (error) {
        const code = storageErrorCode(error);
        if (!code) throw error;
        log().warn({ event: "storage-full", code, area: "upload-recovery" }, "storage full"); // tried again after the lease
      }
      continue;
    }
    await deleteParts(row.id);
    await db
      .updateTable("uploads")
      .set({ status: "failed", received: 0, error: JSON.stringify(refusal("uploadInterrupted", openFilename(row.filename_sealed)).toJSON()), updated_at: nowIso() })
      .where("id", "=", row.id)
      .execute();
    failed++;
  }
  if (stuck.length) log().info({ event: "uploads-recovered", finished, failed }, "uploads");
  return { finished, failed };
}

async function chunksComplete(row: UploadsTable): Promise<boolean> {
  const db = await getDb();
  const parts = await db.selectFrom("upload_parts").selectAll().where("upload_id", "=", row.id).orderBy("start_offset").execute();
  let expected = 0;
  for (const part of parts) {
    if (Number(part.start_offset) !== expected || !(await blobStorage().exists(part.blob_key))) return false;
    expected += Number(part.length);
  }
  return expected === Number(row.declared_size);
}

/**
 * Uploads of a context not finished yet: being finalised, or receiving chunks within the temp
 * lease (an upload nobody sent a chunk to for that long counts as abandoned).
 */
export async function unfinishedUploads(
  context: { kind: string; id: string },
  { db: executor, now = new Date() }: { db?: Executor; now?: Date } = {},
): Promise<{ filename: string; item: string | null }[]> {
  const db = executor ?? (await getDb());
  const activeSince = new Date(now.getTime() - env().UPLOAD_TEMP_LEASE_MINUTES * 60_000).toISOString();
  const rows = await db
    .selectFrom("uploads")
    .select(["filename_sealed", "context_item"])
    .where("context_kind", "=", context.kind)
    .where("context_id", "=", context.id)
    .where((eb) => eb.or([eb("status", "=", "processing"), eb.and([eb("status", "=", "open"), eb("received", ">", 0), eb("updated_at", ">=", activeSince)])]))
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ filename: openFilename(r.filename_sealed), item: r.context_item }));
}

async function deleteParts(uploadId: string): Promise<void> {
  const db = await getDb();
  const parts = await db.selectFrom("upload_parts").select(["blob_key"]).where("upload_id", "=", uploadId).execute();
  await db.deleteFrom("upload_parts").where("upload_id", "=", uploadId).execute();
  for (const part of parts)
    await blobStorage()
      .delete(part.blob_key)
      .catch(() => {});
}

/** Cancels an upload (its chunks are deleted). The document of a finished upload stays. */
export async function cancelUpload(id: string, ownerUserId: string): Promise<boolean> {
  const row = await findUpload(id, ownerUserId);
  if (!row) return false;
  if (row.status === "processing") return true; // finishes on its own; the client deletes the document then
  await deleteParts(row.id);
  const db = await getDb();
  await db.deleteFrom("uploads").where("id", "=", row.id).where("status", "!=", "processing").execute();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Housekeeping

/** Deletes uploads not touched for UPLOAD_STALE_HOURS and recovers uploads stuck in processing. */
export async function cleanupStaleUploads(now: Date = new Date()): Promise<{ expired: number; failed: number }> {
  const db = await getDb();
  const staleBefore = new Date(now.getTime() - staleMs()).toISOString();
  const stale = await db.selectFrom("uploads").select(["id"]).where("updated_at", "<", staleBefore).execute();
  for (const { id } of stale) {
    await deleteParts(id);
    await db.deleteFrom("uploads").where("id", "=", id).execute();
  }
  if (stale.length) log().info({ event: "uploads-cleaned", expired: stale.length }, "uploads");
  const recovered = await recoverStuckUploads(now);
  return { expired: stale.length, failed: recovered.failed };
}

/**
 * Uploads of a crashed process (left in processing past their lease) and temp files of dead
 * writes: at start and then every lease (at most every 5 minutes).
 */
export const uploadRecoveryJob = periodic(
  "upload-recovery",
  () => Math.min(5 * 60_000, leaseMs()),
  async () => {
    await recoverStuckUploads();
    await blobStorage().cleanupTemporary?.(env().UPLOAD_TEMP_LEASE_MINUTES * 60_000);
  },
  0,
);

/** Stale resumable uploads, documents of deleted accounts, blobs without a record: every 15 minutes, first 5 s after start. */
export const documentHousekeepingJob = periodic(
  "documents-housekeeping",
  () => 15 * 60_000,
  async () => {
    await cleanupStaleUploads();
    await purgeOrphans();
  },
  5_000,
);
