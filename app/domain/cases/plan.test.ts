import { describe, expect, it } from "vitest";
import { codeFromBytes, formatCode, normaliseCode } from "./codes";
import { addMonths, dueTaskReminders, nextDue, occurrencesOf, PlanInputSchema, planChanges } from "./plan";

const plan = {
  goals: ["Arbeit im Lager finden"],
  jobcenterCommitments: ["Übernahme der Bewerbungskosten"],
  tasks: [
    {
      id: "bewerbungen",
      title: "6 Bewerbungen im Monat",
      kind: "applications",
      recurrence: { frequency: "monthly", firstDueDate: "2027-01-31", count: 3 },
      evidenceRequired: true,
      legalConsequences: "Minderung",
    },
    { id: "termin", title: "Termin wahrnehmen", kind: "appointment", dueDate: "2027-01-10", evidenceRequired: false, legalConsequences: "Minderung" },
  ],
  rechtsfolgenbelehrung: "Rechtsfolgenbelehrung …",
};

describe("plan", () => {
  it("accepts a plan and refuses duplicate task ids and both dueDate and recurrence", () => {
    expect(PlanInputSchema.safeParse(plan).success).toBe(true);
    expect(PlanInputSchema.safeParse({ ...plan, tasks: [plan.tasks[1], plan.tasks[1]] }).success).toBe(false);
    expect(PlanInputSchema.safeParse({ ...plan, tasks: [{ ...plan.tasks[0], dueDate: "2027-01-01" }] }).success).toBe(false);
    expect(PlanInputSchema.safeParse({ ...plan, extra: 1 }).success).toBe(false);
  });

  it("expands monthly recurrences, clamped to the month's end", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(occurrencesOf(PlanInputSchema.parse(plan).tasks[0]).map((o) => o.dueDate)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31"]);
    expect(occurrencesOf({ recurrence: { frequency: "weekly", firstDueDate: "2027-01-01", count: 2 } }).map((o) => o.dueDate)).toEqual(["2027-01-01", "2027-01-08"]);
    expect(occurrencesOf({})).toEqual([{ occurrence: 0, dueDate: null }]);
  });

  it("finds what is due next", () => {
    expect(
      nextDue([
        { dueDate: "2027-02-01", status: "open" as const },
        { dueDate: "2027-01-01", status: "done" as const },
        { dueDate: "2027-01-15", status: "open" as const },
      ])?.dueDate,
    ).toBe("2027-01-15");
    expect(nextDue([{ dueDate: null, status: "done" as const }])).toBeNull();
  });

  it("sends the closest reminder only, never for done or overdue tasks", () => {
    expect(dueTaskReminders("2027-01-10", "open", "2027-01-06")).toEqual([]);
    expect(dueTaskReminders("2027-01-10", "open", "2027-01-07")).toEqual(["d3"]);
    expect(dueTaskReminders("2027-01-10", "open", "2027-01-10")).toEqual(["d0"]);
    expect(dueTaskReminders("2027-01-10", "open", "2027-01-11")).toEqual([]);
    expect(dueTaskReminders("2027-01-10", "done", "2027-01-09")).toEqual([]);
  });

  it("lists what changed between versions", () => {
    const before = PlanInputSchema.parse(plan);
    const after = PlanInputSchema.parse({ ...plan, goals: ["Ausbildung beginnen"], tasks: [{ ...plan.tasks[1], dueDate: "2027-01-12" }] });
    const changes = planChanges(before, after);
    expect(changes.goalsAdded).toEqual(["Ausbildung beginnen"]);
    expect(changes.goalsRemoved).toEqual(["Arbeit im Lager finden"]);
    expect(changes.tasksRemoved).toEqual(["6 Bewerbungen im Monat"]);
    expect(changes.tasksChanged).toEqual(["Termin wahrnehmen"]);
    expect(changes.rechtsfolgenbelehrungChanged).toBe(false);
  });
});

describe("activation codes", () => {
  it("are 12 characters without look-alikes and normalise what people type", () => {
    const code = codeFromBytes(new Uint8Array(12).map((_, i) => i * 37));
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect(normaliseCode(formatCode(code).toLowerCase().replace(/-/g, " - "))).toBe(code);
    expect(normaliseCode("ABCD-EFGH-IJK0")).toBeNull();
    expect(normaliseCode("short")).toBeNull();
  });
});
