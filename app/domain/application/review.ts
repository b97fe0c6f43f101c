// Due dates and the back office's review of handed-over documents (issue "Online Antrag" § 3).
//
// Due date: documents of the checklist are due 14 days after the submission (the usual Frist of
// a Mitwirkungsaufforderung, § 66 (3) SGB I: "angemessene Frist"); a document the back office
// asks for is due on the date of its request.
//
// State of a checklist item, as the applicant sees it: missing (nothing handed in), uploaded
// (handed in, not yet reviewed), accepted (the back office accepted a file of it) or asked again
// (the back office refused a file with a reason, and nothing newer was uploaded since).

import { berlinDay } from "./dates";

export const CHECKLIST_DUE_DAYS = 14;
export const REVIEW_DECISIONS = ["accepted", "rejected"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export type ItemReviewState = "missing" | "uploaded" | "accepted" | "asked-again";

export interface ReviewedDocument {
  /** When the file was uploaded (ISO). */
  createdAt: string;
  review: { decision: ReviewDecision; reason: string | null; at: string } | null;
}

/** The due date ("YYYY-MM-DD", German calendar day) of the checklist of an application submitted at `submittedAt`. */
export function checklistDueDate(submittedAt: string): string {
  return berlinDay(new Date(Date.parse(submittedAt) + CHECKLIST_DUE_DAYS * 86_400_000));
}

export function itemReviewState(documents: readonly ReviewedDocument[]): { state: ItemReviewState; reason: string | null } {
  if (!documents.length) return { state: "missing", reason: null };
  const newestUpload = Math.max(...documents.map((d) => Date.parse(d.createdAt)));
  const rejections = documents.filter((d) => d.review?.decision === "rejected").sort((a, b) => Date.parse(b.review!.at) - Date.parse(a.review!.at));
  const latestRejection = rejections[0]?.review;
  // A refusal stands until something newer is uploaded for the item.
  if (latestRejection && newestUpload <= Date.parse(latestRejection.at)) {
    const accepted = documents.some((d) => d.review?.decision === "accepted" && Date.parse(d.review.at) > Date.parse(latestRejection.at));
    if (!accepted) return { state: "asked-again", reason: latestRejection.reason };
  }
  if (documents.some((d) => d.review?.decision === "accepted")) {
    const unreviewed = documents.some((d) => !d.review);
    return { state: unreviewed ? "uploaded" : "accepted", reason: null };
  }
  return { state: "uploaded", reason: null };
}
