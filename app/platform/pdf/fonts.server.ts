import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

// The PDF font setup of the portal (decision 011), for documents other than the application PDF:
// Noto Sans (Latin, Cyrillic, Greek) and Noto Naskh Arabic from the same packages, subset with
// upstream fontkit 1.9.0 exactly as app/features/application/pdf.server.ts does.

const require = createRequire(import.meta.url);

function fontFile(pkg: string, file: string): Buffer {
  return fs.readFileSync(path.join(path.dirname(require.resolve(pkg)), "..", "fonts", file));
}

let fontBytes: { regular: Buffer; bold: Buffer; arabic: Buffer } | null = null;

export function pdfFontBytes(): { regular: Buffer; bold: Buffer; arabic: Buffer } {
  fontBytes ??= {
    regular: fontFile("@embedpdf/fonts-latin", "NotoSans-Regular.ttf"),
    bold: fontFile("@embedpdf/fonts-latin", "NotoSans-Bold.ttf"),
    arabic: fontFile("@embedpdf/fonts-arabic", "NotoNaskhArabic-Regular.ttf"),
  };
  return fontBytes;
}

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
  arabic: PDFFont;
}

/** Registers fontkit and embeds the three fonts, subset to the glyphs used. */
export async function embedPdfFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit);
  const bytes = pdfFontBytes();
  return {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
    arabic: await doc.embedFont(bytes.arabic, { subset: true }),
  };
}
