import crypto from "node:crypto";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { Readable } from "node:stream";
import { getDb, nowIso } from "~/platform/db/db.server";
import type { DocumentsTable } from "~/platform/db/schema.server";
import type { Executor } from "~/platform/db/write.server";
import { buildPdfFromJpegs, DocumentRefusal, extensionOf, processDocument, refusal, uploadLimits, type DocumentError } from "./processing.server";
import { documentKey } from "~/platform/crypto/keys.server";
import { DOCUMENT_FILENAME_PURPOSE, openText, sealText } from "~/platform/crypto/at-rest.server";
import { log } from "~/platform/log/log.server";
import { blobStorage } from "~/platform/storage/storage.server";
import type { ExportSection } from "~/platform/export/data-export.server";

export type { DocumentError } from "./processing.server";

// Documents at rest (issue "Online Antrag" § 4, foundation § storage).
//
// Every file is encrypted with its own random 256-bit data key; the data key is stored in the
// document's row, wrapped (AES-256-GCM) with the master key DOCUMENT_KEY. Rotating the master
// key later means re-wrapping the data keys only, not re-encrypting the files.
//
// Blob format (streaming, "STREAM" construction with AES-256-GCM):
//   header  "BPD1" | frame size (uint32 BE) | salt (16 bytes)                    = 24 bytes
//   frames  AES-256-GCM(frame key, nonce = counter (uint64 BE, bytes 3–10) | last flag (byte 11),
//           aad = header, ≤ frame size bytes of plaintext) ‖ tag (16 bytes)
// The frame key is HKDF-SHA256(data key, salt): every blob gets its own key, so a counter nonce
// is safe even when one data key encrypts several blobs (the chunks of one upload). Each frame
// is verified before its plaintext is handed on; a reordered, altered, or cut-off file fails
// the stream (the last frame is marked, so truncation at a frame boundary is caught too).

export const FRAME_SIZE = 64 * 1024;
const MAGIC = "BPD1";
const HEADER_LENGTH = 24;
const TAG_LENGTH = 16;
const WRAP_AAD = Buffer.from("buergerportal/data-key/v1");

export class DocumentIntegrityError extends Error {
  constructor(detail: string) {
    super(`document integrity check failed: ${detail}`);
    this.name = "DocumentIntegrityError";
  }
}

export function newDataKey(): Buffer {
  return crypto.randomBytes(32);
}

function masterKeyId(master: Buffer): string {
  return crypto.createHash("sha256").update("buergerportal/key-id:").update(master).digest("hex").slice(0, 8);
}

/** "v1.<key id>.<iv|ciphertext|tag, base64url>": the key id names the master key that wrapped it. */
export function wrapDataKey(dataKey: Buffer, master: Buffer = documentKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", master, iv);
  cipher.setAAD(WRAP_AAD);
  const sealed = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return `v1.${masterKeyId(master)}.${sealed.toString("base64url")}`;
}

export function unwrapDataKey(wrapped: string, master: Buffer = documentKey()): Buffer {
  const [version, kid, body] = wrapped.split(".");
  if (version !== "v1" || !body) throw new DocumentIntegrityError("unknown key format");
  if (kid !== masterKeyId(master)) throw new DocumentIntegrityError("wrapped with another DOCUMENT_KEY");
  const sealed = Buffer.from(body, "base64url");
  if (sealed.length !== 12 + 32 + TAG_LENGTH) throw new DocumentIntegrityError("wrapped key has the wrong length");
  const decipher = crypto.createDecipheriv("aes-256-gcm", master, sealed.subarray(0, 12));
  decipher.setAAD(WRAP_AAD);
  decipher.setAuthTag(sealed.subarray(12 + 32));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(12, 12 + 32)), decipher.final()]);
  } catch {
    throw new DocumentIntegrityError("wrapped key does not verify");
  }
}

function frameKey(dataKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", dataKey, salt, "buergerportal/document-frames/v1", 32));
}

function frameNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(counter), 3);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function sealFrame(key: Buffer, header: Buffer, counter: number, last: boolean, plaintext: Buffer): Buffer {
  const cipher = crypto.createCipheriv("aes-256-gcm", key, frameNonce(counter, last));
  cipher.setAAD(header);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function openFrame(key: Buffer, header: Buffer, counter: number, last: boolean, frame: Buffer): Buffer {
  if (frame.length < TAG_LENGTH) throw new DocumentIntegrityError("frame too short");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, frameNonce(counter, last));
  decipher.setAAD(header);
  decipher.setAuthTag(frame.subarray(frame.length - TAG_LENGTH));
  const plaintext = decipher.update(frame.subarray(0, frame.length - TAG_LENGTH));
  try {
    decipher.final();
  } catch {
    throw new DocumentIntegrityError(`frame ${counter} does not verify`);
  }
  return plaintext;
}

function asBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk);
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Encrypts a stream of plaintext chunks into the blob format above. */
export async function* encryptChunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, dataKey: Buffer, frameSize = FRAME_SIZE): AsyncGenerator<Buffer> {
  const salt = crypto.randomBytes(16);
  const header = Buffer.alloc(HEADER_LENGTH);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32BE(frameSize, 4);
  salt.copy(header, 8);
  const key = frameKey(dataKey, salt);
  yield header;
  let counter = 0;
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes = asBuffer(chunk);
    if (bytes.length === 0) continue;
    pending = pending.length ? Buffer.concat([pending, bytes]) : bytes;
    let offset = 0;
    // A full frame goes out only once more data follows: the last frame is always marked.
    while (pending.length - offset > frameSize) {
      yield sealFrame(key, header, counter++, false, pending.subarray(offset, offset + frameSize));
      offset += frameSize;
    }
    pending = Buffer.from(pending.subarray(offset));
  }
  yield sealFrame(key, header, counter, true, pending);
}

/** Decrypts the blob format; every frame is verified before its plaintext is yielded. */
export async function* decryptChunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, dataKey: Buffer): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let frameTotal = 0;
  let counter = 0;
  for await (const chunk of source) {
    const bytes = asBuffer(chunk);
    pending = pending.length ? Buffer.concat([pending, bytes]) : bytes;
    if (!header) {
      if (pending.length < HEADER_LENGTH) continue;
      header = Buffer.from(pending.subarray(0, HEADER_LENGTH));
      if (header.toString("latin1", 0, 4) !== MAGIC) throw new DocumentIntegrityError("not an encrypted document");
      const frameSize = header.readUInt32BE(4);
      if (frameSize < 1024 || frameSize > 16 * 1024 * 1024) throw new DocumentIntegrityError("bad frame size");
      frameTotal = frameSize + TAG_LENGTH;
      key = frameKey(dataKey, header.subarray(8, 24));
      pending = pending.subarray(HEADER_LENGTH);
    }
    let offset = 0;
    while (pending.length - offset > frameTotal) {
      yield openFrame(key!, header, counter++, false, pending.subarray(offset, offset + frameTotal));
      offset += frameTotal;
    }
    pending = Buffer.from(pending.subarray(offset));
  }
  if (!header || !key) throw new DocumentIntegrityError("truncated header");
  yield openFrame(key, header, counter, true, pending);
}

/** Stream helpers for callers that work with Node streams. */
export function encryptStream(source: AsyncIterable<Uint8Array>, dataKey: Buffer): Readable {
  return Readable.from(encryptChunks(source, dataKey), { objectMode: false });
}

export function decryptStream(source: AsyncIterable<Uint8Array>, dataKey: Buffer): Readable {
  return Readable.from(decryptChunks(source, dataKey), { objectMode: false });
}

/** Passes the plaintext on and fails the stream at its end unless size and SHA-512 match. */
async function* verifyDigest(source: AsyncIterable<Buffer>, sha512: string, size: number): AsyncGenerator<Buffer> {
  const hash = crypto.createHash("sha512");
  let seen = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    seen += chunk.length;
    yield chunk;
  }
  if (seen !== size || hash.digest("hex") !== sha512) throw new DocumentIntegrityError("content does not match its recorded SHA-512");
}

// ---------------------------------------------------------------------------------------------
// Attachment contexts: where a document belongs. A feature registers its kind with a check of
// who may attach documents to it (the application feature: "application", owner and state).

export interface AttachmentContext {
  kind: string;
  id: string;
  /** e.g. a checklist item of an application ("identity", "rent-contract"). */
  item?: string;
}

export type AttachmentAuthorizer = (userId: string, context: AttachmentContext) => boolean | Promise<boolean>;

const authorizers = new Map<string, AttachmentAuthorizer>();

export function registerAttachmentContext(kind: string, authorize: AttachmentAuthorizer): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(kind)) throw new Error(`attachment context kind must be a lower-case slug: ${kind}`);
  authorizers.set(kind, authorize);
}

// "Meine Dokumente": proofs a person keeps ready in the account, before applying.
export const accountAttachmentAuthorizer: AttachmentAuthorizer = (userId, context) => context.id === userId;

/** A context as it came from a client, checked for shape (not for permission). */
export function parseAttachmentContext(value: unknown): AttachmentContext | null {
  if (!value || typeof value !== "object") return null;
  const { kind, id, item } = value as Record<string, unknown>;
  if (typeof kind !== "string" || !/^[a-z][a-z0-9-]{0,31}$/.test(kind)) return null;
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  if (item !== undefined && item !== null && item !== "" && (typeof item !== "string" || !/^[A-Za-z0-9._-]{1,64}$/.test(item))) return null;
  return typeof item === "string" && item ? { kind, id, item } : { kind, id };
}

/** May this person attach documents to this context? Unknown kinds: no. */
export async function mayAttachTo(userId: string, context: AttachmentContext): Promise<boolean> {
  const authorize = authorizers.get(context.kind);
  return authorize ? Boolean(await authorize(userId, context)) : false;
}

function checkedContext(context: AttachmentContext): AttachmentContext {
  const parsed = parseAttachmentContext(context);
  if (!parsed) throw new TypeError("invalid attachment context");
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// File names: kept for display, never used as a path.

const MAX_FILENAME = 120;

/** The base name, NFC, without control/bidi characters or characters that trouble file systems. */
export function sanitizeFilename(raw: string | null | undefined): string {
  let name = String(raw ?? "")
    .split(/[/\\]/)
    .pop()!
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  const chars = Array.from(name);
  if (chars.length > MAX_FILENAME) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? "";
    name =
      Array.from(name.slice(0, name.length - ext.length))
        .slice(0, MAX_FILENAME - ext.length)
        .join("")
        .trim() + ext;
  }
  return name || "Dokument";
}

/** A file name as stored: sealed, since names can carry personal data (decision 029). */
export function sealFilename(filename: string): string {
  return sealText(DOCUMENT_FILENAME_PURPOSE, filename);
}

/** The stored name opened again ("Dokument" if it cannot be opened, e.g. under another key). */
export function openFilename(sealed: string): string {
  return openText(DOCUMENT_FILENAME_PURPOSE, sealed) ?? "Dokument";
}

/** The name for downloads: the display name with the stored type's extension (IMG_1.HEIC → IMG_1.jpg). */
export function downloadFilename(document: Pick<DocumentInfo, "filename" | "mediaType">): string {
  const base = document.filename.replace(/\.[A-Za-z0-9]{1,8}$/, "") || "Dokument";
  return `${base}.${extensionOf(document.mediaType)}`;
}

/** Content-Disposition: attachment with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function contentDisposition(filename: string): string {
  const fallback =
    filename
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\;%]/g, "_")
      .trim() || "Dokument";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The Content-Security-Policy of every file download (documents, evidence, Ombudsstelle attachments). */
export const ATTACHMENT_CSP = "sandbox; default-src 'none'";

/**
 * An opened document as an HTTP answer: its type, length and SHA-512 (Repr-Digest), never cached,
 * never sniffed; `inline` to show it in the browser (then sandboxed), else a download. A blob that
 * fails its digest while streaming ends the body with an error instead of completing it.
 */
export function documentResponse(opened: OpenedDocument, { inline = false }: { inline?: boolean } = {}): Response {
  const { document, stream } = opened;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for await (const chunk of stream) controller.enqueue(new Uint8Array(chunk as Buffer));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  const disposition = contentDisposition(downloadFilename(document));
  return new Response(body, {
    headers: {
      "Content-Type": document.mediaType,
      "Content-Length": String(document.size),
      "Content-Disposition": inline ? disposition.replace(/^attachment/, "inline") : disposition,
      "Repr-Digest": `sha-512=:${Buffer.from(document.sha512, "hex").toString("base64")}:`,
      ...privateNoStoreHeaders,
      "X-Content-Type-Options": "nosniff",
      // Never run as a page of the portal: sandboxed, nothing loaded (inline in the staff view: its own image/PDF only).
      "Content-Security-Policy": inline ? "sandbox; default-src 'none'; img-src 'self'; object-src 'self'" : ATTACHMENT_CSP,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Records

export interface DocumentInfo {
  id: string;
  filename: string;
  /** The stored type: image/jpeg or application/pdf. */
  mediaType: string;
  /** The type of the file as received (e.g. image/heic). */
  originalMediaType: string;
  size: number;
  originalSize: number;
  /** SHA-512 (hex) of the stored content, i.e. of what a download yields. */
  sha512: string;
  /** SHA-512 (hex) of the file exactly as received. */
  originalSha512: string;
  context: AttachmentContext;
  ownerUserId: string | null;
  origin: "upload" | "combined";
  submittedAt: string | null;
  createdAt: string;
}

function toInfo(row: DocumentsTable): DocumentInfo {
  return {
    id: row.id,
    filename: openFilename(row.filename_sealed),
    mediaType: row.media_type,
    originalMediaType: row.original_media_type,
    size: Number(row.size),
    originalSize: Number(row.original_size),
    sha512: row.sha512,
    originalSha512: row.original_sha512,
    context: row.context_item ? { kind: row.context_kind, id: row.context_id, item: row.context_item } : { kind: row.context_kind, id: row.context_id },
    ownerUserId: row.owner_user_id,
    origin: row.origin === "combined" ? "combined" : "upload",
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
  };
}

/** Bytes used in a context: stored documents plus uploads still under way (their announced size). */
export async function contextUsage(context: AttachmentContext, { excludeUploadId, excludeDocumentIds = [] }: { excludeUploadId?: string; excludeDocumentIds?: string[] } = {}): Promise<number> {
  const db = await getDb();
  let documents = db
    .selectFrom("documents")
    .select((eb) => eb.fn.sum<number | string | null>("size").as("total"))
    .where("context_kind", "=", context.kind)
    .where("context_id", "=", context.id);
  if (excludeDocumentIds.length) documents = documents.where("id", "not in", excludeDocumentIds);
  let uploads = db
    .selectFrom("uploads")
    .select((eb) => eb.fn.sum<number | string | null>("declared_size").as("total"))
    .where("context_kind", "=", context.kind)
    .where("context_id", "=", context.id)
    .where("status", "in", ["open", "processing"]);
  if (excludeUploadId) uploads = uploads.where("id", "!=", excludeUploadId);
  const [a, b] = await Promise.all([documents.executeTakeFirst(), uploads.executeTakeFirst()]);
  return Number(a?.total ?? 0) + Number(b?.total ?? 0);
}

/** Documents in a context and in its item: stored ones plus uploads under way. */
export async function contextCounts(
  context: AttachmentContext,
  { excludeUploadId, excludeDocumentIds = [] }: { excludeUploadId?: string; excludeDocumentIds?: string[] } = {},
): Promise<{ context: number; item: number }> {
  const db = await getDb();
  let documents = db.selectFrom("documents").select(["context_item"]).where("context_kind", "=", context.kind).where("context_id", "=", context.id);
  if (excludeDocumentIds.length) documents = documents.where("id", "not in", excludeDocumentIds);
  let uploads = db.selectFrom("uploads").select(["context_item"]).where("context_kind", "=", context.kind).where("context_id", "=", context.id).where("status", "in", ["open", "processing"]);
  if (excludeUploadId) uploads = uploads.where("id", "!=", excludeUploadId);
  const rows = [...(await documents.execute()), ...(await uploads.execute())];
  return { context: rows.length, item: context.item ? rows.filter((r) => r.context_item === context.item).length : 0 };
}

/**
 * The refusal when one more document would exceed the Träger's caps (per application or other
 * place, per checklist item), or null (decision 029). Removing a document makes room again.
 */
export async function countRefusal(context: AttachmentContext, filename: string, exclusions: { excludeUploadId?: string; excludeDocumentIds?: string[] } = {}): Promise<DocumentRefusal | null> {
  const limits = uploadLimits();
  const counts = await contextCounts(context, exclusions);
  if (counts.context >= limits.maxDocumentsPerContext) return refusal(context.kind === "application" ? "applicationFull" : "placeFull", filename, { max: limits.maxDocumentsPerContext });
  if (context.item && counts.item >= limits.maxDocumentsPerItem) return refusal("itemFull", filename, { max: limits.maxDocumentsPerItem });
  return null;
}

export interface StoreUploadInput {
  /** The file's bytes as they arrive (a request stream, a multipart part, decrypted chunks). */
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** As the person's device named it; sanitised here. */
  filename: string;
  context: AttachmentContext;
  ownerUserId: string;
  /** The size announced beforehand (resumable uploads). */
  declaredSize?: number;
  /** The resumable upload this completes (its reservation does not count against the quota). */
  uploadId?: string;
  /** Documents this one replaces (they do not count against the quota). */
  replacesDocumentIds?: string[];
  origin?: "upload" | "combined";
}

export type StoreResult = { ok: true; document: DocumentInfo } | { ok: false; error: DocumentError };

/**
 * Checks, converts (photos re-encoded, PDFs sanitised), encrypts and records one file. Refusals
 * (wrong type, too large, encrypted PDF …) come back as `{ ok: false, error }` with a translation key that names the file;
 * only unexpected failures throw.
 */
export async function storeUpload(input: StoreUploadInput): Promise<StoreResult> {
  const filename = sanitizeFilename(input.filename);
  const context = checkedContext(input.context);
  const limits = uploadLimits();
  const exclusions = { excludeUploadId: input.uploadId, excludeDocumentIds: input.replacesDocumentIds ?? [] };
  let pdfRemoved: string[] = [];
  try {
    if (input.declaredSize !== undefined && input.declaredSize > limits.maxFileBytes) throw refusal("tooLarge", filename, { maxMb: limits.maxFileMb });
    if ((await contextUsage(context, exclusions)) + (input.declaredSize ?? 0) > limits.maxContextBytes) {
      throw refusal("contextFull", filename, { maxMb: limits.maxContextMb });
    }
    const full = await countRefusal(context, filename, exclusions);
    if (full) throw full;
    const document = await processDocument(input.source, { filename, maxBytes: limits.maxFileBytes, maxMb: limits.maxFileMb, expectedSize: input.declaredSize }, async (processed) => {
      // Checked again with the real (processed) size: photos usually shrink a lot.
      if ((await contextUsage(context, exclusions)) + processed.content.length > limits.maxContextBytes) {
        throw refusal("contextFull", filename, { maxMb: limits.maxContextMb });
      }
      // Again after processing: files sent at the same time must not pass the cap together.
      const fullNow = await countRefusal(context, filename, exclusions);
      if (fullNow) throw fullNow;
      pdfRemoved = processed.removed;
      const dataKey = newDataKey();
      // The hash of what is stored and handed out (for a PDF: the sanitised file); the hash of
      // the file as received is kept as original_sha512.
      const sha512 = crypto.createHash("sha512").update(processed.content).digest("hex");
      const { key } = await blobStorage().put(encryptChunks(slices(processed.content), dataKey));
      const row: DocumentsTable = {
        id: crypto.randomUUID(),
        owner_user_id: input.ownerUserId,
        context_kind: context.kind,
        context_id: context.id,
        context_item: context.item ?? null,
        filename_sealed: sealFilename(filename),
        media_type: processed.mediaType,
        original_media_type: processed.originalMediaType,
        size: processed.content.length,
        original_size: processed.originalSize,
        sha512,
        original_sha512: processed.originalSha512,
        blob_key: key,
        wrapped_key: wrapDataKey(dataKey),
        origin: input.origin ?? "upload",
        submitted_at: null,
        created_at: nowIso(),
      };
      try {
        const db = await getDb();
        await db.insertInto("documents").values(row).execute();
      } catch (error) {
        await blobStorage()
          .delete(key)
          .catch(() => {});
        throw error;
      }
      return toInfo(row);
    });
    log().info(
      {
        event: "document-stored",
        documentId: document.id,
        context: context.kind,
        mediaType: document.mediaType,
        originalMediaType: document.originalMediaType,
        size: document.size,
        // What the PDF sanitiser removed, by kind only (e.g. "javascript", "uri", "trailing-data").
        ...(pdfRemoved.length ? { pdfRemoved } : {}),
      },
      "documents",
    );
    return { ok: true, document };
  } catch (error) {
    if (error instanceof DocumentRefusal) {
      log().info({ event: "document-refused", context: context.kind, reason: error.key }, "documents");
      return { ok: false, error: error.toJSON() };
    }
    throw error;
  }
}

function* slices(buffer: Buffer, size = 256 * 1024): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
}

/** Metadata of one of the person's documents, or null (also when it is someone else's). */
export async function getDocument(id: string, { ownerUserId }: { ownerUserId: string }): Promise<DocumentInfo | null> {
  if (!isDocumentId(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("documents").selectAll().where("id", "=", id).where("owner_user_id", "=", ownerUserId).executeTakeFirst();
  return row ? toInfo(row) : null;
}

export function isDocumentId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}

export interface OpenedDocument {
  document: DocumentInfo;
  /** The decrypted content; fails (errors) if the blob was altered or does not match its SHA-512. */
  stream: Readable;
}

async function open(row: DocumentsTable): Promise<OpenedDocument> {
  const blob = await blobStorage().get(row.blob_key);
  const dataKey = unwrapDataKey(row.wrapped_key);
  const stream = Readable.from(verifyDigest(decryptChunks(blob, dataKey), row.sha512, Number(row.size)), { objectMode: false });
  return { document: toInfo(row), stream };
}

/** The person's own document, decrypted. Null when it does not exist or belongs to someone else. */
export async function readDocument(id: string, { ownerUserId }: { ownerUserId: string }): Promise<OpenedDocument | null> {
  if (!isDocumentId(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("documents").selectAll().where("id", "=", id).where("owner_user_id", "=", ownerUserId).executeTakeFirst();
  return row ? open(row) : null;
}

/**
 * For the back office (used by its API later): no owner check here; the caller has checked the
 * staff member's right to the case. Every access is logged with who read it.
 */
export async function readDocumentForBackOffice(id: string, { actor, purpose }: { actor: string; purpose?: string }): Promise<OpenedDocument | null> {
  if (!isDocumentId(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  log().info({ event: "document-read-backoffice", documentId: id, actor, purpose: purpose ?? null }, "documents");
  return open(row);
}

export type DeleteOutcome = "deleted" | "not-found" | "submitted";

/** Deletes the person's own document; documents already handed to the Jobcenter stay. */
export async function deleteDocument(id: string, { ownerUserId }: { ownerUserId: string }): Promise<DeleteOutcome> {
  if (!isDocumentId(id)) return "not-found";
  const db = await getDb();
  const row = await db.selectFrom("documents").select(["id", "blob_key", "submitted_at"]).where("id", "=", id).where("owner_user_id", "=", ownerUserId).executeTakeFirst();
  if (!row) return "not-found";
  if (row.submitted_at) return "submitted";
  const result = await db.deleteFrom("documents").where("id", "=", id).where("submitted_at", "is", null).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) return "submitted";
  // A blob that cannot be removed now is found by the housekeeping job (no row points to it).
  await blobStorage()
    .delete(row.blob_key)
    .catch((error: unknown) => log().warn({ event: "blob-delete-failed", errorType: (error as Error)?.name }, "documents"));
  log().info({ event: "document-deleted", documentId: id }, "documents");
  return "deleted";
}

/** The person's documents in one context, newest first. */
export async function listDocuments(context: AttachmentContext, ownerUserId: string): Promise<DocumentInfo[]> {
  const db = await getDb();
  let query = db.selectFrom("documents").selectAll().where("context_kind", "=", context.kind).where("context_id", "=", context.id).where("owner_user_id", "=", ownerUserId);
  if (context.item) query = query.where("context_item", "=", context.item);
  const rows = await query.orderBy("created_at", "desc").orderBy("id").execute();
  return rows.map(toInfo);
}

/**
 * Marks documents as handed to the Jobcenter: the given ids, or (with `context`) every document
 * of that context not handed over yet. Pass the submission's transaction as `db`. Returns how
 * many were marked.
 */
export async function markDocumentsSubmitted(
  ids: string[],
  { ownerUserId, at = nowIso(), db: executor, context }: { ownerUserId: string; at?: string; db?: Executor; context?: AttachmentContext },
): Promise<number> {
  if (!ids.length && !context) return 0;
  const db = executor ?? (await getDb());
  let query = db.updateTable("documents").set({ submitted_at: at }).where("owner_user_id", "=", ownerUserId).where("submitted_at", "is", null);
  if (ids.length) query = query.where("id", "in", ids);
  if (context) {
    query = query.where("context_kind", "=", context.kind).where("context_id", "=", context.id);
    if (context.item) query = query.where("context_item", "=", context.item);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Several photos of one document → one PDF

export const MAX_COMBINE = 20;

/**
 * Builds one PDF (A4 pages, one photo each, in the given order) from the person's photos and
 * stores it as a new document. With `removeSources` the photos are deleted afterwards.
 */
export async function combineImagesToPdf(documentIds: string[], options: { ownerUserId: string; filename?: string; context?: AttachmentContext; removeSources?: boolean }): Promise<StoreResult> {
  const ids = [...new Set(documentIds)].filter(isDocumentId);
  const fallbackName = sanitizeFilename(options.filename ?? "Dokument.pdf");
  if (ids.length < 1 || ids.length > MAX_COMBINE) return { ok: false, error: refusal("combineCount", fallbackName, { max: MAX_COMBINE }).toJSON() };
  const db = await getDb();
  const rows = await db.selectFrom("documents").selectAll().where("id", "in", ids).where("owner_user_id", "=", options.ownerUserId).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id));
  if (ordered.some((r) => !r)) return { ok: false, error: refusal("notFound", fallbackName).toJSON() };
  const images = ordered as DocumentsTable[];
  const notPhoto = images.find((r) => r.media_type !== "image/jpeg");
  if (notPhoto) return { ok: false, error: refusal("combineOnlyPhotos", openFilename(notPhoto.filename_sealed)).toJSON() };
  const buffers: Buffer[] = [];
  for (const row of images) {
    const { stream } = await open(row);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    buffers.push(Buffer.concat(chunks));
  }
  const base = (options.filename ? sanitizeFilename(options.filename) : openFilename(images[0].filename_sealed)).replace(/\.[A-Za-z0-9]{1,8}$/, "");
  const filename = sanitizeFilename(`${base || "Dokument"}.pdf`);
  const pdf = Buffer.from(await buildPdfFromJpegs(buffers, base));
  buffers.length = 0;
  const result = await storeUpload({
    source: slices(pdf),
    filename,
    context: options.context ?? toInfo(images[0]).context,
    ownerUserId: options.ownerUserId,
    declaredSize: pdf.length,
    replacesDocumentIds: options.removeSources ? ids : [],
    origin: "combined",
  });
  if (result.ok && options.removeSources) {
    for (const id of ids) await deleteDocument(id, { ownerUserId: options.ownerUserId });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Housekeeping: documents of deleted accounts that were never handed to the Jobcenter, and
// blobs no record points to (an interrupted write, a failed delete, cascaded upload chunks).

export async function purgeOrphans({ blobMinAgeMs = 6 * 3_600_000 }: { blobMinAgeMs?: number } = {}): Promise<{ documents: number; blobs: number }> {
  const db = await getDb();
  const storage = blobStorage();
  const ownerless = await db.selectFrom("documents").select(["id", "blob_key"]).where("owner_user_id", "is", null).where("submitted_at", "is", null).execute();
  for (const row of ownerless) {
    await db.deleteFrom("documents").where("id", "=", row.id).execute();
    await storage.delete(row.blob_key).catch(() => {});
  }
  let blobs = 0;
  const cutoff = Date.now() - blobMinAgeMs;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const [docs, parts] = await Promise.all([
      db.selectFrom("documents").select("blob_key").where("blob_key", "in", batch).execute(),
      db.selectFrom("upload_parts").select("blob_key").where("blob_key", "in", batch).execute(),
    ]);
    const used = new Set([...docs, ...parts].map((r) => r.blob_key));
    for (const key of batch) {
      if (!used.has(key)) {
        await storage.delete(key);
        blobs++;
      }
    }
    batch = [];
  };
  for await (const blob of storage.list()) {
    if (blob.modifiedAt.getTime() > cutoff) continue;
    batch.push(blob.key);
    if (batch.length >= 200) await flush();
  }
  await flush();
  await storage.cleanupTemporary?.(blobMinAgeMs);
  if (ownerless.length || blobs) log().info({ event: "documents-purged", documents: ownerless.length, blobs }, "documents");
  return { documents: ownerless.length, blobs };
}

// "Download all my data": the documents' metadata (the files themselves are on "Meine Dokumente").
export const documentsExport: ExportSection = async (userId) => {
  const db = await getDb();
  const rows = await db.selectFrom("documents").selectAll().where("owner_user_id", "=", userId).orderBy("created_at").execute();
  return rows.map((row) => {
    const info = toInfo(row);
    return {
      id: info.id,
      filename: info.filename,
      mediaType: info.mediaType,
      originalMediaType: info.originalMediaType,
      size: info.size,
      sha512: info.sha512,
      originalSha512: info.originalSha512,
      context: info.context,
      submittedAt: info.submittedAt,
      createdAt: info.createdAt,
    };
  });
};
