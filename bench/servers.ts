// Starts the bench targets as child processes, so that the load generator (this process) and
// the servers do not share an event loop.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface RunningServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
  /** The portal's environment (DATA_DIR, secrets), for set-up that needs its database. */
  env?: Record<string, string>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function stopper(child: ChildProcess, cleanup?: () => void): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    cleanup?.();
  };
}

async function waitFor(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** The bare node:http server answering "hello". */
export async function startBaseline(): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "bench", "baseline-server.mjs")], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child, () => output);
  return { url, pid: child.pid!, stop: stopper(child) };
}

/** The real portal: node server.mjs, production mode, its own data directory, rate limits off. */
export async function startPortal(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`, // required in production (links in mails)
    LOG_LEVEL: "warn",
    RATE_LIMIT_DISABLED: "1",
    WEBHOOK_ALLOW_HTTP: "1", // the webhook bench's receiver is plain http on 127.0.0.1
    SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
    DOCUMENT_KEY: crypto.randomBytes(32).toString("hex"),
    AUDIT_KEY: crypto.randomBytes(32).toString("base64url"), // required in production
    ...extraEnv,
  };
  delete env.DATABASE_URL; // always SQLite in DATA_DIR
  const child = spawn(process.execPath, ["server.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, child, () => output);
  const shared = Object.fromEntries(["NODE_ENV", "DATA_DIR", "SESSION_SECRET", "DOCUMENT_KEY"].map((k) => [k, String(env[k])]));
  return { url, pid: child.pid!, env: shared, stop: stopper(child, () => fs.rmSync(dataDir, { recursive: true, force: true })) };
}
