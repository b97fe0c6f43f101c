import pino from "pino";
import { env } from "~/platform/config/env.server";

// Structured logs that never carry personal data: known personal fields are redacted, and
// request logs carry method, route pattern and status only (no query strings, no bodies).
const REDACT = [
  "email",
  "password",
  "name",
  "firstName",
  "lastName",
  "iban",
  "phone",
  "address",
  "token",
  "*.email",
  "*.password",
  "*.name",
  "*.iban",
  "*.phone",
  "*.address",
  "*.token",
  "*.authorization",
  "*.cookie",
  "req.headers.cookie",
  "req.headers.authorization",
  "body",
  "*.body",
  "message",
  "*.message",
];

let logger: pino.Logger | null = null;

export function log(): pino.Logger {
  if (!logger) {
    logger = pino({
      level: env().LOG_LEVEL,
      base: { service: "buergerportal" },
      redact: { paths: REDACT, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
    });
  }
  return logger;
}

/** Strips query string and ids that look like tokens from a path before it is logged. */
export function loggablePath(url: string): string {
  const pathname = url.split("?")[0] ?? "/";
  return (
    pathname
      .split("/")
      // Ids and tokens (long, with digits) are replaced; readable route names stay.
      .map((segment) => (/^(?=.*\d)[A-Za-z0-9_-]{16,}$/.test(segment) || /\d{3,}/.test(segment) ? ":id" : segment))
      .join("/")
  );
}
