import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTestEnvironment, type TestEnvironment } from "./database";

// Starts the real portal (node server.mjs from the build) on a free port with its own data
// directory and database. Tests talk to it over HTTP like a browser or a back-office client.
export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** Everything the server printed (its structured log), for log-content checks. */
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL, as in a crash; the data directory and database stay for a restart. */
  kill: () => Promise<void>;
  /** SIGTERM (a clean shutdown); the data directory and database stay for a restart. */
  halt: () => Promise<void>;
  restart: () => Promise<void>;
  /** Sends a signal to the server process without waiting. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with the exit code once the server process has ended (null when a signal ended it). */
  exited: () => Promise<number | null>;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function launch(env: Record<string, string>, onOutput: (chunk: string) => void): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", RATE_LIMIT_DISABLED: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffer = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${buffer}`)), 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      buffer += text;
      onOutput(text);
      const match = /"port":(\d+),"msg":"portal listening"/.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${buffer}`));
    });
  });
}

export async function startTestServer(extraEnv: Record<string, string> = {}, existing?: TestEnvironment): Promise<TestServer> {
  const testEnv = existing ?? createTestEnvironment(extraEnv);
  const env = { ...testEnv.env, ...extraEnv };
  let output = "";
  let { child, port } = await launch(env, (text) => (output += text));
  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const waitExit = (c: ChildProcess) => new Promise<void>((resolve) => (exited(c) ? resolve() : c.once("exit", () => resolve())));
  const server: TestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir: testEnv.dataDir,
    env,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await waitExit(child);
      await testEnv.cleanup();
    },
    kill: async () => {
      child.kill("SIGKILL");
      await waitExit(child);
    },
    halt: async () => {
      child.kill("SIGTERM");
      await waitExit(child);
    },
    restart: async () => {
      if (!exited(child)) {
        child.kill("SIGTERM");
        await waitExit(child);
      }
      ({ child, port } = await launch(env, (text) => (output += text)));
    },
    signal: (signal) => {
      child.kill(signal);
    },
    exited: async () => {
      await waitExit(child);
      return child.exitCode;
    },
  };
  return server;
}

/** A tiny cookie jar for fetch: keeps Set-Cookie values between requests, like a browser. */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0/i.test(header) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/** A client that keeps cookies, knows the CSRF token and posts forms like the browser does. */
export class Browserish {
  readonly jar = new CookieJar();
  /** `target`: a base URL, or the test server (its URL changes when it restarts). */
  constructor(
    readonly target: string | { url: string },
    readonly language = "de",
  ) {}

  get base(): string {
    return typeof this.target === "string" ? this.target : this.target.url;
  }

  async get(pathname: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(this.base + pathname, {
      redirect: "manual",
      ...init,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, ...(init.headers as Record<string, string>) },
    });
    this.jar.store(response);
    return response;
  }

  async html(pathname: string): Promise<string> {
    const response = await this.get(pathname);
    return response.text();
  }

  /** The CSRF token from a page's hidden field (fetching the page first sets the cookie). */
  async csrf(pathname = "/"): Promise<string> {
    const html = await this.html(pathname);
    const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /"csrf":"([A-Za-z0-9_-]{32,})"/.exec(html);
    if (!match) throw new Error(`no CSRF token on ${pathname}`);
    return match[1];
  }

  async post(pathname: string, fields: Record<string, string | string[]>, { csrf = true, origin = true } = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (csrf) body.append("_csrf", await this.csrf(pathname.split("?")[0].startsWith("/api") ? "/" : pathname));
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: {
        Cookie: this.jar.header(),
        "Accept-Language": this.language,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(origin ? { Origin: this.base } : {}),
      },
    });
    this.jar.store(response);
    return response;
  }
}

/**
 * The text a person sees: markup before the first <script> (pages embed their translations as
 * JSON for hydration, so a raw-HTML search would find every message), tags removed, spaces folded.
 */
export function visibleText(html: string): string {
  const cut = html.indexOf("<script");
  return (cut >= 0 ? html.slice(0, cut) : html)
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|\u00a0|\u202f/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");
}
