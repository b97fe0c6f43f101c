// One state per checklist item, the same for the back office and for the person (issue 19 §§ 5–6,
// decision 039). Before, the staff page derived "liegt vor" from a file count while the person's
// pages derived "erneut angefordert" from the review: after "Neu anfordern" both were shown at once.
// Now both views call `checklistItemState` with the same facts and show the same state, in the same
// words (locales/de/uploads.json `checklist.status.*`), with the same due date.
//
// Order of precedence (the first that holds):
//   asked-again — the back office refused a file with a reason and nothing newer came since
//   requested   — an open document request of the back office names this item (its kind, and its
//                 person or the whole household)
//   accepted    — every file is accepted
//   uploaded    — files are there, at least one not yet reviewed
//   missing     — a required proof without a file
//   optional    — "other": offered, never missing
//
// Due dates: the checklist is due 14 days after the submission (§ 66 (3) SGB I, "angemessene
// Frist"; review.ts); an open request is due on its own date (the earliest, when several name the
// item). Accepted and optional items have none. Drafts have none.

import { checklistDueDate, itemReviewState, type ReviewedDocument } from "./review";

export const CHECKLIST_ITEM_STATES = ["missing", "uploaded", "accepted", "asked-again", "requested", "optional"] as const;
export type ChecklistItemState = (typeof CHECKLIST_ITEM_STATES)[number];

/** A document request of the back office as far as the checklist cares. */
export interface OpenRequestFact {
  category: string;
  /** The person it is for; null = the household, or every person (older requests). */
  memberId: string | null;
  /** "YYYY-MM-DD" */
  dueDate: string;
  status: "open" | "answered";
}

/** The item as far as its state goes (ChecklistItem of documents.ts fits). */
export interface ItemFacts {
  category: string;
  /** The person the proof is for; null = the household. */
  memberId: string | null;
  required: boolean;
}

export interface ChecklistItemView {
  state: ChecklistItemState;
  /** The back office's reason (asked-again only). */
  reason: string | null;
  /** "YYYY-MM-DD" or null (draft, accepted, optional). */
  dueDate: string | null;
  /** Files of the item. */
  count: number;
}

/** Does this open request name this item? Same kind, and the same person (or no person given). */
export function requestCovers(request: Pick<OpenRequestFact, "category" | "memberId">, item: Pick<ItemFacts, "category" | "memberId">): boolean {
  if (request.category !== item.category) return false;
  return request.memberId === null || request.memberId === item.memberId;
}

export function checklistItemState(input: {
  item: ItemFacts;
  documents: readonly ReviewedDocument[];
  requests: readonly OpenRequestFact[];
  /** ISO time of the submission; null for a draft. */
  submittedAt: string | null;
}): ChecklistItemView {
  const { item, documents, submittedAt } = input;
  const count = documents.length;
  const checklistDue = submittedAt ? checklistDueDate(submittedAt) : null;
  const review = itemReviewState(documents);
  if (review.state === "asked-again") return { state: "asked-again", reason: review.reason, dueDate: checklistDue, count };
  const open = input.requests.filter((r) => r.status === "open" && requestCovers(r, item));
  if (open.length && submittedAt) {
    const dueDate = open.map((r) => r.dueDate).sort()[0];
    return { state: "requested", reason: null, dueDate, count };
  }
  if (review.state === "accepted") return { state: "accepted", reason: null, dueDate: null, count };
  if (review.state === "uploaded") return { state: "uploaded", reason: null, dueDate: checklistDue, count };
  if (!item.required) return { state: "optional", reason: null, dueDate: null, count };
  return { state: "missing", reason: null, dueDate: checklistDue, count };
}

/** Still to be handed in by the person (what an appointment reminder lists as "bring along"). */
export function isOpenState(state: ChecklistItemState): boolean {
  return state === "missing" || state === "asked-again" || state === "requested";
}
