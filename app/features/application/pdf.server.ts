import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { getTraeger } from "~/config/traeger";
import { benefitNameFor } from "~/domain/benefit-name";
import { CATEGORY_GERMAN } from "~/domain/application/documents";
import { derivedMembers } from "~/domain/application/model";
import { officialFormOrder, summaryGroups, type SummaryValue } from "~/domain/application/summary";
import { standortById } from "~/domain/traeger/lookup";
import { formatDate, formatEuro } from "~/lib/format";
import type { ApplicationRecord } from "./records.server";
import { documentRequests, handedOverChecklist, memberNames, submittedAttachments } from "./application-documents.server";
import { getDb } from "~/platform/db/db.server";
import { fixedT } from "~/platform/http/i18n.server";
import { saveAsPdfA } from "~/platform/export/pdfa.server";

// The pre-filled German application PDF (issue "Online Antrag", § 5): every answer, every
// member with the U25 / § 15a flags and the Anlage, the reference number and "Seite x von y" on
// every page. Labels are the German values of the same keys the pages use, so the PDF says what
// the German form says. Names and free text keep their script: Noto Sans (Latin, Cyrillic,
// Greek) and Noto Naskh Arabic (Arabic, Persian), chosen per run of text.
//
// Fonts are subset to the glyphs used, with upstream fontkit 1.9.0: @pdf-lib/fontkit 1.1.1's
// subsetting draws most Latin and Cyrillic glyphs blank, and embedding whole fonts made a 700 kB
// file in ~0.4 s (docs/sources/stack.md § 5). test/application-pdf.test.ts renders the
// PDF and checks the glyphs have ink, because pdftotext passes even when they are blank.
//
// Written as PDF/A-2b (decision 041, app/platform/export/pdfa.server.ts): XMP identification,
// sRGB output intent, file ID; only the embedded Noto fonts, nothing active.

const require = createRequire(import.meta.url);

function fontFile(pkg: string, file: string): Buffer {
  return fs.readFileSync(path.join(path.dirname(require.resolve(pkg)), "..", "fonts", file));
}

let fontBytes: { regular: Buffer; bold: Buffer; arabic: Buffer } | null = null;
function fonts() {
  fontBytes ??= {
    regular: fontFile("@embedpdf/fonts-latin", "NotoSans-Regular.ttf"),
    bold: fontFile("@embedpdf/fonts-latin", "NotoSans-Bold.ttf"),
    arabic: fontFile("@embedpdf/fonts-arabic", "NotoNaskhArabic-Regular.ttf"),
  };
  return fontBytes;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const RUNS = /([\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+(?:[\s\u200c]+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*)/;

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const SIZE = 10;
const LINE = 14;
const LABEL_WIDTH = 210;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  arabic: PDFFont;
}

class Writer {
  pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly f: Fonts,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
  }

  private ensure(height: number): void {
    if (this.y - height < PAGE.margin + 20) this.newPage();
  }

  /** Splits into runs of one script: Arabic runs use the Arabic font. */
  private runs(text: string, bold: boolean): Array<{ text: string; font: PDFFont }> {
    return text
      .split(RUNS)
      .filter((part) => part !== "")
      .map((part) => ({ text: part, font: ARABIC.test(part) ? this.f.arabic : bold ? this.f.bold : this.f.regular }));
  }

  private width(text: string, size: number, bold: boolean): number {
    return this.runs(text, bold).reduce((sum, r) => sum + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  /** Word-wraps to `maxWidth`. */
  private wrap(text: string, size: number, bold: boolean, maxWidth: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
      let line = "";
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && this.width(candidate, size, bold) > maxWidth) {
          lines.push(line);
          line = word;
        } else line = candidate;
      }
      lines.push(line);
    }
    return lines;
  }

  private drawLine(text: string, x: number, y: number, size: number, bold: boolean): void {
    let cursor = x;
    for (const run of this.runs(text, bold)) {
      this.page.drawText(run.text, { x: cursor, y, size, font: run.font, color: rgb(0, 0, 0) });
      cursor += run.font.widthOfTextAtSize(run.text, size);
    }
  }

  heading(text: string, size = 13): void {
    this.ensure(size + LINE);
    this.y -= 6;
    for (const line of this.wrap(text, size, true, PAGE.width - 2 * PAGE.margin)) {
      this.drawLine(line, PAGE.margin, this.y - size, size, true);
      this.y -= size + 4;
    }
    this.y -= 2;
  }

  paragraph(text: string): void {
    for (const line of this.wrap(text, SIZE, false, PAGE.width - 2 * PAGE.margin)) {
      this.ensure(LINE);
      this.drawLine(line, PAGE.margin, this.y - SIZE, SIZE, false);
      this.y -= LINE;
    }
    this.y -= 4;
  }

  row(label: string, value: string): void {
    const labels = this.wrap(label, SIZE, true, LABEL_WIDTH - 10);
    const values = this.wrap(value || "–", SIZE, false, PAGE.width - 2 * PAGE.margin - LABEL_WIDTH);
    const height = Math.max(labels.length, values.length) * LINE;
    this.ensure(height);
    labels.forEach((l, i) => this.drawLine(l, PAGE.margin, this.y - SIZE - i * LINE, SIZE, true));
    values.forEach((v, i) => this.drawLine(v, PAGE.margin + LABEL_WIDTH, this.y - SIZE - i * LINE, SIZE, false));
    this.y -= height + 2;
  }

  footer(text: (page: number, pages: number) => string): void {
    this.pages.forEach((page, index) => {
      const line = text(index + 1, this.pages.length);
      page.drawText(line, { x: PAGE.margin, y: PAGE.margin - 20, size: 8, font: this.f.regular, color: rgb(0.2, 0.2, 0.2) });
    });
  }
}

/** The application as a German PDF (PDF/A-2b); `created` is its creation date (default: now). */
export async function applicationPdf(application: ApplicationRecord, options: { created?: Date } = {}): Promise<Uint8Array> {
  const t = fixedT("de", ["application", "uploads", "common"]);
  const db = await getDb();
  const [attachments, requests] = await Promise.all([submittedAttachments(db, application.id), documentRequests(db, application.id)]);
  const checklist = handedOverChecklist(application, attachments, requests);
  const traeger = getTraeger();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const bytes = fonts();
  const f: Fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
    arabic: await doc.embedFont(bytes.arabic, { subset: true }),
  };
  // The benefit's name on the Antragsdatum (decision 032): Bürgergeld before 2026-07-01.
  const benefit = benefitNameFor(application.antragsdatum).name;
  doc.setTitle(`${t("pdf.title", { benefit })} ${application.reference}`);
  doc.setLanguage("de-DE");
  doc.setProducer("Bürgerportal");
  const w = new Writer(doc, f);
  const date = (iso: string) => formatDate("de", iso, "medium");
  const yes = (value: boolean) => (value ? t("common:form.yes") : t("common:form.no"));
  const show = (value: SummaryValue): string => {
    switch (value.kind) {
      case "text":
        return value.text;
      case "date":
        return date(value.iso);
      case "money":
        return formatEuro("de", value.amount);
      case "yesno":
        return yes(value.value);
      case "key":
        return t(value.key);
    }
  };

  w.heading(t("pdf.title", { benefit }), 15);
  w.row(t("receipt.reference"), application.reference);
  w.row(t("receipt.antragsdatum"), date(application.antragsdatum));
  w.row("Jobcenter", traeger.jobcenterName);
  const standort = application.standortId ? standortById(traeger, application.standortId) : undefined;
  if (standort) w.row(t("receipt.standort"), standort.name);
  w.row(t("pdf.submittedAt"), application.submittedAt ? formatDate("de", application.submittedAt, "medium") : t("pdf.notSubmitted"));

  let last = "";
  for (const group of officialFormOrder(summaryGroups(application.data))) {
    const title = t(`tasks.sections.${group.section}`);
    if (group.section !== last) w.heading(title);
    last = group.section;
    if (group.heading) w.heading(group.heading, 11);
    for (const row of group.rows) w.row(t(row.label, row.params), show(row.value));
  }

  const members = derivedMembers(application.data, application.antragsdatum);
  if (members.length) {
    w.heading(t("pdf.membersTitle", { benefit }));
    for (const m of members) {
      w.row(`${m.firstName} ${m.lastName}`, t("pdf.flags", { u25: yes(m.u25), p15a: yes(m.paragraph15a), anlage: m.anlage ?? t(`pdf.householdStatus.${m.householdStatus}`) }));
    }
  }
  if (application.documentsDigital !== null && application.decisionsDigital !== null) {
    w.heading(t("check.declarationTitle"));
    w.paragraph(t("check.declarationConfirm"));
    const declaration = application.data.declaration;
    if (declaration) {
      w.row(t("pdf.declarationVersion"), `${declaration.version} (SHA-256 ${declaration.sha256.slice(0, 16)}…)`);
      w.row(t("pdf.declarationConfirmed"), `${formatDate("de", declaration.confirmedAt, "medium")} · ${memberNames(application.data)[declaration.confirmedBy] ?? declaration.confirmedBy}`);
    }
    w.paragraph(t("pdf.choices", { documents: yes(application.documentsDigital), decisions: yes(application.decisionsDigital) }));
  }
  // The document checklist (present = handed to the Jobcenter) and every attachment with its hash.
  const names = memberNames(application.data);
  w.heading(t("uploads:pdf.checklistTitle"));
  for (const entry of checklist) {
    const who = entry.memberId ? t("uploads:checklist.forMember", { name: names[entry.memberId] ?? entry.memberId }) : t("uploads:checklist.forHousehold");
    w.row(`${CATEGORY_GERMAN[entry.category]} (${who})`, `${t(`uploads:checklist.status.${entry.status}`)}${entry.attachmentIds.length ? ` (${entry.attachmentIds.length})` : ""}`);
  }
  w.heading(t("uploads:pdf.attachmentsTitle"));
  if (!attachments.length) w.paragraph(t("uploads:pdf.noAttachments"));
  for (const a of attachments) {
    w.row(a.filename, `${CATEGORY_GERMAN[a.category]} · ${a.mediaType} · ${a.size} Bytes`);
    w.paragraph(`SHA-512: ${a.sha512.slice(0, 64)}`);
    w.paragraph(a.sha512.slice(64));
  }
  w.footer((page, pages) => `${t("receipt.reference")} ${application.reference} · ${t("pdf.page", { page, pages })}`);
  return saveAsPdfA(doc, { created: options.created ?? new Date(), idSeed: application.id, creatorTool: "Bürgerportal SGB II", producer: "Bürgerportal SGB II (pdf-lib)" });
}

/** "Antrag-Grundsicherungsgeld-A-….pdf", with the benefit's name on the Antragsdatum, in ASCII. */
export function pdfFilename(application: Pick<ApplicationRecord, "reference" | "antragsdatum">): string {
  const benefit = benefitNameFor(application.antragsdatum).name.replace("ü", "ue");
  return `Antrag-${benefit}-${application.reference}.pdf`;
}
