import { getDb } from "~/platform/db/db.server";

// "Download all my data" (DSGVO Art. 15 and 20): the account itself, and one section per
// feature. A feature exports its section as a value; the composition root
// (app/server/compose.server.ts) registers it at start, before the first request. A section
// returns plain JSON-able data of that one person only.
export type ExportSection = (userId: string) => Promise<unknown>;

const sections = new Map<string, ExportSection>();

export function registerExportSection(name: string, collect: ExportSection): void {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) throw new Error(`export section name must be camelCase: ${name}`);
  if (sections.has(name) && sections.get(name) !== collect) throw new Error(`export section registered twice: ${name}`);
  sections.set(name, collect);
}

export function exportSectionNames(): string[] {
  return [...sections.keys()].sort();
}

export interface AccountExport {
  format: "buergerportal-export/1";
  exportedAt: string;
  account: {
    id: string;
    email: string;
    emailConfirmedAt: string | null;
    language: string;
    createdAt: string;
    updatedAt: string;
  };
  /** Sign-ins that are still open: times only, never the session key. */
  sessions: Array<{ createdAt: string; lastSeenAt: string; expiresAt: string; current: boolean }>;
  /** E-mailed links (confirm address, new password): times only, never the link itself. */
  emailLinks: Array<{ purpose: string; createdAt: string; expiresAt: string; usedAt: string | null }>;
  sections: Record<string, unknown>;
}

/**
 * Everything stored about one person. Never the password hash, session keys or token hashes.
 * A failing section fails the whole export: an incomplete answer to Art. 15 must not look complete.
 */
export async function collectExport(userId: string, currentSessionId?: string): Promise<AccountExport | null> {
  const db = await getDb();
  const user = await db.selectFrom("users").select(["id", "email", "email_verified_at", "language", "created_at", "updated_at"]).where("id", "=", userId).executeTakeFirst();
  if (!user) return null;
  const sessionRows = await db.selectFrom("sessions").select(["id", "created_at", "last_seen_at", "expires_at"]).where("user_id", "=", userId).orderBy("created_at").execute();
  const tokenRows = await db.selectFrom("user_tokens").select(["purpose", "created_at", "expires_at", "used_at"]).where("user_id", "=", userId).orderBy("created_at").execute();
  const collected: Record<string, unknown> = {};
  for (const name of exportSectionNames()) {
    collected[name] = await sections.get(name)!(userId);
  }
  return {
    format: "buergerportal-export/1",
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      emailConfirmedAt: user.email_verified_at,
      language: user.language,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
    },
    sessions: sessionRows.map((s) => ({ createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at, current: s.id === currentSessionId })),
    emailLinks: tokenRows.map((t) => ({ purpose: t.purpose, createdAt: t.created_at, expiresAt: t.expires_at, usedAt: t.used_at })),
    sections: collected,
  };
}
