import fs from "node:fs";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { htmlLangOf, type Language } from "~/domain/languages";
import { dataDir, env } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";

// Outgoing mail. With SMTP_URL (smtp://user:pass@host:port or smtps://…) mail goes through SMTP;
// without it (development), every mail is written as an .eml file to DATA_DIR/outbox.
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
    transporter = url ? nodemailer.createTransport(url) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }
  return transporter;
}

export function outboxDir(): string {
  return path.join(dataDir(), "outbox");
}

export async function sendMail(mail: Mail): Promise<void> {
  const info = await transport().sendMail({
    from: env().MAIL_FROM,
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
  log().info({ kind: "mail", smtp: Boolean(env().SMTP_URL) }, "mail sent");
}

/** For tests and config changes: forget the cached transport. */
export function resetMailTransport(): void {
  transporter = null;
}
