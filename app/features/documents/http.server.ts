import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { normalizeFormField } from "~/domain/numbers";
import { verifyCsrf, CSRF_FIELD } from "~/platform/http/csrf.server";
import { refusal, type DocumentError } from "./processing.server";
import { mayAttachTo, sanitizeFilename, storeUpload, type AttachmentContext } from "./documents.server";
import { summarise, type DocumentSummary } from "./uploads.server";
import { log } from "~/platform/log/log.server";
import { storageErrorCode } from "~/platform/storage/storage.server";

// Documents' HTTP edge: a plain multipart form with files (works without JavaScript), streamed
// file by file into the document store. The resumable upload service takes plain values.

export interface FormUploadFileResult {
  filename: string;
  ok: boolean;
  document?: DocumentSummary;
  error?: DocumentError;
}

export interface FormUploadResult {
  /** The form's text fields (e.g. intent, item). */
  fields: Record<string, string>;
  results: FormUploadFileResult[];
}

const MAX_FIELD_BYTES = 16 * 1024;

export const MAX_FILES_PER_FORM = 20;

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}

/**
 * Parses a multipart/form-data request whose files go to `context`. The CSRF field must come
 * before the first file (CsrfInput is the form's first element); a request without it gets 403
 * before any file is read. Throws a 400 response for a body that is not multipart.
 */
export async function handleFormUpload(
  request: Request,
  { ownerUserId, context, contextFor }: { ownerUserId: string; context: AttachmentContext; contextFor?: (fields: Record<string, string>) => AttachmentContext | null },
): Promise<FormUploadResult> {
  const fields: Record<string, string> = {};
  const results: FormUploadFileResult[] = [];
  let csrfChecked = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > MAX_FIELD_BYTES) throw new Response("Payload Too Large", { status: 413 });
        chunks.push(chunk);
      }
      const value = Buffer.concat(chunks).toString("utf8");
      fields[name] = value;
      return value;
    }
    if (!csrfChecked) {
      const form = new FormData();
      if (fields[CSRF_FIELD]) form.set(CSRF_FIELD, fields[CSRF_FIELD]);
      await verifyCsrf(request, form);
      csrfChecked = true;
    }
    if (!filename) {
      // An empty file input (nothing chosen) still sends a part.
      await drain(data);
      return undefined;
    }
    if (results.length >= MAX_FILES_PER_FORM) {
      results.push({ filename: sanitizeFilename(filename), ok: false, error: refusal("tooManyFiles", sanitizeFilename(filename), { max: MAX_FILES_PER_FORM }).toJSON() });
      await drain(data);
      return undefined;
    }
    const target = contextFor ? contextFor(fields) : context;
    if (!target || !(await mayAttachTo(ownerUserId, target))) {
      results.push({ filename: sanitizeFilename(filename), ok: false, error: refusal("notAllowed", sanitizeFilename(filename)).toJSON() });
      await drain(data);
      return undefined;
    }
    let result: Awaited<ReturnType<typeof storeUpload>>;
    try {
      result = await storeUpload({ source: data, filename, context: target, ownerUserId });
    } catch (error) {
      const code = storageErrorCode(error);
      if (!code) throw error;
      // The disk is full: nothing was kept (the store writes to a temp file and renames); the page says "try later".
      log().warn({ event: "storage-full", code, area: "form-upload" }, "storage full");
      result = { ok: false, error: refusal("storageFull", sanitizeFilename(filename)).toJSON() };
    }
    // What the pipeline did not read (a refused file) must still be read past.
    await drain(data);
    results.push(result.ok ? { filename: result.document.filename, ok: true, document: summarise(result.document) } : { filename: sanitizeFilename(filename), ok: false, error: result.error });
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof TypeError) throw new Response("Bad Request", { status: 400 });
    throw error;
  }
  if (!csrfChecked) {
    // No file part at all: still check the token before the caller acts on the fields.
    const form = new FormData();
    if (fields[CSRF_FIELD]) form.set(CSRF_FIELD, fields[CSRF_FIELD]);
    await verifyCsrf(request, form);
  }
  for (const [key, value] of Object.entries(fields)) fields[key] = normalizeFormField(key, value);
  return { fields, results };
}
