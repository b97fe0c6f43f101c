// The growing delay in front of a credential check (sign-in, staff sign-in with TOTP, an
// Ombudsstelle reference with its code). Wrong attempts are locked per (account, client address);
// per account there is only this delay, so whoever guesses slows themselves and never locks the
// person out (decision 029).

export interface BackoffPolicy {
  /** Wrong attempts on the account (in the window) before any delay. */
  freeFailures: number;
  /** The first delay; each further wrong attempt doubles it. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
  /**
   * From this many wrong attempts on the account, addresses without wrong attempts of their own
   * wait as well (guesses spread over many addresses); below it they are never delayed.
   */
  everyoneFrom: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { freeFailures: 5, baseMs: 100, maxMs: 2_000, everyoneFrom: 50 };

/**
 * How long an attempt waits before its credentials are checked: 0 for an address that has not
 * failed on this account (unless the account is under a spread-out attack), else growing with the
 * account's wrong attempts. Applied before the check, so the wait tells nothing about the answer.
 */
export function failureDelayMs(accountFailures: number, addressHasFailed: boolean, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (!addressHasFailed && accountFailures < policy.everyoneFrom) return 0;
  const over = accountFailures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over - 1, 30));
}
