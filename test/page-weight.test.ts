import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageJs } from "../bench/page-js";
import { startTestServer, type TestServer } from "./support/server";

// The JavaScript the first pages of a visit make a cheap phone load (the budget:
// ≤ 120 kB gzipped for the start page). A route that pulls server-side data or full zod into
// the shared browser chunks breaks this, not just the bench.
const BUDGET_GZIP_BYTES = 120 * 1000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("JavaScript weight of the public entry pages", () => {
  it.each(["/", "/standorte", "/vorabcheck"])("%s loads at most 120 kB of gzipped JavaScript", async (pathname) => {
    const js = await pageJs(server.url, pathname);
    const listing = js.files.map((f) => `${f.path} ${(f.gzipBytes / 1000).toFixed(1)} kB`).join("\n");
    expect(js.files.length, listing).toBeGreaterThan(1);
    expect(js.totalGzipBytes, `${(js.totalGzipBytes / 1000).toFixed(1)} kB:\n${listing}`).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});
