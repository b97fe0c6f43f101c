import crypto from "node:crypto";
import { createRequire } from "node:module";
import { fileTypeFromBuffer } from "file-type";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, PageSizes, type PDFObject } from "pdf-lib";
import sharp from "sharp";
import { getTraeger } from "~/config/traeger";
import { env } from "~/platform/config/env.server";

// The processing pipeline every uploaded file goes through before it is stored:
//  1. its type is sniffed from the first bytes (file-type), never taken from the name;
//     JPEG, PNG, HEIC/HEIF and PDF are accepted, anything else is refused naming the file;
//  2. size limits per file (while reading, so an oversized file is never read to its end);
//  3. photos are re-encoded with sharp: HEIC → JPEG (heic-decode, libheif as wasm, because
//     sharp's prebuilt libvips reads HEIF only for AVIF), turned upright by their EXIF
//     orientation, all metadata (EXIF, GPS, XMP, IPTC) dropped, at most 2480 px on the long
//     side (A4 at 300 dpi), JPEG quality 82;
//  4. PDFs are stored as they are, but refused when they carry JavaScript, embedded files or
//     launch actions, or are encrypted: the raw bytes are scanned while they stream in, and the
//     file is then parsed with pdf-lib (this also finds what hides in compressed object streams).
//
// Decoding needs the whole file in memory (sharp buffers its input; heic-decode and pdf-lib work
// on one buffer), so at most UPLOAD_PROCESSING_CONCURRENCY files are decoded at once (default
// 1); everything waiting stays on disk, encrypted, or in the socket's buffer.

export const ACCEPTED_MEDIA_TYPES = ["image/jpeg", "image/png", "image/heic", "image/heif", "application/pdf"] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
export type StoredMediaType = "image/jpeg" | "application/pdf";

/** Long side of a stored photo: A4 at 300 dpi. */
export const MAX_IMAGE_EDGE = 2480;
export const JPEG_QUALITY = 82;
/** Larger images are refused before decoding (a "decompression bomb" would take gigabytes). */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** HEIC is decoded at full size to RGBA (4 bytes a pixel): 50 MP is 200 MB, enough for 48 MP phones. */
export const MAX_HEIC_PIXELS = 50_000_000;

const SNIFF_BYTES = 4100;
const MB = 1024 * 1024;

sharp.cache(false);

// ---------------------------------------------------------------------------------------------
// Refusals: a translation key (namespace "uploads") and its parameters, always the file name.

export interface DocumentError {
  key: string;
  params: Record<string, string | number>;
}

export class DocumentRefusal extends Error {
  readonly key: string;
  readonly params: Record<string, string | number>;
  constructor(key: string, params: Record<string, string | number>) {
    super(`document refused: ${key}`);
    this.name = "DocumentRefusal";
    this.key = key.includes(":") ? key : `uploads:errors.${key}`;
    this.params = params;
  }
  toJSON(): DocumentError {
    return { key: this.key, params: this.params };
  }
}

export function refusal(reason: string, filename: string, extra: Record<string, string | number> = {}): DocumentRefusal {
  return new DocumentRefusal(`uploads:errors.${reason}`, { name: filename, ...extra });
}

// ---------------------------------------------------------------------------------------------
// Limits: the Träger's limits, overridable by UPLOAD_MAX_FILE_MB / UPLOAD_MAX_APPLICATION_MB.

export interface UploadLimits {
  maxFileMb: number;
  maxFileBytes: number;
  /** Per attachment context (one application, or "my documents" of one person). */
  maxContextMb: number;
  maxContextBytes: number;
}

export function uploadLimits(): UploadLimits {
  const limits = getTraeger().limits;
  const maxFileMb = env().UPLOAD_MAX_FILE_MB ?? limits.uploadMaxFileMb;
  const maxContextMb = Math.max(env().UPLOAD_MAX_APPLICATION_MB ?? limits.uploadMaxApplicationMb, maxFileMb);
  return { maxFileMb, maxFileBytes: maxFileMb * MB, maxContextMb, maxContextBytes: maxContextMb * MB };
}

// ---------------------------------------------------------------------------------------------
// A small FIFO limiter for the memory-hungry part (decoding).

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(max: number): Limiter {
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) next();
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

let decodeLimiter: Limiter | null = null;

function limiter(): Limiter {
  if (!decodeLimiter) decodeLimiter = createLimiter(env().UPLOAD_PROCESSING_CONCURRENCY);
  return decodeLimiter;
}

// ---------------------------------------------------------------------------------------------
// Type sniffing

export async function sniffMediaType(head: Uint8Array): Promise<AcceptedMediaType | null> {
  if (head.byteLength === 0) return null;
  const type = await fileTypeFromBuffer(head);
  switch (type?.mime) {
    case "image/jpeg":
      return "image/jpeg";
    case "image/png":
    case "image/apng":
      return "image/png";
    case "image/heic":
    case "image/heic-sequence":
      return "image/heic";
    case "image/heif":
    case "image/heif-sequence":
      return "image/heif";
    case "application/pdf":
      return "application/pdf";
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the source: size limit and SHA-512 of exactly what was received.

class MeasuredSource {
  size = 0;
  private readonly hash = crypto.createHash("sha512");
  private readonly iterator: AsyncIterator<Uint8Array>;

  constructor(
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    private readonly maxBytes: number,
    private readonly tooLarge: () => DocumentRefusal,
  ) {
    this.iterator =
      Symbol.asyncIterator in source
        ? (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]()
        : (async function* () {
            yield* source as Iterable<Uint8Array>;
          })();
  }

  async next(): Promise<Uint8Array | null> {
    const result = await this.iterator.next();
    if (result.done) return null;
    const chunk = typeof result.value === "string" ? Buffer.from(result.value) : result.value;
    this.size += chunk.byteLength;
    if (this.size > this.maxBytes) throw this.tooLarge();
    this.hash.update(chunk);
    return chunk;
  }

  /** Stops reading (the source's own return(): closes files, cancels generators). */
  async close(): Promise<void> {
    await this.iterator.return?.().catch(() => undefined);
  }

  sha512(): string {
    return this.hash.digest("hex");
  }
}

/** A growing buffer: preallocated when the size is known, doubled otherwise. */
class Collector {
  private buffer: Buffer;
  length = 0;
  constructor(initial: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64 * 1024, initial));
  }
  push(chunk: Uint8Array): void {
    if (this.length + chunk.byteLength > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + chunk.byteLength));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.byteLength;
  }
  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

// ---------------------------------------------------------------------------------------------
// PDF checks

export type PdfFinding = "javascript" | "embedded" | "encrypted";

const PDF_NAMES: Record<string, PdfFinding> = {
  JS: "javascript",
  JavaScript: "javascript",
  EmbeddedFile: "embedded",
  EmbeddedFiles: "embedded",
  Launch: "embedded",
  Encrypt: "encrypted",
};

/** Decodes #xx escapes in a PDF name (case-insensitive hex, as readers do). */
export function decodePdfName(raw: string): string {
  let name = raw.startsWith("/") ? raw.slice(1) : raw;
  for (let i = 0; i < 2 && name.includes("#"); i++) {
    name = name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return name;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const ENDSTREAM = Buffer.from("endstream", "latin1");

/**
 * Scans the raw bytes of a PDF for dangerous names as they stream in: /JS, /JavaScript,
 * /EmbeddedFile(s), /Launch, /Encrypt, also when written with #xx escapes. The contents of
 * streams and strings are skipped (binary image data would otherwise match by chance).
 */
export class PdfNameScanner {
  readonly findings = new Set<PdfFinding>();
  private mode: "normal" | "comment" | "string" | "stream" = "normal";
  private token: number[] = [];
  private tokenIsName = false;
  private stringDepth = 0;
  private escaped = false;
  private streamTail: Buffer = Buffer.alloc(0);

  feed(chunk: Uint8Array): void {
    let i = 0;
    const bytes = chunk;
    while (i < bytes.length) {
      if (this.mode === "stream") {
        const combined = this.streamTail.length ? Buffer.concat([this.streamTail, bytes.subarray(i)]) : Buffer.from(bytes.buffer, bytes.byteOffset + i, bytes.length - i);
        const found = combined.indexOf(ENDSTREAM);
        if (found === -1) {
          this.streamTail = Buffer.from(combined.subarray(Math.max(0, combined.length - (ENDSTREAM.length - 1))));
          return;
        }
        // Continue after "endstream" (positions in `combined` map back to the chunk).
        i = i + (found + ENDSTREAM.length - this.streamTail.length);
        this.streamTail = Buffer.alloc(0);
        this.mode = "normal";
        continue;
      }
      const byte = bytes[i];
      if (this.mode === "comment") {
        if (byte === 0x0a || byte === 0x0d) this.mode = "normal";
      } else if (this.mode === "string") {
        if (this.escaped) this.escaped = false;
        else if (byte === 0x5c) this.escaped = true;
        else if (byte === 0x28) this.stringDepth++;
        else if (byte === 0x29 && --this.stringDepth === 0) this.mode = "normal";
      } else if (WHITESPACE.has(byte) || DELIMITERS.has(byte)) {
        this.endToken();
        if (this.mode === "normal") {
          if (byte === 0x2f) this.tokenIsName = true;
          else if (byte === 0x25) this.mode = "comment";
          else if (byte === 0x28) {
            this.mode = "string";
            this.stringDepth = 1;
          }
        }
      } else if (this.token.length < 256) {
        this.token.push(byte);
      }
      i++;
    }
  }

  finish(): Set<PdfFinding> {
    this.endToken();
    return this.findings;
  }

  private endToken(): void {
    if (this.tokenIsName) {
      const finding = PDF_NAMES[decodePdfName(String.fromCharCode(...this.token))];
      if (finding) this.findings.add(finding);
    } else if (this.token.length === 6 && String.fromCharCode(...this.token) === "stream") {
      this.mode = "stream";
      this.streamTail = Buffer.alloc(0);
    }
    this.token = [];
    this.tokenIsName = false;
  }
}

function nameFinding(name: PDFName): PdfFinding | undefined {
  return PDF_NAMES[decodePdfName(name.asString())];
}

/** Walks every object pdf-lib parsed (also those inside object streams). */
export async function inspectPdfStructure(bytes: Uint8Array): Promise<Set<PdfFinding> | "damaged"> {
  const findings = new Set<PdfFinding>();
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: 500 });
  } catch {
    return "damaged";
  }
  try {
    if (document.isEncrypted || document.context.trailerInfo.Encrypt) findings.add("encrypted");
    if (document.getPageCount() < 1) return "damaged";
  } catch {
    return "damaged";
  }
  const seen = new Set<PDFObject>();
  const visit = (object: PDFObject | undefined, depth: number): void => {
    if (!object || depth > 64 || seen.has(object)) return;
    if (object instanceof PDFName) {
      const finding = nameFinding(object);
      if (finding) findings.add(finding);
      return;
    }
    if (object instanceof PDFDict || object instanceof PDFArray || object instanceof PDFStream) seen.add(object);
    if (object instanceof PDFStream) visit(object.dict, depth + 1);
    else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        visit(key, depth + 1);
        visit(value, depth + 1);
      }
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) visit(value, depth + 1);
    }
  };
  for (const [, object] of document.context.enumerateIndirectObjects()) visit(object, 0);
  return findings;
}

function pdfRefusal(findings: Set<PdfFinding>, filename: string): DocumentRefusal | null {
  if (findings.has("encrypted")) return refusal("pdfEncrypted", filename);
  if (findings.has("javascript")) return refusal("pdfJavaScript", filename);
  if (findings.has("embedded")) return refusal("pdfEmbedded", filename);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Images

function toJpeg(image: sharp.Sharp): Promise<{ data: Buffer; info: sharp.OutputInfo }> {
  // No withMetadata(): sharp writes no EXIF, GPS, XMP or IPTC. rotate() applies and drops the orientation.
  return image
    .rotate()
    .resize({ width: MAX_IMAGE_EDGE, height: MAX_IMAGE_EDGE, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: "4:2:0" })
    .toBuffer({ resolveWithObject: true });
}

async function convertImage(input: Buffer, filename: string): Promise<Buffer> {
  try {
    const image = sharp(input, { failOn: "error", limitInputPixels: MAX_IMAGE_PIXELS });
    const { data } = await toJpeg(image);
    return data;
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error)?.message))) throw refusal("imageTooLarge", filename);
    throw refusal("imageDamaged", filename);
  }
}

interface HeicImage {
  width: number;
  height: number;
  decode(): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
}
type HeicDecodeAll = (input: { buffer: Uint8Array }) => Promise<HeicImage[] & { dispose(): void }>;

/** The HEIC decoder boundary (replaceable in tests). heic-decode loads its wasm on first use. */
export const heicDecoder = {
  decodeAll: null as HeicDecodeAll | null,
  load(): HeicDecodeAll {
    if (!this.decodeAll) {
      const require = createRequire(import.meta.url);
      const mod = require("heic-decode") as { all: HeicDecodeAll };
      this.decodeAll = mod.all;
    }
    return this.decodeAll;
  },
};

async function convertHeic(input: Buffer, filename: string): Promise<Buffer> {
  let images: (HeicImage[] & { dispose(): void }) | null = null;
  let raw: { width: number; height: number; data: Uint8ClampedArray } | null = null;
  try {
    images = await heicDecoder.load()({ buffer: input });
    const primary = images[0];
    if (!primary) throw refusal("imageDamaged", filename);
    if (primary.width * primary.height > MAX_HEIC_PIXELS) throw refusal("imageTooLarge", filename);
    raw = await primary.decode();
  } catch (error) {
    if (error instanceof DocumentRefusal) throw error;
    throw refusal("imageDamaged", filename);
  } finally {
    images?.dispose();
  }
  try {
    // libheif has already applied the HEIF rotation/mirror boxes; raw pixels carry no EXIF.
    const pixels = Buffer.from(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
    const { data } = await toJpeg(sharp(pixels, { raw: { width: raw.width, height: raw.height, channels: 4 }, limitInputPixels: MAX_HEIC_PIXELS }));
    return data;
  } catch {
    throw refusal("imageDamaged", filename);
  }
}

// ---------------------------------------------------------------------------------------------
// The pipeline

export interface ProcessOptions {
  /** Sanitised file name, for messages. */
  filename: string;
  maxBytes: number;
  /** For the message when maxBytes is exceeded. */
  maxMb: number;
  /** The size the client announced (resumable uploads): lets the buffer be allocated once. */
  expectedSize?: number;
}

export interface ProcessedDocument {
  mediaType: StoredMediaType;
  originalMediaType: AcceptedMediaType;
  originalSize: number;
  originalSha512: string;
  /** What is stored: the re-encoded photo, or the PDF as received. */
  content: Buffer;
}

/**
 * Runs the whole pipeline over `source` and hands the result to `store` while the decoding slot
 * is still held (so the processed buffer is not multiplied by waiting uploads). Throws a
 * DocumentRefusal when the file is not accepted; the source is then left partly unread (a
 * multipart caller must drain it).
 */
export async function processDocument<T>(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ProcessOptions,
  store: (processed: ProcessedDocument) => Promise<T>,
): Promise<T> {
  const { filename } = options;
  const input = new MeasuredSource(source, options.maxBytes, () => refusal("tooLarge", filename, { maxMb: options.maxMb }));
  try {
    // 1. The first bytes decide the type.
    const head: Uint8Array[] = [];
    let headLength = 0;
    while (headLength < SNIFF_BYTES) {
      const chunk = await input.next();
      if (!chunk) break;
      head.push(chunk);
      headLength += chunk.byteLength;
    }
    if (headLength === 0) throw refusal("empty", filename);
    const headBytes = Buffer.concat(head);
    const mediaType = await sniffMediaType(headBytes);
    if (!mediaType) throw refusal("unsupportedType", filename);

    // 2. Decode and check, one file (or UPLOAD_PROCESSING_CONCURRENCY files) at a time.
    return await limiter().run(async () => {
      const collector = new Collector(options.expectedSize && options.expectedSize <= options.maxBytes ? options.expectedSize : headLength);
      const scanner = mediaType === "application/pdf" ? new PdfNameScanner() : null;
      for (const chunk of head) {
        collector.push(chunk);
        scanner?.feed(chunk);
      }
      head.length = 0;
      for (let chunk = await input.next(); chunk; chunk = await input.next()) {
        collector.push(chunk);
        scanner?.feed(chunk);
      }
      const bytes = collector.result();
      const originalSha512 = input.sha512();
      let content: Buffer;
      let stored: StoredMediaType;
      if (scanner) {
        const early = pdfRefusal(scanner.finish(), filename);
        if (early) throw early;
        const structure = await inspectPdfStructure(bytes);
        if (structure === "damaged") throw refusal("pdfDamaged", filename);
        const late = pdfRefusal(structure, filename);
        if (late) throw late;
        content = bytes;
        stored = "application/pdf";
      } else if (mediaType === "image/heic" || mediaType === "image/heif") {
        content = await convertHeic(bytes, filename);
        stored = "image/jpeg";
      } else {
        content = await convertImage(bytes, filename);
        stored = "image/jpeg";
      }
      return store({ mediaType: stored, originalMediaType: mediaType, originalSize: input.size, originalSha512, content });
    });
  } finally {
    await input.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Several photos → one PDF (A4 pages, each photo scaled to fit, upright pages for upright photos)

const PAGE_MARGIN = 28; // ≈ 1 cm

export async function buildPdfFromJpegs(images: Uint8Array[], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  if (title) pdf.setTitle(title);
  pdf.setProducer("Bürgerportal");
  pdf.setCreationDate(new Date());
  for (const bytes of images) {
    // A fresh copy: pdf-lib reads `bytes.buffer` from offset 0, but a Node Buffer may be a view
    // into a shared pool (small Buffer.concat results are), which made it read another file.
    const image = await pdf.embedJpg(new Uint8Array(bytes));
    const [a4Width, a4Height] = PageSizes.A4;
    const landscape = image.width > image.height;
    const pageWidth = landscape ? a4Height : a4Width;
    const pageHeight = landscape ? a4Width : a4Height;
    const scale = Math.min((pageWidth - 2 * PAGE_MARGIN) / image.width, (pageHeight - 2 * PAGE_MARGIN) / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    const page = pdf.addPage([pageWidth, pageHeight]);
    page.drawImage(image, { x: (pageWidth - width) / 2, y: (pageHeight - height) / 2, width, height });
  }
  return pdf.save({ useObjectStreams: false });
}

/** The extension that fits a stored type (downloads of a converted HEIC end in .jpg). */
export function extensionOf(mediaType: string): string {
  return mediaType === "application/pdf" ? "pdf" : mediaType === "image/png" ? "png" : "jpg";
}
