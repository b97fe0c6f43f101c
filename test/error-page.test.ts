import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, visibleText, type TestServer } from "./support/server";

// The server error page must be translated in every language (issue 11 § 5): when an action
// throws, Remix renders the root error boundary without running the root loader, and the page
// showed raw text keys ("errorPage.server.title …"). A multipart body that cannot be parsed
// makes the sign-in action throw (500).

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: "0" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const TITLES: Record<string, string> = {
  de: "Es gab ein technisches Problem",
  en: "There was a technical problem",
};

describe("the server error page after an action threw", () => {
  it("renders translated text, not text keys, in every language", async () => {
    const fs = await import("node:fs");
    for (const language of ["de", "en", "ar", "fa", "tr", "ru", "uk", "pl", "ro"]) {
      const common = JSON.parse(fs.readFileSync(`locales/${language}/common.json`, "utf8")) as { errorPage: { server: { title: string; body: string } } };
      const response = await fetch(`${server.url}/anmelden`, {
        method: "POST",
        body: "garbage",
        headers: { "Content-Type": "multipart/form-data; boundary=zzz", "Accept-Language": language, Origin: server.url },
      });
      expect(response.status, language).toBe(500);
      const html = await response.text();
      const text = visibleText(html);
      expect(text, language).not.toContain("errorPage.");
      expect(text, language).toContain(common.errorPage.server.title);
      expect(text, language).toContain(common.errorPage.server.body);
      if (TITLES[language]) expect(text).toContain(TITLES[language]);
      expect(html, language).toMatch(new RegExp(`<html lang="${language}"`));
    }
  });
});
