/**
 * The Träger this deployment runs for, selected by the TRAEGER environment variable
 * (default "heinsberg"). Server-side only.
 *
 *   import { getTraeger } from "~/config/traeger";
 *   const traeger = getTraeger(); // validated, cached, deeply frozen
 */
import { parseTraegerConfig, type TraegerConfig, type TraegerConfigInput } from "../../domain/traeger/schema";
import { heinsberg } from "./heinsberg";
import { siegenWittgenstein } from "./siegen-wittgenstein";

export const TRAEGER_IDS = ["heinsberg", "siegen-wittgenstein"] as const;
export type TraegerId = (typeof TRAEGER_IDS)[number];
export const DEFAULT_TRAEGER_ID: TraegerId = "heinsberg";

const RAW_CONFIGS: Record<TraegerId, TraegerConfigInput> = {
  heinsberg,
  "siegen-wittgenstein": siegenWittgenstein,
};

const cache = new Map<TraegerId, TraegerConfig>();

export function isTraegerId(value: string): value is TraegerId {
  return (TRAEGER_IDS as readonly string[]).includes(value);
}

/**
 * Validates and returns the configuration of one Träger. The result is cached and
 * deeply frozen. An empty TRAEGER variable counts as unset.
 * @throws Error for an unknown id, TraegerConfigError for invalid data.
 */
export function loadTraeger(id: string = process.env.TRAEGER?.trim() || DEFAULT_TRAEGER_ID): TraegerConfig {
  if (!isTraegerId(id)) {
    throw new Error(`Unknown Träger "${id}" (set TRAEGER to one of: ${TRAEGER_IDS.join(", ")})`);
  }
  const cached = cache.get(id);
  if (cached) return cached;
  const config = parseTraegerConfig(RAW_CONFIGS[id]);
  if (config.id !== id) {
    throw new Error(`Träger configuration registered as "${id}" has id "${config.id}"`);
  }
  deepFreeze(config);
  cache.set(id, config);
  return config;
}

/** The Träger of this deployment (TRAEGER env, default "heinsberg"). */
export function getTraeger(): TraegerConfig {
  return loadTraeger();
}

/** For tests: forget validated configurations. */
export function clearTraegerCache(): void {
  cache.clear();
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
