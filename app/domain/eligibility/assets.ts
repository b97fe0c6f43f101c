// Vermögen (§ 12 SGB II): the allowance and the assets above it.

import { positive } from "./money";
import type { ParameterSet } from "./parameters";

export interface AssetCheck {
  readonly assets: number;
  readonly allowance: number;
  readonly karenzzeit: boolean;
  /** Assets above the allowance: to be used up before the Bedarfsgemeinschaft is needy. */
  readonly excess: number;
}

/**
 * § 12 Abs. 4 SGB II: inside the Karenzzeit only erhebliches Vermögen counts, i.e. more than
 * 40,000 € for the first and 15,000 € for each further member of the Bedarfsgemeinschaft.
 * § 12 Abs. 2 S. 1 Nr. 1: afterwards 15,000 € per member, pooled across the Bedarfsgemeinschaft.
 */
export function assetAllowance(p: ParameterSet, bedarfsgemeinschaftSize: number, karenzzeit: boolean): number {
  const a = p.assets;
  if (karenzzeit) return a.karenzzeitFirstPerson + a.karenzzeitEachFurtherPerson * Math.max(0, bedarfsgemeinschaftSize - 1);
  return a.perPersonAfterKarenzzeit * bedarfsgemeinschaftSize;
}

/** § 9 Abs. 1, § 12 SGB II: not needy while countable assets exceed the allowance. */
export function checkAssets(p: ParameterSet, assets: number, bedarfsgemeinschaftSize: number, karenzzeit: boolean): AssetCheck {
  const allowance = assetAllowance(p, bedarfsgemeinschaftSize, karenzzeit);
  return { assets, allowance, karenzzeit, excess: positive(assets - allowance) };
}
