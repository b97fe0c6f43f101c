import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every 429 the portal sends carries Retry-After (issue 11, item 10; decision 029). This walks
// every place in app/ that answers 429 and requires the Retry-After header right beside it (or,
// for the account forms' Failure, its retryAfterSeconds on the same line). Places that only read
// or document a 429 (OpenAPI response maps, types, the error page's switch) are not answers.

const APP = fileURLToPath(new URL("../app", import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const NOT_AN_ANSWER = [
  /^\s*(\/\/|\*|\/\*)/, // a comment
  /problemResponses?\(/, // OpenAPI documentation
  /\b429:/, // a response map key (OpenAPI)
  /\|\s*429\b|\b429\s*\|/, // a type
  /includes\(|[!=]==\s*429\b/, // reading a status
];

describe("Retry-After", () => {
  it("stands beside every 429 answer in app/", () => {
    const missing: string[] = [];
    let answers = 0;
    for (const file of sourceFiles(APP)) {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      lines.forEach((line, index) => {
        if (!/\b429\b/.test(line) || NOT_AN_ANSWER.some((pattern) => pattern.test(line))) return;
        answers++;
        const around = lines.slice(Math.max(0, index - 4), index + 5).join("\n");
        // A Failure of the account forms carries retryAfterSeconds on the same line; their HTTP edge
        // (features/accounts/http.server.ts) turns it into the header.
        if (!/Retry-After/.test(around) && !/retryAfterSeconds: /.test(line)) missing.push(`${path.relative(APP, file)}:${index + 1}: ${line.trim()}`);
        // A page's action answer reaches the browser's document response only through the
        // route's headers() (Remix drops action headers otherwise).
        const page = file.replace(/\.server\.ts$/, ".tsx");
        if (file.includes(`${path.sep}routes${path.sep}`) && fs.existsSync(page)) {
          const module = fs.readFileSync(page, "utf8");
          if (/export default/.test(module) && !/export (const|function) headers\b/.test(module)) missing.push(`${path.relative(APP, page)}: a page answering 429 without a headers export`);
        }
      });
    }
    expect(answers).toBeGreaterThan(8); // the walk finds the answers (API keys, sign-in, uploads, Ombudsstelle …)
    expect(missing).toEqual([]);
  });
});
