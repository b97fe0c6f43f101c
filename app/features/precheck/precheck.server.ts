// The pre-check's service: the estimate for a draft, with the Träger's housing limits.
import { getTraeger } from "~/config/traeger";
import { evaluateEligibility, todayInGermany, type EligibilityResult } from "~/domain/eligibility";
import { housingLimit } from "~/domain/traeger/housing";
import { toEligibilityRequest, type PrecheckDraft } from "~/domain/precheck/draft";

export function evaluateDraft(draft: PrecheckDraft): EligibilityResult {
  const today = todayInGermany();
  return evaluateEligibility(toEligibilityRequest(draft, today), { today, housingLimit: (size: number) => housingLimit(getTraeger(), size, today) });
}
