import type { MetaFunction } from "@remix-run/node";

/** <title> for every page: the page's translated title (from its loader) and the Jobcenter. */
export const pageMeta: MetaFunction = ({ data, matches }) => {
  const title = data && typeof data === "object" && "title" in data ? String((data as { title: string }).title) : "";
  const root = matches.find((m) => m.id === "root")?.data as { traeger?: { jobcenterName: string } } | undefined;
  const site = root?.traeger?.jobcenterName ?? "";
  return [{ title: title && site ? `${title} – ${site}` : title || site }];
};
