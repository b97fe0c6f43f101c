import { describe, expect, it } from "vitest";
import { isolate, isolateValues, latinRuns } from "./bidi";

describe("latinRuns", () => {
  it.each([
    ["شهر واحد (§ 84 SGG). المهلة", ["§ 84 SGG"]],
    ["طلب المراجعة (§ 44 SGB X) تطلب", ["§ 44 SGB X"]],
    ["نعالج بياناتك (§§ 67a ff. SGB X)", ["§§ 67a ff. SGB X"]],
    ["في الاستمارة الألمانية: Wie wohnen Sie?", ["Wie wohnen Sie?"]],
    ["خدمة من الجوب سنتر (Jobcenter)، Kreis Heinsberg.", ["Jobcenter", "Kreis Heinsberg"]],
    ["أكثر من 12 شهرًا", []],
  ])("%s", (text, runs) => {
    const parts = latinRuns(text);
    expect(parts.filter((p) => p.ltr).map((p) => p.text)).toEqual(runs);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });
});

describe("isolate", () => {
  it("wraps in FSI … PDI (LRI for ltr) and leaves numbers for plurals", () => {
    expect(isolate("A-7KQ2-9KWT")).toBe("\u2068A-7KQ2-9KWT\u2069");
    expect(isolate("DE89", "ltr")).toBe("\u2066DE89\u2069");
    expect(isolateValues({ name: "Amal Haddad", count: 2 })).toEqual({ name: "\u2068Amal Haddad\u2069", count: 2 });
  });
});
