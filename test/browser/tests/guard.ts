// Guard: every page route module under app/routes is covered by an entry in routes.ts.
import { pageRouteModules, routePattern, STATIC_ROUTES } from "../routes";
import type { BrowserTest, TestEnv } from "../types";

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export default function guardTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "guard: flat-route names map to URL patterns",
      timeout: 5_000,
      fn: async () => {
        const cases: Array<[id: string, pattern: string, matches: string[], doesNotMatch: string[]]> = [
          ["_index", "/", ["/"], ["/x"]],
          ["standorte._index", "/standorte", ["/standorte", "/standorte/"], ["/standorte/x"]],
          ["standorte.$standortId", "/standorte/:standortId", ["/standorte/erkelenz-wegberg"], ["/standorte", "/standorte/a/b"]],
          ["konto._index", "/konto", ["/konto"], ["/kont"]],
          ["vorabcheck.person.$memberId.einkommen", "/vorabcheck/person/:memberId/einkommen", ["/vorabcheck/person/p1/einkommen"], ["/vorabcheck/person/p1"]],
          ["manifest[.]webmanifest", "/manifest.webmanifest", ["/manifest.webmanifest"], ["/manifestxwebmanifest"]],
          ["_auth.anmelden", "/anmelden", ["/anmelden"], []],
          ["konto_.drucken", "/konto/drucken", ["/konto/drucken"], []],
          ["($lang).glossar", "/(:lang)/glossar", ["/glossar", "/de/glossar"], ["/a/b/glossar"]],
          ["dateien.$", "/dateien/*", ["/dateien", "/dateien/a/b"], ["/datei"]],
        ];
        for (const [id, pattern, yes, no] of cases) {
          const p = routePattern(id);
          assertEqual(p.pattern, pattern, `pattern of ${id}`);
          for (const u of yes) if (!p.regex.test(u)) throw new Error(`${id} should match ${u}`);
          for (const u of no) if (p.regex.test(u)) throw new Error(`${id} should not match ${u}`);
        }
      },
    },
    {
      name: "guard: every page route is in test/browser/routes.ts",
      timeout: 5_000,
      fn: async () => {
        const modules = pageRouteModules();
        if (modules.length < 5) throw new Error(`found only ${modules.length} page routes under app/routes — is the scan broken?`);
        const paths = [...STATIC_ROUTES, ...env.routes].map((r) => new URL(r.path, "http://x").pathname);
        const missing = modules.filter((m) => !paths.some((p) => m.regex.test(p)));
        if (missing.length) {
          throw new Error(`page routes without an entry in test/browser/routes.ts (add one, with signedIn/precheck if needed):\n` + missing.map((m) => `  ${m.file}  →  ${m.pattern}`).join("\n"));
        }
        env.log(`${modules.length} page routes, all covered`);
      },
    },
  ];
}
