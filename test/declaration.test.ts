import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DECLARATION, declarationRecord } from "../app/domain/application/declaration";

// The declaration's version names one German text: a change of the text without a new version
// (and hash) fails here, so every submitted application says which text was confirmed.
describe("the declaration's version", () => {
  it("matches the German text of the check page", () => {
    const german = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../locales/de/application.json"), "utf8")) as { check: { declaration: string; declarationConfirm: string } };
    const hash = crypto.createHash("sha256").update(`${german.check.declaration}\n${german.check.declarationConfirm}`).digest("hex");
    expect(hash).toBe(DECLARATION.sha256);
  });

  it("records version, time, person and language", () => {
    expect(declarationRecord("2026-12-07T10:00:00.000Z", "ar")).toEqual({
      version: DECLARATION.version,
      sha256: DECLARATION.sha256,
      confirmedAt: "2026-12-07T10:00:00.000Z",
      confirmedBy: "p1",
      language: "ar",
    });
  });
});
