import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { getTraeger } from "~/config/traeger";
import { formatCode, normaliseCode } from "~/domain/cases/codes";
import { formatDate } from "~/lib/format";
import { berlinDay } from "~/domain/application/dates";
import { embedPdfFonts } from "~/platform/pdf/fonts.server";
import { publicUrl } from "~/platform/mail/public-url.server";
import { planLabel } from "./cases.server";

// The activation-code letter (issue 19 § 14): a printable A4 PDF to send the Mein-Fall code by
// post, with an address field (DIN 5008 window position) the staff member fills in for this print
// only — nothing of it is stored. German, like every letter of the Jobcenter.

const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const LEFT = 25 * MM;
const RIGHT = A4.width - 20 * MM;

export interface ActivationLetterInput {
  code: string;
  /** ISO time the code expires. */
  expiresAt: string;
  kundennummer: string;
  bgNummer: string;
  /** Lines of the address field (name, street, postcode and town); may be empty. */
  address: string[];
  now?: Date;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

export async function activationLetterPdf(input: ActivationLetterInput): Promise<Uint8Array | null> {
  const code = normaliseCode(input.code);
  if (!code) return null;
  const traeger = getTraeger();
  const label = planLabel();
  const today = berlinDay(input.now ?? new Date());
  const doc = await PDFDocument.create();
  const fonts = await embedPdfFonts(doc);
  doc.setTitle(`Aktivierungscode für „Mein Fall“ – ${traeger.jobcenterName}`);
  doc.setLanguage("de-DE");
  doc.setProducer("Bürgerportal");
  doc.setCreationDate(input.now ?? new Date());
  const page: PDFPage = doc.addPage([A4.width, A4.height]);
  const fontFor = (text: string, bold = false) => (ARABIC.test(text) ? fonts.arabic : bold ? fonts.bold : fonts.regular);
  let y = A4.height - 20 * MM;
  const text = (value: string, opts: { size?: number; bold?: boolean; x?: number } = {}) => {
    const size = opts.size ?? 10.5;
    page.drawText(value, { x: opts.x ?? LEFT, y, size, font: fontFor(value, opts.bold), color: rgb(0, 0, 0) });
  };
  // Letterhead
  text(traeger.jobcenterName, { size: 14, bold: true });
  y -= 16;
  text(traeger.name, { size: 10 });
  // Return line and address field (DIN 5008 form B: window from 45 mm, 85 × 45 mm)
  y = A4.height - 50 * MM;
  text(`${traeger.jobcenterName}`, { size: 7 });
  y -= 14;
  for (const line of input.address
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 6)) {
    text(line, { size: 11 });
    y -= 14;
  }
  // Date and identifiers on the right
  y = A4.height - 50 * MM;
  const right = (value: string, bold = false) => {
    const font = fontFor(value, bold);
    page.drawText(value, { x: RIGHT - font.widthOfTextAtSize(value, 10), y, size: 10, font });
    y -= 14;
  };
  right(`Datum: ${formatDate("de", today, "medium")}`);
  right(`Kundennummer: ${input.kundennummer}`);
  right(`BG-Nummer: ${input.bgNummer}`);
  // Subject and body
  y = A4.height - 105 * MM;
  text(`Ihr Zugang zu „Mein Fall“: ${label} online`, { size: 12, bold: true });
  y -= 28;
  const paragraph = (value: string, size = 10.5, bold = false) => {
    const font = bold ? fonts.bold : fonts.regular;
    for (const line of wrap(value, font, size, RIGHT - LEFT)) {
      text(line, { size, bold });
      y -= size * 1.45;
    }
    y -= 6;
  };
  const site = publicUrl();
  paragraph("Guten Tag,");
  paragraph(
    `im Bürgerportal des ${traeger.jobcenterName} sehen Sie unter „Mein Fall“ Ihren ${label}: Ihre Aufgaben, die Fristen und was das Jobcenter zugesagt hat. Dort können Sie Nachweise hochladen und um Hilfe bitten. Mit dem Aktivierungscode in diesem Brief verbinden Sie Ihr Konto einmal mit Ihrem Fall.`,
  );
  paragraph("So geht es:", 10.5, true);
  paragraph(`1. Öffnen Sie ${site}/mein-fall/verknuepfen`);
  paragraph("2. Melden Sie sich an. Wenn Sie noch kein Konto haben, legen Sie dort eines an.");
  paragraph("3. Geben Sie diesen Aktivierungscode ein:");
  y -= 4;
  text(formatCode(code), { size: 22, bold: true, x: LEFT + 12 * MM });
  y -= 34;
  paragraph(
    `Der Code gilt bis zum ${formatDate("de", berlinDay(new Date(input.expiresAt)))} und nur ein einziges Mal. Geben Sie ihn nicht weiter: Wer ihn hat, kann Ihren Fall mit seinem Konto verbinden. Groß- und Kleinschreibung und die Bindestriche spielen keine Rolle.`,
  );
  paragraph("Wenn der Code nicht mehr gilt oder nicht funktioniert, bekommen Sie von uns einen neuen. Sie müssen das Bürgerportal nicht nutzen: Alles geht auch wie bisher mit Ihrer Ansprechperson.");
  if (traeger.centralPhone) paragraph(`Fragen? Rufen Sie uns an: ${traeger.centralPhone}`);
  paragraph("Mit freundlichen Grüßen");
  paragraph(`Ihr ${traeger.jobcenterName}`);
  paragraph("Dieser Brief wurde maschinell erstellt und ist ohne Unterschrift gültig.", 8.5);
  return doc.save();
}
