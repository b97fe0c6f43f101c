import { createHash } from "node:crypto";
import { CACHE_CONTROL, cacheControl } from "~/platform/http/cache-control.server";
import type express from "express";
import { listPublicStandorte } from "./standorte.server";

// Public JSON answers that depend only on the Träger configuration, not on the request: they
// are serialised once per process and served before Remix, with an ETag, so that back-office
// clients and apps polling them cost almost nothing (see the API figures of `npm run bench`).
// Each is also described in the OpenAPI document (app/platform/api/openapi.server.ts).

interface PublicJson {
  path: string;
  body: () => unknown;
  cacheControl: string;
}

const PUBLIC_JSON: readonly PublicJson[] = [
  // Customer Standorte only (internal sites left out), see contracts/backoffice-api.md.
  { path: "/api/v1/standorte", body: () => ({ items: listPublicStandorte() }), cacheControl: cacheControl.publicFor(300) },
];

/** Registers the public JSON routes on the express app (GET and HEAD). */
export function mountPublicJson(app: express.Express): void {
  for (const entry of PUBLIC_JSON) {
    let cached: { body: Buffer; etag: string } | null = null;
    app.get(entry.path, (req, res) => {
      if (!cached) {
        const body = Buffer.from(JSON.stringify(entry.body()));
        cached = { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
      }
      res.setHeader(CACHE_CONTROL, entry.cacheControl);
      res.setHeader("ETag", cached.etag);
      if (req.headers["if-none-match"] === cached.etag) {
        res.status(304).end();
        return;
      }
      res.status(200).type("application/json; charset=utf-8").send(cached.body);
    });
  }
}
