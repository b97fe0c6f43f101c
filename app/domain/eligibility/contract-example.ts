import type { EligibilityRequest } from "./schema";

/**
 * The request example of docs/contracts/eligibility-check.v1.md: four persons, one earner
 * (2025). Tests, the OpenAPI example and the benchmark use this one copy.
 */
export const CONTRACT_EXAMPLE: EligibilityRequest = {
  date: "2025-03-01",
  household: {
    members: [
      { id: "a", role: "applicant", age: 38, income: { employmentGross: 2000, employmentNet: 1560 } },
      { id: "b", role: "partner", age: 36 },
      { id: "c", role: "child", age: 4, income: { childBenefit: 255 } },
      { id: "d", role: "child", age: 10, income: { childBenefit: 255 } },
    ],
    housing: { grossColdRent: 720, heating: 130, hotWater: "central" },
    assets: 0,
    firstYearOfReceipt: true,
  },
};
