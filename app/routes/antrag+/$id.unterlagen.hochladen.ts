import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { applicationContext, handOverNewDocuments, NO_STORE, requireOwnApplication } from "~/features/application/index.server";
import { verifyCsrfHeader } from "~/platform/http/csrf.server";
import { appendChunk, cancelUpload, createUpload, getUpload, type UploadState } from "~/features/documents/index.server";

// Resumable uploads for the Unterlagen and status pages when JavaScript runs (uploads.server.ts
// describes the protocol); without JavaScript the pages' plain multipart forms do the same.
//   POST   …/hochladen                {item, filename, size}  → 201 upload state
//   PATCH  …/hochladen?upload=<id>    Upload-Offset, chunk    → 200 state (204 while more is expected)
//   GET    …/hochladen?upload=<id>    → state (offset to resume from after a lost connection)
//   DELETE …/hochladen?upload=<id>    → cancel
// Every call: the signed-in owner only (404 otherwise), X-CSRF-Token on writes.

const CreateSchema = z.strictObject({ item: z.string().min(1).max(64), filename: z.string().min(1).max(500), size: z.int().min(0) });

function answer(upload: UploadState, status = 200) {
  return json(upload, { status, headers: { ...NO_STORE, "Upload-Offset": String(upload.offset), "Upload-Length": String(upload.size) } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireOwnApplication(request, params.id);
  const upload = await getUpload(new URL(request.url).searchParams.get("upload") ?? "", session.userId);
  if (!upload) throw new Response("Not Found", { status: 404 });
  return answer(upload);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, application } = await requireOwnApplication(request, params.id);
  await verifyCsrfHeader(request);
  const uploadId = new URL(request.url).searchParams.get("upload") ?? "";
  const settle = async (upload: UploadState) => {
    if (upload.status === "complete" && application.status === "submitted") await handOverNewDocuments(session.userId, application.id);
  };
  switch (request.method) {
    case "POST": {
      const parsed = CreateSchema.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return json({ error: { key: "uploads:errors.uploadFailed", params: { name: "" } } }, { status: 400, headers: NO_STORE });
      const result = await createUpload({ ownerUserId: session.userId, filename: parsed.data.filename, size: parsed.data.size, context: applicationContext(application.id, parsed.data.item) });
      if (result.ok) return answer(result.upload, 201);
      const retry: Record<string, string> = result.status === 429 ? { "Retry-After": String(Math.max(1, result.retryAfterSeconds ?? 60)) } : {};
      return json({ error: result.error, upload: result.upload ?? null }, { status: result.status, headers: { ...NO_STORE, ...retry } });
    }
    case "PATCH": {
      const length = request.headers.get("Content-Length");
      const result = await appendChunk({
        id: uploadId,
        ownerUserId: session.userId,
        offset: Number(request.headers.get("Upload-Offset") ?? "-1"),
        contentLength: length === null ? null : Number(length),
        body: request.body as unknown as AsyncIterable<Uint8Array> | null,
      });
      if (!result.ok) return json({ error: result.error, upload: result.upload ?? null }, { status: result.status, headers: NO_STORE });
      await settle(result.upload);
      return answer(result.upload);
    }
    case "DELETE":
      return (await cancelUpload(uploadId, session.userId)) ? new Response(null, { status: 204 }) : new Response("Not Found", { status: 404 });
    default:
      return new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET, POST, PATCH, DELETE" } });
  }
}
