import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { CACHE_CONTROL, cacheControl } from "~/platform/http/cache-control.server";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { dataDir, env, isProduction } from "~/platform/config/env.server";
import { log, loggablePath } from "~/platform/log/log.server";
import { setListeningOrigin } from "~/platform/mail/public-url.server";
import { mountPublicJson } from "~/features/standorte/index.server";
import { ORIGIN_REFUSED_HEADER, originMatchesHost } from "~/platform/http/csrf.server";
import { createNonce, securityHeaders } from "~/platform/http/security.server";
import { startup } from "./compose.server";
import { withStorageErrorPages } from "./storage-errors.server";
import { checkEventData } from "~/platform/events/event-schemas.server";
import { closeDb } from "~/platform/db/db.server";
import { withDatabaseUnavailableAnswers } from "./database-unavailable.server";

export interface PortalLoadContext {
  cspNonce: string;
  clientIp: string;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends PortalLoadContext {}
}

/** Builds the HTTP app: static files, security headers, request log, then Remix. */
export function createPortalApp(build: ServerBuild, shutdown: { stopping: boolean } = { stopping: false }): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env().TRUST_PROXY);
  app.use(compression());

  app.use((req, res, next) => {
    // While shutting down, answers close their connection (no keep-alive into a closing server).
    if (shutdown.stopping) res.setHeader("Connection", "close");
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    const defaults = securityHeaders(nonce, isProduction());
    for (const [name, value] of Object.entries(defaults)) res.setHeader(name, value);
    // Remix hands a response's headers over with res.append: one that sets a security header
    // itself (a download's sandbox CSP, its nosniff) replaces the default instead of sending a
    // second value beside it (two X-Content-Type-Options; the page CSP next to the sandbox).
    const replaceable = new Set(Object.keys(defaults).map((name) => name.toLowerCase()));
    const append = res.append.bind(res);
    res.append = ((field: string, value?: string | string[]) => {
      if (replaceable.delete(field.toLowerCase())) res.removeHeader(field);
      return append(field, value);
    }) as typeof res.append;
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log().info({ method: req.method, path: loggablePath(req.originalUrl), status: res.statusCode, ms: Math.round(ms) }, "request");
    });
    next();
  });

  // Browsers send Origin with every form post. One that does not name the portal (another site,
  // "null", garbage) must not reach Remix as it is: Remix checks it itself before any action
  // runs and throws, which would be an HTTP 500 and an error in the log. So the Origin is taken
  // off and the request marked; the action's CSRF check (verifyCsrf) then refuses it with the
  // translated 403 page. The back-office API (bearer keys, no cookies; Remix does not check its
  // resource routes) keeps its plain 403 for other sites and ignores "null".
  app.use((req, res, next) => {
    delete req.headers[ORIGIN_REFUSED_HEADER]; // only this layer sets it
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const origin = req.headers.origin;
    if (origin === undefined || originMatchesHost(origin, req.get("x-forwarded-host"), req.get("host"))) return next();
    if (req.path.startsWith("/api/")) {
      if (origin === "null") return next();
      res.status(403).type("text/plain").send("Forbidden: cross-site request");
      return;
    }
    delete req.headers.origin;
    req.headers[ORIGIN_REFUSED_HEADER] = "1";
    next();
  });

  mountPublicJson(app);

  const publicDir = path.resolve("public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.get(["/sw.js", "/sw-offline.js"], (_req, res, next) => {
    res.setHeader(CACHE_CONTROL, cacheControl.noCache);
    next();
  });
  app.use(
    express.static(publicDir, {
      maxAge: "1h",
      setHeaders(res, file) {
        if (file.endsWith(".webmanifest")) res.setHeader("Content-Type", "application/manifest+json");
        if (file.endsWith("sw.js") || file.endsWith("sw-offline.js")) res.setHeader(CACHE_CONTROL, cacheControl.noCache);
      },
    }),
  );

  if (env().PORTAL_DIAGNOSTICS === "1") mountDiagnostics(app);

  app.all(
    "*",
    createRequestHandler({
      build: withStorageErrorPages(withDatabaseUnavailableAnswers(build)),
      mode: isProduction() ? "production" : "development",
      getLoadContext: (req, res) => ({
        cspNonce: String(res.locals.cspNonce),
        clientIp: req.ip ?? "unknown",
      }),
    }),
  );
  return app;
}

/**
 * Benchmarks only (PORTAL_DIAGNOSTICS=1, from 127.0.0.1): the process's memory, and a heap
 * snapshot written to DATA_DIR/heap/ (the soak bench compares them). Never on by default.
 */
function mountDiagnostics(app: express.Express): void {
  const local = (req: express.Request) => req.socket.remoteAddress === "127.0.0.1" || req.socket.remoteAddress === "::ffff:127.0.0.1";
  app.get("/__diagnostics/memory", (req, res) => {
    if (!local(req)) return void res.status(404).end();
    const gc = (globalThis as { gc?: () => void }).gc;
    if (req.query.gc === "1" && gc) gc();
    res.json({ ...process.memoryUsage(), gc: Boolean(gc), timers: process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length });
  });
  app.post("/__diagnostics/heap-snapshot", (req, res) => {
    if (!local(req)) return void res.status(404).end();
    const dir = path.join(dataDir(), "heap");
    fs.mkdirSync(dir, { recursive: true });
    const file = v8.writeHeapSnapshot(path.join(dir, `${Date.now()}.heapsnapshot`));
    res.json({ file });
  });
}

/** Migrates, validates configuration, loads demo data, starts jobs, then listens. */
export async function startPortal(build: ServerBuild): Promise<{ close: () => Promise<void>; port: number }> {
  // Test servers check every webhook event a feature writes against its documented schema.
  checkEventData(env().NODE_ENV === "test");
  const stopJobs = await startup();
  const shutdown = { stopping: false };
  const app = createPortalApp(build, shutdown);
  const { PORT, HOST } = env();
  const server = app.listen(PORT, HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  setListeningOrigin(HOST, port);
  log().info({ port }, "portal listening");
  let closing: Promise<void> | null = null;
  return {
    port,
    // Graceful shutdown (SIGTERM, decision 026): stop accepting connections at once, let the
    // requests in flight finish (at most SHUTDOWN_TIMEOUT_MS, then their connections are cut),
    // meanwhile stop the jobs (a periodic run in progress is awaited, the webhook worker hands
    // its leases back), and close the database pool last.
    close: () =>
      (closing ??= (async () => {
        shutdown.stopping = true;
        log().info({}, "portal stopping");
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const idle = setInterval(() => server.closeIdleConnections(), 250);
        let bound: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => (bound = setTimeout(() => resolve(true), env().SHUTDOWN_TIMEOUT_MS)));
        const jobsStopped = stopJobs().catch((error: unknown) => log().error({ errorType: error instanceof Error ? error.name : typeof error }, "stopping the jobs failed"));
        const cut = await Promise.race([drained.then(() => false), timedOut]);
        if (cut) {
          log().warn({}, "requests still in flight at the shutdown bound: connections closed");
          server.closeAllConnections();
          await drained;
        }
        clearInterval(idle);
        clearTimeout(bound);
        await jobsStopped;
        await closeDb().catch(() => undefined);
        log().info({}, "portal stopped");
      })()),
  };
}
