import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INCOME_KINDS } from "./model";

// Every question of the application has plain-language help (issue "Online Antrag" § 2): each key
// given to questionHint / hintWithGerman in the application's pages has a help text and a German
// label (the official wording shown beside the translation).
const ROOT = path.resolve(__dirname, "../../..");
const ANTRAG = path.join(ROOT, "app/routes/antrag+");
// The application's pages (`antrag+/$id.*.tsx`); their loaders and actions may sit in a sibling `.server.ts`.
const routes = fs.readdirSync(ANTRAG).filter((f) => f.startsWith("$id.") && !f.includes(".server."));
const german = JSON.parse(fs.readFileSync(path.join(ROOT, "locales/de/application.json"), "utf8")) as Record<string, unknown>;

function lookup(key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), german);
}

/** The keys a page passes, with `${name}` templates expanded by the names the page iterates over. */
function keysOf(source: string): string[] {
  const keys: string[] = [];
  for (const m of source.matchAll(/(?:questionHint|hintWithGerman)\(\s*["`]([^"`]+)["`]/g)) {
    const key = m[1];
    if (!key.includes("${")) keys.push(key);
    else if (key === "income.kinds.${kind}") keys.push(...INCOME_KINDS.map((k) => `income.kinds.${k}`));
    else {
      // `prefix.${name}`: the names are the string literals of the page's field lists.
      const prefix = key.slice(0, key.indexOf("${"));
      const names = [...source.matchAll(/(?:field|money)\("(\w+)"/g), ...source.matchAll(/"(\w+)"(?=[,\]] *(?:"\w+"[,\]]| as const|\]))/g)].map((x) => x[1]);
      for (const name of new Set(names)) if (lookup(`${prefix}${name}`) !== undefined) keys.push(`${prefix}${name}`);
    }
  }
  for (const m of source.matchAll(/personChoice\("\w+", "([^"]+)"/g)) keys.push(m[1]);
  return keys;
}

describe("help per question", () => {
  it("finds the application's question pages", () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of routes) {
    const keys = keysOf(fs.readFileSync(path.join(ANTRAG, file), "utf8"));
    if (keys.length === 0) continue;
    it(`${file}: every question has help and a German label`, () => {
      for (const key of keys) {
        expect(typeof lookup(`help.${key}`), `help.${key}`).toBe("string");
        expect(typeof lookup(key), key).toBe("string");
      }
    });
  }

  it("covers every field of the personal page", () => {
    const source = fs.readFileSync(path.join(ANTRAG, "$id.person.tsx"), "utf8");
    for (const name of ["firstName", "lastName", "birthDate", "nationality", "street", "postalCode", "municipality", "phone", "priorBenefits"]) {
      expect(source.includes(`field("${name}"`) || source.includes(`"fields.${name}"`), name).toBe(true);
      expect(typeof lookup(`help.fields.${name}`), name).toBe("string");
    }
  });
});
