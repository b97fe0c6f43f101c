import type { TFunction } from "i18next";
import { getTraeger } from "~/config/traeger";
import { buildIcs } from "~/domain/appointments/ics";
import { rebookDeadline } from "~/domain/appointments/booking-window";
import { ACCESSIBILITY_NEEDS, changeableOnline, changeDeadline, type AccessibilityNeed } from "~/domain/appointments/rules";
import { GERMAN_TYPE_NAMES, typeKey } from "~/domain/appointments/types";
import { standortById } from "~/domain/traeger/lookup";
import type { Standort } from "~/domain/traeger/schema";
import { formatDate, formatDateTime, formatTime } from "~/lib/format";
import { htmlLangOf, isLanguage, type Language } from "~/domain/languages";
import type { AppointmentRow } from "./appointments.server";
import { getDb } from "~/platform/db/db.server";
import { fixedT } from "~/platform/http/i18n.server";
import type { Executor } from "~/platform/db/write.server";
import { enqueueMail } from "~/platform/mail/outbox.server";
import { publicUrl } from "~/platform/mail/public-url.server";

// Calendar files (.ics) and e-mails about appointments, always in the person's language. This
// module only reads: booking and cancelling live in appointments.server.ts, which calls
// enqueueAppointmentMail inside its transaction (mail outbox).

export type MailKind = "booked" | "cancelled" | "cancelledByJobcenter" | "invited" | "missed" | "outcomeCorrected" | "reminder";

/** What a mail may carry beside the row; `now` is the moment of writing (the rebooking window counts from it). */
export interface MailExtra {
  replaced?: AppointmentRow | null;
  message?: string | null;
  now?: Date;
}

const NAMESPACES = ["appointments", "common"] as const;

export function parseNeeds(row: Pick<AppointmentRow, "accessibility_needs">): AccessibilityNeed[] {
  try {
    const parsed = JSON.parse(row.accessibility_needs) as unknown;
    return Array.isArray(parsed) ? (parsed.filter((n) => (ACCESSIBILITY_NEEDS as readonly string[]).includes(String(n))) as AccessibilityNeed[]) : [];
  } catch {
    return [];
  }
}

/** "Hand in your application (Antragsabgabe)"; German alone for German and Leichte Sprache. */
export function typeLabel(t: TFunction, type: string, lng: Language): string {
  const name = t(typeKey(type)) as string;
  const german = GERMAN_TYPE_NAMES[type];
  if (!german || lng === "de" || lng === "ls" || name === german) return name;
  return `${name} (${german})`;
}

export function standortOf(id: string): Standort | undefined {
  return standortById(getTraeger(), id);
}

/** "Standort Hückelhoven/Wassenberg, Rathaus, Musterstraße 1, 41836 Hückelhoven" as far as known. */
export function addressLine(standort: Standort | undefined): string {
  const a = standort?.address;
  if (!a) return "";
  return [a.building, [a.street, a.houseNumber].filter(Boolean).join(" "), [a.postalCode, a.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
}

/**
 * The bus and rail lines that reach the Standort, each once, in configuration order; none when
 * the Träger marks them outdated.
 */
export function transitLines(standort: Standort | undefined): string[] {
  const lines: string[] = [];
  if (standort?.transit?.outdated) return lines;
  for (const entry of standort?.transit?.entries ?? []) for (const line of entry.lines) if (!lines.includes(line)) lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// What to bring: the linked application's document checklist when there is one

/** `db`: the transaction to read in (a mail composed inside the transaction of its change). */
export type ChecklistProvider = (input: { applicationId: string; userId: string; lng: Language; db?: Executor }) => Promise<string[] | null>;
let checklistProvider: ChecklistProvider | null = null;

/**
 * The applications module plugs in here: for an appointment linked to an application it returns
 * the missing documents of that application's checklist, translated (null = no such application).
 */
export function setApplicationChecklistProvider(provider: ChecklistProvider): void {
  checklistProvider = provider;
}

export async function whatToBring(row: AppointmentRow, lng: Language, db?: Executor): Promise<{ fromApplication: boolean; items: string[] }> {
  if (row.application_id && row.user_id && checklistProvider) {
    const items = await checklistProvider({ applicationId: row.application_id, userId: row.user_id, lng, db }).catch(() => null);
    if (items && items.length) return { fromApplication: true, items };
  }
  const t = fixedT(lng, NAMESPACES);
  const key = row.type in GERMAN_TYPE_NAMES ? row.type : "other";
  const items = t(`appointments:bring.${key}`, { returnObjects: true }) as unknown;
  return { fromApplication: false, items: Array.isArray(items) ? items.map(String) : [] };
}

// ---------------------------------------------------------------------------------------------
// Calendar file

function channelLabel(t: TFunction, row: AppointmentRow): string {
  return t(`appointments:channels.${row.channel}`) as string;
}

function deadlineText(lng: Language, row: AppointmentRow): string {
  return formatDateTime(lng, changeDeadline(row.starts_at, getTraeger().limits.appointmentCancelHours).toISOString());
}

/** Until when it can be changed online, or (the deadline passed already) how to change it instead. */
function deadlineLine(t: TFunction, lng: Language, row: AppointmentRow, now: Date): string {
  if (changeableOnline(row.starts_at, getTraeger().limits.appointmentCancelHours, now)) return t("appointments:mail.deadline", { deadline: deadlineText(lng, row) }) as string;
  const phone = standortOf(row.standort_id)?.phone;
  return [t("appointments:mail.deadlinePassed") as string, phone ? (t("appointments:mail.deadlinePassedPhone", { phone }) as string) : ""].filter(Boolean).join(" ");
}

async function detailLines(
  t: TFunction,
  lng: Language,
  row: AppointmentRow,
  { bring = true, deadline = true, now = new Date(), db }: { bring?: boolean; deadline?: boolean; now?: Date; db?: Executor } = {},
): Promise<string[]> {
  const standort = standortOf(row.standort_id);
  const lines = [
    t("appointments:mail.what", { value: typeLabel(t, row.type, lng) }),
    t("appointments:mail.when", { value: formatDateTime(lng, row.starts_at) }),
    t("appointments:mail.where", { value: [`${getTraeger().jobcenterName}, ${standort?.name ?? row.standort_id}`, addressLine(standort)].filter(Boolean).join(", ") }),
    t("appointments:mail.channel", { value: channelLabel(t, row) }),
    t("appointments:mail.reference", { value: row.reference }),
  ] as string[];
  // How to reach a person: the Standort's phone, else the Träger's general one (never invented).
  const phone = standort?.phone ?? getTraeger().centralPhone;
  if (phone) lines.splice(3, 0, t("appointments:mail.phone", { value: phone }) as string);
  if (bring) {
    // These lines go out by mail and in the calendar file: the documents still missing from her
    // application are named only on the appointment's page (issue 19 § 9); the general list of
    // the appointment type is no personal data.
    const { items, fromApplication } = await whatToBring(row, lng, db);
    if (fromApplication) lines.push("", t("appointments:mail.bringOnPage") as string);
    else if (items.length) lines.push("", t("appointments:mail.bring") as string, ...items.map((item) => `- ${item}`));
  }
  const transit = transitLines(standort);
  // The lines are as old as their source: always with their date ("as of").
  if (transit.length && standort?.transit && row.channel === "in-person") {
    lines.push("", t("appointments:mail.travel", { value: transit.join(", "), date: formatDate(lng, standort.transit.asOf) }) as string);
  }
  if (deadline && row.status === "booked") lines.push("", deadlineLine(t, lng, row, now));
  return lines;
}

/** The .ics file of an appointment in the person's language (CANCEL removes it from calendars). */
export async function appointmentIcs(row: AppointmentRow, lng: Language, method: "PUBLISH" | "CANCEL" = "PUBLISH", stamp = new Date(), db?: Executor): Promise<string> {
  const t = fixedT(lng, NAMESPACES);
  const traeger = getTraeger();
  const standort = standortOf(row.standort_id);
  const link = `${publicUrl()}/termine/${row.id}`;
  const description = [...(await detailLines(t, lng, row, { now: stamp, db })), "", t("appointments:mail.link", { link }) as string].join("\n");
  const host = new URL(publicUrl()).hostname || "portal.invalid";
  return buildIcs({
    uid: `${row.calendar_uid}@${host}`,
    sequence: row.sequence,
    method,
    start: row.starts_at,
    end: row.ends_at,
    stamp,
    summary: t("appointments:ics.summary", { type: typeLabel(t, row.type, lng), jobcenter: traeger.jobcenterName }) as string,
    location: [t("appointments:ics.location", { jobcenter: traeger.jobcenterName, standort: standort?.name ?? row.standort_id }) as string, addressLine(standort)].filter(Boolean).join(", "),
    description,
    language: htmlLangOf(lng),
    url: link,
    alarmMinutesBefore: 120,
    alarmText: t("appointments:ics.alarm") as string,
  });
}

export function icsFilename(row: AppointmentRow): string {
  return `termin-${row.reference}.ics`;
}

// ---------------------------------------------------------------------------------------------
// Mail

async function recipient(row: AppointmentRow, executor?: Executor): Promise<{ email: string; lng: Language } | null> {
  if (!row.user_id) return null;
  const db = executor ?? (await getDb());
  const user = await db.selectFrom("users").select(["email", "language"]).where("id", "=", row.user_id).executeTakeFirst();
  if (!user) return null;
  const lng = isLanguage(user.language) ? user.language : isLanguage(row.language) ? row.language : "de";
  return { email: user.email, lng };
}

export interface ComposedMail {
  subject: string;
  text: string;
  language: string;
  attachments: { filename: string; content: string; contentType: string }[];
}

export async function composeAppointmentMail(kind: MailKind, row: AppointmentRow, lng: Language, extra: MailExtra = {}, db?: Executor): Promise<ComposedMail> {
  const t = fixedT(lng, NAMESPACES);
  const jobcenter = getTraeger().jobcenterName;
  const base = publicUrl();
  const rebooked = kind === "booked" && Boolean(extra.replaced);
  const key = rebooked ? "rebooked" : kind;
  const values = {
    jobcenter,
    date: formatDate(lng, row.starts_at),
    time: formatTime(lng, row.starts_at),
    oldDate: extra.replaced ? formatDateTime(lng, extra.replaced.starts_at) : "",
  };
  const active = kind === "booked" || kind === "reminder" || kind === "invited";
  // After the appointment (missed, or the correction of that) no deadline for changing it is named.
  const over = kind === "missed" || kind === "outcomeCorrected";
  const parts: string[] = [t("appointments:mail.greeting") as string, t(`appointments:mail.${key}.body`, values) as string];
  parts.push((await detailLines(t, lng, row, { bring: active, deadline: kind !== "invited" && !over, db })).join("\n"));
  const message = extra.message ?? (kind === "invited" ? row.invitation_message : null);
  // The Jobcenter's own words stay out of the mail: it says there is a message, the page shows it (issue 19 § 9).
  if (message) parts.push(t("appointments:mail.message") as string);
  if (kind === "missed") {
    // The window counts from the moment of writing (Träger configuration), never from the missed day.
    const { missedRebookDays, appointmentLeadMinutes } = getTraeger().limits;
    const until = rebookDeadline(extra.now ?? new Date(), missedRebookDays, appointmentLeadMinutes);
    parts.push(t("appointments:mail.missed.rebookUntil", { date: formatDate(lng, until) }) as string);
    parts.push(t("appointments:mail.bookLink", { link: `${base}/termine/buchen` }) as string);
    parts.push(t("appointments:mail.missed.explainLink", { link: `${base}/termine/${row.id}/erklaeren` }) as string);
  } else if (kind === "outcomeCorrected") parts.push(t("appointments:mail.outcomeCorrected.link", { link: `${base}/termine/${row.id}` }) as string);
  else if (kind === "invited") parts.push(t("appointments:mail.invitationLink", { link: `${base}/termine/einladung/${row.id}` }) as string);
  else if (kind === "cancelled" || kind === "cancelledByJobcenter") parts.push(t("appointments:mail.bookLink", { link: `${base}/termine/buchen` }) as string);
  else parts.push(t("appointments:mail.link", { link: `${base}/termine/${row.id}` }) as string);
  const attachments: ComposedMail["attachments"] = [];
  if (kind === "booked" || kind === "reminder") {
    parts.push(t("appointments:mail.calendarAttached") as string);
    attachments.push({ filename: icsFilename(row), content: await appointmentIcs(row, lng, "PUBLISH", new Date(), db), contentType: "text/calendar; charset=utf-8; method=PUBLISH" });
  } else if (kind === "cancelled" || kind === "cancelledByJobcenter") {
    parts.push(t("appointments:mail.calendarRemove") as string);
    attachments.push({ filename: icsFilename(row), content: await appointmentIcs(row, lng, "CANCEL", new Date(), db), contentType: "text/calendar; charset=utf-8; method=CANCEL" });
  }
  parts.push(t("appointments:mail.signature", values) as string, t("appointments:mail.automatic") as string);
  return {
    subject: t(`appointments:mail.${key}.subject`, values) as string,
    text: `${parts.filter((p) => p.trim() !== "").join("\n\n")}\n`,
    language: htmlLangOf(lng),
    attachments,
  };
}

/**
 * Enqueues one appointment mail to the person, in their language, in the transaction of the
 * change (mail outbox); `change` names the change (one change, at most one mail).
 */
export async function enqueueAppointmentMail(trx: Executor, kind: MailKind, row: AppointmentRow, change: string, extra: MailExtra = {}): Promise<boolean> {
  const to = await recipient(row, trx);
  if (!to) return false;
  const mail = await composeAppointmentMail(kind, row, to.lng, extra, trx);
  await enqueueMail(trx, { kind: `appointment.${kind}`, dedupKey: `appointment.${kind}:${change}`, mail: { to: to.email, ...mail } });
  return true;
}
