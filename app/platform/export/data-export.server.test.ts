import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useInProcessDatabase } from "../../../test/support/database";
import { getDb } from "~/platform/db/db.server";
import { collectExport, exportSectionNames, registerExportSection } from "./data-export.server";

let cleanup: () => Promise<void>;

beforeAll(async () => {
  cleanup = await useInProcessDatabase();
});
afterAll(async () => {
  await cleanup?.();
});

async function insertUser(id: string, email: string): Promise<void> {
  const db = await getDb();
  const now = new Date().toISOString();
  await db
    .insertInto("users")
    .values({ id, email, password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", email_verified_at: null, language: "de", created_at: now, updated_at: now })
    .execute();
  await db
    .insertInto("sessions")
    .values({ id: `session-${id}`, user_id: id, created_at: now, last_seen_at: now, expires_at: new Date(Date.now() + 3_600_000).toISOString() })
    .execute();
  await db
    .insertInto("user_tokens")
    .values({ id: `token-${id}`, user_id: id, purpose: "confirm-email", created_at: now, expires_at: now, used_at: null })
    .execute();
}

describe("data export registry", () => {
  it("collects the account, sessions and link times, and every registered section, for one person only", async () => {
    await insertUser("u1", "eins@beispiel.example");
    await insertUser("u2", "zwei@beispiel.example");
    registerExportSection("notes", async (userId) => ({ owner: userId, items: userId === "u1" ? ["Notiz"] : [] }));
    expect(exportSectionNames()).toContain("notes");

    const data = await collectExport("u1", "session-u1");
    expect(data?.account.email).toBe("eins@beispiel.example");
    expect(data?.sessions).toHaveLength(1);
    expect(data?.sessions[0].current).toBe(true);
    expect(data?.emailLinks).toEqual([expect.objectContaining({ purpose: "confirm-email", usedAt: null })]);
    expect(data?.sections.notes).toEqual({ owner: "u1", items: ["Notiz"] });
    const text = JSON.stringify(data);
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain("session-u1");
    expect(text).not.toContain("token-u1");
    expect(text).not.toContain("zwei@beispiel.example");
    expect(await collectExport("nobody")).toBeNull();
  });

  it("refuses a second registration under one name and names that are not camelCase", () => {
    registerExportSection("appointments", async () => []);
    expect(() => registerExportSection("appointments", async () => [])).toThrow(/twice/);
    expect(() => registerExportSection("Bad Name", async () => [])).toThrow(/camelCase/);
  });

  it("fails the whole export when a section fails (an incomplete answer must not look complete)", async () => {
    registerExportSection("broken", async () => {
      throw new Error("section down");
    });
    await expect(collectExport("u1")).rejects.toThrow("section down");
  });
});
