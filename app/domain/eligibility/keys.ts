// The closed vocabularies of the eligibility pre-check: enum values of the request, the keys of
// exclusion reasons, referrals and explanation entries. The UI translates every key; the engine
// never produces prose. Shared by the schema (zod/mini) and the engine, so this file imports nothing.

export const ROLES = ["applicant", "partner", "child", "parent", "other"] as const;
export type Role = (typeof ROLES)[number];

export const MEDICAL_DIETS = ["none", "coeliac", "cystic-fibrosis", "dialysis", "dialysis-with-malnutrition", "disease-related-malnutrition"] as const;
export type MedicalDiet = (typeof MEDICAL_DIETS)[number];

export const EDUCATION_KINDS = ["none", "school", "bafoeg-eligible", "vocational-training", "voluntary-service"] as const;
export type Education = (typeof EDUCATION_KINDS)[number];

export const RESIDENCE_KINDS = ["german", "eu-worker", "eu-first-three-months", "eu-jobseeker-only", "asylum-seeker", "protected-refugee"] as const;
export type Residence = (typeof RESIDENCE_KINDS)[number];

export const HOT_WATER_KINDS = ["central", "decentral"] as const;
export type HotWater = (typeof HOT_WATER_KINDS)[number];

export const OUTCOMES = ["likely-eligible", "likely-not-eligible", "excluded"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Referral values of the contract, in the order the response lists them. */
export const REFERRALS = ["asylblg", "sgb12-grundsicherung", "sgb12-hilfe-zum-lebensunterhalt", "bafoeg", "alg1", "kinderzuschlag", "wohngeld", "unterhaltsvorschuss", "bildung-und-teilhabe"] as const;
export type Referral = (typeof REFERRALS)[number];

/** Reasons in `exclusions[].reason` (§ 7 SGB II and the contract's method decisions 14 and 16). */
export const EXCLUSION_REASONS = [
  "asylum-seeker", // § 7 Abs. 1 S. 2 Nr. 3: AsylbLG
  "eu-first-three-months", // § 7 Abs. 1 S. 2 Nr. 1
  "eu-jobseeker-only", // § 7 Abs. 1 S. 2 Nr. 2 b
  "old-age-pension", // § 7 Abs. 4 S. 1: Altersrente
  "regelaltersgrenze", // § 7 Abs. 1 S. 1 Nr. 1, § 7a
  "below-minimum-age", // § 7 Abs. 1 S. 1 Nr. 1: the applicant must be 15 or older
  "permanently-unable-to-work", // § 8 Abs. 1; SGB XII 4. Kapitel has priority
  "unable-to-work-without-able-member", // § 7 Abs. 1 S. 1 Nr. 2, § 7 Abs. 2 (decision 16)
  "bafoeg-eligible-training", // § 7 Abs. 5, 6 (decision 14)
  "inpatient-over-six-months", // § 7 Abs. 4 S. 1, 3
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** Keys of `explanation[].key`. Every entry carries an amount in euros (0 where only a fact is stated). */
export const EXPLANATION_KEYS = [
  "reform-pending", // the date lies in the 2026 reform; figures of the last confirmed set used
  "regelbedarf", // params.stufe: the Regelbedarfsstufe 1–6
  "kindersofortzuschlag",
  "mehrbedarf-pregnancy", // params.percent
  "mehrbedarf-single-parent", // params.percent, params.minorChildren
  "mehrbedarf-disability", // params.percent
  "mehrbedarf-diet", // params.diet, params.percent
  "mehrbedarf-cap", // amount: Mehrbedarfe after the cap; params.uncapped
  "mehrbedarf-hot-water", // params.percent
  "housing-costs", // amount: counted Bruttokaltmiete + heating; params.grossColdRent, heating, persons
  "housing-karenzzeit", // amount: actual rent accepted inside the Karenzzeit
  "housing-karenzzeit-cap-applied", // from 2026-07-01, amount: the cap (1.5 × the limit); params.actualRent (above it), params.localLimit
  "housing-karenzzeit-within-cap", // from 2026-07-01, amount: the cap; params.actualRent (within it), params.localLimit
  "housing-no-limit-configured", // amount: actual rent accepted, no limit configured
  "housing-limit-applied", // amount: the limit; params.actualRent (the rent was above it)
  "housing-within-limit", // amount: the limit; params.actualRent (the rent was within it)
  "housing-share", // amount: the member's per-head share
  "earned-income", // amount: net earnings; params.gross
  "assumption-net-equals-gross", // no net given: the gross is taken as net
  "assumption-gross-equals-net", // no gross given: the net is taken as gross
  "grundfreibetrag", // § 11b Abs. 2 S. 1: up to 100 €
  "u25-absetzbetrag", // § 11b Abs. 2b: the Minijob limit
  "erwerbstaetigenfreibetrag", // § 11b Abs. 3; params.upperLimit
  "other-income", // amount: own other income before the Versicherungspauschale; params.childBenefit (Kindergeld in it)
  "kindergeld-transfer", // memberId: the applicant; params.fromMemberId
  "versicherungspauschale", // § 11b Abs. 1 S. 1 Nr. 3, § 6 Bürgergeld-V
  "counted-income", // amount: the member's counted income
  "child-leaves-bedarfsgemeinschaft", // memberId: the child; amount: its counted income; params.need
  "parents-excess-income", // amount: the parents' counted income above their own need (§ 9 Abs. 2 S. 2)
  "applicant-not-needy", // the U25 applicant's own income covers their need (decision 9)
  "total-need",
  "total-counted-income",
  "assets-allowance", // until 2026-06-30, amount: the allowance; params.assets, params.karenzzeit
  "assets-age-band", // from 2026-07-01, memberId; amount: the member's allowance; params.age, params.fromAge, params.untilAge (absent for the last band)
  "assets-allowance-age-bands", // from 2026-07-01, amount: the sum of the members' allowances (unused ones pass on); params.assets, params.members
  "assets-own-home-first-year", // from 2026-07-01, first year of receipt: a self-used home does not count
  "assets-excess", // amount: assets above the allowance; params.months (months of need they cover)
  "exclusion", // memberId; params.reason
  "partner-may-apply", // the applicant is excluded, an able partner may apply in their own right
  "monthly-estimate",
] as const;
export type ExplanationKey = (typeof EXPLANATION_KEYS)[number];
