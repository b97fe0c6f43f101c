import { createRequire } from "node:module";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

// The dependency rules (.dependency-cruiser.cjs) run over app/ in `npm test` (npm run deps). This
// proves they would fail: a fixture tree with one deliberate violation of each rule must be
// reported with every rule (`npm run deps` checks the real app/ finds none).

const require = createRequire(import.meta.url);
const config = require("../.dependency-cruiser.cjs") as { forbidden: unknown[]; options: Record<string, unknown> };

async function violations(dir: string): Promise<string[]> {
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result = await cruise([dir], { ...options, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe("dependency rules", () => {
  it("catch one deliberate violation of each rule in the fixture tree", async () => {
    const found = await violations("test/fixtures/dependency-rules/app");
    const rules = new Set(found.map((v) => v.split(":")[0]));
    const names = (config.forbidden as Array<{ name: string }>).map((r) => r.name);
    expect([...rules].sort()).toEqual([...names].sort());
    expect(found).toContain("domain-is-pure: test/fixtures/dependency-rules/app/domain/rule.ts → test/fixtures/dependency-rules/app/platform/db/db.server.ts");
    expect(found).toContain("feature-public-face: test/fixtures/dependency-rules/app/features/cases/cases.server.ts → test/fixtures/dependency-rules/app/features/application/records.server.ts");
  }, 60_000);
});
