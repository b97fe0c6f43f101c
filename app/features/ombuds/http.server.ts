import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { OMBUDS_ATTACHMENT_MAX_MB, OMBUDS_MAX_ATTACHMENTS } from "~/domain/ombuds/rules";
import { CSRF_FIELD, verifyCsrf } from "~/platform/http/csrf.server";
import { DocumentRefusal, processDocument, refusal, type DocumentError, sanitizeFilename } from "~/features/documents/index.server";
import { cookieHeader, readCookie, seal, unseal } from "~/platform/http/sealed-cookie.server";
import { FORM_FIELD_MAX_BYTES, type NewAttachment } from "./ombuds.server";
import { readForm } from "~/platform/http/form.server";
import { normalizeFormField } from "~/domain/numbers";

// The Ombudsstelle pages' HTTP edge: the short-lived "I may see this conversation" cookie and
// reading the contact form (multipart with optional attachments). The service takes plain values.

const VIEW_COOKIE = "ombuds_view";

const VIEW_SECONDS = 30 * 60;

/** The sealed cookie that keeps a conversation open for 30 minutes after the code was entered. */
export function viewCookie(messageId: string): string {
  return cookieHeader(VIEW_COOKIE, seal("ombuds-view", { id: messageId, exp: Date.now() + VIEW_SECONDS * 1000 }), { path: "/ombudsstelle", maxAge: VIEW_SECONDS });
}

export function clearViewCookie(): string {
  return cookieHeader(VIEW_COOKIE, "", { path: "/ombudsstelle", maxAge: 0 });
}

export function viewedMessageId(request: Request): string | null {
  const value = unseal<{ id: string; exp: number }>("ombuds-view", readCookie(request, VIEW_COOKIE));
  return value && typeof value.id === "string" && value.exp > Date.now() ? value.id : null;
}

export interface ParsedMessageForm {
  fields: Record<string, string>;
  attachments: NewAttachment[];
  /** Refused files, as uploads:errors.* keys with their parameters. */
  refused: DocumentError[];
}

/**
 * Reads the form (urlencoded or multipart). Files in `attachments` are checked and re-encoded
 * like documents (photos → JPEG without metadata, PDFs sanitised); the CSRF token (the
 * form's first field) is checked before the first file is read.
 */
export async function parseMessageForm(request: Request): Promise<ParsedMessageForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/multipart\/form-data/i.test(contentType)) {
    const form = await readForm(request);
    await verifyCsrf(request, form);
    const fields: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
    return { fields, attachments: [], refused: [] };
  }
  const fields: Record<string, string> = {};
  const attachments: NewAttachment[] = [];
  const refused: DocumentError[] = [];
  let csrfChecked = false;
  const checkCsrf = async () => {
    if (csrfChecked) return;
    const form = new FormData();
    if (fields[CSRF_FIELD]) form.set(CSRF_FIELD, fields[CSRF_FIELD]);
    await verifyCsrf(request, form);
    csrfChecked = true;
  };
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      // An oversized field is cut (the message check then reports it as too long, text kept).
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        if (size < FORM_FIELD_MAX_BYTES) chunks.push(chunk);
        size += chunk.byteLength;
      }
      fields[name] = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, FORM_FIELD_MAX_BYTES)).replace(/\uFFFD$/, "");
      return fields[name];
    }
    await checkCsrf();
    if (!filename || name !== "attachments") {
      await drainData(data);
      return undefined;
    }
    const clean = sanitizeFilename(filename);
    if (attachments.length + refused.length >= OMBUDS_MAX_ATTACHMENTS) {
      refused.push(refusal("tooManyFiles", clean, { max: OMBUDS_MAX_ATTACHMENTS }).toJSON());
      await drainData(data);
      return undefined;
    }
    try {
      const processed = await processDocument(data, { filename: clean, maxBytes: OMBUDS_ATTACHMENT_MAX_MB * 1024 * 1024, maxMb: OMBUDS_ATTACHMENT_MAX_MB }, async (p) => p);
      const stem = clean.replace(/\.[A-Za-z0-9]{1,5}$/, "");
      attachments.push({ filename: processed.mediaType === "image/jpeg" ? `${stem}.jpg` : clean, mediaType: processed.mediaType, content: processed.content });
    } catch (error) {
      if (!(error instanceof DocumentRefusal)) throw error;
      refused.push(error.toJSON());
    }
    await drainData(data);
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof TypeError) throw new Response("Bad Request", { status: 400 });
    throw error;
  }
  await checkCsrf();
  for (const [key, value] of Object.entries(fields)) fields[key] = normalizeFormField(key, value);
  return { fields, attachments, refused };
}

async function drainData(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}
