// The house rules for imports (docs/decisions/024-layout-and-dependency-rules.md):
//   routes → features (through index.server.ts) → platform → domain
// `npm run deps` checks app/ against them; test/dependency-rules.test.ts proves each rule fires on
// a fixture tree with deliberate violations. Paths match "app/…" anywhere in the path so the same
// rules apply to that fixture.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import circles make start-up order matter and hide which module owns what.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "app/domain holds the rules as plain code: it imports only itself, zod and node:crypto (TOTP, hashing). Its tests may use fixtures.",
      from: { path: "(^|/)app/domain/", pathNot: "\\.test\\.tsx?$" },
      to: { pathNot: ["(^|/)app/domain/", "(^|/)node_modules/zod/", "^(node:)?crypto$"] },
    },
    {
      name: "platform-knows-no-feature",
      severity: "error",
      comment: "Infrastructure serves every feature and knows none of them (nor routes, UI or the root).",
      from: { path: "(^|/)app/platform/" },
      to: { path: "(^|/)app/(features|routes|components|server)/" },
    },
    {
      name: "features-below-routes",
      severity: "error",
      comment: "Features do not reach up into routes, UI components or the composition root.",
      from: { path: "(^|/)app/features/" },
      to: { path: "(^|/)app/(routes|components|server)/" },
    },
    {
      name: "feature-public-face",
      severity: "error",
      comment: "Another feature is used only through its index.server.ts, never its internals.",
      from: { path: "(^|/)app/features/([^/]+)/" },
      to: { path: "(^|/)app/features/", pathNot: ["(^|/)app/features/$2/", "(^|/)app/features/[^/]+/index\\.server\\.ts$"] },
    },
    {
      name: "routes-use-feature-faces",
      severity: "error",
      comment: "Routes and components use a feature through its index.server.ts.",
      from: { path: "(^|/)app/(routes|components|lib|root\\.tsx|entry\\.)" },
      to: { path: "(^|/)app/features/[^/]+/", pathNot: "(^|/)app/features/[^/]+/index\\.server\\.ts$" },
    },
    {
      name: "only-entry-uses-root",
      severity: "error",
      comment: "The composition root (app/server) is started by entry.server.tsx alone.",
      from: { path: "(^|/)app/", pathNot: ["(^|/)app/server/", "(^|/)app/entry\\.server\\.tsx$"] },
      to: { path: "(^|/)app/server/" },
    },
    {
      name: "no-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing is a typo or a missing package.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(build|public/build|\\.cache)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
