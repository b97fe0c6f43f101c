import { z } from "zod";
import { EligibilityRequestSchema, EligibilityResponseSchema, evaluateEligibility, isOutOfRange, todayInGermany, validationErrors, type EligibilityErrorKey } from "~/domain/eligibility";
import { apiSection, problemResponse, PROBLEM_TYPES } from "~/platform/api/openapi.server";
import { getTraeger } from "~/config/traeger";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { housingLimit } from "~/domain/traeger/housing";
import { htmlLangOf, type Language } from "~/domain/languages";
import { methodNotAllowed, problem, readBodyLimited } from "~/platform/api/api.server";
import { env } from "~/platform/config/env.server";
import { fixedT, getLanguage } from "~/platform/http/i18n.server";
import { hit } from "~/platform/http/rate-limit.server";

// POST /api/v1/eligibility-checks: its place in the OpenAPI document, and its handler.

export const eligibilityApi = apiSection();

eligibilityApi.tag("Eligibility", "The anonymous pre-check for Grundsicherungsgeld (until 2026-06-30 Bürgergeld; contract eligibility-check v1).");

eligibilityApi.operation({
  method: "post",
  path: "/api/v1/eligibility-checks",
  operationId: "createEligibilityCheck",
  summary: "Estimate Grundsicherungsgeld (until 2026-06-30 Bürgergeld) for a household",
  description:
    "Anonymous pre-check: estimates the monthly benefit (`benefitName`: Bürgergeld until 2026-06-30, Grundsicherungsgeld from 2026-07-01) of the applicant's Bedarfsgemeinschaft with the rules valid on `date` " +
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

// POST /api/v1/eligibility-checks (contract eligibility-check.v1.md). Anonymous: nothing of the
// request is stored or logged (the request log carries method, path and status only). The only
// database write is the rate-limit counter, keyed by a hash of the client address.

export { methodNotAllowed };

export const ELIGIBILITY_BODY_LIMIT_BYTES = 64 * 1024;
export const ELIGIBILITY_RATE_WINDOW_SECONDS = 300;

// The body is read as JSON whatever its Content-Type says: clients (and fetch() with a string
// body, which sends text/plain) often omit it, and a cross-site post can do no harm here.

type Translate = (key: EligibilityErrorKey) => string;

function translator(lng: Language): Translate {
  const t = fixedT(lng, ["eligibility"]);
  // The engine's keys are "eligibility.errors.x"; the namespace's own key is "errors.x".
  return (key) => t(key.replace(/^eligibility\./, "")) as string;
}

function languageHeaders(lng: Language): Record<string, string> {
  return { "Content-Language": htmlLangOf(lng), Vary: "Accept-Language" };
}

export async function handleEligibilityCheck(request: Request, clientIp: string): Promise<Response> {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);

  const limit = await hit({ name: "eligibility-ip", max: env().ELIGIBILITY_RATE_LIMIT, windowSeconds: ELIGIBILITY_RATE_WINDOW_SECONDS }, clientIp);
  if (!limit.allowed) {
    return problem(429, "Too Many Requests", `Too many checks from this address; try again in ${limit.retryAfterSeconds} seconds.`, undefined, {
      headers: { "Retry-After": String(limit.retryAfterSeconds) },
    });
  }

  const lng = await getLanguage(request);
  const t = translator(lng);
  const headers = languageHeaders(lng);

  const body = await readBodyLimited(request, ELIGIBILITY_BODY_LIMIT_BYTES);
  if (!body.ok && body.reason === "too-large") {
    return problem(413, "Content Too Large", `The request body may be at most ${ELIGIBILITY_BODY_LIMIT_BYTES / 1024} KB.`);
  }
  let input: unknown;
  try {
    if (!body.ok) throw new Error("not UTF-8");
    input = JSON.parse(body.text);
  } catch {
    return problem(400, "Invalid JSON", "The request body is not valid JSON (UTF-8).", [{ path: "", message: t("eligibility.errors.invalid_type") }], {
      type: PROBLEM_TYPES.invalidJson,
      headers,
    });
  }

  const parsed = EligibilityRequestSchema.safeParse(input);
  if (!parsed.success) {
    const errors = validationErrors(parsed.error).map((e) => ({ path: e.path, message: t(e.message) }));
    return problem(400, "Invalid request", `The request has ${errors.length} invalid ${errors.length === 1 ? "field" : "fields"}; see errors.`, errors, {
      type: PROBLEM_TYPES.validation,
      headers,
    });
  }

  const today = todayInGermany();
  const date = parsed.data.date ?? today;
  const traeger = getTraeger();
  const result = evaluateEligibility(parsed.data, { today, housingLimit: (size) => housingLimit(traeger, size, date) });
  if (isOutOfRange(result)) {
    const message = t(result.error);
    return problem(422, "Date out of range", message, [{ path: "date", message }], { type: PROBLEM_TYPES.dateOutOfRange, headers });
  }
  return new Response(JSON.stringify(result), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...noStoreHeaders },
  });
}
