import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { htmlLangOf, type Language } from "~/domain/languages";
import { dataDir, env } from "~/platform/config/env.server";

// Outgoing mail. Features never send directly: they enqueue a mail in the transaction of the change
// (outbox.server.ts, `enqueueMail`), and the mail worker hands it to `sendMail` here. With SMTP_URL
// (smtp://user:pass@host:port or smtps://…) mail goes through SMTP; without it (development),
// every mail is written as an .eml file to DATA_DIR/outbox.
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
  /** Language of the mail body (Content-Language). */
  language?: string;
}

/** One language's rendering of a mail. */
export interface MailPart {
  subject: string;
  body: string;
}

/**
 * A mail in the person's language with the German text below it (to show at the counter), or
 * German alone when the person reads German or Leichte Sprache. `render` is called for German
 * and, where it differs, for the person's language.
 */
export function bilingualMail(lng: Language, render: (lng: Language) => MailPart): Pick<Mail, "subject" | "text" | "language"> {
  const german = render("de");
  if (lng === "de" || lng === "ls") return { subject: german.subject, text: `${german.body}\n`, language: "de" };
  const own = render(lng);
  return {
    subject: `${own.subject} / ${german.subject}`,
    text: `${own.body}\n\n— Deutsch —\n\n${german.body}\n`,
    language: `${htmlLangOf(lng)}, de`,
  };
}

let transporter: Transporter | null = null;
let transporterUrl: string | undefined;

function transport(): Transporter {
  const url = env().SMTP_URL;
  if (!transporter || transporterUrl !== url) {
    transporterUrl = url;
    const timeout = env().MAIL_SMTP_TIMEOUT_MS;
    // Bounded steps: a silent SMTP server must not outlast the worker's lease on the mail.
    transporter = url
      ? nodemailer.createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, dnsTimeout: timeout })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }
  return transporter;
}

export function outboxDir(): string {
  return path.join(dataDir(), "outbox");
}

/** Hands one mail to SMTP (or the .eml folder). Only the mail worker calls it. */
export async function sendMail(mail: Mail, messageId?: string): Promise<void> {
  const info = await transport().sendMail({
    from: env().MAIL_FROM,
    messageId,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    headers: mail.language ? { "Content-Language": mail.language } : undefined,
  });
  if (!env().SMTP_URL) {
    const dir = outboxDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}.eml`);
    fs.writeFileSync(file, (info as unknown as { message: Buffer }).message, { mode: 0o600 });
  }
}

/** For tests and config changes: forget the cached transport. */
export function resetMailTransport(): void {
  transporter = null;
}
