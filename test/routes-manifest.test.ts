import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The portal's URLs are a contract (links in mails and letters, bookmarks, the back-office API):
// moving or renaming a file under app/routes must not change them. This test asks Remix for the
// route manifest (`remix routes --json`, read from remix.config.js and app/routes as they are now)
// and compares every route's URL pattern, whether it is an index route, and its parent's URL
// pattern (so layouts and nesting stay the same) with test/fixtures/route-paths.json.
//
// A deliberate change of URLs: run `UPDATE_ROUTE_PATHS=1 npx vitest run test/routes-manifest.test.ts`
// and commit the new fixture together with the change.

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.join(ROOT, "test/fixtures/route-paths.json");

type ManifestRoute = { id: string; path?: string; index?: boolean; file: string; children?: ManifestRoute[] };
type RoutePath = { path: string; index: boolean; parent: string };

/** "antrag/:id" under "/" → "/antrag/:id"; a pathless route keeps its parent's pattern. */
function join(parent: string, segment: string | undefined): string {
  if (!segment) return parent;
  return `${parent === "/" ? "" : parent}/${segment}`;
}

/** One entry per route below root: its full URL pattern, index or not, and its parent's pattern ("root" for the root route). */
function routePaths(manifest: ManifestRoute[]): RoutePath[] {
  const out: RoutePath[] = [];
  const walk = (route: ManifestRoute, parentPath: string, parentLabel: string) => {
    const full = route.id === "root" ? "/" : join(parentPath, route.path);
    if (route.id !== "root") out.push({ path: full, index: route.index === true, parent: parentLabel });
    const label = route.id === "root" ? "root" : route.index ? `${full} (index)` : route.path ? full : `${full} (pathless layout)`;
    for (const child of route.children ?? []) walk(child, full, label);
  };
  for (const route of manifest) walk(route, "/", "root");
  const key = (r: RoutePath) => `${r.path}\u0000${r.index ? 1 : 0}\u0000${r.parent}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function currentManifest(): ManifestRoute[] {
  const cli = path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js");
  const stdout = execFileSync(process.execPath, [cli, "routes", "--json"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  return JSON.parse(stdout) as ManifestRoute[];
}

describe("route manifest", () => {
  const current = routePaths(currentManifest());
  if (process.env.UPDATE_ROUTE_PATHS === "1") {
    fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
    fs.writeFileSync(FIXTURE, `[\n${current.map((r) => `  ${JSON.stringify(r)}`).join(",\n")}\n]\n`);
  }

  it("finds the routes", () => {
    expect(current.length).toBeGreaterThan(50);
    expect(current).toContainEqual({ path: "/", index: true, parent: "root" });
  });

  it("has the same URL paths, index routes and nesting as test/fixtures/route-paths.json", () => {
    const expected = JSON.parse(fs.readFileSync(FIXTURE, "utf8")) as RoutePath[];
    const show = (r: RoutePath) => `${r.path}${r.index ? " (index)" : ""} under ${r.parent}`;
    const missing = expected.filter((e) => !current.some((c) => show(c) === show(e))).map(show);
    const added = current.filter((c) => !expected.some((e) => show(c) === show(e))).map(show);
    expect({ missing, added }).toEqual({ missing: [], added: [] });
    expect(current).toEqual(expected);
  });
});
