import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatFollowUpCode, formatReference, kindsOffered, normaliseFollowUpCode, normaliseReference, ombudsChannelOpen, retentionCutoff, statusAfterFollowUp, statusAfterReply } from "./rules";

describe("Ombudsstelle rules", () => {
  it("formats reference numbers and follow-up codes that survive being typed back sloppily", () => {
    const reference = formatReference(crypto.randomBytes(8));
    expect(reference).toMatch(/^O-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseReference(reference.toLowerCase().replace(/-/g, " "))).toBe(reference);
    const code = formatFollowUpCode(crypto.randomBytes(13));
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseFollowUpCode(` ${code.toLowerCase().replace(/-/g, "")} `)).toBe(code);
    expect(normaliseFollowUpCode("ABCD-EFGH-JKMN-PQRS-TVW")).toBeNull();
    expect(normaliseFollowUpCode("ABCD-EFGH-JKMN-PQRS-TVWU")).toBeNull();
    expect(normaliseFollowUpCode("0OI1-0000-0000-0000-0000")).toBe("0011-0000-0000-0000-0000");
    expect(normaliseReference("O-123")).toBeNull();
    expect(normaliseReference("O-ABCU-1234")).toBeNull();
  });

  it("gives every code 100 bits: codes from different random bytes differ", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => formatFollowUpCode(crypto.randomBytes(13))));
    expect(codes.size).toBe(1000);
    expect(() => formatFollowUpCode(crypto.randomBytes(8))).toThrow();
  });

  it("offers the form only for a configured Ombudsstelle that is not just planned", () => {
    expect(ombudsChannelOpen(undefined)).toBe(false);
    expect(ombudsChannelOpen({ name: "X", independent: true, description: { de: "x" } })).toBe(true);
    expect(ombudsChannelOpen({ name: "X", independent: true, status: "planned", description: { de: "x" } })).toBe(false);
    expect(kindsOffered({ name: "X", independent: true, accepts: ["kritik"], description: { de: "x" } })).toEqual(["kritik"]);
    expect(kindsOffered(undefined)).toEqual(["anregungen", "kritik", "beschwerden"]);
  });

  it("moves the status with replies and follow-ups, and counts retention from the last entry", () => {
    expect(statusAfterReply("received")).toBe("answered");
    expect(statusAfterReply("closed")).toBe("closed");
    expect(statusAfterFollowUp()).toBe("received");
    expect(retentionCutoff(new Date("2026-12-31T00:00:00Z"), 30)).toBe("2026-12-01T00:00:00.000Z");
  });
});
