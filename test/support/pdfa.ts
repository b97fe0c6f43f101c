import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodePDFRawStream, PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, PDFDocument, type PDFObject } from "pdf-lib";
import { expect } from "vitest";

// What PDF/A-2b asks of a file, checked on its bytes with what Debian and npm offer
// (decision 041): veraPDF, the reference validator, is neither a Debian nor an npm package.
//   - qpdf --check: the file's structure, cross-reference table and every stream decode;
//   - pdffonts (poppler): every font is embedded;
//   - Little CMS (transicc, liblcms2-utils): the output intent's ICC profile opens and converts;
//   - pdf-lib, walking every object: the XMP identification and that it agrees with the Info
//     dictionary, the output intent, font programs (FontFile2/FontFile3/FontFile) for every font,
//     no standard-14 font without a program, no /Encrypt, no JavaScript or other actions, no
//     additional actions, annotations, embedded files, transparency groups or soft masks, and
//     the file identifier in the trailer.
// Not checked here (a veraPDF run would): the inside of font programs (glyph widths against /W,
// missing glyphs), every content-stream operator and its colour space, XMP schema validity
// beyond the fields read, implementation limits.

const ACTIVE_KEYS = ["JavaScript", "JS", "AA", "OpenAction", "Launch", "EmbeddedFiles", "Encrypt", "AcroForm", "URI", "SubmitForm", "RichMedia", "AF"];
const STANDARD_14 = /^(Times-|Helvetica|Courier|Symbol|ZapfDingbats)/;

export interface PdfAReport {
  xmp: string;
  info: Record<string, string>;
  fonts: string[];
  text: string;
}

function text(value: PDFObject | undefined): string | null {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function streamBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

/** The Info dictionary's D:YYYYMMDDHHmmSSZ as ISO 8601. */
function infoDate(value: string): string {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  expect(m, `Info date ${value}`).not.toBeNull();
  return `${m![1]}-${m![2]}-${m![3]}T${m![4]}:${m![5]}:${m![6]}Z`;
}

function xmpField(xmp: string, name: string): string | null {
  const m = new RegExp(`<${name}>(?:<rdf:(?:Alt|Seq|Bag)>\\s*<rdf:li(?: xml:lang="x-default")?>)?([^<]*)<`).exec(xmp);
  return m
    ? m[1]
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
    : null;
}

/** Checks the bytes as PDF/A-2b as far as the tools above can; returns what it read. */
export async function expectPdfA2b(bytes: Uint8Array, label = "PDF"): Promise<PdfAReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdfa-"));
  try {
    const file = path.join(dir, "file.pdf");
    fs.writeFileSync(file, bytes);
    const buffer = Buffer.from(bytes);

    // File header with a binary comment, nothing after %%EOF but one end-of-line (6.1.2, 6.1.3).
    expect(buffer.subarray(0, 9).toString("latin1"), label).toBe("%PDF-1.7\n");
    expect(
      [...buffer.subarray(9, 15)].slice(1, 5).every((b) => b > 127),
      `${label}: binary comment`,
    ).toBe(true);
    expect(buffer.subarray(-7).toString("latin1"), label).toMatch(/%%EOF\r?\n?$/);

    const check = spawnSync("qpdf", ["--check", file], { encoding: "utf8" });
    expect(check.status, `${label}: qpdf --check\n${check.stdout}${check.stderr}`).toBe(0);
    expect(check.stdout).toContain("No syntax or stream encoding errors found");
    const trailer = execFileSync("qpdf", ["--show-object=trailer", file], { encoding: "utf8" });
    expect(trailer, `${label}: trailer`).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
    expect(trailer).not.toContain("/Encrypt");

    const fontList = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fontList.length, `${label}: fonts`).toBeGreaterThan(0);
    for (const line of fontList) expect(line.split(/\s+/).at(-5), `${label}: font embedded: ${line}`).toBe("yes");

    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const context = doc.context;
    const catalog = doc.catalog;

    // XMP identification, uncompressed, and the same as the Info dictionary (6.6.2, 6.6.3).
    const metadata = context.lookup(catalog.get(PDFName.of("Metadata")));
    expect(metadata, `${label}: /Metadata`).toBeInstanceOf(PDFStream);
    const metaDict = (metadata as PDFStream).dict;
    expect(metaDict.get(PDFName.of("Subtype"))?.toString()).toBe("/XML");
    expect(metaDict.get(PDFName.of("Filter")), `${label}: metadata not filtered`).toBeUndefined();
    const xmp = Buffer.from(streamBytes(metadata as PDFStream)).toString("utf8");
    expect(xmp).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
    expect(xmp).toMatch(/<\?xpacket end="w"\?>$/);
    expect(xmpField(xmp, "pdfaid:part")).toBe("2");
    expect(xmpField(xmp, "pdfaid:conformance")).toBe("B");

    const infoDict = context.lookup(context.trailerInfo.Info, PDFDict);
    const info: Record<string, string> = {};
    for (const [key, value] of infoDict.entries()) info[key.decodeText()] = text(value) ?? value.toString();
    expect(info.Title, `${label}: Info Title`).toBeTruthy();
    expect(xmpField(xmp, "dc:title")).toBe(info.Title);
    expect(xmpField(xmp, "xmp:CreatorTool")).toBe(info.Creator);
    expect(xmpField(xmp, "pdf:Producer")).toBe(info.Producer);
    expect(xmpField(xmp, "xmp:CreateDate")).toBe(infoDate(info.CreationDate));
    expect(xmpField(xmp, "xmp:ModifyDate")).toBe(infoDate(info.ModDate));
    if (info.Author) expect(xmpField(xmp, "dc:creator")).toBe(info.Author);
    if (info.Subject) expect(xmpField(xmp, "dc:description")).toBe(info.Subject);
    if (info.Keywords) expect(xmpField(xmp, "pdf:Keywords")).toBe(info.Keywords);

    // Output intent with an embedded RGB ICC profile that a colour-management engine opens.
    const intents = context.lookup(catalog.get(PDFName.of("OutputIntents")), PDFArray);
    expect(intents.size(), `${label}: one output intent`).toBe(1);
    const intent = context.lookup(intents.get(0), PDFDict);
    expect(intent.get(PDFName.of("S"))?.toString()).toBe("/GTS_PDFA1");
    expect(text(intent.get(PDFName.of("OutputConditionIdentifier")))).toBeTruthy();
    const profile = context.lookup(intent.get(PDFName.of("DestOutputProfile")));
    expect(profile, `${label}: DestOutputProfile`).toBeInstanceOf(PDFStream);
    expect((context.lookup((profile as PDFStream).dict.get(PDFName.of("N"))) as PDFNumber).asNumber()).toBe(3);
    const icc = Buffer.from(streamBytes(profile as PDFStream));
    expect(icc.readUInt32BE(0)).toBe(icc.length);
    expect(icc.subarray(36, 40).toString("latin1")).toBe("acsp");
    expect(icc.subarray(12, 20).toString("latin1")).toBe("mntrRGB ");
    expect(icc[8], "ICC major version 2 or 4").toBeLessThanOrEqual(4);
    const iccFile = path.join(dir, "intent.icc");
    fs.writeFileSync(iccFile, icc);
    // White in this profile is white in Little CMS's built-in sRGB (the profile is usable and sRGB).
    const converted = execFileSync("transicc", ["-i", iccFile, "-o", "*sRGB", "-n"], { input: "255 255 255\n0 0 0\n", encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    const values = converted.trim().split("\n").slice(-2).join(" ").trim().split(/\s+/).map(Number);
    expect(
      values.slice(0, 3).every((v) => Math.abs(v - 255) < 1),
      `${label}: white → ${converted}`,
    ).toBe(true);
    expect(
      values.slice(3, 6).every((v) => Math.abs(v) < 1),
      `${label}: black → ${converted}`,
    ).toBe(true);

    // Every object: fonts with programs, nothing active, no transparency.
    const fonts: string[] = [];
    const problems: string[] = [];
    const seen = new Set<PDFObject>();
    const walk = (object: PDFObject | undefined, where: string): void => {
      if (!object || seen.has(object)) return;
      seen.add(object);
      if (object instanceof PDFRef) return walk(context.lookup(object), where);
      if (object instanceof PDFArray) return object.asArray().forEach((o, i) => walk(o, `${where}[${i}]`));
      const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
      if (!dict) return;
      for (const [key, value] of dict.entries()) {
        const name = key.decodeText();
        if (ACTIVE_KEYS.includes(name)) problems.push(`${where}/${name}`);
        // pdf-lib gives every page an empty /Annots array: only an annotation is a problem.
        if (name === "Annots" && (context.lookup(value) as PDFArray).size() > 0) problems.push(`${where}/Annots`);
        if (name === "SMask" || (name === "S" && value.toString() === "/Transparency")) problems.push(`${where}/${name} (transparency)`);
        if (name === "S" && ["/JavaScript", "/Launch", "/URI", "/SubmitForm"].includes(value.toString())) problems.push(`${where}: action ${value.toString()}`);
        walk(value, `${where}/${name}`);
      }
      if (dict.get(PDFName.of("Type"))?.toString() === "/Font") {
        const subtype = dict.get(PDFName.of("Subtype"))?.toString();
        const base = dict.get(PDFName.of("BaseFont"))?.toString().replace(/^\//, "") ?? "?";
        if (subtype === "/Type0") return;
        fonts.push(base);
        const descriptor = context.lookup(dict.get(PDFName.of("FontDescriptor")));
        if (!(descriptor instanceof PDFDict)) {
          problems.push(`font ${base} without FontDescriptor${STANDARD_14.test(base) ? " (standard 14)" : ""}`);
          return;
        }
        const program = ["FontFile2", "FontFile3", "FontFile"].find((k) => descriptor.get(PDFName.of(k)));
        if (!program) problems.push(`font ${base} not embedded`);
      }
    };
    for (const [, object] of context.enumerateIndirectObjects()) walk(object, "obj");
    walk(catalog, "Catalog");
    expect(problems, label).toEqual([]);
    expect(fonts.length).toBeGreaterThan(0);

    const extracted = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    return { xmp, info, fonts, text: extracted };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
