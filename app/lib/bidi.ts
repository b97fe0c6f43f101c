// Left-to-right runs inside right-to-left text (issue 12, item 4). In HTML the components in
// app/components/bidi.tsx isolate them with <bdi>; in plain text (mails, page titles, PDFs) the
// Unicode isolates do the same: FSI (U+2068) … PDI (U+2069) lets the run choose its own direction.

const FSI = "\u2068";
const LRI = "\u2066";
const PDI = "\u2069";

/** A value isolated for plain text: it reads in its own direction inside Arabic or Farsi. */
export function isolate(value: string, dir: "auto" | "ltr" = "auto"): string {
  return `${dir === "ltr" ? LRI : FSI}${value}${PDI}`;
}

/** The values of a translation isolated for plain text (strings only; counts stay numbers for plurals). */
export function isolateValues<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === "string" && v ? isolate(v) : v;
  return out as T;
}

/**
 * Latin-script runs in a translated sentence ("§ 66 SGB I", "Bürgergeld", "Jobcenter Kreis
 * Heinsberg"): start and end of each run, so a page can isolate them. A run holds at least one
 * Latin letter or §; digits alone read right in either direction and are left alone.
 */
const RUN = /(?:§{1,2}\s?)?[\p{Script=Latin}\d](?:[\p{Script=Latin}\d .,:\-–/§]*[\p{Script=Latin}\d?!])?/gu;

export function latinRuns(text: string): Array<{ text: string; ltr: boolean }> {
  const parts: Array<{ text: string; ltr: boolean }> = [];
  let last = 0;
  for (const m of text.matchAll(RUN)) {
    const run = m[0];
    if (!/[\p{Script=Latin}§]/u.test(run)) continue;
    const start = m.index!;
    if (start > last) parts.push({ text: text.slice(last, start), ltr: false });
    parts.push({ text: run, ltr: true });
    last = start + run.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), ltr: false });
  return parts;
}
