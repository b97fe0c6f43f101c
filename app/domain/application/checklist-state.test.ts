import { describe, expect, it } from "vitest";
import { checklistItemState, requestCovers, type OpenRequestFact } from "./checklist-state";
import type { ReviewedDocument } from "./review";

const SUBMITTED = "2026-12-01T09:00:00.000Z"; // checklist due 2026-12-15
const rent = { category: "rent-contract", memberId: null, required: true };
const idOmar = { category: "identity", memberId: "m2", required: true };
const other = { category: "other", memberId: null, required: false };
const file = (createdAt: string, review: ReviewedDocument["review"] = null): ReviewedDocument => ({ createdAt, review });
const rejected = (at: string, reason = "unscharf") => ({ decision: "rejected" as const, reason, at });
const accepted = (at: string) => ({ decision: "accepted" as const, reason: null, at });
const request = (category: string, memberId: string | null, dueDate = "2026-12-20", status: "open" | "answered" = "open"): OpenRequestFact => ({ category, memberId, dueDate, status });

describe("one state per checklist item (staff and person alike)", () => {
  const cases: Array<[string, Parameters<typeof checklistItemState>[0], { state: string; dueDate: string | null; reason?: string | null; count?: number }]> = [
    ["nothing handed in", { item: rent, documents: [], requests: [], submittedAt: SUBMITTED }, { state: "missing", dueDate: "2026-12-15" }],
    ["a draft has no due date", { item: rent, documents: [], requests: [], submittedAt: null }, { state: "missing", dueDate: null }],
    ["one file, not reviewed", { item: rent, documents: [file("2026-12-01T08:00:00Z")], requests: [], submittedAt: SUBMITTED }, { state: "uploaded", dueDate: "2026-12-15", count: 1 }],
    [
      // The bug of issue 19 § 5: the staff page said "liegt vor (1)" here.
      "the only file was asked for again",
      { item: rent, documents: [file("2026-12-01T08:00:00Z", rejected("2026-12-02T10:00:00Z"))], requests: [], submittedAt: SUBMITTED },
      { state: "asked-again", dueDate: "2026-12-15", reason: "unscharf", count: 1 },
    ],
    [
      "a new file after the refusal",
      { item: rent, documents: [file("2026-12-01T08:00:00Z", rejected("2026-12-02T10:00:00Z")), file("2026-12-03T08:00:00Z")], requests: [], submittedAt: SUBMITTED },
      { state: "uploaded", dueDate: "2026-12-15", count: 2 },
    ],
    ["accepted: no due date", { item: rent, documents: [file("2026-12-01T08:00:00Z", accepted("2026-12-02T10:00:00Z"))], requests: [], submittedAt: SUBMITTED }, { state: "accepted", dueDate: null }],
    [
      "an open request for the household item",
      { item: rent, documents: [file("2026-12-01T08:00:00Z", accepted("2026-12-02T10:00:00Z"))], requests: [request("rent-contract", null, "2026-12-22")], submittedAt: SUBMITTED },
      { state: "requested", dueDate: "2026-12-22" },
    ],
    [
      "an answered request no longer counts",
      { item: rent, documents: [], requests: [request("rent-contract", null, "2026-12-22", "answered")], submittedAt: SUBMITTED },
      { state: "missing", dueDate: "2026-12-15" },
    ],
    [
      "a request for another person does not name this one",
      { item: idOmar, documents: [], requests: [request("identity", "p1")], submittedAt: SUBMITTED },
      { state: "missing", dueDate: "2026-12-15" },
    ],
    [
      "two open requests: the earlier date",
      { item: idOmar, documents: [], requests: [request("identity", "m2", "2026-12-28"), request("identity", null, "2026-12-21")], submittedAt: SUBMITTED },
      { state: "requested", dueDate: "2026-12-21" },
    ],
    [
      "a refusal outranks a request (it carries the reason)",
      { item: rent, documents: [file("2026-12-01T08:00:00Z", rejected("2026-12-02T10:00:00Z", "Seite 2 fehlt"))], requests: [request("rent-contract", null)], submittedAt: SUBMITTED },
      { state: "asked-again", dueDate: "2026-12-15", reason: "Seite 2 fehlt" },
    ],
    ["optional without files", { item: other, documents: [], requests: [], submittedAt: SUBMITTED }, { state: "optional", dueDate: null }],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(checklistItemState(input)).toMatchObject(expected);
  });

  it("matches requests by kind and person", () => {
    expect(requestCovers({ category: "identity", memberId: null }, idOmar)).toBe(true);
    expect(requestCovers({ category: "identity", memberId: "m2" }, idOmar)).toBe(true);
    expect(requestCovers({ category: "identity", memberId: "p1" }, idOmar)).toBe(false);
    expect(requestCovers({ category: "rent-contract", memberId: null }, idOmar)).toBe(false);
  });
});
