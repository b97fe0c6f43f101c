import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DataSchema } from "../app/features/application/api.server";

// The mapping table docs/contracts/official-forms-mapping.md (official form → section → question
// → API field; decision 043) and the application API's `data` schema must agree: every field of
// GET /api/v1/applications/{id} `data` has a row, and every row names a field that exists.

type Json = { [key: string]: unknown };
const TABLE = path.resolve(__dirname, "../docs/contracts/official-forms-mapping.md");
const FORMS = ["HA", "WEP", "KI", "KDU", "EK", "EKS", "VM", "SV", "MEB", "HG", "UH", "VE", "UF"] as const;
const STATUSES = ["asked", "asked when it applies", "derived", "not needed online", "not yet asked"] as const;

/** Every leaf of the schema as a dotted path; `[]` for array items, each key of a record with known keys. */
function fieldPaths(schema: Json, prefix = ""): string[] {
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return [...new Set(variants.flatMap((v) => (v.type === "null" ? [] : fieldPaths(v, prefix))))];
  if (schema.type === "array" && schema.items) return fieldPaths(schema.items as Json, `${prefix}[]`);
  if (schema.type === "object" && schema.properties) {
    const out: string[] = [];
    for (const [key, child] of Object.entries(schema.properties as Record<string, Json>)) out.push(...fieldPaths(child, prefix ? `${prefix}.${key}` : key));
    return out;
  }
  if (schema.type === "object" && schema.propertyNames) {
    const names = (schema.propertyNames as Json).enum as string[] | undefined;
    return (names ?? ["*"]).map((n) => `${prefix}.${n}`);
  }
  return [prefix];
}

interface Row {
  form: string;
  section: string;
  question: string;
  field: string;
  status: string;
  line: number;
}

function rows(): Row[] {
  const out: Row[] = [];
  fs.readFileSync(TABLE, "utf8")
    .split("\n")
    .forEach((text, index) => {
      if (!text.startsWith("|") || /^\|\s*-/.test(text) || /^\|\s*Form\s*\|/.test(text)) return;
      const cells = text
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
      const [form, section, question, field, status] = cells;
      out.push({ form, section, question, field: field.replace(/`/g, ""), status, line: index + 1 });
    });
  return out;
}

describe("the mapping of the official forms to the API (docs/contracts/official-forms-mapping.md)", () => {
  const apiFields = fieldPaths(z.toJSONSchema(DataSchema, { io: "output" }) as Json).map((p) => `data.${p}`);
  const table = rows();
  const mapped = new Set(table.flatMap((r) => (r.field && r.field !== "—" ? r.field.split(/,\s*/) : [])));

  it("finds the fields of the API and the rows of the table", () => {
    expect(apiFields).toEqual(expect.arrayContaining(["data.members[].familyStatus", "data.members[].residence.document", "data.bank.iban"]));
    expect(table.length).toBeGreaterThan(60);
  });

  it("has a row for every field of the application's data", () => {
    expect(apiFields.filter((f) => !mapped.has(f))).toEqual([]);
  });

  it("names only fields that exist", () => {
    const known = new Set(apiFields);
    expect([...mapped].filter((f) => !known.has(f))).toEqual([]);
  });

  it("covers every official form, each row with a known form and status; a row without a field says why", () => {
    for (const form of FORMS)
      expect(
        table.some((r) => r.form === form),
        form,
      ).toBe(true);
    for (const r of table) {
      expect([...FORMS, "Portal"], `line ${r.line}`).toContain(r.form);
      expect(
        STATUSES.some((s) => r.status.startsWith(s)),
        `line ${r.line}: ${r.status}`,
      ).toBe(true);
      if (r.status.startsWith("asked") || r.status.startsWith("derived")) expect(r.field, `line ${r.line}: an asked question names its field`).not.toBe("—");
      else expect(r.status, `line ${r.line}: the reason or the plan`).toMatch(/\(.+\)/);
    }
  });
});
