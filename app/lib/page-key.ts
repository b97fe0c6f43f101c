// Which page the route component shows, as a React key (issue 12, item 1; decision 030).
//
// Remix keeps a route's component mounted when only its URL parameters change
// (/antrag/…/einkommen/p1 → …/p2, /termine/buchen/standort?ort=A → ?ort=B). Uncontrolled fields
// (defaultValue, defaultChecked) and useState initialised from loader data would then keep what
// the previous record showed. The root renders the page under this key, so another path or
// query string mounts the page anew from its own loader data. A form sent to the same URL keeps
// its page (and what was typed): Remix's `?index` marker of a post to an index route is ignored.
export function pageKey(location: { pathname: string; search: string }): string {
  const params = new URLSearchParams(location.search);
  params.delete("index");
  params.sort();
  const query = params.toString();
  return query ? `${location.pathname}?${query}` : location.pathname;
}
