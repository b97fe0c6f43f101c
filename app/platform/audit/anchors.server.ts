import fs from "node:fs";
import path from "node:path";
import { dataDir } from "~/platform/config/env.server";

// Anchors of the audit log outside the database: DATA_DIR/audit-anchors.log, one JSON line per
// anchor, appended only ({"at":"<ISO time>","count":<entries>,"head":"<hash of the newest>"}).
// `audit --verify` checks every anchor against the log, so a cut tail or a rewrite shows even
// when the chain in the database is consistent in itself. The file is plain JSON lines so that a
// log shipper can forward it off the machine (README.md, "Audit log").

export interface AuditAnchor {
  at: string;
  count: number;
  head: string;
}

export const AUDIT_ANCHOR_FILE_NAME = "audit-anchors.log";

export function auditAnchorFile(): string {
  return path.join(dataDir(), AUDIT_ANCHOR_FILE_NAME);
}

function parseLine(line: string): AuditAnchor | null {
  try {
    const value = JSON.parse(line) as Partial<AuditAnchor>;
    if (typeof value.count === "number" && Number.isInteger(value.count) && value.count > 0 && typeof value.head === "string" && /^[0-9a-f]{64}$/.test(value.head)) {
      return { at: typeof value.at === "string" ? value.at : "", count: value.count, head: value.head };
    }
  } catch {
    // a torn line (crash while appending); skipped
  }
  return null;
}

/** Every anchor in the file, in file order (an absent file has none). */
export function readAuditAnchors(file = auditAnchorFile()): AuditAnchor[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const anchors: AuditAnchor[] = [];
  for (const line of text.split("\n")) {
    const anchor = line.trim() ? parseLine(line) : null;
    if (anchor) anchors.push(anchor);
  }
  return anchors;
}

/** The last anchor in the file, reading only its end. */
export function lastAuditAnchor(file = auditAnchorFile()): AuditAnchor | null {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 8192);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString("utf8").split("\n");
    for (let i = lines.length - 1; i >= 0; i--) {
      const anchor = lines[i].trim() ? parseLine(lines[i]) : null;
      if (anchor) return anchor;
    }
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends one anchor line (O_APPEND: lines of concurrent writers do not interleave). */
export async function appendAuditAnchor(anchor: AuditAnchor, file = auditAnchorFile()): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.appendFile(file, `${JSON.stringify({ at: anchor.at, count: anchor.count, head: anchor.head })}\n`, { encoding: "utf8", mode: 0o640 });
}
