import { noStoreHeaders } from "~/platform/http/cache-control.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import type { FieldErrors } from "~/components/forms";
import { getTraeger } from "~/config/traeger";
import { OMBUDS_TEXT_MAX } from "~/domain/ombuds/rules";
import { verifyCsrf } from "~/platform/http/csrf.server";
import { addFollowUp, clearViewCookie, conversation, openConversation, viewCookie, viewedMessageId } from "~/features/ombuds/index.server";
import { pageI18n } from "~/platform/http/page.server";
import { readForm } from "~/platform/http/form.server";

// Loader and action of the Ombudsstelle's reply page (antworten.tsx): open a conversation with
// reference number + follow-up code, close it, or write a follow-up.

function requireOmbudsstelle() {
  if (!getTraeger().ombudsstelle) throw new Response("Not found", { status: 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  requireOmbudsstelle();
  const page = await pageI18n(request, ["ombuds"], "ombuds:read.title");
  const id = viewedMessageId(request);
  const found = id ? await conversation(id) : null;
  const view = found
    ? {
        reference: found.reference,
        kind: found.kind,
        status: found.status,
        entries: found.entries.map((e) => ({
          id: e.id,
          author: e.author,
          text: e.text,
          createdAt: e.createdAt,
          files: found.attachments.filter((a) => a.entryId === e.id).map((a) => a.filename),
        })),
      }
    : null;
  const sent = new URL(request.url).searchParams.get("gesendet") === "1";
  return json({ ...page, view, sent: sent && view !== null }, { headers: { ...noStoreHeaders, ...(id && !found ? { "Set-Cookie": clearViewCookie() } : {}) } });
}

type Answer = { errors: FieldErrors; values: Record<string, string>; retryMinutes?: number };

function answer(body: Answer, status: number, extra: Record<string, string> = {}) {
  return json<Answer>(body, { status, headers: { ...noStoreHeaders, ...extra } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireOmbudsstelle();
  const form = await readForm(request);
  await verifyCsrf(request, form);
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const intent = text("intent");
  if (intent === "close") return redirect("/ombudsstelle/antworten", { headers: { "Set-Cookie": clearViewCookie() } });

  if (intent === "follow-up") {
    const id = viewedMessageId(request);
    if (!id) return redirect("/ombudsstelle/antworten");
    const message = text("message").replace(/\r\n/g, "\n").trim();
    const values = { message: text("message") };
    if (!message) return answer({ errors: { message: "ombuds:errors.messageRequired" }, values }, 400);
    if (message.length > OMBUDS_TEXT_MAX) return answer({ errors: { message: { key: "ombuds:errors.messageTooLong", params: { max: OMBUDS_TEXT_MAX, length: message.length } } }, values }, 400);
    const result = await addFollowUp(id, message);
    if (!result.ok && result.problem === "rate-limited") {
      const seconds = result.retryAfterSeconds ?? 60;
      return answer({ errors: {}, values, retryMinutes: Math.max(1, Math.ceil(seconds / 60)) }, 429, { "Retry-After": String(seconds) });
    }
    if (!result.ok) return redirect("/ombudsstelle/antworten", { headers: { "Set-Cookie": clearViewCookie() } });
    return redirect("/ombudsstelle/antworten?gesendet=1");
  }

  const values = { reference: text("reference").trim(), code: text("code").trim() };
  const errors: FieldErrors = {};
  if (!values.reference) errors.reference = "ombuds:errors.referenceRequired";
  if (!values.code) errors.code = "ombuds:errors.codeRequired";
  if (Object.keys(errors).length) return answer({ errors, values }, 400);
  const result = await openConversation(values.reference, values.code, context.clientIp);
  if (!result.ok && result.problem === "rate-limited") {
    const seconds = result.retryAfterSeconds ?? 60;
    return answer({ errors: {}, values, retryMinutes: Math.max(1, Math.ceil(seconds / 60)) }, 429, { "Retry-After": String(seconds) });
  }
  if (!result.ok) return answer({ errors: { code: "ombuds:errors.wrongCode" }, values }, 400);
  return redirect("/ombudsstelle/antworten", { headers: { "Set-Cookie": viewCookie(result.value.messageId) } });
}
