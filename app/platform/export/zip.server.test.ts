import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zipArchive } from "./zip.server";

// The small ZIP writer against Debian's unzip: CRCs and sizes right (`unzip -t`), UTF-8 names,
// deflated and stored entries, byte-for-byte contents; bad names refused.

describe("zipArchive", () => {
  it("writes an archive unzip tests, lists and unpacks byte for byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zip-"));
    try {
      const text = Buffer.from("Grundsicherungsgeld ".repeat(500), "utf8");
      const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
      const file = path.join(dir, "a.zip");
      fs.writeFileSync(
        file,
        zipArchive([
          { name: "Verlauf/Prüfungen.txt", data: text, modified: new Date("2026-12-07T10:15:30Z") },
          { name: "Anlagen/01_scan.bin", data: random, modified: new Date("2026-06-30T23:59:58Z") },
          { name: "leer.json", data: new Uint8Array(0), modified: new Date("2026-12-07T10:15:30Z") },
        ]),
      );
      const tested = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
      expect(tested.status, tested.stdout + tested.stderr).toBe(0);
      expect(execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).trim().split("\n")).toEqual(["Verlauf/Prüfungen.txt", "Anlagen/01_scan.bin", "leer.json"]);
      const listing = execFileSync("unzip", ["-Zv", file], { encoding: "utf8" });
      expect(listing).toMatch(/compression method:\s+deflated/);
      expect(listing).toMatch(/compression method:\s+none \(stored\)/);
      execFileSync("unzip", ["-q", file, "-d", path.join(dir, "out")]);
      expect(fs.readFileSync(path.join(dir, "out/Verlauf/Prüfungen.txt"))).toEqual(text);
      expect(new Uint8Array(fs.readFileSync(path.join(dir, "out/Anlagen/01_scan.bin")))).toEqual(random);
      expect(fs.readFileSync(path.join(dir, "out/leer.json")).length).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses names that would leave the folder, absolute or doubled names", () => {
    const data = new Uint8Array(1);
    const modified = new Date();
    for (const name of ["../x", "a/../../x", "/etc/x", "a\\b", "a//b", "", "./a"]) expect(() => zipArchive([{ name, data, modified }]), name).toThrow(/zip:/);
    expect(() =>
      zipArchive([
        { name: "a", data, modified },
        { name: "a", data, modified },
      ]),
    ).toThrow(/same name/);
  });
});
