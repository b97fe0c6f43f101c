import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/server";

// Memory under load (issue 11 § 6): every server render armed a 6-second abort timer that was
// never cleared, so each finished page kept its whole render (the serialised Remix context,
// ~40 KB) alive for 6 s — in the soak's heap snapshots 37 copies at once, and at hundreds of
// pages per second hundreds of MB. A finished render must leave no timer behind.
// Counted through the bench-only diagnostics endpoint (PORTAL_DIAGNOSTICS=1).

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ DEMO_DATA: "0", PORTAL_DIAGNOSTICS: "1" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function timers(): Promise<number> {
  const response = await fetch(`${server.url}/__diagnostics/memory`);
  return ((await response.json()) as { timers: number }).timers;
}

describe("server rendering", () => {
  it("leaves no pending timer per finished page", async () => {
    for (let i = 0; i < 3; i++) await (await fetch(`${server.url}/`)).text(); // warm up
    const before = await timers();
    for (let i = 0; i < 30; i++) {
      const response = await fetch(`${server.url}/?lng=${["de", "en", "ar"][i % 3]}`);
      expect(response.status).toBe(200);
      await response.text();
    }
    expect(await timers()).toBeLessThan(before + 5);
  });
});
