// Public API of the Bürgergeld pre-check rules engine (framework-free; safe for browser bundles).

export { evaluateEligibility, isOutOfRange, todayInGermany } from "./engine";
export type { EligibilityOutOfRange, EligibilityResult, EvaluateOptions } from "./engine";
export { EARLIEST_SUPPORTED_DATE, PARAMETER_SETS, PENDING_REFORMS, parametersFor } from "./parameters";
export type { EarningsBand, ParameterSet, ParametersLookup, PendingReform, Regelbedarfsstufe } from "./parameters";
export {
  ELIGIBILITY_ERROR_KEYS,
  ELIGIBILITY_ERRORS,
  EligibilityRequestSchema,
  EligibilityResponseSchema,
  HouseholdSchema,
  HousingSchema,
  IncomeSchema,
  MemberSchema,
  PLAUSIBILITY_LIMITS,
  validationErrors,
} from "./schema";
export type {
  EligibilityErrorKey,
  EligibilityIncome,
  EligibilityMember,
  EligibilityRequest,
  EligibilityResponse,
  ExplanationEntry,
  ParsedEligibilityRequest,
  ResponseMember,
  ValidationError,
} from "./schema";
export { EDUCATION_KINDS, EXCLUSION_REASONS, EXPLANATION_KEYS, HOT_WATER_KINDS, MEDICAL_DIETS, OUTCOMES, REFERRALS, RESIDENCE_KINDS, ROLES } from "./keys";
export type { Education, ExclusionReason, ExplanationKey, HotWater, MedicalDiet, Outcome, Referral, Residence, Role } from "./keys";
export { EXCLUSION_REFERRALS } from "./referrals";
export { assetAllowance } from "./assets";
export { earnedIncomeAllowance, erwerbstaetigenfreibetrag } from "./income";
