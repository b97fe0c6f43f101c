import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/lib/nonce";
import { log } from "~/platform/log/log.server";
import { DATABASE_RETRY_AFTER_SECONDS } from "~/platform/db/unavailable.server";
import { errorPageRootData } from "~/platform/http/page.server";
import { withoutNulBytes } from "~/platform/http/html-stream.server";

export { createPortalApp, startPortal } from "~/server/portal.server";
export { runAdminCommand } from "~/features/staff/index.server";
// Registers the appointment job (reminders, lapsed holds) and the appointment → webhook wiring.
export { appointmentHousekeeping } from "~/features/appointments/index.server";

export const streamTimeout = 5_000;

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // An action threw: Remix renders the root error boundary without running the root loader, so
  // the page would have no language and no translations (raw text keys). Fill the root's data in.
  const handled = remixContext.staticHandlerContext;
  if (handled.errors && !handled.loaderData?.root) handled.loaderData = { ...handled.loaderData, root: await errorPageRootData(request) };
  const nonce = loadContext?.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Aborts a render that hangs; cleared as soon as the render is done, or every finished page
    // would stay in memory (its whole serialised context) until the timer fired.
    let timer: NodeJS.Timeout | null = null;
    const done = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          // Not a PassThrough: React 18.3 can leave NUL bytes at its buffer edges (html-stream.server.ts).
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // The "briefly unavailable" page (database unavailable, app/server/database-unavailable.server.ts).
          if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          body.once("close", done);
          pipe(body);
        },
        onShellError(error: unknown) {
          done();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log().error({ err: error }, "render error");
        },
      },
    );
    timer = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // Only the error's type and stack frames: messages may quote personal input.
  const frames = error instanceof Error ? (error.stack ?? "").split("\n").slice(1, 8).join("\n") : "";
  // The system error code (ENOSPC, EIO, SQLITE_FULL …) says what happened without quoting input.
  const code = (error as { code?: unknown } | null)?.code;
  log().error({ errorType: error instanceof Error ? error.name : typeof error, ...(typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code) ? { code } : {}), frames }, "unhandled error");
}
