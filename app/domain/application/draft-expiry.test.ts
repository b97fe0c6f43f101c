import { describe, expect, it } from "vitest";
import { draftCandidateCutoff, draftDeleteAt, draftExpiryAction } from "./draft-expiry";

const DAY = 86_400_000;
const saved = "2026-01-10T08:00:00.000Z";
const at = (days: number) => new Date(Date.parse(saved) + days * DAY);

describe("draft expiry", () => {
  it("does nothing while the draft is young", () => {
    expect(draftExpiryAction({ updatedAt: saved, warnedAt: null }, 183, at(168.9))).toEqual({ kind: "none" });
  });

  it("warns 14 days before the end of the period", () => {
    const action = draftExpiryAction({ updatedAt: saved, warnedAt: null }, 183, at(169));
    expect(action).toEqual({ kind: "warn", deleteAt: at(183) });
  });

  it("deletes at the end of the period once warned", () => {
    const clock = { updatedAt: saved, warnedAt: at(169).toISOString() };
    expect(draftExpiryAction(clock, 183, at(182.99))).toEqual({ kind: "none" });
    expect(draftExpiryAction(clock, 183, at(183))).toEqual({ kind: "delete" });
  });

  it("never deletes without a warning", () => {
    expect(draftExpiryAction({ updatedAt: saved, warnedAt: null }, 183, at(400)).kind).toBe("warn");
  });

  it("gives the full 14 days after a late warning", () => {
    const clock = { updatedAt: saved, warnedAt: at(200).toISOString() };
    expect(draftDeleteAt(clock, 183)).toEqual(at(214));
    expect(draftExpiryAction(clock, 183, at(213)).kind).toBe("none");
    expect(draftExpiryAction(clock, 183, at(214)).kind).toBe("delete");
  });

  it("selects drafts saved before the warning point", () => {
    expect(draftCandidateCutoff(183, at(169))).toBe(saved);
  });
});
