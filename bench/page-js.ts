// The JavaScript a page makes the browser load at start: every /build/*.js named by a
// <script src>, a <link rel="modulepreload"> or an import in an inline module script, plus
// whatever those modules import statically. Sizes gzipped at level 9.
import zlib from "node:zlib";

export interface PageJs {
  files: Array<{ path: string; bytes: number; gzipBytes: number; preloaded: boolean }>;
  totalBytes: number;
  totalGzipBytes: number;
}

const BUILD_JS = /^\/build\/[^"'?#\s]+\.js$/;

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(tag)?.[1] ?? null;
}

/** /build/*.js referenced by the HTML itself. */
export function scriptsOfHtml(html: string): string[] {
  const found = new Set<string>();
  const add = (value: string | null) => {
    if (value && BUILD_JS.test(value)) found.add(value);
  };
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) add(attribute(tag, "src"));
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    if (/\brel\s*=\s*["']modulepreload["']/i.test(tag)) add(attribute(tag, "href"));
  }
  for (const [, body] of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
    // import("…"), import "…" and import … from "…"
    for (const [, specifier] of body.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) add(specifier);
    for (const [, specifier] of body.matchAll(/\b(?:import|from)\s*["']([^"']+)["']/g)) add(specifier);
  }
  return [...found];
}

/** Static imports of an ES module (dynamic import() is loaded later, on demand). */
function staticImports(source: string, from: string): string[] {
  const out: string[] = [];
  for (const [, specifier] of source.matchAll(/\b(?:import|from)\s*["']([^"']+\.js)["']/g)) {
    out.push(new URL(specifier, `http://x${from}`).pathname);
  }
  return out.filter((p) => BUILD_JS.test(p));
}

export async function pageJs(baseUrl: string, pathname = "/"): Promise<PageJs> {
  const html = await (await fetch(baseUrl + pathname, { headers: { "Accept-Language": "de" } })).text();
  const preloaded = new Set(scriptsOfHtml(html));
  const queue = [...preloaded];
  const seen = new Set<string>();
  const files: PageJs["files"] = [];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const response = await fetch(baseUrl + file);
    if (!response.ok) throw new Error(`${file}: ${response.status}`);
    const buffer = Buffer.from(await response.arrayBuffer());
    files.push({ path: file, bytes: buffer.length, gzipBytes: zlib.gzipSync(buffer, { level: 9 }).length, preloaded: preloaded.has(file) });
    queue.push(...staticImports(buffer.toString("utf8"), file));
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    files,
    totalBytes: files.reduce((sum, f) => sum + f.bytes, 0),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}
