// Test helpers (imported by the *.test.ts files only): the common assumptions of rules.md § 12.

import { type EligibilityResult, type EvaluateOptions, evaluateEligibility, isOutOfRange } from "./engine";
import type { EligibilityMember, EligibilityRequest, EligibilityResponse } from "./schema";

/** rules.md § 12: standard Bruttokaltmiete + heating by household size (illustrative NRW levels). */
export const STANDARD_HOUSING = {
  1: { grossColdRent: 400, heating: 70 },
  2: { grossColdRent: 520, heating: 90 },
  3: { grossColdRent: 620, heating: 110 },
  4: { grossColdRent: 720, heating: 130 },
} as const;

export interface RequestOptions {
  date?: string;
  housing?: EligibilityRequest["household"]["housing"];
  assets?: number;
  firstYearOfReceipt?: boolean;
}

/** A request for a month in 2025 (§ 12 default), in the Karenzzeit, with the standard flat for the household size. */
export function request(members: EligibilityMember[], options: RequestOptions = {}): EligibilityRequest {
  const size = Math.min(members.length, 4) as 1 | 2 | 3 | 4;
  return {
    date: options.date ?? "2025-03-01",
    household: {
      members,
      housing: options.housing ?? { ...STANDARD_HOUSING[size], hotWater: "central" },
      assets: options.assets ?? 0,
      firstYearOfReceipt: options.firstYearOfReceipt ?? true,
    },
  };
}

export function asResponse(result: EligibilityResult): EligibilityResponse {
  if (isOutOfRange(result)) throw new Error(`unexpected out of range: ${result.date}`);
  return result;
}

export function evaluate(members: EligibilityMember[], options: RequestOptions = {}, evaluateOptions?: EvaluateOptions): EligibilityResponse {
  return asResponse(evaluateEligibility(request(members, options), evaluateOptions));
}

export function applicant(age: number, extra: Partial<EligibilityMember> = {}): EligibilityMember {
  return { id: "a", role: "applicant", age, ...extra };
}

export function member(id: string, role: EligibilityMember["role"], age: number, extra: Partial<EligibilityMember> = {}): EligibilityMember {
  return { id, role, age, ...extra };
}

export function memberOf(response: EligibilityResponse, id: string) {
  const found = response.members.find((m) => m.id === id);
  if (!found) throw new Error(`member ${id} not in the Bedarfsgemeinschaft`);
  return found;
}

export function explanationKeys(response: EligibilityResponse): string[] {
  return response.explanation.map((e) => e.key);
}
