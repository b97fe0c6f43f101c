// Limits the pages use in the browser too (kept apart from plan.ts, which needs full zod).

/** Longest "I need help with this" message. */
export const HELP_MESSAGE_MAX = 2000;
