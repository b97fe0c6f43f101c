import { z } from "zod";
import { EligibilityRequestSchema, EligibilityResponseSchema } from "~/domain/eligibility";
import { apiSection, problemResponse } from "~/platform/api/openapi.server";

// POST /api/v1/eligibility-checks in the OpenAPI document (handled by eligibility.server.ts).

export const eligibilityApi = apiSection();

eligibilityApi.tag("Eligibility", "The anonymous Bürgergeld pre-check (contract eligibility-check v1).");

eligibilityApi.operation({
  method: "post",
  path: "/api/v1/eligibility-checks",
  operationId: "createEligibilityCheck",
  summary: "Estimate Bürgergeld for a household",
  description:
    "Anonymous pre-check: estimates the monthly Bürgergeld of the applicant's Bedarfsgemeinschaft with the rules valid on `date` " +
    "(default today). Nothing sent is stored or logged. The estimate is not legally binding. Unknown fields are refused. " +
    "Requests are rate-limited per client address.",
  tags: ["Eligibility"],
  parameters: [
    {
      name: "Accept-Language",
      in: "header",
      description: "Language of the error messages (German by default; English and others where translated).",
      schema: z.string(),
    },
  ],
  requestBody: { schema: EligibilityRequestSchema, name: "EligibilityRequest", description: "The household and the month." },
  responses: {
    200: { description: "The estimate with its arithmetic.", schema: EligibilityResponseSchema, name: "EligibilityResponse" },
    400: problemResponse(400, "Invalid JSON or invalid input; `errors` lists every wrong field with a translated message."),
    405: problemResponse(405),
    413: problemResponse(413, "The body is larger than 64 KB."),
    422: problemResponse(422, "The date lies before 2023-07-01 (the rules before the Bürgergeld reform are out of scope)."),
    429: problemResponse(429),
  },
});
