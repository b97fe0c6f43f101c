// `npm run admin -- <command>`: operator commands (API keys, audit log, test events). All logic is
// in app/features/staff/admin.server.ts, bundled into the server build; this only hands over the arguments.
// Uses the portal's settings (DATA_DIR, DATABASE_URL, PG_SCHEMA, SESSION_SECRET, DOCUMENT_KEY …).
// The structured log is kept to warnings so that command output stays readable.
process.env.LOG_LEVEL = process.env.ADMIN_LOG_LEVEL ?? "warn";

const build = await import("../build/index.js");
const { runAdminCommand } = build.entry.module;
process.exitCode = await runAdminCommand(process.argv.slice(2));
