import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submittedApplication, type Person } from "./support/applicant";
import { startTestServer, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The application PDF as a person and the Sachbearbeitung see it: rendered (pdftoppm), not only
// extracted. Subsetting fonts can draw glyphs blank while pdftotext still finds the text
// (docs/sources/stack.md § 5), so the rendered page must carry ink for its characters.

let smtp: TestSmtp;
let server: TestServer;
let person: Person;
let id: string;
let dir: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url });
  ({ person, id } = await submittedApplication(server, smtp, "ar"));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "antrag-pdf-"));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Dark pixels of page 1 rendered in grey at 50 dpi. */
function inkOfFirstPage(file: string): number {
  execFileSync("pdftoppm", ["-r", "50", "-gray", "-f", "1", "-l", "1", file, path.join(dir, "page")]);
  const image = fs.readFileSync(
    fs
      .readdirSync(dir)
      .map((f) => path.join(dir, f))
      .find((f) => f.endsWith(".pgm"))!,
  );
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.toString("latin1", 0, 40))!;
  const pixels = image.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark;
}

describe("the application PDF", () => {
  it("draws its text (glyphs with ink, Latin and Arabic script), with fonts subset to a small file", async () => {
    const response = await person.get(`/antrag/${id}/pdf`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const file = path.join(dir, "antrag.pdf");
    fs.writeFileSync(file, bytes);
    const text = execFileSync("pdftotext", ["-f", "1", "-l", "1", file, "-"], { encoding: "utf8" });
    const characters = text.replace(/\s/g, "").length;
    expect(characters).toBeGreaterThan(300);
    // Whole glyphs give about 5 dark pixels per character at 50 dpi; blank glyphs about 0.5.
    expect(inkOfFirstPage(file) / characters).toBeGreaterThan(2);
    expect(execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })).toContain("مريم");
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" });
    expect(fonts).toMatch(/NotoSans/);
    expect(fonts).toMatch(/NotoNaskhArabic/);
    // Subset fonts: a few dozen kB, not the ~700 kB of whole Noto fonts.
    expect(bytes.length).toBeLessThan(200_000);
  });
});
