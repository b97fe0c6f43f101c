// ESLint 9 flat config. Globs are generic on purpose (no per-file paths), so files can move.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { defineConfig } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Build output, generated service-worker files, runtime data.
    ignores: ["build/", "public/build/", "public/sw.js", "public/workbox-*.js", "public/offline/", "public/fonts/", ".cache/", "node_modules/", "data/", "test-results/", "bench/results/"],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  js.configs.recommended,
  // Plain (not type-aware) recommended: recommendedTypeChecked needs ~95 s of CPU for the tree on one core.
  tseslint.configs.recommended,
  {
    rules: {
      // Destructuring with a rest element is how the code leaves a property out of a copy ({ id: _id, ...rest }).
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // Module augmentation (Remix's AppLoadContext extends PortalLoadContext {}) can only be written as an interface.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },

  // The app: React components, hooks and accessibility. Its modules run in the browser (and on the server).
  {
    files: ["app/**/*.{ts,tsx}"],
    extends: [react.configs.flat.recommended, react.configs.flat["jsx-runtime"], reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
    settings: { react: { version: "detect" } },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // A labelled role="region" that scrolls sideways must be focusable to be scrolled by keyboard (axe: scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },

  // Every posted form is read by readForm (app/platform/http/form.server.ts), which normalises the
  // person's own digits (Arabic-Indic, Persian) once at the boundary (issue 12, item 3).
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/platform/http/form.server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='formData'][callee.object.name='request']",
          message: "Read forms with readForm(request) from ~/platform/http/form.server (normalises Arabic-Indic and Persian digits).",
        },
      ],
    },
  },

  // Server modules, tests, benchmarks, scripts and the config files at the root run on Node.
  {
    files: ["app/**/*.server.{ts,tsx}", "app/server/**/*.ts", "test/**/*.{ts,mjs}", "bench/**/*.{ts,mjs}", "scripts/**/*.mjs", "*.js", "*.mjs", "*.ts"],
    languageOptions: { globals: { ...globals.node } },
  },
  // Browser tests: Node scripts whose page.evaluate() callbacks run in the page.
  {
    files: ["test/browser/**/*.{ts,mjs}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  // CommonJS config files (dependency-cruiser reads .cjs).
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
  // The hand-written part of the service worker under public/.
  {
    files: ["public/**/*.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },

  // Last: turn off every stylistic rule that Prettier decides.
  prettier,
);
