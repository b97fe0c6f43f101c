import type { LoaderFunctionArgs } from "@remix-run/node";
import { privateNoStoreHeaders } from "~/platform/http/cache-control.server";
import { exportAccountData } from "~/features/accounts/index.server";
import { pageNotFound } from "~/platform/http/page.server";
import { requireSession } from "~/platform/http/session.server";

// "Download all my data" (DSGVO Art. 15 and 20): a JSON file, never cached.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const data = await exportAccountData(session);
  if (!data) throw pageNotFound();
  const date = data.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="meine-daten-${date}.json"`,
      ...privateNoStoreHeaders,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
