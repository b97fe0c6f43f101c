import path from "node:path";
import { z } from "zod";

// Every environment variable the portal reads, validated once. README.md lists the same set.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  // Database timeouts (decision 026): opening a PostgreSQL connection (also waiting for a free
  // one in the pool), one statement on the server (statement_timeout), the client's own bound for
  // an answer (query_timeout; catches a network that holds the connection open and says
  // nothing), a transaction left idle (idle_in_transaction_session_timeout), the SQLite busy
  // timeout (waiting for another process's write lock), and /healthz's bound for its ping.
  PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  PG_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(12_000),
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(10).max(120_000).default(5_000),
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(1_500),
  // Graceful shutdown (SIGTERM): how long requests in flight may take before they are cut.
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  TRAEGER: z.string().default("heinsberg"),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  DOCUMENT_KEY: z.string().optional(),
  // Keys the audit log's hash chain (HMAC). Not in the database, so a rewritten log cannot be
  // re-hashed; required in production, generated into DATA_DIR/keys elsewhere.
  AUDIT_KEY: z.string().min(32).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Bürgerportal Jobcenter <no-reply@portal.invalid>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(2)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  TRUST_PROXY: z.string().default("loopback"),
  RATE_LIMIT_DISABLED: z.enum(["0", "1"]).default("0"),
  // POST /api/v1/eligibility-checks per client address and 5 minutes (counselling centres run many checks).
  ELIGIBILITY_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(300),
  // Lifetime of e-mailed links (confirm address: 24 h, reset password: 1 h); shortened only in tests.
  TOKEN_TTL_SECONDS_CONFIRM: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(86_400),
  TOKEN_TTL_SECONDS_RESET: z.coerce.number().int().min(1).max(86_400).default(3_600),
  DEMO_DATA: z.enum(["0", "1"]).default("1"),
  // Back-office API (app/server/api*.server.ts). The pepper keys the stored API-key hashes; without
  // it one is derived from SESSION_SECRET (then rotating SESSION_SECRET invalidates every key).
  API_KEY_PEPPER: z.string().min(32).optional(),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  // Webhook delivery: first retry delay (doubles each attempt, plus up to 50 % jitter), its cap,
  // the per-request timeout, how often the outbox is polled, the claim lease (a crashed process's
  // deliveries are taken over after it), parallel requests, and plain http:// in production.
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  WEBHOOK_ALLOW_HTTP: z.enum(["0", "1"]).default("0"),
  // Mail outbox (platform/mail/outbox.server.ts): first retry delay (doubles, plus jitter), its
  // cap, attempts before a mail is given up, how often the outbox is polled, the claim lease (a
  // crashed process's mails are taken over after it; longer than one SMTP conversation).
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(3_600_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1_000).default(30),
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  MAIL_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  // Timeout of each step of an SMTP conversation (connect, greeting, any silence).
  MAIL_SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  // Documents (uploads): override the Träger's limits (limits.uploadMaxFileMb / uploadMaxApplicationMb).
  UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(500).optional(),
  UPLOAD_MAX_APPLICATION_MB: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Override the Träger's limits.uploadMaxDocumentsPerApplication / …PerItem (operators, tests). */
  UPLOAD_MAX_DOCUMENTS_PER_APPLICATION: z.coerce.number().int().min(1).max(1000).optional(),
  UPLOAD_MAX_DOCUMENTS_PER_ITEM: z.coerce.number().int().min(1).max(1000).optional(),
  // How many images/PDFs are decoded and checked at once (each may take ~50–150 MB while it runs).
  UPLOAD_PROCESSING_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  // Unfinished resumable uploads are deleted after this many hours.
  UPLOAD_STALE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  // An upload being finalised holds a lease that its process renews; one left in processing
  // longer than this (a crash) is finished again from its chunks or marked failed.
  UPLOAD_PROCESSING_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // Temp files of interrupted writes are removed after this many minutes without a write (and
  // at once when the process that wrote them is gone).
  UPLOAD_TEMP_LEASE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  // Tests only (ignored with NODE_ENV=production): pause this long after an upload was claimed
  // for finalisation, so a test can kill the process at that moment.
  UPLOAD_TEST_PAUSE_AT_FINALISE_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  // Benchmarks only: GET /__diagnostics/memory and POST /__diagnostics/heap-snapshot (from 127.0.0.1).
  PORTAL_DIAGNOSTICS: z.enum(["0", "1"]).default("0"),
  // Appointments: how long a chosen time is held while the person confirms; how often the
  // reminder job looks for due reminders; holds per person and hour (rate limit of booking).
  APPOINTMENT_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  REMINDER_POLL_SECONDS: z.coerce.number().min(0.2).max(3600).default(30),
  APPOINTMENT_HOLDS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  // Ombudsstelle: messages are deleted this many days after their last entry; the job's interval.
  OMBUDS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  OMBUDS_RETENTION_POLL_SECONDS: z.coerce.number().min(0.2).max(86_400).default(3600),
  // Online application: unsubmitted drafts are deleted this many days after their last change
  // (default 183 ≈ 6 months; a warning mail goes 14 days before); the job's interval.
  /** Overrides the Träger's limits.draftRetentionDays (the configured period is the default). */
  DRAFT_EXPIRY_DAYS: z.coerce.number().int().min(15).max(3650).optional(),
  DRAFT_EXPIRY_POLL_SECONDS: z.coerce.number().min(0.2).max(86_400).default(3600),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | null = null;

export function env(): Env {
  if (!cached) {
    const parsed = EnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${fields}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = null;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

export function isProduction(): boolean {
  return env().NODE_ENV === "production";
}
