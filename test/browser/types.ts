// Types shared by the browser test runner (run.ts) and the test files (tests/*.ts).
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import type { RouteEntry } from "./routes";
import type { PortalServer } from "./server";

/** What every test factory and test function gets from the runner. */
export interface TestEnv {
  /** The portal's base URL, e.g. http://127.0.0.1:12345 */
  base: string;
  server: PortalServer;
  browser: Browser;
  /** test-results/ in the repository (reports, screenshots). */
  resultsDir: string;
  /** A fresh context with the defaults (360×800, de-DE, service workers blocked). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  log(line: string): void;
  /** Values computed once and shared between tests (sign-up cookies, Vorabcheck cookies). */
  shared: Map<string, Promise<unknown>>;
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Every page the sweep visits (routes.ts plus every Standort from the API). */
  routes: RouteEntry[];
}

export interface BrowserTest {
  name: string;
  /** Milliseconds before the runner gives up on the test. */
  timeout: number;
  /** Tests marked `parallel` run several at a time (the per-language sweeps). */
  parallel?: boolean;
  fn(env: TestEnv): Promise<void>;
}

export type TestFactory = (env: TestEnv) => BrowserTest[];
