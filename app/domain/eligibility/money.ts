// Rounding of euro amounts (decision 15: Mehrbedarfe to cents, housing shares unrounded, the
// estimate half-up to cents).

/**
 * Rounds half away from zero to cents. Binary floating point turns 1275.675 into 1275.67499…;
 * going through 12 significant digits first removes that error (amounts stay far below 10^9 €).
 */
export function roundCents(amount: number): number {
  const cents = Number((Math.abs(amount) * 100).toPrecision(12));
  const rounded = Math.floor(cents + 0.5) / 100;
  return amount < 0 ? -rounded : rounded;
}

/** The non-negative part of an amount. */
export function positive(amount: number): number {
  return amount > 0 ? amount : 0;
}
