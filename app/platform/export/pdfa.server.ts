import { createHash } from "node:crypto";
import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from "pdf-lib";
import { SRGB_DESCRIPTION, srgbIccProfile } from "./srgb-icc.server";

// Writes a pdf-lib document as PDF/A-2b (ISO 19005-2, level B: the look is preserved; decision
// 041). What pdf-lib does not do by itself is added here:
//   - an XMP metadata stream in the catalog (uncompressed) with pdfaid:part 2 / conformance B
//     and the same title, author, subject, keywords, tools and dates as the Info dictionary
//     (6.6.2.1, 6.6.3);
//   - an output intent GTS_PDFA1 with an embedded sRGB ICC profile, because pages use
//     DeviceRGB (6.2.3, 6.2.4.3);
//   - the file identifier (ID) in the trailer (6.1.3), written with a classic cross-reference
//     table and trailer (no cross-reference stream).
// The caller brings the rest: every font embedded (pdf-lib with fontkit embeds TrueType
// programs as FontFile2; never use pdf-lib's StandardFonts), no encryption, no JavaScript,
// actions, annotations, transparency or embedded files. test/efile-export.test.ts checks all
// of it on the written bytes.

export interface PdfAOptions {
  /** Creation and modification date written to Info and XMP (whole seconds, UTC). */
  created: Date;
  /** Makes the file identifier: the same seed and date give the same ID. */
  idSeed: string;
  creatorTool: string;
  producer: string;
}

const XMP_PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d";

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** XMP dates: ISO 8601 with a time zone, the same instant as the Info dictionary's D:…Z. */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function infoText(info: PDFDict, key: string): string | null {
  const value: PDFObject | undefined = info.get(PDFName.of(key));
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function xmpPacket(fields: {
  title: string | null;
  author: string | null;
  subject: string | null;
  keywords: string | null;
  creatorTool: string;
  producer: string;
  date: string;
  language: string | null;
}): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  const lines = [
    `<?xpacket begin="\uFEFF" id="${XMP_PACKET_ID}"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">`,
    `<pdfaid:part>2</pdfaid:part>`,
    `<pdfaid:conformance>B</pdfaid:conformance>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>`,
    fields.title !== null ? `<dc:title>${alt(fields.title)}</dc:title>` : "",
    fields.author !== null ? `<dc:creator><rdf:Seq><rdf:li>${xml(fields.author)}</rdf:li></rdf:Seq></dc:creator>` : "",
    fields.subject !== null ? `<dc:description>${alt(fields.subject)}</dc:description>` : "",
    fields.language !== null ? `<dc:language><rdf:Bag><rdf:li>${xml(fields.language)}</rdf:li></rdf:Bag></dc:language>` : "",
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    `<xmp:CreateDate>${fields.date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${fields.date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${fields.date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(fields.creatorTool)}</xmp:CreatorTool>`,
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
    `<pdf:Producer>${xml(fields.producer)}</pdf:Producer>`,
    fields.keywords !== null ? `<pdf:Keywords>${xml(fields.keywords)}</pdf:Keywords>` : "",
    `</rdf:Description>`,
    `</rdf:RDF>`,
    `</x:xmpmeta>`,
  ].filter(Boolean);
  // Room for in-place edits by other tools, as XMP recommends.
  return `${lines.join("\n")}\n${" ".repeat(1000)}\n<?xpacket end="w"?>`;
}

/** Adds metadata, output intent and ID, and writes the document as PDF/A-2b. */
export async function saveAsPdfA(doc: PDFDocument, options: PdfAOptions): Promise<Uint8Array> {
  const created = new Date(Math.floor(options.created.getTime() / 1000) * 1000);
  doc.setCreator(options.creatorTool);
  doc.setProducer(options.producer);
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const language = doc.catalog.get(PDFName.of("Lang"));
  const packet = xmpPacket({
    title: infoText(info, "Title"),
    author: infoText(info, "Author"),
    subject: infoText(info, "Subject"),
    keywords: infoText(info, "Keywords"),
    creatorTool: options.creatorTool,
    producer: options.producer,
    date: xmpDate(created),
    language: language instanceof PDFString || language instanceof PDFHexString ? language.decodeText() : null,
  });
  const context = doc.context;
  // Not compressed: a reader that does not know PDF finds the identification (6.6.2.1).
  const metadata = context.stream(Buffer.from(packet, "utf8"), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), context.register(metadata));

  const icc = context.flateStream(srgbIccProfile(), { N: 3 });
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of(SRGB_DESCRIPTION),
    RegistryName: PDFString.of("http://www.color.org"),
    Info: PDFString.of(SRGB_DESCRIPTION),
    DestOutputProfile: context.register(icc),
  });
  doc.catalog.set(PDFName.of("OutputIntents"), context.obj([context.register(intent)]));

  const id = createHash("sha256").update(`${options.idSeed}\n${created.toISOString()}`).digest("hex").slice(0, 32);
  context.trailerInfo.ID = context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
