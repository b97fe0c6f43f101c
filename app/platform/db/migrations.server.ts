import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DatabaseKind } from "./db.server";
import { DOCUMENT_FILENAME_PURPOSE, sealText } from "~/platform/crypto/at-rest.server";

// One set of migrations for SQLite and PostgreSQL, run on start. Only portable column types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const migrations: Record<string, Migration> = {
  "001_accounts": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("email_verified_at", "text")
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
      await db.schema
        .createTable("user_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .execute();
    },
  },
  "002_barrier_reports": {
    async up(db: AnyDb) {
      await db.schema
        .createTable("barrier_reports")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("reference", "text", (c) => c.notNull().unique())
        .addColumn("page", "text")
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("contact_email", "text")
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "010_api_platform": {
    // Back-office API platform: API keys, idempotency records, the audit log (append-only,
    // hash-chained), webhook subscriptions, the event outbox and its deliveries.
    async up(db: AnyDb) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable("api_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("audience", "text", (c) => c.notNull())
        .addColumn("rate_limit_per_minute", "integer")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .addColumn("revoked_at", "text")
        .execute();
      // A name identifies one active key; revoked keys keep theirs (the audit log refers to it).
      await db.schema.createIndex("api_keys_active_name").on("api_keys").column("name").unique().where(sql.ref("revoked_at"), "is", null).execute();
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("api_key_id", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.notNull())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("response_status", "integer")
        .addColumn("response_headers", "text")
        .addColumn("response_body", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("completed_at", "text")
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["api_key_id", "idempotency_key"])
        .execute();
      await db.schema.createIndex("idempotency_keys_created").on("idempotency_keys").column("created_at").execute();
      await db.schema
        .createTable("audit_log")
        .addColumn("seq", "integer", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_type", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("operation", "text", (c) => c.notNull())
        .addColumn("record_type", "text", (c) => c.notNull())
        .addColumn("record_id", "text")
        .addColumn("details", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull().unique())
        .execute();
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
      await db.schema.createIndex("audit_log_record").on("audit_log").columns(["record_type", "record_id"]).execute();
      // Append-only in the database as well; the hash chain shows it if someone goes around this.
      if (postgres) {
        await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_log is append-only'; end $$`.execute(db);
        await sql`create trigger audit_log_no_change before update or delete on audit_log
          for each row execute function audit_log_append_only()`.execute(db);
        await sql`create trigger audit_log_no_truncate before truncate on audit_log
          for each statement execute function audit_log_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_log_no_update before update on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      }
      await db.schema
        .createTable("webhook_subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("events", "text", (c) => c.notNull())
        .addColumn("secret_sealed", "text", (c) => c.notNull())
        .addColumn("audience", "text", (c) => c.notNull())
        .addColumn("created_by_key_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("deleted_at", "text")
        .execute();
      await db.schema.createIndex("webhook_subscriptions_audience").on("webhook_subscriptions").columns(["audience", "created_at", "id"]).execute();
      await db.schema
        .createTable("webhook_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("subject_key", "text", (c) => c.notNull())
        .addColumn("subject_seq", "integer", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("webhook_events_subject_seq", ["subject_key", "subject_seq"])
        .execute();
      await db.schema.createIndex("webhook_events_created").on("webhook_events").column("created_at").execute();
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("event_id", "text", (c) => c.notNull().references("webhook_events.id").onDelete("cascade"))
        .addColumn("subscription_id", "text", (c) => c.notNull().references("webhook_subscriptions.id").onDelete("cascade"))
        .addColumn("subject_key", "text", (c) => c.notNull())
        .addColumn("subject_seq", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addColumn("last_status", "integer")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
      await db.schema.createIndex("webhook_deliveries_order").on("webhook_deliveries").columns(["subscription_id", "subject_key", "subject_seq"]).execute();
      await db.schema.createIndex("webhook_deliveries_event").on("webhook_deliveries").column("event_id").execute();
    },
  },
  "020_appointments": {
    async up(db: AnyDb) {
      // Capacity is the database's job: `booked` may never exceed `capacity` (CHECK), and a
      // booking raises it with one guarded UPDATE in the same transaction as the insert.
      await db.schema
        .createTable("appointment_slots")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("standort_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("ends_at", "text", (c) => c.notNull())
        .addColumn("capacity", "integer", (c) => c.notNull())
        .addColumn("booked", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("deleted_at", "text")
        .addCheckConstraint("appointment_slots_capacity", sql`capacity >= 1 and booked >= 0 and booked <= capacity`)
        .addCheckConstraint("appointment_slots_times", sql`ends_at > starts_at`)
        .execute();
      // One slot per Standort, type and start (makes the demo loader idempotent).
      await sql`create unique index appointment_slots_unique on appointment_slots (standort_id, type, starts_at) where deleted_at is null`.execute(db);
      await db.schema.createIndex("appointment_slots_starts").on("appointment_slots").columns(["starts_at", "standort_id", "type"]).execute();
      await db.schema
        .createTable("appointments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("reference", "text", (c) => c.notNull().unique())
        // Null once the account is deleted (the reminders job then releases the place).
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("slot_id", "text", (c) => c.notNull().references("appointment_slots.id"))
        .addColumn("standort_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("ends_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("hold_expires_at", "text")
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("phone", "text")
        .addColumn("interpreter_language", "text")
        .addColumn("interpreter_other", "text")
        .addColumn("accessibility_needs", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("accessibility_other", "text")
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("application_id", "text")
        .addColumn("case_id", "text")
        .addColumn("rebook_of", "text")
        .addColumn("rebooked_to", "text")
        .addColumn("invitation_message", "text")
        .addColumn("decline_message", "text")
        .addColumn("cancel_reason", "text")
        .addColumn("outcome", "text")
        .addColumn("outcome_at", "text")
        .addColumn("explanation", "text")
        .addColumn("explained_at", "text")
        // The calendar entry: a rebooked appointment keeps the UID and raises SEQUENCE.
        .addColumn("calendar_uid", "text", (c) => c.notNull())
        .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("booked_at", "text")
        .addColumn("cancelled_at", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addCheckConstraint("appointments_status", sql`status in ('held', 'proposed', 'booked', 'cancelled', 'expired', 'declined')`)
        .execute();
      // A person holds at most one active place in a slot.
      await sql`create unique index appointments_person_slot on appointments (slot_id, user_id) where status in ('held', 'proposed', 'booked') and user_id is not null`.execute(db);
      await db.schema.createIndex("appointments_user").on("appointments").columns(["user_id", "status", "starts_at"]).execute();
      await db.schema.createIndex("appointments_status").on("appointments").columns(["status", "hold_expires_at"]).execute();
      await db.schema.createIndex("appointments_standort").on("appointments").columns(["standort_id", "starts_at", "id"]).execute();
      await db.schema.createIndex("appointments_starts").on("appointments").columns(["starts_at", "id"]).execute();
      // One row per appointment and reminder kind: claiming it is what makes a reminder go out once.
      await db.schema
        .createTable("appointment_reminders")
        .addColumn("appointment_id", "text", (c) => c.notNull().references("appointments.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("last_error", "text")
        .addPrimaryKeyConstraint("appointment_reminders_pk", ["appointment_id", "kind"])
        .execute();
    },
  },
  "030_documents": {
    async up(db: AnyDb) {
      // Documents at rest (documents.server.ts): the file itself is an encrypted blob in the
      // BlobStorage; this row holds its metadata and its data key, wrapped with DOCUMENT_KEY.
      await db.schema
        .createTable("documents")
        .addColumn("id", "text", (c) => c.primaryKey())
        // Null once the account is deleted: documents already handed to the Jobcenter stay;
        // the housekeeping job deletes the others.
        .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("context_kind", "text", (c) => c.notNull())
        .addColumn("context_id", "text", (c) => c.notNull())
        .addColumn("context_item", "text")
        .addColumn("filename", "text", (c) => c.notNull())
        .addColumn("media_type", "text", (c) => c.notNull())
        .addColumn("original_media_type", "text", (c) => c.notNull())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("original_size", "integer", (c) => c.notNull())
        .addColumn("sha512", "text", (c) => c.notNull())
        .addColumn("original_sha512", "text", (c) => c.notNull())
        .addColumn("blob_key", "text", (c) => c.notNull().unique())
        .addColumn("wrapped_key", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("documents_context").on("documents").columns(["context_kind", "context_id", "created_at"]).execute();
      await db.schema.createIndex("documents_owner").on("documents").columns(["owner_user_id", "created_at"]).execute();
      // Resumable uploads (uploads.server.ts): each received chunk is one encrypted blob.
      await db.schema
        .createTable("uploads")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner_user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("context_kind", "text", (c) => c.notNull())
        .addColumn("context_id", "text", (c) => c.notNull())
        .addColumn("context_item", "text")
        .addColumn("filename", "text", (c) => c.notNull())
        .addColumn("declared_size", "integer", (c) => c.notNull())
        .addColumn("received", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("wrapped_key", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("document_id", "text")
        .addColumn("error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addCheckConstraint("uploads_status", sql`status in ('open', 'processing', 'complete', 'failed')`)
        .addCheckConstraint("uploads_received", sql`received >= 0 and received <= declared_size`)
        .execute();
      await db.schema.createIndex("uploads_owner").on("uploads").columns(["owner_user_id", "status"]).execute();
      await db.schema.createIndex("uploads_context").on("uploads").columns(["context_kind", "context_id", "status"]).execute();
      await db.schema.createIndex("uploads_updated").on("uploads").columns(["updated_at"]).execute();
      await db.schema
        .createTable("upload_parts")
        .addColumn("upload_id", "text", (c) => c.notNull().references("uploads.id").onDelete("cascade"))
        .addColumn("start_offset", "integer", (c) => c.notNull())
        .addColumn("length", "integer", (c) => c.notNull())
        .addColumn("blob_key", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("upload_parts_pk", ["upload_id", "start_offset"])
        .execute();
    },
  },
  "040_applications": {
    async up(db: AnyDb) {
      // The online application (applications.server.ts). Created by "apply now", which secures
      // the Antragsdatum; the answers are one JSON document, sealed at rest (AES-256-GCM).
      await db.schema
        .createTable("applications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("reference", "text", (c) => c.notNull().unique())
        // Null once the account is deleted (a submitted application stays with the Jobcenter).
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("antragsdatum", "text", (c) => c.notNull())
        .addColumn("traeger_id", "text", (c) => c.notNull())
        .addColumn("standort_id", "text")
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("data_sealed", "text", (c) => c.notNull())
        .addColumn("schema_version", "integer", (c) => c.notNull())
        .addColumn("documents_digital", "integer")
        .addColumn("decisions_digital", "integer")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text")
        .addCheckConstraint("applications_status", sql`status in ('draft', 'submitted')`)
        .execute();
      // At most one open (draft) application per person: "apply now" twice finds the first.
      await sql`create unique index applications_one_draft on applications (user_id) where status = 'draft'`.execute(db);
      await db.schema.createIndex("applications_user").on("applications").columns(["user_id", "created_at"]).execute();
      await db.schema.createIndex("applications_created").on("applications").columns(["created_at", "id"]).execute();
      await db.schema.createIndex("applications_status").on("applications").columns(["status", "standort_id", "submitted_at"]).execute();
    },
  },
  "050_application_documents": {
    async up(db: AnyDb) {
      // The back office's processing status of an application and its messages (the person sees
      // them on /antrag/:id/status), and its requests for documents (application-documents.server.ts).
      await db.schema
        .createTable("application_status_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("message_sealed", "text")
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("application_status_events_app").on("application_status_events").columns(["application_id", "created_at"]).execute();
      await db.schema
        .createTable("application_document_requests")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
        .addColumn("category", "text", (c) => c.notNull())
        .addColumn("description_sealed", "text", (c) => c.notNull())
        .addColumn("due_date", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("answered_at", "text")
        .addCheckConstraint("application_document_requests_status", sql`status in ('open', 'answered')`)
        .execute();
      await db.schema.createIndex("application_document_requests_app").on("application_document_requests").columns(["application_id", "created_at"]).execute();
    },
  },
  "060_cases": {
    async up(db: AnyDb) {
      // Cases of people who receive benefits (cases.server.ts, issue 6): linked to a portal
      // account by a one-time activation code (only its hash is stored) or by the back office
      // assigning the identifiers of an online application.
      await db.schema
        .createTable("cases")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kundennummer", "text", (c) => c.notNull())
        .addColumn("bg_nummer", "text", (c) => c.notNull())
        // Null until linked, and again once the account is deleted.
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("application_id", "text")
        .addColumn("linked_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("cases_identifiers", ["kundennummer", "bg_nummer"])
        .execute();
      await db.schema.createIndex("cases_user").on("cases").columns(["user_id"]).execute();
      await db.schema
        .createTable("case_activation_codes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("code_hash", "text", (c) => c.notNull().unique())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .addColumn("revoked_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("cooperation_plans")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("version", "integer", (c) => c.notNull())
        // The plan as the back office sent it (JSON), sealed at rest.
        .addColumn("content_sealed", "text", (c) => c.notNull())
        .addColumn("published_by", "text", (c) => c.notNull())
        .addColumn("read_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("cooperation_plans_version", ["case_id", "version"])
        .execute();
      // One row per occurrence of a task (a monthly task has one per month); kept across plan
      // versions by (task key, occurrence), so a done task stays done in the next version.
      await db.schema
        .createTable("case_tasks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("task_key", "text", (c) => c.notNull())
        .addColumn("occurrence", "integer", (c) => c.notNull())
        .addColumn("due_date", "text")
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("done_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("case_tasks_occurrence", ["case_id", "task_key", "occurrence"])
        .addCheckConstraint("case_tasks_status", sql`status in ('open', 'done')`)
        .execute();
      await db.schema.createIndex("case_tasks_due").on("case_tasks").columns(["status", "active", "due_date"]).execute();
      await db.schema
        .createTable("case_task_help")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("task_id", "text", (c) => c.notNull().references("case_tasks.id").onDelete("cascade"))
        .addColumn("message_sealed", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("case_task_help_task").on("case_task_help").columns(["task_id", "created_at"]).execute();
      await db.schema
        .createTable("case_task_reminders")
        .addColumn("task_id", "text", (c) => c.notNull().references("case_tasks.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("case_task_reminders_pk", ["task_id", "kind"])
        .execute();
    },
  },
  "070_ombuds": {
    async up(db: AnyDb) {
      // The Ombudsstelle channel (ombuds.server.ts): apart from case data, no link to accounts.
      // Message texts and contact addresses are sealed (AES-256-GCM, at-rest.server.ts); the
      // follow-up code only as an HMAC. Deleted after OMBUDS_RETENTION_DAYS of inactivity.
      await db.schema
        .createTable("ombuds_messages")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("reference", "text", (c) => c.notNull().unique())
        .addColumn("code_hash", "text", (c) => c.notNull())
        // HMAC of the form's one-time token with the content: a repeated post finds the same message.
        .addColumn("submission_hash", "text", (c) => c.notNull().unique())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("email_sealed", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_activity_at", "text", (c) => c.notNull())
        .addCheckConstraint("ombuds_messages_status", sql`status in ('received', 'in-progress', 'answered', 'closed')`)
        .execute();
      await db.schema.createIndex("ombuds_messages_created").on("ombuds_messages").columns(["created_at", "id"]).execute();
      await db.schema.createIndex("ombuds_messages_activity").on("ombuds_messages").columns(["last_activity_at"]).execute();
      await db.schema
        .createTable("ombuds_entries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("message_id", "text", (c) => c.notNull().references("ombuds_messages.id").onDelete("cascade"))
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("body_sealed", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addCheckConstraint("ombuds_entries_author", sql`author in ('sender', 'ombuds')`)
        .execute();
      await db.schema.createIndex("ombuds_entries_message").on("ombuds_entries").columns(["message_id", "created_at"]).execute();
      // Attachments of a sender's entry: checked and re-encoded like documents (photos → JPEG),
      // then sealed as a whole into the row (apart from the shared document store and its cleanup).
      await db.schema
        .createTable("ombuds_attachments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("message_id", "text", (c) => c.notNull().references("ombuds_messages.id").onDelete("cascade"))
        .addColumn("entry_id", "text", (c) => c.notNull().references("ombuds_entries.id").onDelete("cascade"))
        .addColumn("filename_sealed", "text", (c) => c.notNull())
        .addColumn("media_type", "text", (c) => c.notNull())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("sha512", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("content_sealed", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("ombuds_attachments_message").on("ombuds_attachments").columns(["message_id"]).execute();
    },
  },
  "080_staff": {
    async up(db: AnyDb) {
      // Staff of the back-office inbox (/backoffice, staff.server.ts): separate from applicants'
      // accounts, sessions and cookies. The TOTP secret is sealed (at-rest.server.ts).
      await db.schema
        .createTable("staff_users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("totp_secret", "text", (c) => c.notNull())
        .addColumn("totp_last_counter", "integer")
        .addColumn("roles", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .execute();
      await db.schema
        .createTable("staff_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("staff_id", "text", (c) => c.notNull().references("staff_users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("staff_sessions_staff").on("staff_sessions").column("staff_id").execute();
    },
  },
  "090_draft_expiry": {
    async up(db: AnyDb) {
      // The warning before an unsubmitted draft is deleted (draft-expiry.server.ts): one row per
      // draft, for the version (updated_at) it warned about; saving again needs a new warning.
      await db.schema
        .createTable("application_draft_warnings")
        .addColumn("application_id", "text", (c) => c.primaryKey().references("applications.id").onDelete("cascade"))
        .addColumn("draft_updated_at", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("last_error", "text")
        .execute();
      // The back office's review of a handed-over document (accepted, or asked again with a
      // reason): one current decision per document (application-documents.server.ts).
      await db.schema
        .createTable("application_document_reviews")
        .addColumn("document_id", "text", (c) => c.primaryKey().references("documents.id").onDelete("cascade"))
        .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("reason_sealed", "text")
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addCheckConstraint("application_document_reviews_decision", sql`decision in ('accepted', 'rejected')`)
        .execute();
      await db.schema.createIndex("application_document_reviews_app").on("application_document_reviews").columns(["application_id"]).execute();
    },
  },
  "100d_sealed_document_names": {
    async up(db: AnyDb) {
      // File names can carry personal data ("Kontoauszug Maria Musterfrau.pdf"): sealed like the
      // rest (decision 029). Existing rows are sealed in place, then the column is renamed so no
      // code can read it as clear text any more.
      for (const table of ["documents", "uploads"]) {
        const rows: Array<{ id: string; filename: string }> = await db.selectFrom(table).select(["id", "filename"]).execute();
        for (const row of rows) {
          if (row.filename.startsWith("v1.")) continue;
          await db
            .updateTable(table)
            .set({ filename: sealText(DOCUMENT_FILENAME_PURPOSE, row.filename) })
            .where("id", "=", row.id)
            .execute();
        }
        await db.schema.alterTable(table).renameColumn("filename", "filename_sealed").execute();
      }
    },
  },
  "100b_mail_outbox": {
    async up(db: AnyDb) {
      // Every mail the portal sends (platform/mail/outbox.server.ts): written in the transaction
      // of the change that causes it, sent by the mail worker. The content (address, subject,
      // text, attachments) is sealed and emptied once the mail went out; the row keeps only
      // what operations need. dedup_key: one change enqueues at most one mail.
      await db.schema
        .createTable("mail_outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("dedup_key", "text", (c) => c.notNull().unique())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("message_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("content_sealed", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addCheckConstraint("mail_outbox_status", sql`status in ('pending', 'sent', 'failed')`)
        .execute();
      await db.schema.createIndex("mail_outbox_due").on("mail_outbox").columns(["status", "next_attempt_at"]).execute();
      await db.schema.createIndex("mail_outbox_created").on("mail_outbox").column("created_at").execute();
    },
  },
  "110g_benefit_periods": {
    async up(db: AnyDb) {
      // The approval period of a case (PUT /api/v1/cases/{caseId}/benefit-period, issue 14) and
      // the renewal reminders sent before it ends, claimed once per (case, kind).
      await db.schema.alterTable("cases").addColumn("benefit_from", "text").execute();
      await db.schema.alterTable("cases").addColumn("benefit_to", "text").execute();
      await db.schema.createIndex("cases_benefit_to").on("cases").columns(["benefit_to"]).execute();
      await db.schema
        .createTable("case_renewal_reminders")
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("claimed_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("case_renewal_reminders_pk", ["case_id", "kind"])
        .execute();
    },
  },
  "110c_appointment_outcome_corrections": {
    async up(db: AnyDb) {
      // Attendance is recorded once and then locked; a correction needs a reason (sealed, it may
      // name circumstances of the person), names the staff member and is kept as history
      // (features/appointments/staff.server.ts, decision 040).
      await db.schema
        .createTable("appointment_outcome_corrections")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("appointment_id", "text", (c) => c.notNull().references("appointments.id").onDelete("cascade"))
        .addColumn("from_outcome", "text", (c) => c.notNull())
        .addColumn("to_outcome", "text", (c) => c.notNull())
        .addColumn("reason_sealed", "text", (c) => c.notNull())
        .addColumn("staff_id", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addCheckConstraint("appointment_outcome_corrections_outcomes", sql`from_outcome in ('attended', 'missed') and to_outcome in ('attended', 'missed') and from_outcome <> to_outcome`)
        .execute();
      await db.schema.createIndex("appointment_outcome_corrections_appointment").on("appointment_outcome_corrections").column("appointment_id").execute();
      // When the "missed" mail was enqueued: a correction to "attended" then sends a correction notice.
      await db.schema.alterTable("appointments").addColumn("missed_notified_at", "text").execute();
      await db
        .updateTable("appointments")
        .set({ missed_notified_at: sql`outcome_at` })
        .where("outcome", "=", "missed")
        .execute();
      // The Standort a staff member works at: the appointment day view opens there.
      await db.schema.alterTable("staff_users").addColumn("standort_id", "text").execute();
    },
  },
  "110a_application_search_and_assignment": {
    async up(db: AnyDb) {
      // The staff inbox's search over sealed answers (decision 038): one row per application and
      // keyed hash of a normalised term (a person's name word or birth date). Filled at
      // submission, and at start for submitted applications without rows (search.server.ts).
      await db.schema
        .createTable("application_search_terms")
        .addColumn("application_id", "text", (c) => c.notNull().references("applications.id").onDelete("cascade"))
        .addColumn("term_hash", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("application_search_terms_pk", ["application_id", "term_hash"])
        .execute();
      await db.schema.createIndex("application_search_terms_hash").on("application_search_terms").columns(["term_hash", "application_id"]).execute();
      // Who works on a submitted application (one staff member at a time; history in the audit log).
      await db.schema
        .createTable("application_assignments")
        .addColumn("application_id", "text", (c) => c.primaryKey().references("applications.id").onDelete("cascade"))
        .addColumn("staff_id", "text", (c) => c.notNull().references("staff_users.id"))
        .addColumn("assigned_by", "text", (c) => c.notNull())
        .addColumn("assigned_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("application_assignments_staff").on("application_assignments").columns(["staff_id"]).execute();
    },
  },
  "110h_absence_requests": {
    async up(db: AnyDb) {
      // Requests to be away (Ortsabwesenheit, § 7b SGB II; features/absence): dates and status in
      // the clear for lists and rules, where and how to reach the person sealed; the decision's
      // message sealed. Kept with the case when the account is deleted (the Jobcenter's record).
      await db.schema
        .createTable("absence_requests")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("reference", "text", (c) => c.notNull().unique())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("submission_key", "text", (c) => c.notNull().unique())
        .addColumn("from_date", "text", (c) => c.notNull())
        .addColumn("to_date", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("details_sealed", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("decision_message_sealed", "text")
        .addColumn("decided_at", "text")
        .addColumn("decided_by", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addCheckConstraint("absence_requests_status", sql`status in ('pending', 'approved', 'refused')`)
        .execute();
      await db.schema.createIndex("absence_requests_case").on("absence_requests").columns(["case_id", "from_date"]).execute();
      await db.schema.createIndex("absence_requests_status").on("absence_requests").columns(["status", "created_at"]).execute();
    },
  },
  "110b_request_members": {
    async up(db: AnyDb) {
      // Document requests for a person of the household (issue 19 § 6, decision 039): several
      // persons × kinds are asked for in one step, one row each; null = the household (and every
      // request made before).
      await db.schema.alterTable("application_document_requests").addColumn("member_id", "text").execute();
      // The back office's message when it cancels an appointment, sealed: the mail only says
      // that there is one (issue 19 § 9), the person reads it on the appointment's page.
      await db.schema.alterTable("appointments").addColumn("cancel_message_sealed", "text").execute();
    },
  },
};

class InCodeProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

async function run(db: AnyDb, schema?: string, target?: string): Promise<void> {
  // With a PostgreSQL schema, Kysely's own bookkeeping tables live in it too (several portals,
  // e.g. test runs, can then share one database).
  const migrator = new Migrator({ db, provider: new InCodeProvider(), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` in ${failed.migrationName}` : ""}: ${String(error)}`);
  }
}

/** New migrations are appended to `migrations` above; names sort in the order they run. */
export async function migrateToLatest(db: AnyDb, kind: DatabaseKind, pgSchema?: string): Promise<void> {
  if (kind === "sqlite") return run(db);
  // Serialise concurrent starts on one PostgreSQL database; the lock is per connection.
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(424242)`.execute(conn);
    try {
      await run(conn, pgSchema);
    } finally {
      await sql`select pg_advisory_unlock(424242)`.execute(conn);
    }
  });
}

/** Migrates up to (and including) `target` only: for tests of a data migration on older rows. */
export async function migrateUpTo(db: AnyDb, kind: DatabaseKind, target: string, pgSchema?: string): Promise<void> {
  if (!(target in migrations)) throw new Error(`unknown migration ${target}`);
  await run(db, kind === "postgres" ? pgSchema : undefined, target);
}
