import { describe, expect, it } from "vitest";
import { checklistDueDate, itemReviewState } from "./review";

describe("checklist due date", () => {
  it("is 14 days after the submission, as a German calendar day", () => {
    expect(checklistDueDate("2026-03-01T10:00:00.000Z")).toBe("2026-03-15");
    expect(checklistDueDate("2026-03-01T23:30:00.000Z")).toBe("2026-03-16"); // already the 2nd in Germany
  });
});

describe("state of a checklist item", () => {
  const doc = (createdAt: string, review: { decision: "accepted" | "rejected"; reason?: string; at: string } | null = null) => ({
    createdAt,
    review: review ? { decision: review.decision, reason: review.reason ?? null, at: review.at } : null,
  });

  it("is missing without files and uploaded with unreviewed files", () => {
    expect(itemReviewState([]).state).toBe("missing");
    expect(itemReviewState([doc("2026-03-01T10:00:00Z")]).state).toBe("uploaded");
  });

  it("is accepted once every file is reviewed and one accepted", () => {
    expect(itemReviewState([doc("2026-03-01T10:00:00Z", { decision: "accepted", at: "2026-03-02T10:00:00Z" })]).state).toBe("accepted");
    expect(itemReviewState([doc("2026-03-01T10:00:00Z", { decision: "accepted", at: "2026-03-02T10:00:00Z" }), doc("2026-03-03T10:00:00Z")]).state).toBe("uploaded");
  });

  it("is asked again with the reason until something newer is uploaded", () => {
    const refused = doc("2026-03-01T10:00:00Z", { decision: "rejected", reason: "Unleserlich", at: "2026-03-02T10:00:00Z" });
    expect(itemReviewState([refused])).toEqual({ state: "asked-again", reason: "Unleserlich" });
    expect(itemReviewState([refused, doc("2026-03-04T10:00:00Z")]).state).toBe("uploaded");
    expect(itemReviewState([refused, doc("2026-03-04T10:00:00Z", { decision: "accepted", at: "2026-03-05T10:00:00Z" })]).state).toBe("accepted");
  });
});
