import { describe, expect, it } from "vitest";
import { appointmentReference, canChange, changeDeadline, dueReminders, exceedsFutureLimit, groupByDay, holdExpiry, isHoldExpired, passedReminderKinds } from "./rules";

const start = "2026-11-26T09:00:00.000Z";

describe("cancellation deadline", () => {
  it("allows changes up to cancelHours before the start, not after", () => {
    expect(changeDeadline(start, 24).toISOString()).toBe("2026-11-25T09:00:00.000Z");
    expect(canChange({ status: "booked", startsAt: start }, 24, new Date("2026-11-25T08:59:59Z"))).toBe(true);
    expect(canChange({ status: "booked", startsAt: start }, 24, new Date("2026-11-25T09:00:00Z"))).toBe(true);
    expect(canChange({ status: "booked", startsAt: start }, 24, new Date("2026-11-25T09:00:01Z"))).toBe(false);
    expect(canChange({ status: "cancelled", startsAt: start }, 24, new Date("2026-11-20T00:00:00Z"))).toBe(false);
    expect(canChange({ status: "booked", startsAt: start }, 0, new Date("2026-11-26T08:59:00Z"))).toBe(true);
  });
});

describe("limits and holds", () => {
  it("limits future appointments per type", () => {
    expect(exceedsFutureLimit(0, 2)).toBe(false);
    expect(exceedsFutureLimit(1, 2)).toBe(false);
    expect(exceedsFutureLimit(2, 2)).toBe(true);
  });

  it("lets a hold lapse after its minutes", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const expiry = holdExpiry(now, 10);
    expect(expiry.toISOString()).toBe("2026-11-22T10:10:00.000Z");
    expect(isHoldExpired(expiry.toISOString(), new Date("2026-11-22T10:09:59Z"))).toBe(false);
    expect(isHoldExpired(expiry.toISOString(), new Date("2026-11-22T10:10:00Z"))).toBe(true);
  });
});

describe("reminder due times", () => {
  const booked = { status: "booked", startsAt: start, bookedAt: "2026-11-20T12:00:00.000Z" };

  it("is due two days and two hours before, one at a time", () => {
    expect(dueReminders(booked, [48, 2], new Date("2026-11-24T08:59:00Z"))).toEqual([]);
    expect(dueReminders(booked, [48, 2], new Date("2026-11-24T09:00:00Z"))).toEqual([{ kind: "48h", hoursBefore: 48, dueAt: "2026-11-24T09:00:00.000Z" }]);
    expect(dueReminders(booked, [48, 2], new Date("2026-11-26T07:00:00Z")).map((r) => r.kind)).toEqual(["2h"]);
    expect(dueReminders(booked, [48, 2], new Date("2026-11-26T09:00:00Z"))).toEqual([]); // started
  });

  it("skips reminders whose time had passed when the appointment was booked", () => {
    const late = { ...booked, bookedAt: "2026-11-25T12:00:00.000Z" };
    expect(dueReminders(late, [48, 2], new Date("2026-11-25T12:00:01Z"))).toEqual([]);
    expect(dueReminders(late, [48, 2], new Date("2026-11-26T07:30:00Z")).map((r) => r.kind)).toEqual(["2h"]);
    expect(passedReminderKinds(late, [48, 2], new Date("2026-11-26T07:30:00Z"))).toEqual(["48h", "2h"]);
  });

  it("sends nothing for appointments that are not booked", () => {
    expect(dueReminders({ ...booked, status: "cancelled" }, [48, 2], new Date("2026-11-26T08:00:00Z"))).toEqual([]);
  });
});

describe("helpers", () => {
  it("makes readable references", () => {
    expect(appointmentReference()).toMatch(/^T-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(appointmentReference(() => 0)).toBe("T-2222-2222");
  });

  it("groups slots by day in order", () => {
    expect(groupByDay([{ date: "a" }, { date: "a" }, { date: "b" }]).map((g) => [g.date, g.items.length])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });
});
