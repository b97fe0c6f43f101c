// The Debian packages the tests shell out to, and the preflight of `npm test` that makes sure
// they are there: as root with apt-get it installs what is missing (one line says what), else
// it stops at once with the command to run. Used by scripts/test-all.mjs; also runnable alone:
//
//   node scripts/system-packages.mjs      check (and install as root); exit 1 when still missing
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Debian package → the executables the tests need from it. An absolute path is checked as is
 * (test/browser/browser.mjs launches /usr/bin/chromium), a bare name is looked up on PATH.
 */
export const SYSTEM_PACKAGES = [
  { name: "chromium", executables: ["/usr/bin/chromium"], usedBy: "browser tests" },
  { name: "poppler-utils", executables: ["pdftotext", "pdftoppm", "pdffonts"], usedBy: "PDF checks" },
  { name: "qpdf", executables: ["qpdf"], usedBy: "PDF checks" },
  // test/support/pdfa.ts: Little CMS opens the PDF/A output intent's ICC profile (decision 041).
  { name: "liblcms2-utils", executables: ["transicc"], usedBy: "PDF/A checks" },
  // test/efile-export.test.ts and the ZIP writer's test unpack with Debian's unzip.
  { name: "unzip", executables: ["unzip"], usedBy: "ZIP checks" },
];

/**
 * Finds an executable like `command -v`: an absolute path as is, a bare name on PATH.
 * @param {string} command
 * @param {{ PATH?: string }} [env]
 * @returns {string | null}
 */
export function which(command, env = process.env) {
  const candidates = path.isAbsolute(command)
    ? [command]
    : (env.PATH ?? "")
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, command));
  for (const file of candidates) {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** The packages of which at least one executable is not found, with those executables. */
export function missingPackages(find = which, packages = SYSTEM_PACKAGES) {
  return packages
    .map((pkg) => ({ ...pkg, missing: pkg.executables.filter((exe) => !find(exe)) }))
    .filter((pkg) => pkg.missing.length > 0)
    .map(({ name, missing, usedBy }) => ({ name, missing, usedBy }));
}

export const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };

/** The apt-get runs for the root path, as [command, args]. */
export function aptCommands(names) {
  // DPkg::Lock::Timeout: wait for a running apt (e.g. unattended-upgrades on a fresh machine)
  // instead of failing on its lock at once.
  const lock = ["-o", "DPkg::Lock::Timeout=300"];
  return [
    ["apt-get", [...lock, "update", "-qq"]],
    ["apt-get", [...lock, "install", "-y", "-qq", ...names]],
  ];
}

/** The command a person without root runs. */
export function manualCommand(names) {
  return `sudo apt-get install -y ${names.join(" ")}`;
}

function describe(missing) {
  return missing.map((pkg) => `${pkg.name} (${pkg.missing.map((exe) => path.basename(exe)).join(", ")}; ${pkg.usedBy})`).join(", ");
}

/**
 * What the preflight does, without doing it:
 *   { action: "none" }                                   everything is there
 *   { action: "install", packages, announce, commands }  root with apt-get: install these
 *   { action: "stop", packages, message }                otherwise: print message, exit 1
 */
export function planPreflight({ missing, isRoot, hasApt }) {
  if (missing.length === 0) return { action: "none", packages: [] };
  const packages = missing.map((pkg) => pkg.name);
  if (isRoot && hasApt) {
    return {
      action: "install",
      packages,
      announce: `Installing system packages the tests need: ${packages.join(" ")} (missing: ${describe(missing)})`,
      commands: aptCommands(packages),
    };
  }
  const why = !hasApt ? "apt-get is not available here" : "npm test installs them itself only when run as root";
  return {
    action: "stop",
    packages,
    message:
      `The tests need system packages that are missing: ${describe(missing)}.\n` +
      `Install them (${why}) with\n\n  ${manualCommand(packages)}\n\n` +
      (hasApt ? "" : "(on Debian/Ubuntu; elsewhere install the same tools with the system's package manager)\n") +
      "then run npm test again.",
  };
}

function defaultRun(command, args) {
  // apt's stdout (dpkg's "Unpacking …" lines) is kept and shown only on failure; stderr passes through.
  const result = spawnSync(command, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...APT_ENV },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.error ? null : result.status, output: result.stdout ?? "", error: result.error };
}

/**
 * Runs the preflight. Returns { ok, installed, message } and prints through `log` (stdout) and
 * `warn` (stderr). Everything it touches is injectable for the tests.
 */
export function ensureSystemPackages({
  find = which,
  isRoot = typeof process.getuid === "function" && process.getuid() === 0,
  hasApt = Boolean(find("apt-get")),
  run = defaultRun,
  log = (line) => console.log(line),
  warn = (line) => console.error(line),
} = {}) {
  const plan = planPreflight({ missing: missingPackages(find), isRoot, hasApt });
  if (plan.action === "none") {
    log(`System packages: all there (${SYSTEM_PACKAGES.map((pkg) => pkg.name).join(", ")}).`);
    return { ok: true, installed: [] };
  }
  if (plan.action === "stop") {
    warn(plan.message);
    return { ok: false, installed: [], message: plan.message };
  }
  log(plan.announce);
  for (const [command, args] of plan.commands) {
    const result = run(command, args);
    if (result.status !== 0) {
      const line = `DEBIAN_FRONTEND=noninteractive ${command} ${args.join(" ")}`;
      if (result.output) warn(result.output.trimEnd());
      const message =
        `Installing the system packages failed (${result.error ? result.error.message : `exit code ${result.status}`}) at\n\n  ${line}\n\n` +
        `Fix the cause (apt's output above), or install them yourself with\n\n  apt-get update && apt-get install -y ${plan.packages.join(" ")}\n\nthen run npm test again.`;
      warn(message);
      return { ok: false, installed: [], message };
    }
  }
  const still = missingPackages(find);
  if (still.length) {
    const message = `Still missing after apt-get install: ${describe(still)}.`;
    warn(message);
    return { ok: false, installed: plan.packages, message };
  }
  log(`Installed: ${plan.packages.join(" ")}.`);
  return { ok: true, installed: plan.packages };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(ensureSystemPackages().ok ? 0 : 1);
}
