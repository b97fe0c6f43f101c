import { env } from "~/platform/config/env.server";

// The portal's public base URL, for links in mails and calendar files: the one place that
// decides it. In production PUBLIC_URL is required (app/server/compose.server.ts refuses to
// start without it), so links never depend on a request's Host header, which a client can
// forge. In development and tests without PUBLIC_URL, links point at the address the server
// actually listens on (recorded by app/server/portal.server.ts once it listens), so they work
// on a random port too; before that, http://localhost:3000.

const DEFAULT_ORIGIN = "http://localhost:3000";
let listeningOrigin: string | null = null;

/**
 * Records where the HTTP server listens (called once it is listening). A wildcard address
 * (0.0.0.0, ::) becomes 127.0.0.1, which is reachable from the same machine.
 */
export function setListeningOrigin(host: string, port: number): void {
  const wildcard = host === "" || host === "0.0.0.0" || host === "::" || host === "[::]";
  const name = wildcard ? "127.0.0.1" : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  listeningOrigin = `http://${name}:${port}`;
}

/** The base URL for links, without a trailing slash: PUBLIC_URL when set, else the listening origin. */
export function publicUrl(): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return listeningOrigin ?? DEFAULT_ORIGIN;
}
