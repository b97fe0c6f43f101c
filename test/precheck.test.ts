import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browserish, startTestServer, visibleText, type TestServer } from "./support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Posts a pre-check page like a browser without JavaScript and follows the redirect. */
async function step(client: Browserish, path: string, fields: Record<string, string>): Promise<string> {
  const response = await client.post(path, fields);
  expect(
    response.status,
    `${path} → ${await response
      .clone()
      .text()
      .then((t) => t.slice(0, 300))}`,
  ).toBe(302);
  return response.headers.get("location")!;
}

const text = visibleText;

describe("pre-check without JavaScript", () => {
  it("walks worked example #4 (couple, two children, one earner) to 967,00 € with the arithmetic", async () => {
    const client = new Browserish(server.url, "de");
    expect(await step(client, "/vorabcheck?index", { concern: "first-application" })).toBe("/vorabcheck/person/neu");
    expect(await step(client, "/vorabcheck/person/neu", { age: "38" })).toBe("/vorabcheck/person/p1/lage");
    await step(client, "/vorabcheck/person/p1/lage", { work: "able", pregnant: "no", residence: "german", education: "none" });
    expect(await step(client, "/vorabcheck/person/p1/einkommen", { employmentGross: "2.000", employmentNet: "1.560,00" })).toBe("/vorabcheck/haushalt");
    const people: Array<[string, string, Record<string, string>, Record<string, string>]> = [
      ["partner", "36", { work: "able", pregnant: "no", residence: "german", education: "none" }, {}],
      ["child", "4", {}, { childBenefit: "255" }],
      ["child", "10", {}, { childBenefit: "255" }],
    ];
    for (const [role, age, situation, income] of people) {
      const add = await step(client, "/vorabcheck/haushalt", { intent: "add", role });
      expect(add).toBe(`/vorabcheck/person/neu?rolle=${role}`);
      const lage = await step(client, add, { role, age });
      const einkommen = await step(client, lage, situation);
      expect(await step(client, einkommen, income)).toBe("/vorabcheck/haushalt");
    }
    expect(await step(client, "/vorabcheck/haushalt", { intent: "continue" })).toBe("/vorabcheck/wohnung");
    expect(await step(client, "/vorabcheck/wohnung", { grossColdRent: "720", heating: "130", hotWater: "central" })).toBe("/vorabcheck/vermoegen");
    expect(await step(client, "/vorabcheck/vermoegen", { assets: "0", longReceipt: "no" })).toBe("/vorabcheck/pruefen");
    const check = text(await client.html("/vorabcheck/pruefen"));
    expect(check).toContain("Prüfen Sie Ihre Antworten");
    expect(check).toContain("2.000,00 €");
    const result = text(await client.html("/vorabcheck/ergebnis"));
    expect(result).toContain("Sie haben voraussichtlich Anspruch auf Grundsicherungsgeld");
    expect(result).toContain("etwa 967,00 € im Monat");
    expect(result).toContain("2.659,00 €"); // total need
    expect(result).toContain("1.692,00 €"); // total counted income
    expect(result).toContain("Kinderzuschlag");
    expect(result).toContain("Diese Angabe ist nicht verbindlich");
    expect(result).not.toMatch(/abgelehnt|rejected/i);
  });

  it("keeps what was typed and explains implausible values in the person's language", async () => {
    const client = new Browserish(server.url, "en");
    await step(client, "/vorabcheck?index", { concern: "first-application" });
    const tooOld = await client.post("/vorabcheck/person/neu", { age: "130" });
    expect(tooOld.status).toBe(400);
    const html = await tooOld.text();
    expect(text(html)).toContain("Please enter an age between 0 and 120 years.");
    expect(html).toContain('value="130"');
    expect(html).toContain('href="#field-age"');
    await step(client, "/vorabcheck/person/neu", { age: "35" });
    await step(client, "/vorabcheck/person/p1/lage", { work: "able", pregnant: "no", residence: "german", education: "none" });
    await step(client, "/vorabcheck/person/p1/einkommen", {});
    await step(client, "/vorabcheck/haushalt", { intent: "continue" });
    const rent = await client.post("/vorabcheck/wohnung", { grossColdRent: "12000", heating: "abc", hotWater: "central" });
    expect(rent.status).toBe(400);
    const rentHtml = text(await rent.text());
    expect(rentHtml).toContain("This rent is very high");
    expect(rentHtml).toContain("Please enter a number");
  });

  it("refers people who already receive benefits or need another office, without a calculation", async () => {
    const client = new Browserish(server.url, "en");
    expect(await step(client, "/vorabcheck?index", { concern: "receiving" })).toBe("/vorabcheck/bereits-im-bezug");
    expect(text(await client.html("/vorabcheck/bereits-im-bezug"))).toContain("You already receive Grundsicherungsgeld");
    expect(await step(client, "/vorabcheck?index", { concern: "other" })).toBe("/vorabcheck/andere-stelle");
    const other = text(await client.html("/vorabcheck/andere-stelle"));
    expect(other).toContain("Housing benefit");
    expect(other).toContain("Wohngeld");
  });

  it("shows an exclusion with its referral, never 'rejected' (pensioner, example #9)", async () => {
    const client = new Browserish(server.url, "en");
    await step(client, "/vorabcheck?index", { concern: "first-application" });
    await step(client, "/vorabcheck/person/neu", { age: "68" });
    await step(client, "/vorabcheck/person/p1/lage", { work: "able", residence: "german", pension: "1" });
    await step(client, "/vorabcheck/person/p1/einkommen", { pension: "850" });
    await step(client, "/vorabcheck/haushalt", { intent: "continue" });
    await step(client, "/vorabcheck/wohnung", { grossColdRent: "400", heating: "70", hotWater: "central" });
    await step(client, "/vorabcheck/vermoegen", { assets: "", longReceipt: "no" });
    const result = text(await client.html("/vorabcheck/ergebnis"));
    expect(result).toContain("Another office is likely to be responsible");
    expect(result).toContain("Basic income in old age");
    expect(result).not.toMatch(/rejected/i);
  });

  it("does not store anything on the server: the answers live in an encrypted cookie only", async () => {
    const client = new Browserish(server.url, "de");
    await step(client, "/vorabcheck?index", { concern: "first-application" });
    await step(client, "/vorabcheck/person/neu", { age: "41" });
    const cookie = client.jar.get("precheck")!;
    expect(cookie.length).toBeGreaterThan(20);
    expect(Buffer.from(cookie, "base64url").toString("latin1")).not.toContain("41");
    // A tampered cookie is ignored, and the flow starts again instead of failing.
    const tampered = new Browserish(server.url, "de");
    const response = await fetch(`${server.url}/vorabcheck/haushalt`, { redirect: "manual", headers: { Cookie: `precheck=${cookie.slice(0, -4)}AAAA` } });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/vorabcheck");
    expect(tampered).toBeTruthy();
  });
});
