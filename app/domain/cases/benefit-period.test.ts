import { describe, expect, it } from "vitest";
import { BenefitPeriodSchema, dueRenewalReminder, renewalState, weeksBefore } from "./benefit-period";

const year = { from: "2026-07-01", to: "2027-06-30" };
const weeks = [8, 4];

describe("the approval period (§ 41 Abs. 3 SGB II)", () => {
  it.each([
    [{ from: "2026-07-01", to: "2027-06-30" }, true],
    [{ from: "2026-07-01", to: "2026-12-31" }, true],
    [{ from: "2026-07-01", to: "2026-07-01" }, true],
    [{ from: "2026-07-01", to: "2026-06-30" }, false],
    [{ from: "2026-07-01", to: "2028-07-01" }, false],
    [{ from: "2026-02-30", to: "2026-07-01" }, false],
    [{ from: "2026-07-01" }, false],
    [{ from: "2026-07-01", to: "2027-06-30", extra: 1 }, false],
  ])("%j is accepted: %s", (input, ok) => {
    expect(BenefitPeriodSchema.safeParse(input).success).toBe(ok);
  });

  it("counts weeks back in calendar days", () => {
    expect(weeksBefore("2027-06-30", 8)).toBe("2027-05-05");
    expect(weeksBefore("2027-03-28", 4)).toBe("2027-02-28");
  });

  it.each([
    ["2026-06-30", "future"],
    ["2026-07-01", "running"],
    ["2027-05-04", "running"],
    ["2027-05-05", "renew"],
    ["2027-06-30", "renew"],
    ["2027-07-01", "ended"],
  ])("on %s the renewal is %s", (today, state) => {
    expect(renewalState(year, today, weeks)).toBe(state);
  });

  it.each([
    ["2027-05-04", null],
    ["2027-05-05", "w8:2027-06-30"],
    ["2027-06-01", "w8:2027-06-30"],
    ["2027-06-02", "w4:2027-06-30"],
    ["2027-06-30", "w4:2027-06-30"],
    ["2027-07-01", null],
  ])("on %s the reminder due is %s", (today, kind) => {
    expect(dueRenewalReminder(year, today, weeks)).toBe(kind);
  });

  it("a period set three weeks before its end gets only the closest reminder", () => {
    expect(dueRenewalReminder({ from: "2026-01-01", to: "2026-06-30" }, "2026-06-09", weeks)).toBe("w4:2026-06-30");
  });
});
