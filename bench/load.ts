// One load measurement with autocannon: a warm-up (discarded), then the measured run.
import autocannon from "autocannon";

export interface LoadTarget {
  name: string;
  url: string;
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  name: string;
  url: string;
  method: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export async function measure(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const base = {
    url: target.url,
    method: target.method ?? "GET",
    connections: options.connections,
    headers: target.headers,
    body: target.body,
    timeout: 10,
  } as const;
  await autocannon({ ...base, duration: options.warmupSeconds });
  const result = await autocannon({ ...base, duration: options.durationSeconds });
  return {
    name: target.name,
    url: target.url,
    method: base.method,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
