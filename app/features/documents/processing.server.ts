import crypto from "node:crypto";
import { createRequire } from "node:module";
import { fileTypeFromBuffer } from "file-type";
import { PDFArray, PDFContext, PDFDict, PDFDocument, PDFInvalidObject, PDFName, PDFObject, PDFRef, PDFStream, PageSizes } from "pdf-lib";
import sharp from "sharp";
import { getTraeger } from "~/config/traeger";
import {
  activeAnnotation,
  activeKey,
  activeStreamType,
  actionDecision,
  decodePdfName,
  INERT_ANNOTATION_KEYS,
  isActionDict,
  summariseKinds,
  trailingBytesAfterEof,
  type PdfActiveKind,
} from "~/domain/documents/pdf-active-content";
import { env } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";

// The processing pipeline every uploaded file goes through before it is stored:
//  1. its type is sniffed from the first bytes (file-type), never taken from the name;
//     JPEG, PNG, HEIC/HEIF and PDF are accepted, anything else is refused naming the file;
//  2. size limits per file (while reading, so an oversized file is never read to its end);
//  3. photos are re-encoded with sharp: HEIC → JPEG (heic-decode, libheif as wasm, because
//     sharp's prebuilt libvips reads HEIF only for AVIF), turned upright by their EXIF
//     orientation, all metadata (EXIF, GPS, XMP, IPTC) dropped, at most 2480 px on the long
//     side (A4 at 300 dpi), JPEG quality 82;
//  4. PDFs are sanitised (sanitisePdf below): actions, scripts, XFA, multimedia, embedded files
//     and anything after %%EOF are removed and the file is written anew with its pages; encrypted
//     and unreadable PDFs are refused.
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
// Limits: the Träger's limits, overridable by UPLOAD_MAX_FILE_MB / UPLOAD_MAX_APPLICATION_MB /
// UPLOAD_MAX_DOCUMENTS_PER_APPLICATION / UPLOAD_MAX_DOCUMENTS_PER_ITEM.

export interface UploadLimits {
  maxFileMb: number;
  maxFileBytes: number;
  /** Per attachment context (one application, or "my documents" of one person). */
  maxContextMb: number;
  maxContextBytes: number;
  /** Documents per attachment context (one application …) and per checklist item in it. */
  maxDocumentsPerContext: number;
  maxDocumentsPerItem: number;
}

export function uploadLimits(): UploadLimits {
  const limits = getTraeger().limits;
  const maxFileMb = env().UPLOAD_MAX_FILE_MB ?? limits.uploadMaxFileMb;
  const maxContextMb = Math.max(env().UPLOAD_MAX_APPLICATION_MB ?? limits.uploadMaxApplicationMb, maxFileMb);
  const maxDocumentsPerContext = env().UPLOAD_MAX_DOCUMENTS_PER_APPLICATION ?? limits.uploadMaxDocumentsPerApplication;
  const maxDocumentsPerItem = Math.min(env().UPLOAD_MAX_DOCUMENTS_PER_ITEM ?? limits.uploadMaxDocumentsPerItem, maxDocumentsPerContext);
  return { maxFileMb, maxFileBytes: maxFileMb * MB, maxContextMb, maxContextBytes: maxContextMb * MB, maxDocumentsPerContext, maxDocumentsPerItem };
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
// PDFs: one sanitiser for every stored PDF (documents, case evidence, Ombudsstelle attachments).
// What counts as active and what happens to it is decided in domain/documents/pdf-active-content;
// here pdf-lib applies it: every object (also those in object streams) is walked, active keys,
// actions and annotations are removed, objects nothing points to any more are dropped, and the
// file is written anew, which also leaves behind whatever followed %%EOF. The result is parsed
// again and must be free of active content and have the same number of pages, or it is refused.

// Encryption is checked after loading: pdf-lib's EncryptedPDFError is an ES5 class whose
// instances are plain Errors (instanceof does not work), so it is not thrown but looked at.
const PDF_LOAD_OPTIONS = { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false, parseSpeed: 500 } as const;

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.asString() : undefined;
}

/** A dictionary's entry by its decoded key (pdf-lib leaves lower-case #xx escapes undecoded). */
function entry(dict: PDFDict, key: string): PDFObject | undefined {
  const direct = dict.get(PDFName.of(key));
  if (direct !== undefined) return direct;
  for (const [name, value] of dict.entries()) if (decodePdfName(name.asString()) === key) return value;
  return undefined;
}

/**
 * One pass over every object: finds active content and, with `apply`, removes it. Only direct
 * children are walked from each indirect object (every indirect object is visited anyway).
 */
function neutralisePdf(context: PDFContext, apply: boolean): Set<PdfActiveKind> {
  const found = new Set<PdfActiveKind>();
  const resolve = (object: PDFObject | undefined): PDFObject | undefined => (object instanceof PDFRef ? context.lookup(object) : object);

  /** null: a harmless action; undefined: not an action at all. */
  const actionKindOf = (value: PDFObject | undefined): PdfActiveKind | null | undefined => {
    const action = resolve(value);
    if (!(action instanceof PDFDict)) return undefined;
    if (!isActionDict({ S: entry(action, "S"), O: entry(action, "O") })) return undefined;
    return actionDecision(nameOf(resolve(entry(action, "S"))));
  };

  const removeAnnotations = (value: PDFObject | undefined): void => {
    const annots = resolve(value);
    if (!(annots instanceof PDFArray)) return;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const annotation = resolve(annots.get(i));
      const kind = annotation instanceof PDFDict ? activeAnnotation(nameOf(resolve(entry(annotation, "Subtype")))) : null;
      if (!kind) continue;
      found.add(kind);
      if (apply) annots.remove(i);
    }
  };

  const visitDict = (dict: PDFDict): void => {
    const isAction = isActionDict({ S: entry(dict, "S"), O: entry(dict, "O") });
    for (const [key, value] of dict.entries()) {
      const name = decodePdfName(key.asString());
      const kind = activeKey(name);
      if (kind) {
        found.add(kind);
        if (apply) dict.delete(key);
        continue;
      }
      if (name === "A") {
        const action = actionKindOf(value);
        if (action) {
          found.add(action);
          if (apply) dict.delete(key);
          continue;
        }
      } else if (name === "Next" && isAction) {
        // The actions that run after this one: a dictionary or an array of them.
        const next = resolve(value);
        if (next instanceof PDFArray) {
          for (let i = next.size() - 1; i >= 0; i--) {
            const action = actionKindOf(next.get(i));
            if (action === null) continue;
            found.add(action ?? "unknown-action");
            if (apply) next.remove(i);
          }
          if (apply && next.size() === 0) {
            dict.delete(key);
            continue;
          }
        } else {
          const action = actionKindOf(next);
          if (action !== null) {
            found.add(action ?? "unknown-action");
            if (apply) dict.delete(key);
            continue;
          }
        }
      } else if (name === "Annots") {
        removeAnnotations(value);
      }
      visit(value);
    }
    // An annotation that plays media or carries a file: taken off its page above; here emptied,
    // in case something else (the structure tree) still points to it.
    const annotationKind = entry(dict, "Rect") !== undefined ? activeAnnotation(nameOf(resolve(entry(dict, "Subtype")))) : null;
    if (annotationKind) {
      found.add(annotationKind);
      if (apply) for (const key of dict.keys()) if (!INERT_ANNOTATION_KEYS.has(decodePdfName(key.asString()))) dict.delete(key);
    }
    const streamKind = activeStreamType(nameOf(resolve(entry(dict, "Type"))));
    if (streamKind) found.add(streamKind);
  };

  const visit = (object: PDFObject | undefined): void => {
    if (object instanceof PDFStream) visitDict(object.dict);
    else if (object instanceof PDFDict) visitDict(object);
    else if (object instanceof PDFArray) for (const value of object.asArray()) visit(value);
  };

  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (object instanceof PDFInvalidObject) {
      // Bytes pdf-lib could not parse would be written back as they are: a reader might.
      found.add("unreadable-object");
      if (apply) context.delete(ref);
      continue;
    }
    visit(object);
  }
  return found;
}

/** Drops every object that neither the catalog nor the document information reaches. */
function dropUnreachable(context: PDFContext): void {
  const reachable = new Set<PDFRef>();
  const stack: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter((o): o is PDFObject => o instanceof PDFObject);
  while (stack.length) {
    const object = stack.pop()!;
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      const target = context.lookup(object);
      if (target) stack.push(target);
    } else if (object instanceof PDFStream) stack.push(object.dict);
    else if (object instanceof PDFDict) for (const value of object.values()) stack.push(value);
    else if (object instanceof PDFArray) for (const value of object.asArray()) stack.push(value);
  }
  let largest = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) context.delete(ref);
    else largest = Math.max(largest, ref.objectNumber);
  }
  // The trailer's /Size follows the highest object number still there.
  context.largestObjectNumber = largest;
}

async function loadPdf(bytes: Uint8Array, filename: string): Promise<{ document: PDFDocument; pages: number }> {
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(bytes, PDF_LOAD_OPTIONS);
  } catch {
    // The trailer (or cross-reference stream) naming the encryption is never encrypted itself.
    throw refusal(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/Encrypt") ? "pdfEncrypted" : "pdfDamaged", filename);
  }
  if (document.isEncrypted || document.context.trailerInfo.Encrypt) throw refusal("pdfEncrypted", filename);
  let pages: number;
  try {
    pages = document.getPageCount();
  } catch {
    throw refusal("pdfDamaged", filename);
  }
  if (pages < 1) throw refusal("pdfDamaged", filename);
  return { document, pages };
}

export interface SanitisedPdf {
  content: Buffer;
  pages: number;
  /** What was removed, by kind (empty for an ordinary file; it is still written anew). */
  removed: PdfActiveKind[];
}

/**
 * Removes all active content from a PDF and writes it anew (see above). Refuses (DocumentRefusal)
 * encrypted and unreadable files, and a file that still has active content afterwards.
 */
export async function sanitisePdf(bytes: Uint8Array, filename: string): Promise<SanitisedPdf> {
  const { document, pages } = await loadPdf(bytes, filename);
  const removed = neutralisePdf(document.context, true);
  if (trailingBytesAfterEof(bytes) > 0) removed.add("trailing-data");
  let content: Buffer;
  try {
    dropUnreachable(document.context);
    // Written as the file was: with object streams only if it had them (PDF/A-1 forbids them).
    const useObjectStreams = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/ObjStm");
    content = Buffer.from(await document.save({ useObjectStreams, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: 500 }));
  } catch {
    throw refusal("pdfDamaged", filename);
  }
  // The file as stored, parsed again: nothing active left, every page still there.
  const check = await loadPdf(content, filename);
  const left = neutralisePdf(check.document.context, false);
  if (left.size > 0 || trailingBytesAfterEof(content) > 0) {
    log().warn({ event: "pdf-sanitising-incomplete", left: summariseKinds(left) }, "documents");
    throw refusal("pdfJavaScript", filename);
  }
  if (check.pages !== pages) throw refusal("pdfDamaged", filename);
  return { content, pages, removed: summariseKinds(removed) };
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
  /** What is stored: the re-encoded photo, or the sanitised PDF. */
  content: Buffer;
  /** What the PDF sanitiser removed, by kind (empty for photos and ordinary PDFs). */
  removed: PdfActiveKind[];
}

/**
 * Runs the whole pipeline over `source` and hands the result to `store` while the decoding slot
 * is still held (so the processed buffer is not multiplied by waiting uploads). Throws a
 * DocumentRefusal when the file is not accepted; the source is then left partly unread (a
 * multipart caller must drain it).
 */
export async function processDocument<T>(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ProcessOptions, store: (processed: ProcessedDocument) => Promise<T>): Promise<T> {
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
      for (const chunk of head) collector.push(chunk);
      head.length = 0;
      for (let chunk = await input.next(); chunk; chunk = await input.next()) collector.push(chunk);
      const bytes = collector.result();
      const originalSha512 = input.sha512();
      let content: Buffer;
      let stored: StoredMediaType;
      let removed: PdfActiveKind[] = [];
      if (mediaType === "application/pdf") {
        ({ content, removed } = await sanitisePdf(bytes, filename));
        stored = "application/pdf";
      } else if (mediaType === "image/heic" || mediaType === "image/heif") {
        content = await convertHeic(bytes, filename);
        stored = "image/jpeg";
      } else {
        content = await convertImage(bytes, filename);
        stored = "image/jpeg";
      }
      return store({ mediaType: stored, originalMediaType: mediaType, originalSize: input.size, originalSha512, content, removed });
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
