// Starts the built portal (node server.mjs) on a free port with its own temporary DATA_DIR,
// like test/support/server.ts does for the vitest suites (a standalone copy for this runner).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface PortalServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  /** True when someone rebuilt the app after this server started (its asset URLs are gone). */
  buildChanged: () => boolean;
  stop: () => Promise<void>;
}

export function assertBuildExists(): void {
  const missing = ["build/index.js", "public/sw.js", "public/offline/de.html"].filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) {
    throw new Error(
      `The build is missing (${missing.join(", ")}). The browser tests do not build the app; run\n` +
        `  npm run build          (or: npx remix build && node scripts/build-assets.mjs)\nfirst, or use npm test.`,
    );
  }
}

function buildFingerprint(): string {
  try {
    const stat = fs.statSync(path.join(ROOT, "build/index.js"));
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return "missing";
  }
}

export async function startServer(extraEnv: Record<string, string> = {}): Promise<PortalServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-browser-test-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    RATE_LIMIT_DISABLED: "0",
    DATA_DIR: dataDir,
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    ...extraEnv,
  };
  // The browser tests always run on SQLite in their own data directory.
  delete env.DATABASE_URL;
  delete env.PG_SCHEMA;
  let output = "";
  const buildId = buildFingerprint();
  const child = spawn(process.execPath, ["server.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+),"msg":"portal listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  let stopping = false;
  const exited = new Promise<unknown>((resolve) => child.once("exit", resolve));
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`\n!!! the portal server exited unexpectedly (${code ?? signal}); its last output:\n${output.slice(-3000)}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    output: () => output,
    buildChanged: () => buildFingerprint() !== buildId,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
