import { isLanguage, type Language } from "~/domain/languages";
import type { ApplicationData } from "~/domain/application/model";
import { openText } from "~/platform/crypto/at-rest.server";
import { getDb } from "~/platform/db/db.server";
import type { ApplicationsTable } from "~/platform/db/schema.server";
import type { Executor } from "~/platform/db/write.server";

// An application as stored (answers sealed at rest) and as the feature's modules read it. Every
// read on behalf of a person checks that the application is theirs: anything else is "not
// found", so nobody learns that someone else's application exists.

export const SEAL_PURPOSE = "application-data";

export type ApplicationRow = ApplicationsTable;

export interface ApplicationRecord {
  id: string;
  reference: string;
  userId: string | null;
  status: "draft" | "submitted";
  antragsdatum: string;
  traegerId: string;
  standortId: string | null;
  language: Language;
  data: ApplicationData;
  schemaVersion: number;
  documentsDigital: boolean | null;
  decisionsDigital: boolean | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export function openData(sealed: string): ApplicationData {
  const text = openText(SEAL_PURPOSE, sealed);
  if (text === null) throw new Error("application data cannot be opened (DOCUMENT_KEY changed?)");
  return JSON.parse(text) as ApplicationData;
}

export function toRecord(row: ApplicationRow): ApplicationRecord {
  return {
    id: row.id,
    reference: row.reference,
    userId: row.user_id,
    status: row.status,
    antragsdatum: row.antragsdatum,
    traegerId: row.traeger_id,
    standortId: row.standort_id,
    language: isLanguage(row.language) ? row.language : "de",
    data: openData(row.data_sealed),
    schemaVersion: Number(row.schema_version),
    documentsDigital: row.documents_digital === null ? null : Number(row.documents_digital) === 1,
    decisionsDigital: row.decisions_digital === null ? null : Number(row.decisions_digital) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** The application if it belongs to this person, else null. */
export async function ownApplication(userId: string, id: string): Promise<ApplicationRecord | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("applications").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** For the back office: rows by id, any owner. */
export async function applicationById(db: Executor, id: string): Promise<ApplicationRecord | null> {
  const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toRecord(row) : null;
}
