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
  /** The back office's message with its cancellation, sealed (migration 110b_request_members). */
  cancel_message_sealed: string | null;
  cancel_reason: string | null;
  outcome: "attended" | "missed" | null;
  outcome_at: string | null;
  explanation: string | null;
  explained_at: string | null;
  /** When the "missed" mail was enqueued (migration 110c); a correction to "attended" then sends a notice. */
  missed_notified_at: string | null;
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

/** One mail of the outbox (platform/mail/outbox.server.ts); content sealed, emptied once sent. */
export interface MailOutboxTable {
  id: string;
  /** One change enqueues at most one mail: e.g. `application.receipt:<application id>`. References only. */
  dedup_key: string;
  /** What kind of mail (e.g. "application.receipt"), for operations; never personal data. */
  kind: string;
  /** The Message-ID header, the same on every attempt. */
  message_id: string;
  status: "pending" | "sent" | "failed";
  /** Sealed JSON of the mail (recipient, subject, text, attachments); null once sent or given up. */
  content_sealed: string | null;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  /** Error code of the last failed attempt (never the server's text: it may echo the address). */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
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
  /** Sanitised original file name, for display; sealed (at-rest, DOCUMENT_FILENAME_PURPOSE). */
  filename_sealed: string;
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
  /** Sealed like documents.filename_sealed. */
  filename_sealed: string;
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

/** A keyed hash of a search term of a submitted application (migration 110a, decision 038). */
export interface ApplicationSearchTermsTable {
  application_id: string;
  /** HMAC-SHA256 (blind-index.server.ts) of "name:<word>" or "birth:<YYYY-MM-DD>". */
  term_hash: string;
}

/** Who works on a submitted application (migration 110a); changes are in the audit log. */
export interface ApplicationAssignmentsTable {
  application_id: string;
  staff_id: string;
  /** The staff account that assigned it ("staff:<id>"). */
  assigned_by: string;
  assigned_at: string;
}

/** A processing status the back office set (migration 050_application_documents). */
export interface ApplicationStatusEventsTable {
  id: string;
  application_id: string;
  /** One of PROCESSING_STATUSES (app/domain/application/documents.ts). */
  status: string;
  /** The Jobcenter's message to the person, sealed with at-rest.server.ts. */
  message_sealed: string | null;
  /** API key name or staff account. */
  actor: string;
  created_at: string;
}

/** The back office asks for a document (migration 050_application_documents). */
export interface ApplicationDocumentRequestsTable {
  id: string;
  application_id: string;
  /** One of DOCUMENT_CATEGORIES. */
  category: string;
  /** The person asked for (migration 110b_request_members); null = the household. */
  member_id: string | null;
  description_sealed: string;
  /** "YYYY-MM-DD" */
  due_date: string;
  status: "open" | "answered";
  actor: string;
  created_at: string;
  answered_at: string | null;
}

/** The warning mail before a draft is deleted (migration 090_draft_expiry, draft-expiry.server.ts). */
export interface ApplicationDraftWarningsTable {
  application_id: string;
  /** The draft's last change (answers or uploads) the warning is for; a later change needs a new warning. */
  draft_updated_at: string;
  claimed_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
}

/** The back office's review of a handed-over document (migration 090_draft_expiry). */
export interface ApplicationDocumentReviewsTable {
  document_id: string;
  application_id: string;
  decision: "accepted" | "rejected";
  /** Why it is asked again, sealed with at-rest.server.ts. */
  reason_sealed: string | null;
  actor: string;
  created_at: string;
}

/** A case of a person who receives benefits (migration 060_cases, cases.server.ts). */
export interface CasesTable {
  id: string;
  kundennummer: string;
  bg_nummer: string;
  /** The linked portal account; null until linked and after the account is deleted. */
  user_id: string | null;
  /** The online application whose identifiers the back office assigned, if any. */
  application_id: string | null;
  linked_at: string | null;
  created_at: string;
  updated_at: string;
  /** The approval period (Bewilligungszeitraum) the back office last set (migration 110g); ISO dates. */
  benefit_from: string | null;
  benefit_to: string | null;
}

export interface CaseActivationCodesTable {
  id: string;
  case_id: string;
  /** HMAC of the normalised code; the code itself goes out only by post. */
  code_hash: string;
  expires_at: string;
  used_at: string | null;
  /** Set when a newer code for the same case replaced it. */
  revoked_at: string | null;
  created_at: string;
}

export interface CooperationPlansTable {
  id: string;
  case_id: string;
  version: number;
  /** The plan JSON (domain/cases/plan.ts), sealed with at-rest.server.ts. */
  content_sealed: string;
  /** The API key's name. */
  published_by: string;
  /** When the person confirmed having read this version (a read receipt, not a signature). */
  read_at: string | null;
  created_at: string;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  /** The task's id in the plan, stable across versions. */
  task_key: string;
  /** 0 for a single task, 0…n-1 for the occurrences of a recurring one. */
  occurrence: number;
  due_date: string | null;
  /** 0 when the latest plan version no longer has this occurrence. */
  active: number;
  status: "open" | "done";
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseTaskHelpTable {
  id: string;
  task_id: string;
  message_sealed: string;
  created_at: string;
}

export interface CaseTaskRemindersTable {
  task_id: string;
  kind: string;
  claimed_at: string;
  sent_at: string | null;
  attempts: number;
}

/** Renewal reminders of a case, claimed once per (case, kind); kind names the period's end (migration 110g). */
export interface CaseRenewalRemindersTable {
  case_id: string;
  kind: string;
  claimed_at: string;
  sent_at: string | null;
  attempts: number;
}

/** A request to be away (migration 110h, features/absence). */
export interface AbsenceRequestsTable {
  id: string;
  /** "W-7KQ4-M2XD", shown to the person and the back office. */
  reference: string;
  case_id: string;
  /** Null once the account is deleted (the request stays with the case). */
  user_id: string | null;
  /** One submit of one form: a double click or a retry finds the same request. */
  submission_key: string;
  from_date: string;
  to_date: string;
  reason: string;
  /** { destination, reachable } as JSON, sealed. */
  details_sealed: string;
  status: "pending" | "approved" | "refused";
  decision_message_sealed: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_at: string;
}

export interface Database {
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  ombuds_messages: OmbudsMessagesTable;
  ombuds_entries: OmbudsEntriesTable;
  ombuds_attachments: OmbudsAttachmentsTable;
  applications: ApplicationsTable;
  application_status_events: ApplicationStatusEventsTable;
  application_document_requests: ApplicationDocumentRequestsTable;
  application_draft_warnings: ApplicationDraftWarningsTable;
  application_document_reviews: ApplicationDocumentReviewsTable;
  application_search_terms: ApplicationSearchTermsTable;
  application_assignments: ApplicationAssignmentsTable;
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
  mail_outbox: MailOutboxTable;
  appointment_slots: AppointmentSlotsTable;
  appointments: AppointmentsTable;
  appointment_reminders: AppointmentRemindersTable;
  appointment_outcome_corrections: AppointmentOutcomeCorrectionsTable;
  cases: CasesTable;
  case_activation_codes: CaseActivationCodesTable;
  cooperation_plans: CooperationPlansTable;
  case_tasks: CaseTasksTable;
  case_task_help: CaseTaskHelpTable;
  case_task_reminders: CaseTaskRemindersTable;
  case_renewal_reminders: CaseRenewalRemindersTable;
  absence_requests: AbsenceRequestsTable;
}

/** A message to the Ombudsstelle (migration 070_ombuds, ombuds.server.ts); never linked to case data. */
export interface OmbudsMessagesTable {
  id: string;
  /** "O-7KQ4-M2XD", shown to the sender. */
  reference: string;
  /** HMAC of the follow-up code; the code itself is shown once. */
  code_hash: string;
  submission_hash: string;
  kind: string;
  status: "received" | "in-progress" | "answered" | "closed";
  /** The sender's portal language (mails go out in it). */
  language: string;
  /** Optional e-mail address, sealed with at-rest.server.ts. */
  email_sealed: string | null;
  created_at: string;
  last_activity_at: string;
}

/** One entry of the conversation: the first message, the sender's follow-ups, the replies. */
export interface OmbudsEntriesTable {
  id: string;
  message_id: string;
  author: "sender" | "ombuds";
  body_sealed: string;
  created_at: string;
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
  /** The Standort the staff member works at (migration 110c): the appointment day view opens there. */
  standort_id: Generated<string | null>;
}

/** A corrected attendance record (migration 110c): who, when, from what to what, and why (sealed). */
export interface AppointmentOutcomeCorrectionsTable {
  id: string;
  appointment_id: string;
  from_outcome: "attended" | "missed";
  to_outcome: "attended" | "missed";
  reason_sealed: string;
  staff_id: string;
  created_at: string;
}

export interface StaffSessionsTable {
  /** SHA-256 of the session token; the token lives only in the staff cookie. */
  id: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** A file the sender attached (checked, photos re-encoded), sealed as a whole. */
export interface OmbudsAttachmentsTable {
  id: string;
  message_id: string;
  entry_id: string;
  filename_sealed: string;
  /** What is stored: image/jpeg or application/pdf. */
  media_type: string;
  size: number;
  /** SHA-512 (hex) of the stored content. */
  sha512: string;
  /** Order in which the sender attached the files. */
  position: number;
  content_sealed: string;
  created_at: string;
}
