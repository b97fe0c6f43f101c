import type { Generated } from "kysely";

// Table types for Kysely. Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers.


export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  email_verified_at: string | null;
  language: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself lives only in the cookie. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface UserTokensTable {
  /** SHA-256 of the token sent by mail. */
  id: string;
  user_id: string;
  purpose: "confirm-email" | "reset-password";
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface BarrierReportsTable {
  id: string;
  reference: string;
  page: string | null;
  description: string;
  contact_email: string | null;
  language: string;
  created_at: string;
}

export interface AppointmentSlotsTable {
  id: string;
  standort_id: string;
  type: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  /** Places taken by held, proposed and booked appointments; the database keeps it ≤ capacity. */
  booked: Generated<number>;
  source: "api" | "demo";
  created_at: string;
  deleted_at: string | null;
}

export interface AppointmentsTable {
  id: string;
  reference: string;
  user_id: string | null;
  slot_id: string;
  standort_id: string;
  type: string;
  starts_at: string;
  ends_at: string;
  status: "held" | "proposed" | "booked" | "cancelled" | "expired" | "declined";
  origin: "portal" | "invitation";
  hold_expires_at: string | null;
  channel: "in-person" | "phone" | "video";
  phone: string | null;
  interpreter_language: string | null;
  interpreter_other: string | null;
  /** JSON array of needs ("wheelchair", "sign-language", …). */
  accessibility_needs: Generated<string>;
  accessibility_other: string | null;
  language: string;
  application_id: string | null;
  case_id: string | null;
  rebook_of: string | null;
  rebooked_to: string | null;
  invitation_message: string | null;
  decline_message: string | null;
  cancel_reason: string | null;
  outcome: "attended" | "missed" | null;
  outcome_at: string | null;
  explanation: string | null;
  explained_at: string | null;
  calendar_uid: string;
  sequence: Generated<number>;
  created_at: string;
  booked_at: string | null;
  cancelled_at: string | null;
  updated_at: string;
}

export interface AppointmentRemindersTable {
  appointment_id: string;
  kind: string;
  claimed_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
}

// Back-office API platform (migration 010_api_platform).

export interface ApiKeysTable {
  /** The public part of the key (`bp_<id>_<secret>`). */
  id: string;
  name: string;
  /** HMAC-SHA256 (keyed with the API key pepper) of the whole key, hex. */
  secret_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  /** "jobcenter" or "ombuds" (a key with ombuds:* scopes holds no other scope). */
  audience: string;
  /** Requests per minute; null: API_RATE_LIMIT_PER_MINUTE. */
  rate_limit_per_minute: number | null;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface IdempotencyKeysTable {
  api_key_id: string;
  idempotency_key: string;
  /** SHA-256 of method, path and body. */
  request_hash: string;
  state: "in-progress" | "done";
  response_status: number | null;
  /** JSON object of the replayed headers. */
  response_headers: string | null;
  /** The response body, sealed (AES-256-GCM). */
  response_body: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: string;
  actor: string;
  operation: string;
  record_type: string;
  record_id: string | null;
  /** Canonical JSON, never personal data. */
  details: string;
  prev_hash: string;
  /** SHA-256 (hex) of prev_hash and this entry's canonical content. */
  hash: string;
}

export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  /** The signing secret, sealed (AES-256-GCM). */
  secret_sealed: string;
  audience: string;
  created_by_key_id: string;
  created_at: string;
  deleted_at: string | null;
}

export interface WebhookEventsTable {
  id: string;
  type: string;
  subject_key: string;
  /** 1, 2, 3 … per subject_key: the delivery order. */
  subject_seq: number;
  /** JSON of the event's data (references, no personal data). */
  data: string;
  created_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  subscription_id: string;
  subject_key: string;
  subject_seq: number;
  status: "pending" | "delivered" | "cancelled";
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** An encrypted document (documents.server.ts). Sizes in bytes, hashes SHA-512 hex. */
export interface DocumentsTable {
  id: string;
  /** Null after the account was deleted (kept only when already handed to the Jobcenter). */
  owner_user_id: string | null;
  /** Where the document belongs: e.g. "account" + user id, or "application" + id + checklist item. */
  context_kind: string;
  context_id: string;
  context_item: string | null;
  /** Sanitised original file name, for display. */
  filename: string;
  /** The stored file's type (image/jpeg or application/pdf). */
  media_type: string;
  /** The uploaded file's type as sniffed from its content (e.g. image/heic). */
  original_media_type: string;
  size: number;
  original_size: number;
  /** SHA-512 of the stored (processed) content: what a download yields. */
  sha512: string;
  /** SHA-512 of the content exactly as it was received. */
  original_sha512: string;
  blob_key: string;
  /** The per-document data key, wrapped with DOCUMENT_KEY. */
  wrapped_key: string;
  /** "upload" | "combined" */
  origin: string;
  /** Set when the document was handed to the Jobcenter (e.g. with a submitted application). */
  submitted_at: string | null;
  created_at: string;
}

/** A resumable upload in progress (uploads.server.ts). */
export interface UploadsTable {
  id: string;
  owner_user_id: string;
  context_kind: string;
  context_id: string;
  context_item: string | null;
  filename: string;
  declared_size: number;
  received: number;
  wrapped_key: string;
  status: "open" | "processing" | "complete" | "failed";
  document_id: string | null;
  /** JSON {key, params} when the upload was refused. */
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface UploadPartsTable {
  upload_id: string;
  start_offset: number;
  length: number;
  blob_key: string;
  created_at: string;
}

/** An online application (migration 040_applications, applications.server.ts). */
export interface ApplicationsTable {
  id: string;
  /** "A-7KQ4-M2XD": what the person and the back office see. */
  reference: string;
  /** Null after the account was deleted. */
  user_id: string | null;
  status: "draft" | "submitted";
  /** "YYYY-MM-DD", the German calendar day "apply now" was pressed (§ 37 SGB II). */
  antragsdatum: string;
  traeger_id: string;
  /** The responsible Standort, once the address is known. */
  standort_id: string | null;
  /** The portal language the person used. */
  language: string;
  /** The answers (ApplicationData JSON), sealed with at-rest.server.ts. */
  data_sealed: string;
  schema_version: number;
  /** 0/1 once submitted: may the Jobcenter receive documents digitally. */
  documents_digital: number | null;
  /** 0/1 once submitted: decisions delivered digitally (else by post). */
  decisions_digital: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface Database {
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  applications: ApplicationsTable;
  barrier_reports: BarrierReportsTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  rate_limits: RateLimitsTable;
  documents: DocumentsTable;
  uploads: UploadsTable;
  upload_parts: UploadPartsTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  appointment_slots: AppointmentSlotsTable;
  appointments: AppointmentsTable;
  appointment_reminders: AppointmentRemindersTable;
}

/** A member of staff of the back-office inbox (migration 080_staff, staff.server.ts). */
export interface StaffUsersTable {
  id: string;
  email: string;
  name: string;
  /** argon2id */
  password_hash: string;
  /** The TOTP secret, sealed (at-rest.server.ts, purpose "staff-totp"). */
  totp_secret: string;
  /** The last TOTP step used: a code works once. */
  totp_last_counter: number | null;
  /** Comma list of roles (app/domain/staff/roles.ts). */
  roles: string;
  created_at: string;
  disabled_at: string | null;
}

export interface StaffSessionsTable {
  /** SHA-256 of the session token; the token lives only in the staff cookie. */
  id: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}
