import fs from "node:fs";
import os from "node:os";
import { ApiKeyError, API_SCOPES, createApiKey, listApiKeys, revokeApiKey } from "~/platform/api/api-keys.server";
import { audit, flushAuditAnchor, readAudit, verifyAuditChain, type AuditActor } from "~/platform/audit/audit.server";
import { closeDb, getDb } from "~/platform/db/db.server";
import { log } from "~/platform/log/log.server";
import { createStaff, disableStaff, listStaff, StaffError } from "./staff.server";
import { enqueueEvent, isWebhookEventType, WEBHOOK_EVENT_TYPES } from "~/platform/events/webhooks.server";

// `npm run admin -- <command>`: operator commands (scripts/admin.mjs calls runAdminCommand from
// the server build, with the same DATA_DIR / DATABASE_URL / PG_SCHEMA as the portal).
//
//   create-api-key --name "<name>" --scopes a,b [--rate-limit <per minute>]   prints the key last
//   revoke-api-key --name "<name>"
//   list-api-keys
//   audit [--since <date>] [--until <date>] [--json]     entries in order
//   audit --verify [--anchors <file>]                    checks the hash chain and its anchors
//   emit-test-event --type <event type> --subject <key> [--data '<json object>']
//   create-staff --email <address> --name "<name>" --roles a,b   prints password and TOTP secret once
//   disable-staff --email <address>
//   list-staff
//
// Exit codes: 0 done, 1 refused or failed (message on stderr), 2 wrong usage.

export interface AdminIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

// Output is written at the end, after the structured log is flushed: a log line (e.g. "generated
// a local demo key") must not come after the API key, which has to be the last line.
function bufferedIo(): AdminIo & { flush: () => Promise<void> } {
  const lines: Array<[NodeJS.WriteStream, string]> = [];
  return {
    out: (line) => lines.push([process.stdout, line]),
    err: (line) => lines.push([process.stderr, line]),
    flush: async () => {
      await new Promise<void>((resolve) => {
        try {
          log().flush(() => resolve());
        } catch {
          resolve();
        }
      });
      for (const [stream, line] of lines) stream.write(`${line}\n`);
    },
  };
}

const USAGE = `Usage: npm run admin -- <command> [options]

  create-api-key --name "<name>" --scopes <scope,scope,...> [--rate-limit <requests per minute>]
      Creates a back-office API key and prints it once, as the last line.
      Scopes: ${API_SCOPES.join(", ")}.
      A key with ombuds:* scopes may hold no other scope (the Ombudsstelle is independent).
  revoke-api-key --name "<name>"
  list-api-keys
  audit [--since <date>] [--until <date>] [--json]
      Prints the audit log (dates as YYYY-MM-DD or ISO 8601 date-time).
  audit --verify [--anchors <file>]
      Verifies the audit log's keyed hash chain against the anchors in DATA_DIR/audit-anchors.log
      (and in --anchors, e.g. a copy kept off the machine); exits 1 naming the first broken
      entry, or a cut tail (an anchor counts more entries than the log has).
  emit-test-event --type <type> --subject <subject key> [--data '<json object>']
      Puts an event into the webhook outbox (for testing receivers). Types: ${WEBHOOK_EVENT_TYPES.join(", ")}.
  create-staff --email <address> --name "<name>" --roles <role,role,...>
      Creates an account for the staff inbox (/backoffice); prints its password and its TOTP
      secret (for an authenticator app) once. Roles: leistung, integration, standortleitung.
  disable-staff --email <address>
  list-staff`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  options: Map<string, string | true>;
}

const FLAGS = new Set(["verify", "json", "help"]);

function parseArgs(argv: string[]): Parsed {
  const [command = "help", ...rest] = argv;
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) throw new UsageError(`Unexpected argument "${arg}".`);
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) options.set(name, arg.slice(eq + 1));
    else if (FLAGS.has(name)) options.set(name, true);
    else {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value.`);
      options.set(name, value);
      i++;
    }
  }
  return { command, options };
}

function option(parsed: Parsed, name: string, required: true): string;
function option(parsed: Parsed, name: string, required?: false): string | undefined;
function option(parsed: Parsed, name: string, required = false): string | undefined {
  const value = parsed.options.get(name);
  if (value === undefined) {
    if (required) throw new UsageError(`--${name} is required.`);
    return undefined;
  }
  if (value === true) throw new UsageError(`--${name} needs a value.`);
  return value;
}

function allowOnly(parsed: Parsed, allowed: string[]): void {
  for (const name of parsed.options.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`Unknown option --${name} for ${parsed.command}.`);
  }
}

function adminActor(): AuditActor {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return { type: "admin", name: `admin-cli:${process.env.SUDO_USER ?? user}` };
}

function parseDate(text: string, name: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text);
  const date = new Date(text);
  if (!ok || Number.isNaN(date.getTime())) throw new UsageError(`--${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time.`);
  return date.toISOString();
}

async function run(parsed: Parsed, io: AdminIo): Promise<number> {
  switch (parsed.command) {
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return 0;

    case "create-api-key": {
      allowOnly(parsed, ["name", "scopes", "rate-limit"]);
      const name = option(parsed, "name", true);
      const scopes = option(parsed, "scopes", true).split(",");
      const rateText = option(parsed, "rate-limit");
      const rate = rateText === undefined ? null : Number(rateText);
      if (rateText !== undefined && !(Number.isInteger(rate) && (rate ?? 0) >= 1)) throw new UsageError("--rate-limit must be a whole number (requests per minute).");
      const actor = adminActor();
      const created = await createApiKey({ name, scopes, rateLimitPerMinute: rate, createdBy: actor.name });
      await audit({ actor, operation: "api_key.create", recordType: "api_key", recordId: created.id, details: { scopes: created.scopes, audience: created.audience } });
      io.out(`Created API key "${created.name}" (id ${created.id}) for the ${created.audience === "ombuds" ? "Ombudsstelle" : "Jobcenter"} with scopes ${created.scopes.join(", ")}.`);
      io.out("The key is shown only this once; give it to the client over a secure channel:");
      io.out(created.key);
      return 0;
    }

    case "create-staff": {
      allowOnly(parsed, ["email", "name", "roles"]);
      const created = await createStaff({ email: option(parsed, "email", true), name: option(parsed, "name", true), roles: option(parsed, "roles", true) });
      await audit({ actor: adminActor(), operation: "staff.create", recordType: "staff_user", recordId: created.id });
      io.out(`Created staff account ${created.id} for ${created.email}.`);
      io.out("Shown only this once; hand them over in person or by separate channels.");
      io.out(`TOTP (authenticator app): ${created.totpUri}`);
      io.out(`TOTP secret: ${created.totpSecret}`);
      io.out(`Password: ${created.password}`);
      return 0;
    }

    case "disable-staff": {
      allowOnly(parsed, ["email"]);
      const disabled = await disableStaff(option(parsed, "email", true));
      if (!disabled) {
        io.err("No active staff account with this address.");
        return 1;
      }
      await audit({ actor: adminActor(), operation: "staff.disable", recordType: "staff_user", recordId: disabled.id });
      io.out(`Disabled staff account ${disabled.id}; its sessions have ended.`);
      return 0;
    }

    case "list-staff": {
      allowOnly(parsed, []);
      const staff = await listStaff();
      if (staff.length === 0) io.out("No staff accounts.");
      for (const s of staff) io.out(`${s.id}  ${s.email}  ${JSON.stringify(s.name)}  ${s.roles}  ${s.disabledAt ? `disabled ${s.disabledAt}` : "active"}  created ${s.createdAt}`);
      return 0;
    }

    case "revoke-api-key": {
      allowOnly(parsed, ["name"]);
      const name = option(parsed, "name", true);
      const revoked = await revokeApiKey(name);
      if (!revoked) {
        io.err(`No active API key named "${name}".`);
        return 1;
      }
      await audit({ actor: adminActor(), operation: "api_key.revoke", recordType: "api_key", recordId: revoked.id });
      io.out(`Revoked API key "${name}" (id ${revoked.id}).`);
      return 0;
    }

    case "list-api-keys": {
      allowOnly(parsed, ["json"]);
      const keys = await listApiKeys();
      if (parsed.options.has("json")) {
        io.out(JSON.stringify(keys, null, 2));
        return 0;
      }
      if (keys.length === 0) io.out("No API keys.");
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt}` : "active";
        io.out(
          `${key.id}  ${JSON.stringify(key.name)}  ${key.audience}  ${key.scopes.join(",")}  ${state}  created ${key.createdAt} by ${key.createdBy}` +
            `  last used ${key.lastUsedAt ?? "never"}${key.rateLimitPerMinute ? `  limit ${key.rateLimitPerMinute}/min` : ""}`,
        );
      }
      return 0;
    }

    case "audit": {
      allowOnly(parsed, ["since", "until", "verify", "json", "anchors"]);
      if (parsed.options.has("verify")) {
        const extra = option(parsed, "anchors");
        if (extra !== undefined && !fs.existsSync(extra)) throw new UsageError(`--anchors: no such file ${extra}`);
        const result = await verifyAuditChain(undefined, { anchorFiles: extra ? [extra] : [] });
        if (result.ok) {
          io.out(`Audit log intact: ${result.count} entries; head hash ${result.headHash}.`);
          if (result.anchor) {
            const { anchor } = result;
            io.out(
              anchor.count === result.count
                ? `Matches the latest anchor (${anchor.count} entries, head ${anchor.head}, written ${anchor.at}) in ${anchor.file}.`
                : `Matches every anchor; the latest (${anchor.count} entries, head ${anchor.head}, written ${anchor.at}) in ${anchor.file} is ${result.count - anchor.count} entries behind the head (anchors follow the writes).`,
            );
          }
          if (result.legacyEntries > 0) {
            io.out(`Entries 1–${result.legacyEntries} were written before the chain was keyed (plain SHA-256); entry ${result.legacyEntries + 1} on are keyed with AUDIT_KEY.`);
          }
          io.out(`Keep this line off the machine (ticket, monitoring) to notice a cut tail later: audit-anchor ${result.count} ${result.headHash}`);
          return 0;
        }
        switch (result.problem) {
          case "broken":
            io.err(`Audit log BROKEN at entry ${result.brokenSeq}: ${result.reason}. The ${result.count} entries before it are intact.`);
            break;
          case "tail-cut":
            io.err(`Audit log TAIL CUT: ${result.reason}. The newest entries were removed.`);
            break;
          case "unkeyed":
            io.err(`Audit log NOT KEYED: ${result.reason}. ${result.count} entries; head hash ${result.headHash}.`);
            break;
          case "unanchored":
            io.err(`Audit log NOT ANCHORED: ${result.reason}. ${result.count} entries; head hash ${result.headHash}.`);
            break;
        }
        return 1;
      }
      const since = option(parsed, "since");
      const until = option(parsed, "until");
      const entries = await readAudit({ since: since ? parseDate(since, "since") : undefined, until: until ? parseDate(until, "until") : undefined });
      if (parsed.options.has("json")) {
        for (const entry of entries) io.out(JSON.stringify(entry));
        return 0;
      }
      if (entries.length === 0) io.out("No audit entries in this period.");
      for (const e of entries) {
        io.out(`#${e.seq}  ${e.at}  ${e.actorType}:${e.actor}  ${e.operation}  ${e.recordType}${e.recordId ? `/${e.recordId}` : ""}  ${JSON.stringify(e.details)}`);
      }
      return 0;
    }

    case "emit-test-event": {
      allowOnly(parsed, ["type", "subject", "data"]);
      const type = option(parsed, "type", true);
      if (!isWebhookEventType(type)) throw new UsageError(`--type must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}.`);
      const subjectKey = option(parsed, "subject", true);
      const dataText = option(parsed, "data") ?? "{}";
      let data: unknown;
      try {
        data = JSON.parse(dataText);
      } catch {
        throw new UsageError("--data must be a JSON object.");
      }
      if (!data || typeof data !== "object" || Array.isArray(data)) throw new UsageError("--data must be a JSON object.");
      const event = await enqueueEvent(await getDb(), { type, subjectKey, data: data as Record<string, unknown> });
      io.out(`Enqueued ${type} for ${subjectKey} (#${event.subjectSeq} of this subject) to ${event.deliveries} subscription(s).`);
      io.out(event.id);
      return 0;
    }

    default:
      throw new UsageError(`Unknown command "${parsed.command}".`);
  }
}

/** Runs one admin command; resolves to the process exit code. Closes the database. */
export async function runAdminCommand(argv: string[], givenIo?: AdminIo): Promise<number> {
  const buffered = givenIo ? null : bufferedIo();
  const io = givenIo ?? buffered!;
  try {
    const parsed = parseArgs(argv);
    if (parsed.options.has("help")) {
      io.out(USAGE);
      return 0;
    }
    return await run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err("");
      io.err(USAGE);
      return 2;
    }
    if (error instanceof ApiKeyError || error instanceof StaffError) {
      io.err(error.message);
      return 1;
    }
    io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await flushAuditAnchor().catch(() => undefined);
    await closeDb().catch(() => undefined);
    await buffered?.flush();
  }
}
