import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureSystemPackages, manualCommand, missingPackages, planPreflight, which } from "../scripts/system-packages.mjs";

// The preflight of `npm test` (scripts/system-packages.mjs), with `which`, root, apt and the
// apt runs injected: nothing here installs anything.

const ALL = ["/usr/bin/chromium", "pdftotext", "pdftoppm", "pdffonts", "qpdf", "transicc", "unzip", "apt-get"];

function finder(present: string[]) {
  return (exe: string) => (present.includes(exe) ? `/usr/bin/${exe.replace(/^\/usr\/bin\//, "")}` : null);
}

function harness(options: { present: string[]; isRoot: boolean; hasApt?: boolean; installs?: boolean; failAt?: "update" | "install" }) {
  const present = [...options.present];
  const lines: string[] = [];
  const errors: string[] = [];
  const runs: string[] = [];
  const result = ensureSystemPackages({
    find: (exe: string) => finder(present)(exe),
    isRoot: options.isRoot,
    hasApt: options.hasApt ?? true,
    run: (command: string, args: string[]) => {
      runs.push([command, ...args].join(" "));
      if (options.failAt && args.includes(options.failAt)) return { status: 100, output: "E: Unable to locate package", error: undefined };
      if (args.includes("install") && options.installs !== false) present.push(...ALL);
      return { status: 0, output: "", error: undefined };
    },
    log: (line: string) => lines.push(line),
    warn: (line: string) => errors.push(line),
  });
  return { result, lines, errors, runs };
}

describe("which system packages are missing", () => {
  it("finds executables on PATH like command -v, and absolute paths as they are", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "which-"));
    try {
      fs.writeFileSync(path.join(dir, "tool"), "#!/bin/sh\n", { mode: 0o755 });
      fs.writeFileSync(path.join(dir, "plain"), "not executable", { mode: 0o644 });
      fs.mkdirSync(path.join(dir, "folder"));
      const env = { PATH: ["/nonexistent", dir].join(path.delimiter) };
      expect(which("tool", env)).toBe(path.join(dir, "tool"));
      expect(which(path.join(dir, "tool"), { PATH: "" })).toBe(path.join(dir, "tool"));
      expect(which("folder", env)).toBeNull();
      expect(which("missing", env)).toBeNull();
      if (process.getuid?.() !== 0) expect(which("plain", env)).toBeNull(); // root may "execute" anything
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names a package when any of its executables is missing, with the executables", () => {
    expect(missingPackages(finder(ALL))).toEqual([]);
    expect(missingPackages(finder(ALL.filter((exe) => exe !== "pdftoppm" && exe !== "qpdf")))).toEqual([
      { name: "poppler-utils", missing: ["pdftoppm"], usedBy: "PDF checks" },
      { name: "qpdf", missing: ["qpdf"], usedBy: "PDF checks" },
    ]);
  });

  it("looks for Chromium at /usr/bin/chromium, where the browser tests launch it", () => {
    const found = (exe: string) => (exe === "chromium" ? "/usr/local/bin/chromium" : finder(ALL.filter((e) => e !== "/usr/bin/chromium"))(exe));
    expect(missingPackages(found).map((pkg) => pkg.name)).toEqual(["chromium"]);
  });
});

describe("the preflight decision", () => {
  const missing = missingPackages(finder(["apt-get"]));

  it("does nothing when everything is there", () => {
    expect(planPreflight({ missing: [], isRoot: false, hasApt: false })).toEqual({ action: "none", packages: [] });
    const { result, runs, errors } = harness({ present: ALL, isRoot: true });
    expect(result).toEqual({ ok: true, installed: [] });
    expect(runs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("as root with apt-get: says what it installs, then apt-get update and a quiet install without recommends", () => {
    const { result, lines, runs } = harness({ present: ["apt-get", "/usr/bin/chromium"], isRoot: true });
    expect(result).toEqual({ ok: true, installed: ["poppler-utils", "qpdf", "liblcms2-utils", "unzip"] });
    expect(lines[0]).toMatch(/^Installing system packages the tests need: poppler-utils qpdf liblcms2-utils unzip \(missing: poppler-utils \(pdftotext, pdftoppm, pdffonts; PDF checks\), qpdf/);
    expect(runs).toEqual(["apt-get -o DPkg::Lock::Timeout=300 update -qq", "apt-get -o DPkg::Lock::Timeout=300 install -y -qq poppler-utils qpdf liblcms2-utils unzip"]);
  });

  it("as root, a failing apt-get prints its output and the command, and fails", () => {
    const { result, errors, runs } = harness({ present: ["apt-get"], isRoot: true, failAt: "install" });
    expect(result.ok).toBe(false);
    expect(runs).toHaveLength(2);
    expect(errors.join("\n")).toContain("E: Unable to locate package");
    expect(errors.join("\n")).toContain("DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium poppler-utils qpdf liblcms2-utils unzip");
    expect(errors.join("\n")).toContain("apt-get update && apt-get install -y chromium poppler-utils qpdf liblcms2-utils unzip");
  });

  it("as root, a failing apt-get update stops before the install", () => {
    const { result, runs } = harness({ present: ["apt-get"], isRoot: true, failAt: "update" });
    expect(result.ok).toBe(false);
    expect(runs).toEqual(["apt-get -o DPkg::Lock::Timeout=300 update -qq"]);
  });

  it("as root, fails when the executables are still missing after the install", () => {
    const { result, errors } = harness({ present: ["apt-get"], isRoot: true, installs: false });
    expect(result.ok).toBe(false);
    expect(errors.join("\n")).toContain("Still missing after apt-get install: chromium");
  });

  it("without root: installs nothing and stops with the exact command", () => {
    const { result, runs, errors, lines } = harness({ present: ["apt-get"], isRoot: false });
    expect(result.ok).toBe(false);
    expect(runs).toEqual([]);
    expect(lines).toEqual([]);
    expect(errors.join("\n")).toContain("\n  sudo apt-get install -y chromium poppler-utils qpdf liblcms2-utils unzip\n");
    expect(errors.join("\n")).toContain("only when run as root");
  });

  it("as root without apt-get: installs nothing, gives the command and says apt-get is not available", () => {
    const plan = planPreflight({ missing, isRoot: true, hasApt: false });
    expect(plan.action).toBe("stop");
    expect(plan.message).toContain("apt-get is not available here");
    expect(plan.message).toContain(manualCommand(["chromium", "poppler-utils", "qpdf", "liblcms2-utils", "unzip"]));
    const { runs } = harness({ present: [], isRoot: true, hasApt: false });
    expect(runs).toEqual([]);
  });

  it("names only the missing packages in the command", () => {
    const plan = planPreflight({ missing: missingPackages(finder(ALL.filter((exe) => exe !== "qpdf"))), isRoot: false, hasApt: true });
    expect(plan.message).toContain("\n  sudo apt-get install -y qpdf\n");
  });
});
