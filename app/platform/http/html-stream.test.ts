import { PassThrough, type Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "./html-stream.server";

/** Renders `element` with React's streaming renderer through `through`, as entry.server does. */
function render(element: ReturnType<typeof createElement>, through: () => Writable & NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const { pipe } = renderToPipeableStream(element, {
      onShellReady() {
        const body = through();
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => resolve(Buffer.concat(chunks)));
        body.on("error", reject);
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

// Short Arabic texts (each written into React's 2,048-byte buffer on its own) after a padding of
// 0–20 letters: for some padding a 2-byte letter meets the buffer's last byte.
const pages = Array.from({ length: 21 }, (_, padding) => createElement("div", null, "a".repeat(padding), ...Array.from({ length: 300 }, (_, i) => createElement("span", { key: i }, "إلى موعد"))));
const expected = (padding: number) => `<div>${"a".repeat(padding)}${"<span>إلى موعد</span>".repeat(300)}</div>`;

describe("HTML stream", () => {
  it("React 18.3 alone leaves a NUL byte where a multi-byte character meets its buffer edge", async () => {
    // Documents why withoutNulBytes exists; when React no longer does this, the transform can go.
    const withNul = await Promise.all(pages.map(async (page) => (await render(page, () => new PassThrough())).includes(0)));
    expect(withNul).toContain(true);
  });

  it("the page stream has no NUL byte and every character arrives whole", async () => {
    for (const [padding, page] of pages.entries()) {
      const html = await render(page, withoutNulBytes);
      expect(html.includes(0)).toBe(false);
      expect(html.toString("utf8").replace(/<!-- -->/g, "")).toBe(expected(padding));
    }
  });

  it("passes chunks without NUL bytes through unchanged", async () => {
    const text = "Grundsicherungsgeld – الجوب سنتر – مرکز کار – ".repeat(200);
    expect((await render(createElement("p", null, text), withoutNulBytes)).toString("utf8")).toBe(`<p>${text}</p>`);
  });
});
