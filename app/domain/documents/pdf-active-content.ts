// What counts as active content in a PDF, and what the sanitiser does with it. Pure: names in,
// decisions out; the work on the file (pdf-lib) is in features/documents/processing.server.ts.
//
// A stored PDF keeps what it shows (pages, their content and resources, annotations that draw,
// form fields with their appearances, bookmarks and links inside the document) and loses
// everything a reader would run, fetch, send or open: actions other than moving inside the
// document, scripts, XFA forms, multimedia, embedded files, and whatever follows the last %%EOF.

/** What was removed, by kind: for the log (never the content, names or URLs themselves). */
export type PdfActiveKind =
  | "open-action"
  | "additional-actions"
  | "javascript"
  | "uri"
  | "submit-form"
  | "import-data"
  | "remote-go-to"
  | "launch"
  | "xfa"
  | "rich-media"
  | "embedded-file"
  | "unknown-action"
  | "unreadable-object"
  | "trailing-data";

/** Decodes #xx escapes in a PDF name (either case, as readers do; twice, for "#23" → "#"). */
export function decodePdfName(raw: string): string {
  let name = raw.startsWith("/") ? raw.slice(1) : raw;
  for (let i = 0; i < 3 && name.includes("#"); i++) {
    name = name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return name;
}

/**
 * Dictionary keys removed wherever they occur. None of them draws anything: the catalog's open
 * action and base URI, additional actions (document, page, field, annotation), scripts and the
 * document-level script tree, the XFA form, embedded and associated files, portfolios, multimedia.
 */
export const PDF_ACTIVE_KEYS: Readonly<Record<string, PdfActiveKind>> = {
  OpenAction: "open-action",
  AA: "additional-actions",
  JS: "javascript",
  JavaScript: "javascript",
  URI: "uri",
  XFA: "xfa",
  NeedsRendering: "xfa",
  EmbeddedFiles: "embedded-file",
  EF: "embedded-file",
  AF: "embedded-file",
  Collection: "embedded-file",
  RichMediaContent: "rich-media",
  RichMediaSettings: "rich-media",
  "3DD": "rich-media",
  AlternatePresentations: "rich-media",
  Renditions: "rich-media",
};

export function activeKey(key: string): PdfActiveKind | null {
  return PDF_ACTIVE_KEYS[decodePdfName(key)] ?? null;
}

/** Actions that only move inside the document or change its display: kept (links, bookmarks). */
export const PDF_SAFE_ACTIONS: ReadonlySet<string> = new Set(["GoTo", "GoToDp", "Named", "SetOCGState", "Trans", "Hide", "ResetForm"]);

/** The active action types the issue names, and their kind; any other unknown type goes too. */
export const PDF_ACTIVE_ACTIONS: Readonly<Record<string, PdfActiveKind>> = {
  JavaScript: "javascript",
  URI: "uri",
  SubmitForm: "submit-form",
  ImportData: "import-data",
  GoToR: "remote-go-to",
  GoToE: "remote-go-to",
  Thread: "remote-go-to", // may name another file (/F)
  Launch: "launch",
  RichMediaExecute: "rich-media",
  Rendition: "rich-media",
  Sound: "rich-media",
  Movie: "rich-media",
  GoTo3DView: "rich-media",
};

/** null: keep the action; otherwise remove it, as this kind. */
export function actionDecision(type: string | undefined): PdfActiveKind | null {
  if (type === undefined) return "unknown-action";
  const name = decodePdfName(type);
  if (PDF_SAFE_ACTIONS.has(name)) return null;
  return PDF_ACTIVE_ACTIONS[name] ?? "unknown-action";
}

/**
 * Is the value of an /A entry an action? Actions have /S; a structure element's /A holds
 * attribute objects, which have /O (owner) instead.
 */
export function isActionDict(entries: Readonly<Record<string, unknown>>): boolean {
  return entries.S !== undefined && entries.O === undefined;
}

/** Annotations that play media or carry files: taken off the page. */
export const PDF_ACTIVE_ANNOTATIONS: Readonly<Record<string, PdfActiveKind>> = {
  RichMedia: "rich-media",
  Screen: "rich-media",
  Movie: "rich-media",
  Sound: "rich-media",
  "3D": "rich-media",
  FileAttachment: "embedded-file",
};

export function activeAnnotation(subtype: string | undefined): PdfActiveKind | null {
  return subtype === undefined ? null : (PDF_ACTIVE_ANNOTATIONS[decodePdfName(subtype)] ?? null);
}

/** Streams that are files in their own right (left over only if something still points to them). */
export function activeStreamType(type: string | undefined): PdfActiveKind | null {
  return type !== undefined && decodePdfName(type) === "EmbeddedFile" ? "embedded-file" : null;
}

/** Keys an annotation that is taken off the page keeps (in case something else still points to it). */
export const INERT_ANNOTATION_KEYS: ReadonlySet<string> = new Set(["Type", "Subtype", "Rect", "F", "P", "NM", "StructParent"]);

const EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF

/**
 * How many bytes follow the last %%EOF, not counting the end of line after it; 0 when only
 * white space follows or the file has no %%EOF at all.
 */
export function trailingBytesAfterEof(bytes: Uint8Array): number {
  let at = -1;
  for (let i = bytes.length - EOF.length; i >= 0; i--) {
    if (EOF.every((byte, j) => bytes[i + j] === byte)) {
      at = i;
      break;
    }
  }
  if (at === -1) return 0;
  let start = at + EOF.length;
  if (bytes[start] === 0x0d) start++;
  if (bytes[start] === 0x0a) start++;
  for (let i = start; i < bytes.length; i++) {
    if (![0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(bytes[i])) return bytes.length - start;
  }
  return 0;
}

/** The kinds in a stable order, each once (for the log and the tests). */
export function summariseKinds(kinds: Iterable<PdfActiveKind>): PdfActiveKind[] {
  return [...new Set(kinds)].sort();
}
