import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("server basics", () => {
  it("answers /healthz with ok when the database answers", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("sends the security headers, with a nonce on every script and no unsafe-inline", async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("permissions-policy")).toContain("camera=(self)");
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) {
      if (/\bsrc=/.test(tag) && !/nonce=/.test(tag)) continue; // external same-origin modules are allowed by 'self'
      expect(tag).toContain(`nonce="${nonce}"`);
    }
    // A second response gets a different nonce.
    const again = await fetch(`${server.url}/`);
    expect(/'nonce-([^']+)'/.exec(again.headers.get("content-security-policy") ?? "")?.[1]).not.toBe(nonce);
  });

  it("answers an unknown page with 404 and a page in the person's language", async () => {
    const response = await fetch(`${server.url}/gibt-es-nicht`, { headers: { "Accept-Language": "en" } });
    expect(response.status).toBe(404);
    expect(visibleText(await response.text())).toContain("Page not found");
  });
});

describe("languages", () => {
  it.each([
    ["ar", "rtl"],
    ["fa", "rtl"],
    ["tr", "ltr"],
    ["de", "ltr"],
  ])("?lng=%s renders <html lang dir=%s> on the first byte and remembers the choice", async (lng, dir) => {
    const client = new Browserish(server.url, "de");
    const html = await client.html(`/?lng=${lng}`);
    expect(html.slice(0, 200)).toContain(`<html lang="${lng}" dir="${dir}"`);
    expect(client.jar.get("lng")).toBeTruthy();
    const next = await client.html("/standorte");
    expect(next).toContain(`<html lang="${lng}" dir="${dir}"`);
  });

  it("guesses from Accept-Language, and ?lng overrides a remembered choice", async () => {
    const client = new Browserish(server.url, "ru-RU,ru;q=0.9,en;q=0.5");
    expect(await client.html("/")).toContain('<html lang="ru" dir="ltr"');
    await client.get("/?lng=uk");
    expect(await client.html("/?lng=pl")).toContain('<html lang="pl"');
    expect(await client.html("/")).toContain('<html lang="pl"');
  });

  it("renders Leichte Sprache as German with its own texts", async () => {
    const html = await new Browserish(server.url).html("/?lng=ls");
    expect(html).toContain('<html lang="de" dir="ltr" data-lng="ls"');
  });

  it("offers every language in its own script in a switcher that works without JavaScript", async () => {
    const html = await new Browserish(server.url, "en").html("/standorte");
    for (const name of ["Deutsch", "Leichte Sprache", "English", "Türkçe", "العربية", "Русский", "Українська", "Polski", "Română", "فارسی"]) {
      expect(html).toContain(name);
    }
    expect(html).toContain('href="/standorte?lng=ar"');
  });
});

describe("Standorte", () => {
  it("lists the four Heinsberg Standorte covering the ten municipalities exactly once", async () => {
    const body = (await (await fetch(`${server.url}/api/v1/standorte`)).json()) as { items: Array<{ id: string; name: string; municipalities: string[] }> };
    expect(body.items.map((s) => s.name).sort()).toEqual(["Erkelenz/Wegberg", "Geilenkirchen/Übach-Palenberg", "Heinsberg/Westgemeinden", "Hückelhoven/Wassenberg"].sort());
    const all = body.items.flatMap((s) => s.municipalities);
    expect(all.sort()).toEqual(["Erkelenz", "Gangelt", "Geilenkirchen", "Heinsberg", "Hückelhoven", "Selfkant", "Übach-Palenberg", "Waldfeucht", "Wassenberg", "Wegberg"].sort());
    expect(new Set(all).size).toBe(10);
  });

  it("serves /api/v1/standorte with security headers and an ETag that answers 304 when unchanged", async () => {
    const first = await fetch(`${server.url}/api/v1/standorte`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetch(`${server.url}/api/v1/standorte`, { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    const other = await fetch(`${server.url}/api/v1/standorte`, { headers: { "If-None-Match": '"something-else"' } });
    expect(other.status).toBe(200);
  });

  it("shows a page per Standort with municipalities and bus lines, and 404 for internal or unknown ids", async () => {
    const html = await (await fetch(`${server.url}/standorte/hueckelhoven-wassenberg`, { headers: { "Accept-Language": "de" } })).text();
    expect(html).toContain("Hückelhoven/Wassenberg");
    expect(html).toContain("Ratheim / Millich");
    expect(html).toContain("HÜ1");
    expect((await fetch(`${server.url}/standorte/heinsberg-overhead`)).status).toBe(404);
    expect((await fetch(`${server.url}/standorte/nirgendwo`)).status).toBe(404);
  });

  it("finds the Standort for a municipality, with umlaut folding, and refers people outside the Kreis", async () => {
    const found = await (await fetch(`${server.url}/standort-finden?ort=ubach-palenberg`, { headers: { "Accept-Language": "en" } })).text();
    expect(visibleText(found)).toContain("The office Geilenkirchen/Übach-Palenberg is responsible for Übach-Palenberg");
    const outside = await fetch(`${server.url}/standort-finden?ort=Aachen`, { headers: { "Accept-Language": "en" } });
    expect(visibleText(await outside.text())).toContain("Aachen does not belong to the Kreis Heinsberg");
    const empty = await fetch(`${server.url}/standort-finden?ort=`, { headers: { "Accept-Language": "en" } });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("Please enter the town where you live.");
  });
});

describe("PWA manifest", () => {
  it("is valid JSON with names in the chosen language and icons in the required sizes", async () => {
    const response = await fetch(`${server.url}/manifest.webmanifest`, { headers: { "Accept-Language": "en" } });
    expect(response.headers.get("content-type")).toContain("application/manifest+json");
    const manifest = (await response.json()) as { name: string; lang: string; icons: Array<{ sizes: string; purpose: string; src: string }>; start_url: string; display: string };
    expect(manifest.lang).toBe("en");
    expect(manifest.name).toContain("Citizen portal");
    expect(manifest.display).toBe("standalone");
    for (const size of ["192x192", "512x512"]) expect(manifest.icons.some((i) => i.sizes === size)).toBe(true);
    expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
    for (const icon of manifest.icons) expect((await fetch(server.url + icon.src)).status).toBe(200);
  });
});

describe("barrier report (BITV 2.0 § 7)", () => {
  it("refuses a post without the CSRF token", async () => {
    const client = new Browserish(server.url);
    const response = await client.post("/barrierefreiheit", { description: "Kontrast zu schwach" }, { csrf: false });
    expect(response.status).toBe(403);
  });

  it("keeps what was typed and explains the error when the description is missing", async () => {
    const client = new Browserish(server.url, "en");
    const response = await client.post("/barrierefreiheit", { page: "Startseite", description: "  " });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(visibleText(html)).toContain("Please describe the problem.");
    expect(html).toContain('value="Startseite"');
  });

  it("accepts a report and shows its reference", async () => {
    const client = new Browserish(server.url, "de");
    const response = await client.post("/barrierefreiheit", { page: "Termine", description: "Der Knopf ist mit der Tastatur nicht erreichbar." });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/gesendet=BF-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    const html = await client.html(location);
    expect(visibleText(html)).toContain("Ihre Meldung ist angekommen");
  });
});

describe("unknown API endpoints", () => {
  it("answer 404 as problem+json, not as an HTML page", async () => {
    const response = await fetch(`${server.url}/api/v1/gibt-es-nicht`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(((await response.json()) as { status: number }).status).toBe(404);
  });
});
