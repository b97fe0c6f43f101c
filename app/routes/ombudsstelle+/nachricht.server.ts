import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { noStoreHeaders } from "~/platform/http/cache-control.server";
import { json } from "@remix-run/node";
import type { FieldErrors } from "~/components/forms";
import { getTraeger } from "~/config/traeger";
import { kindsOffered, OMBUDS_ATTACHMENT_MAX_MB, OMBUDS_EMAIL_MAX, OMBUDS_MAX_ATTACHMENTS, OMBUDS_TEXT_MAX, ombudsChannelOpen, type OmbudsKind } from "~/domain/ombuds/rules";
import { env } from "~/platform/config/env.server";
import { getLanguage } from "~/platform/http/i18n.server";
import { FORM_MAX_BYTES, isSubmissionToken, newSubmissionToken, parseMessageForm, sendOmbudsMessage } from "~/features/ombuds/index.server";
import { pageI18n } from "~/platform/http/page.server";

// Loader and action of the Ombudsstelle's contact form (nachricht.tsx): the action checks size,
// fields, honeypot and submission token, then hands the message to the ombuds feature.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function drain(request: Request, limit: number): Promise<boolean> {
  if (!request.body) return true;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return false;
    }
  }
}

function channel() {
  const o = getTraeger().ombudsstelle;
  if (!ombudsChannelOpen(o)) throw new Response("Not found", { status: 404 });
  return { kinds: kindsOffered(o), name: o!.name };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { kinds, name } = channel();
  return json(
    { ...(await pageI18n(request, ["ombuds", "uploads"], "ombuds:form.title")), kinds, name, token: newSubmissionToken(), retentionDays: env().OMBUDS_RETENTION_DAYS },
    { headers: noStoreHeaders },
  );
}

type Values = { kind?: string; message?: string; email?: string };
const MB = 1024 * 1024;
type Answer = { sent: true; reference: string; code: string; withEmail: boolean } | { sent: false; errors: FieldErrors; values: Values; token: string; retryMinutes?: number };

function answer(body: Answer, status = 200, extra: Record<string, string> = {}) {
  return json<Answer>(body, { status, headers: { ...noStoreHeaders, ...extra } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { kinds } = channel();
  if (Number(request.headers.get("Content-Length")) > FORM_MAX_BYTES) {
    // Read (and drop) a moderately large body so the connection stays usable; beyond that, close it.
    const drained = await drain(request, FORM_MAX_BYTES + 4 * MB);
    return answer(
      {
        sent: false,
        errors: { message: { key: "ombuds:errors.formTooLarge", params: { max: OMBUDS_TEXT_MAX, files: OMBUDS_MAX_ATTACHMENTS, maxMb: OMBUDS_ATTACHMENT_MAX_MB } } },
        values: {},
        token: newSubmissionToken(),
      },
      413,
      drained ? {} : { Connection: "close" },
    );
  }
  const form = await parseMessageForm(request);
  const text = (name: string) => form.fields[name] ?? "";
  const values: Values = { kind: text("kind"), message: text("message"), email: text("email").trim() };
  const tokenInput = text("token");
  const token = isSubmissionToken(tokenInput) ? tokenInput : newSubmissionToken();
  const errors: FieldErrors = {};
  if (!kinds.includes(values.kind as OmbudsKind)) errors.kind = "ombuds:errors.kindRequired";
  const message = values.message!.replace(/\r\n/g, "\n").trim();
  if (!message) errors.message = "ombuds:errors.messageRequired";
  else if (message.length > OMBUDS_TEXT_MAX) errors.message = { key: "ombuds:errors.messageTooLong", params: { max: OMBUDS_TEXT_MAX, length: message.length } };
  if (values.email && (values.email.length > OMBUDS_EMAIL_MAX || !EMAIL.test(values.email))) errors.email = "common:errors.email";
  // The honeypot: people never see it; a filled one means a bot (or an over-eager autofill, who can send again).
  if (text("website") !== "") errors.message ??= "ombuds:errors.notSent";
  if (!isSubmissionToken(tokenInput)) errors.message ??= "ombuds:errors.notSent";
  // A refused file stops the message (the person decides whether to send without it); files
  // cannot be kept across an error, so the person is asked to choose them again.
  if (form.refused.length) errors.attachments = { key: form.refused[0].key, params: form.refused[0].params };
  else if (Object.keys(errors).length && form.attachments.length) errors.attachments = "ombuds:errors.attachAgain";
  if (Object.keys(errors).length) return answer({ sent: false, errors, values, token }, 400);

  const result = await sendOmbudsMessage(
    { submissionToken: token, kind: values.kind as OmbudsKind, text: message, email: values.email || null, language: await getLanguage(request), attachments: form.attachments },
    context.clientIp,
  );
  if (!result.ok) {
    const retryMinutes = Math.max(1, Math.ceil((result.retryAfterSeconds ?? 60) / 60));
    return answer({ sent: false, errors: {}, values, token, retryMinutes }, 429, { "Retry-After": String(result.retryAfterSeconds ?? 60) });
  }
  return answer({ sent: true, ...result.value });
}
