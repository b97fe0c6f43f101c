import { SMTPServer } from "smtp-server";

// A real SMTP server on a free port for integration tests: the portal sends through SMTP_URL as
// in production, and the test reads what arrived. Messages are parsed here by hand (headers,
// RFC 2047 subjects, quoted-printable or base64 bodies, the first text/plain part).
export interface ReceivedMail {
  to: string[];
  subject: string;
  headers: Record<string, string>;
  /** The decoded text body. */
  text: string;
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  mails: ReceivedMail[];
  /** Waits for a mail to `to` (and matching `predicate`) that has not been taken before. */
  waitFor: (to: string, predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  /** Mails to `to` received so far. */
  to: (to: string) => ReceivedMail[];
  stop: () => Promise<void>;
}

function decodeQuotedPrintable(input: string): string {
  const bytes: number[] = [];
  const text = input.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = (encoding ?? "7bit").toLowerCase();
  if (kind === "quoted-printable") return decodeQuotedPrintable(body);
  if (kind === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=). */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
    );
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, "\n");
  const end = normalised.indexOf("\n\n");
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? "" : normalised.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const index = line.indexOf(":");
    if (index > 0) headers[line.slice(0, index).trim().toLowerCase()] = line.slice(index + 1).trim();
  }
  return { headers, body };
}

function textOf(headers: Record<string, string>, body: string): string {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith("--")) break;
      const parsed = splitMessage(part.replace(/^\n/, ""));
      const text = textOf(parsed.headers, parsed.body);
      if (text) return text;
    }
    return "";
  }
  if (!/^text\/plain/i.test(type)) return "";
  return decodeBody(body, headers["content-transfer-encoding"]);
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const { headers, body } = splitMessage(raw);
  return { to, subject: decodeHeader(headers.subject ?? ""), headers, text: textOf(headers, body), raw };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        mails.push(parseMail(Buffer.concat(chunks).toString("utf8"), recipients));
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const find = (to: string, predicate?: (mail: ReceivedMail) => boolean) => mails.find((m) => !taken.has(m) && m.to.includes(to.toLowerCase()) && (!predicate || predicate(m)));
  return {
    // nodemailer would try STARTTLS with the test server's self-signed certificate.
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    port,
    mails,
    to: (to) => mails.filter((m) => m.to.includes(to.toLowerCase())),
    waitFor: (to, predicate, timeoutMs = 10_000) =>
      new Promise<ReceivedMail>((resolve, reject) => {
        const check = () => {
          const mail = find(to, predicate);
          if (!mail) return false;
          taken.add(mail);
          waiters.delete(check);
          clearTimeout(timer);
          resolve(mail);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${mails.map((m) => `${m.to.join(",")}: ${m.subject}`).join("; ") || "none"})`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `prefix` (e.g. the server's URL + path). */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\s]*`).exec(mail.text);
  if (!match) throw new Error(`no link to ${pathPrefix} in mail "${mail.subject}":\n${mail.text}`);
  return match[0];
}
