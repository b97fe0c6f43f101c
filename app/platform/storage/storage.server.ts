import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir } from "~/platform/config/env.server";

// One storage interface for every file the portal keeps (documents, upload chunks). Callers
// hand over a stream and get an opaque key back; they never see a path. The default keeps the
// blobs in a local folder (DATA_DIR/documents); an object store (S3, MinIO, Azure Blob) can be
// added later as another implementation of BlobStorage without touching the callers.
//
// The storage holds ciphertext only: documents.server.ts encrypts before `put` and decrypts
// after `get`.

export interface BlobInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface BlobStorage {
  /**
   * Stores the whole stream under a new key and returns it. Nothing is kept when the stream
   * fails (the blob appears only once it is complete).
   */
  put(source: Readable | AsyncIterable<Uint8Array>): Promise<{ key: string; size: number }>;
  /** A stream of the blob's bytes; throws BlobNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** Deletes the blob; deleting a missing blob is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every blob (for the housekeeping job that removes blobs no record points to). */
  list(): AsyncIterable<BlobInfo>;
  /** Removes leftovers of interrupted writes: untouched for `olderThanMs`, or of a writer that is gone (optional). */
  cleanupTemporary?(olderThanMs: number): Promise<number>;
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`blob not found: ${key.slice(0, 8)}…`);
    this.name = "BlobNotFoundError";
  }
}

/**
 * The code of a storage failure of the machine — the file system is full (ENOSPC), over quota
 * (EDQUOT), failing (EIO) or read-only (EROFS), or the database could not write for the same
 * reason (SQLITE_FULL, SQLITE_IOERR…, PostgreSQL 53100 disk_full) — or null for anything else.
 * Such a failure is not the person's fault and passes: the answer is "try again later".
 */
export function storageErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  if (["ENOSPC", "EDQUOT", "EIO", "EROFS", "SQLITE_FULL", "53100"].includes(code) || code.startsWith("SQLITE_IOERR")) return code;
  return null;
}

export function isStorageError(error: unknown): boolean {
  return storageErrorCode(error) !== null;
}

const KEY_PATTERN = /^[a-f0-9]{32}$/;

export function isBlobKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Blobs as files: <root>/<ab>/<cd>/<key>, written to <root>/.tmp first and renamed when complete. */
export class LocalFolderStorage implements BlobStorage {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, ".tmp");
  }

  private fileOf(key: string): string {
    if (!isBlobKey(key)) throw new BlobNotFoundError(key);
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(source: Readable | AsyncIterable<Uint8Array>): Promise<{ key: string; size: number }> {
    const key = crypto.randomBytes(16).toString("hex");
    const file = this.fileOf(key);
    await fsp.mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    // The writer's process id is in the name: a temp file of a process that is gone is removed at once.
    const tmp = path.join(this.tmpDir, `${key}.${process.pid}.part`);
    let size = 0;
    const counted = async function* () {
      for await (const chunk of source as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        yield chunk;
      }
    };
    try {
      await pipeline(Readable.from(counted(), { objectMode: false }), fs.createWriteStream(tmp, { mode: 0o600, flags: "wx" }));
      await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await fsp.rename(tmp, file);
    } catch (error) {
      await fsp.rm(tmp, { force: true }).catch(() => {});
      throw error;
    }
    return { key, size };
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await fsp.open(this.fileOf(key), "r");
      return handle.createReadStream({ highWaterMark: 64 * 1024 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!isBlobKey(key)) return;
    await fsp.rm(this.fileOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    if (!isBlobKey(key)) return false;
    return fsp
      .stat(this.fileOf(key))
      .then((s) => s.isFile())
      .catch(() => false);
  }

  async *list(): AsyncIterable<BlobInfo> {
    const level1 = await fsp.readdir(this.root).catch(() => [] as string[]);
    for (const a of level1) {
      if (!/^[a-f0-9]{2}$/.test(a)) continue;
      for (const b of await fsp.readdir(path.join(this.root, a)).catch(() => [] as string[])) {
        if (!/^[a-f0-9]{2}$/.test(b)) continue;
        for (const key of await fsp.readdir(path.join(this.root, a, b)).catch(() => [] as string[])) {
          if (!isBlobKey(key)) continue;
          const stat = await fsp.stat(path.join(this.root, a, b, key)).catch(() => null);
          if (stat?.isFile()) yield { key, size: stat.size, modifiedAt: stat.mtime };
        }
      }
    }
  }

  async cleanupTemporary(olderThanMs: number): Promise<number> {
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for (const name of await fsp.readdir(this.tmpDir).catch(() => [] as string[])) {
      const file = path.join(this.tmpDir, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat && (stat.mtimeMs < cutoff || writerIsGone(name, stat.mtimeMs))) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

const STARTED_AT = Date.now() - process.uptime() * 1000;

/**
 * Whether the process that wrote a temp file (`<key>.<pid>.part`) is gone: no such process, or
 * this process's id but written before it started (a container restarts with the same pid).
 */
function writerIsGone(name: string, mtimeMs: number): boolean {
  const match = /^[a-f0-9]{32}\.(\d+)\.part$/.exec(name);
  if (!match) return false;
  const pid = Number(match[1]);
  if (pid === process.pid) return mtimeMs < STARTED_AT;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

let instance: BlobStorage | null = null;
let instanceRoot: string | null = null;

/** The storage of this process: a local folder under DATA_DIR/documents unless replaced. */
export function blobStorage(): BlobStorage {
  const root = path.join(dataDir(), "documents");
  // Tests point DATA_DIR elsewhere between files: follow it unless a storage was set explicitly.
  if (!instance || (instanceRoot !== null && instanceRoot !== root)) {
    instance = new LocalFolderStorage(root);
    instanceRoot = root;
  }
  return instance;
}

/** Replaces the storage (an object store later; tests). `null` goes back to the default. */
export function setBlobStorage(storage: BlobStorage | null): void {
  instance = storage;
  instanceRoot = null;
}
