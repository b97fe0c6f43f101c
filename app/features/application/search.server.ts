import { searchTerms } from "~/domain/application/search";
import type { ApplicationData } from "~/domain/application/model";
import { blindIndex } from "~/platform/crypto/blind-index.server";
import { getDb } from "~/platform/db/db.server";
import type { Executor } from "~/platform/db/write.server";
import { log } from "~/platform/log/log.server";
import { openData } from "./records.server";

// The blind index of submitted applications (decision 038): keyed hashes of every person's
// name words and birth date, written in the submission's transaction and, at start, for
// submitted applications that have none yet (those submitted before the index existed).

export const SEARCH_PURPOSE = "application-search";

/** The stored form of one clear term ("name:mueller", "birth:1990-02-01"). */
export function termHash(term: string): string {
  return blindIndex(SEARCH_PURPOSE, term);
}

/** Replaces the application's index rows with the terms of these answers. */
export async function indexApplication(db: Executor, applicationId: string, data: ApplicationData): Promise<void> {
  await db.deleteFrom("application_search_terms").where("application_id", "=", applicationId).execute();
  const rows = searchTerms(data).map((term) => ({ application_id: applicationId, term_hash: termHash(term) }));
  if (rows.length) await db.insertInto("application_search_terms").values(rows).execute();
}

/** Indexes submitted applications without index rows; returns how many. Runs at start. */
export async function indexSubmittedApplications(): Promise<number> {
  const db = await getDb();
  const missing = await db
    .selectFrom("applications")
    .select(["id", "data_sealed"])
    .where("status", "=", "submitted")
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom("application_search_terms as t").select("t.application_id").whereRef("t.application_id", "=", "applications.id"))))
    .execute();
  let done = 0;
  for (const row of missing) {
    let data: ApplicationData;
    try {
      data = openData(row.data_sealed);
    } catch {
      continue; // sealed under another key: nothing to index (the page says the same when opened)
    }
    await indexApplication(db, row.id, data);
    done++;
  }
  if (done) log().info({ applications: done }, "search index filled for submitted applications");
  return done;
}
