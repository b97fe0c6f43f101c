// Cache-Control, written once. Every response the portal builds itself takes its caching rule
// from here, so the same kind of answer is cached (or not) the same way everywhere:
//
//   json(data, { headers: privateNoStoreHeaders })              // personal pages and files
//   new Response(body, { headers: { ...noStoreHeaders, … } })    // API answers
//   res.setHeader(CACHE_CONTROL, cacheControl.noCache)           // express (service worker)

export const CACHE_CONTROL = "Cache-Control";

/** The values the portal uses. */
export const cacheControl = {
  /** Nothing stores the answer (API responses, one-off answers). */
  noStore: "no-store",
  /** Personal pages and files: no-store, and private for any shared cache that ignores it. */
  privateNoStore: "private, no-store",
  /** May be stored, but is checked with the server before every use (service worker, manifest). */
  noCache: "no-cache",
  /** Public, the same for everyone, fresh for `seconds` (configuration-only JSON, the OpenAPI document). */
  publicFor: (seconds: number) => `public, max-age=${seconds}`,
} as const;

/** `{ "Cache-Control": "no-store" }`, to spread into or pass as headers. */
export const noStoreHeaders = { [CACHE_CONTROL]: cacheControl.noStore } as const;
/** `{ "Cache-Control": "private, no-store" }`, to spread into or pass as headers. */
export const privateNoStoreHeaders = { [CACHE_CONTROL]: cacheControl.privateNoStore } as const;
/** `{ "Cache-Control": "no-cache" }`, to spread into or pass as headers. */
export const noCacheHeaders = { [CACHE_CONTROL]: cacheControl.noCache } as const;
/** `{ "Cache-Control": "public, max-age=<seconds>" }`. */
export function publicCacheHeaders(seconds: number): { "Cache-Control": string } {
  return { [CACHE_CONTROL]: cacheControl.publicFor(seconds) };
}
