// Engine throughput, in-process: evaluations of one request per second.
import { EligibilityRequestSchema, evaluateEligibility, type EligibilityRequest } from "../app/domain/eligibility";

export interface EngineResult {
  evaluationsPerSecond: number;
  validateAndEvaluatePerSecond: number;
  iterations: number;
}

function rate(run: () => void, seconds: number): { perSecond: number; iterations: number } {
  for (let i = 0; i < 20_000; i++) run(); // warm-up (JIT)
  let iterations = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(seconds * 1e9));
  let now = started;
  while (now < until) {
    for (let i = 0; i < 1_000; i++) run();
    iterations += 1_000;
    now = process.hrtime.bigint();
  }
  return { perSecond: iterations / (Number(now - started) / 1e9), iterations };
}

export function engineThroughput(request: EligibilityRequest, seconds = 2): EngineResult {
  const options = { today: "2025-03-01", housingLimit: () => null };
  let sink = 0;
  const evaluate = rate(() => {
    const result = evaluateEligibility(request, options);
    if ("monthlyEstimate" in result) sink += result.monthlyEstimate;
  }, seconds);
  const both = rate(() => {
    const parsed = EligibilityRequestSchema.parse(request);
    const result = evaluateEligibility(parsed, options);
    if ("monthlyEstimate" in result) sink += result.monthlyEstimate;
  }, seconds);
  if (sink === 0) throw new Error("the engine returned nothing");
  return { evaluationsPerSecond: evaluate.perSecond, validateAndEvaluatePerSecond: both.perSecond, iterations: evaluate.iterations };
}
