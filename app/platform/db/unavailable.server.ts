// The one place that decides whether an error means "the database is not reachable right now"
// (as opposed to a bug or a constraint violation). Such errors become HTTP 503 with Retry-After
// (app/server/portal.server.ts), make /healthz answer 503, and make background jobs back off.
// Only codes are ever logged: error texts may quote SQL parameters (personal data).

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 10;

// Node socket errors on the way to the database.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);

// PostgreSQL SQLSTATEs: class 08 (connection exception), 57014 (statement timeout / cancelled),
// 57P01–57P05 (server shutting down, cannot connect now, idle session timeout), 53300 (too many
// connections), 25P03 (idle in transaction session timeout).
const PG_CODES = new Set(["57014", "57P01", "57P02", "57P03", "57P04", "57P05", "53300", "25P03"]);

// Errors of the pg driver itself that carry no code, recognised by their fixed texts (the texts
// are the driver's, never data).
const PG_DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^timeout expired$/,
  /^Query read timeout/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
  /^connect ECONNREFUSED/,
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when `error` (or its cause) says the database is unreachable, too slow or busy. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const code = codeOf(error);
  if (code) {
    if (NETWORK_CODES.has(code) || PG_CODES.has(code) || code.startsWith("08")) return true;
    // SQLite: the write lock was held longer than busy_timeout (writeTransaction has retried).
    if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_")) return true;
  }
  const message = error instanceof Error ? error.message : "";
  if (PG_DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** What may be logged about a database error: its code or type, never its text. */
export function databaseErrorCode(error: unknown): string {
  const code = codeOf(error);
  if (code) return code.slice(0, 40);
  const message = error instanceof Error ? error.message : "";
  if (/^Connection terminated/.test(message)) return "connection-terminated";
  if (/^timeout exceeded when trying to connect|^timeout expired$/.test(message)) return "connect-timeout";
  if (/^Query read timeout/.test(message)) return "query-timeout";
  if (/not queryable/.test(message)) return "connection-broken";
  return error instanceof Error ? error.name.slice(0, 40) : typeof error;
}

/** Rejects with a timeout error (classified as unavailable) when `promise` takes longer than `ms`. */
export function withDatabaseTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("database did not answer in time"), { code: "ETIMEDOUT" })), ms);
    timer.unref?.();
  });
  promise.catch(() => undefined); // a late failure after the timeout is not unhandled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
