import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { TestServer } from "./server";

// Helpers for the back-office API tests: the admin command line as a real child process, an API
// client with a bearer key, and a real HTTP receiver for webhook deliveries.

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface AdminResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The last non-empty line of stdout (where create-api-key prints the key). */
  lastLine: string;
}

/**
 * Runs the admin command line against the server's data (same DATA_DIR / database): by default
 * `node scripts/admin.mjs …` (what `npm run admin` runs after checking the build), with
 * `viaNpm` the real `npm run admin -- …`.
 */
export function runAdmin(env: Record<string, string>, args: string[], { viaNpm = false } = {}): Promise<AdminResult> {
  const command = viaNpm ? "npm" : process.execPath;
  const commandArgs = viaNpm ? ["run", "admin", "--", ...args] : ["scripts/admin.mjs", ...args];
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  if (!env.PG_SCHEMA) delete childEnv.PG_SCHEMA;
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      const lines = stdout.split("\n").filter((line) => line.trim() !== "");
      resolve({ code: code ?? -1, stdout, stderr, lastLine: lines[lines.length - 1] ?? "" });
    });
  });
}

/** Creates a key with the admin command line; returns the key (the last line of its output). */
export async function createKey(server: TestServer, name: string, scopes: string[], extra: string[] = []): Promise<string> {
  const result = await runAdmin(server.env, ["create-api-key", "--name", name, "--scopes", scopes.join(","), ...extra]);
  if (result.code !== 0) throw new Error(`create-api-key failed (${result.code}): ${result.stderr}`);
  return result.lastLine.trim();
}

/** fetch against the server with `Authorization: Bearer <key>` and JSON bodies. */
export class ApiClient {
  /** `target`: a base URL, or the test server (its URL changes when it restarts). */
  constructor(
    readonly target: string | { url: string },
    readonly key: string | null,
  ) {}

  get base(): string {
    return typeof this.target === "string" ? this.target : this.target.url;
  }

  request(method: string, pathname: string, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const all: Record<string, string> = { Accept: "application/json", ...headers };
    if (this.key !== null) all.Authorization = `Bearer ${this.key}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      all["Content-Type"] ??= "application/json";
    }
    return fetch(this.base + pathname, { method, headers: all, body: payload, redirect: "manual" });
  }

  get(pathname: string, headers?: Record<string, string>) {
    return this.request("GET", pathname, { headers });
  }

  post(pathname: string, body: unknown, headers?: Record<string, string>) {
    return this.request("POST", pathname, { body, headers });
  }

  delete(pathname: string, headers?: Record<string, string>) {
    return this.request("DELETE", pathname, { headers });
  }
}

export interface ReceivedRequest {
  at: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
}

type Reply = number | { status: number; delayMs?: number } | "hang";

export interface Receiver {
  url: string;
  port: number;
  /** Every request, in arrival order. */
  requests: ReceivedRequest[];
  /** Requests answered with a 2xx. */
  accepted: () => ReceivedRequest[];
  /** Resolves when `predicate` holds (checked on every request), or rejects after `timeoutMs`. */
  waitFor: (predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs?: number, what?: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A real HTTP server that records every request. `reply` decides the answer per request
 * (0-based count of requests so far): a status, a status after a delay, or "hang" (never answers).
 */
export async function startReceiver(reply: (index: number, request: ReceivedRequest) => Reply = () => 204, port = 0): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received: ReceivedRequest = { at: Date.now(), method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), status: 0 };
      const decision = reply(requests.length, received);
      const { status, delayMs } = decision === "hang" ? { status: 0, delayMs: undefined } : typeof decision === "number" ? { status: decision, delayMs: 0 } : decision;
      received.status = status;
      const answer = () => {
        requests.push(received);
        for (const waiter of waiters) waiter();
        if (decision === "hang") return; // the client times out
        res.writeHead(status, { "Content-Type": "text/plain" });
        res.end(status < 300 ? "ok" : "no");
      };
      if (delayMs) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}/hook`,
    port: actualPort,
    requests,
    accepted: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    waitFor: (predicate, timeoutMs = 10_000, what = "the expected deliveries") =>
      new Promise<void>((resolve, reject) => {
        if (predicate(requests)) return resolve();
        const check = () => {
          if (predicate(requests)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received ${requests.length} request(s): ${requests.map((r) => `${r.status} ${r.body.slice(0, 120)}`).join(" | ")}`));
        }, timeoutMs);
        waiters.add(check);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Creates a key directly in the database (in this process, attached to the server's database with
 * attachInProcessDatabase): the same function the command line calls, without a process start.
 * For keys a test only needs as a fixture; the command line itself is tested in api-keys.test.ts.
 */
export async function createKeyInProcess(name: string, scopes: string[], rateLimitPerMinute?: number): Promise<string> {
  const { createApiKey } = await import("../../app/platform/api/api-keys.server");
  const created = await createApiKey({ name, scopes, rateLimitPerMinute: rateLimitPerMinute ?? null, createdBy: "test" });
  return created.key;
}
