// Vermögen (§ 12 SGB II): the allowance and the assets above it.

import { positive } from "./money";
import { type AgeBandAssets, type AssetAgeBand, hasAgeBands, type ParameterSet } from "./parameters";

/** The allowance of one member under the age-band rule (Neue Grundsicherung). */
export interface MemberAssetAllowance {
  readonly memberId: string;
  readonly age: number;
  readonly band: AssetAgeBand;
  /** The age the next band starts at, or null for the last band. */
  readonly bandUntilAge: number | null;
}

export interface AssetCheck {
  readonly assets: number;
  readonly allowance: number;
  /** Bürgergeld rule: inside the Karenzzeit (40,000 € + 15,000 €). Always false under the age bands. */
  readonly karenzzeit: boolean;
  /** Age-band rule only: each member's allowance (their sum is `allowance`: unused allowances pass on). */
  readonly perMember: readonly MemberAssetAllowance[] | null;
  /** Age-band rule only: first year of receipt, so a self-used home does not count. */
  readonly ownHomeProtected: boolean;
  /** Assets above the allowance: to be used up before the Bedarfsgemeinschaft is needy. */
  readonly excess: number;
}

/**
 * § 12 Abs. 4 SGB II (Bürgergeld): inside the Karenzzeit only erhebliches Vermögen counts, i.e. more
 * than 40,000 € for the first and 15,000 € for each further member of the Bedarfsgemeinschaft.
 * § 12 Abs. 2 S. 1 Nr. 1: afterwards 15,000 € per member, pooled across the Bedarfsgemeinschaft.
 */
export function assetAllowance(p: ParameterSet, bedarfsgemeinschaftSize: number, karenzzeit: boolean): number {
  const a = p.assets;
  if (hasAgeBands(a)) throw new TypeError("assetAllowance: the age-band rule needs the members' ages (checkAssets)");
  if (karenzzeit) return a.karenzzeitFirstPerson + a.karenzzeitEachFurtherPerson * Math.max(0, bedarfsgemeinschaftSize - 1);
  return a.perPersonAfterKarenzzeit * bedarfsgemeinschaftSize;
}

/**
 * The age band of a member aged `age` (whole years on the date of the check). "Ab dem 21.
 * Lebensjahr" begins with the 20th birthday, so the band starting at `fromAge: 20` applies from
 * age 20 (decision 032).
 */
export function ageBand(rule: AgeBandAssets, age: number): { band: AssetAgeBand; untilAge: number | null } {
  let index = 0;
  for (let i = 0; i < rule.ageBands.length; i++) if (rule.ageBands[i].fromAge <= age) index = i;
  const next = rule.ageBands[index + 1];
  return { band: rule.ageBands[index], untilAge: next ? next.fromAge - 1 : null };
}

/**
 * § 9 Abs. 1, § 12 SGB II: not needy while countable assets exceed the allowance. Under the age-band
 * rule the request carries the assets of the whole Bedarfsgemeinschaft as one sum; since unused
 * allowances pass to the other members, comparing that sum with the sum of the allowances is exact.
 */
export function checkAssets(p: ParameterSet, assets: number, members: readonly { readonly id: string; readonly age: number }[], firstYearOfReceipt: boolean): AssetCheck {
  const rule = p.assets;
  if (hasAgeBands(rule)) {
    const perMember = members.map((m) => {
      const { band, untilAge } = ageBand(rule, m.age);
      return { memberId: m.id, age: m.age, band, bandUntilAge: untilAge };
    });
    const allowance = perMember.reduce((sum, m) => sum + m.band.allowance, 0);
    return { assets, allowance, karenzzeit: false, perMember, ownHomeProtected: firstYearOfReceipt && rule.ownHomeProtectedInFirstYear, excess: positive(assets - allowance) };
  }
  const allowance = assetAllowance(p, members.length, firstYearOfReceipt);
  return { assets, allowance, karenzzeit: firstYearOfReceipt, perMember: null, ownHomeProtected: false, excess: positive(assets - allowance) };
}
