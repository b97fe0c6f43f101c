import crypto from "node:crypto";
import { sql } from "kysely";
import type { ApiAudience, ApiPrincipal } from "~/platform/api/api-keys.server";
import { openText, sealText } from "~/platform/crypto/at-rest.server";
import { audit, type AuditActor } from "~/platform/audit/audit.server";
import { getDb, nowIso } from "~/platform/db/db.server";
import { advisoryXactLock, writeTransaction, type Executor } from "~/platform/db/write.server";
import { env, isProduction } from "~/platform/config/env.server";
import { log } from "~/platform/log/log.server";
import { assertEventData } from "./event-schemas.server";
import { PollingLoop } from "~/platform/jobs/polling-loop.server";
import { periodic, type WorkerJob } from "~/platform/jobs/scheduler.server";

// Webhooks (issue "Back-office API", § 4; contract backoffice-api.md, "Webhooks").
//
// Outbox: features call `enqueueEvent(trx, { type, subjectKey, data })` inside the transaction of
// the change, so an event exists exactly when the change was committed. The event is numbered
// per subject (subject_seq; PostgreSQL serialises per subject with an advisory lock) and fanned
// out into one delivery row per matching subscription.
//
// Delivery worker (started by startPortal, stopped on close): claims due deliveries with a lease
// (a crashed process's claims are taken over when the lease ends), POSTs the event, and on
// anything but a 2xx retries with exponential backoff plus jitter, capped. A delivery is due only
// when every earlier event of the same subject for the same subscription has been delivered, so
// a receiver sees the events of one application in order. Requests time out, and deliveries to
// different subscriptions run concurrently, so a slow receiver does not hold up the others.
//
// Audiences: events ombuds.* go only to subscriptions created with an ombuds:* key, all other
// events only to subscriptions of the Jobcenter's keys.
//
// Event data carries references (ids, statuses, types), never personal data: the receiver reads
// the record through the API (audited) when it needs more.

export const WEBHOOK_EVENT_TYPES = [
  "application.created",
  "application.submitted",
  "application.documents-added",
  "application.draft-deleted",
  "appointment.booked",
  "appointment.cancelled",
  "case.linked",
  "task.completed",
  "ombuds.message-received",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "application.created": "An applicant started an application (the Antragsdatum is secured).",
  "application.submitted": "An application was submitted.",
  "application.documents-added": "The applicant uploaded documents to an application.",
  "application.draft-deleted": "An unsubmitted draft was deleted after the retention period without changes (the applicant was warned 14 days before).",
  "appointment.booked": "A person booked an appointment.",
  "appointment.cancelled": "An appointment was cancelled.",
  "case.linked": "A person linked their portal account to a case with the activation code.",
  "task.completed": "A person marked a Kooperationsplan task as done.",
  "ombuds.message-received": "A message to the Ombudsstelle arrived (only for subscriptions of ombuds:* keys).",
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export function audienceOfEvent(type: string): ApiAudience {
  return type.startsWith("ombuds.") ? "ombuds" : "jobcenter";
}

/** The event types a key of this audience may subscribe to. */
export function eventTypesFor(audience: ApiAudience): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter((t) => audienceOfEvent(t) === audience);
}

const SECRET_PURPOSE = "webhook-secret";
const MAX_EVENT_DATA_BYTES = 64 * 1024;

/** `sha256=<hex HMAC-SHA256 of the raw body, keyed with the subscription's secret (UTF-8)>`. */
export function signPayload(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/** Receiver side: checks a signature header in constant time. */
export function verifySignature(secret: string, rawBody: string, header: string | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signPayload(secret, rawBody));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

// ---------------------------------------------------------------------------------------------
// Outbox

export interface EnqueueEventInput {
  type: WebhookEventType;
  /** Events with the same subject key are delivered in order, e.g. `application:<id>`. */
  subjectKey: string;
  /** References only (ids, statuses); never personal data. */
  data: Record<string, unknown>;
}

export interface EnqueuedEvent {
  id: string;
  subjectSeq: number;
  deliveries: number;
}

/**
 * Records an event in the outbox with one delivery per matching subscription. Call it with the
 * transaction of the change (`db.transaction().execute(async (trx) => { …; await enqueueEvent(trx, …) })`);
 * given the database itself, it opens its own transaction.
 */
export async function enqueueEvent(db: Executor, input: EnqueueEventInput): Promise<EnqueuedEvent> {
  if (!isWebhookEventType(input.type)) throw new Error(`unknown webhook event type ${String(input.type)}`);
  if (!input.subjectKey || input.subjectKey.length > 200) throw new Error("webhook events need a subject key (at most 200 characters)");
  if (!input.data || typeof input.data !== "object" || Array.isArray(input.data)) throw new Error("webhook event data must be an object");
  assertEventData(input.type, input.data);
  const data = JSON.stringify(input.data);
  if (Buffer.byteLength(data) > MAX_EVENT_DATA_BYTES) throw new Error("webhook event data is too large");
  const audience = audienceOfEvent(input.type);
  return writeTransaction(db, async (trx) => {
    await advisoryXactLock(trx, `webhook-subject:${input.subjectKey}`);
    const last = await trx
      .selectFrom("webhook_events")
      .select((eb) => eb.fn.max("subject_seq").as("max"))
      .where("subject_key", "=", input.subjectKey)
      .executeTakeFirst();
    const subjectSeq = Number(last?.max ?? 0) + 1;
    const id = crypto.randomUUID();
    const now = nowIso();
    await trx.insertInto("webhook_events").values({ id, type: input.type, subject_key: input.subjectKey, subject_seq: subjectSeq, data, created_at: now }).execute();
    const subscriptions = await trx.selectFrom("webhook_subscriptions").select(["id", "events"]).where("audience", "=", audience).where("deleted_at", "is", null).execute();
    const matching = subscriptions.filter((s) => parseEvents(s.events).includes(input.type));
    if (matching.length) {
      await trx
        .insertInto("webhook_deliveries")
        .values(
          matching.map((s) => ({
            id: crypto.randomUUID(),
            event_id: id,
            subscription_id: s.id,
            subject_key: input.subjectKey,
            subject_seq: subjectSeq,
            status: "pending" as const,
            attempts: 0,
            next_attempt_at: now,
            lease_owner: null,
            lease_until: null,
            last_status: null,
            last_error: null,
            created_at: now,
            delivered_at: null,
          })),
        )
        .execute();
    }
    return { id, subjectSeq, deliveries: matching.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Subscriptions

export interface WebhookSubscription {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: string;
}

export interface CreatedWebhookSubscription extends WebhookSubscription {
  /** The signing secret; shown once. */
  secret: string;
}

function parseEvents(text: string): WebhookEventType[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is WebhookEventType => typeof v === "string" && isWebhookEventType(v)) : [];
  } catch {
    return [];
  }
}

/** Why a URL cannot receive webhooks, or null when it can. */
export function webhookUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Not an absolute URL.";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "Use an https:// URL.";
  if (parsed.protocol === "http:" && isProduction() && env().WEBHOOK_ALLOW_HTTP !== "1") return "Use an https:// URL (plain http is refused in production).";
  if (parsed.hash) return "A URL with a #fragment cannot be called.";
  return null;
}

export class WebhookAudienceError extends Error {
  constructor(
    readonly events: string[],
    readonly audience: ApiAudience,
  ) {
    super(
      audience === "ombuds"
        ? `A key with ombuds:* scopes may subscribe to ${eventTypesFor("ombuds").join(", ")} only.`
        : `Events ${events.join(", ")} are delivered only to subscriptions created with an ombuds:* key.`,
    );
  }
}

function actorOf(principal: ApiPrincipal): AuditActor {
  return { type: "api-key", name: principal.name };
}

export async function createSubscription(principal: ApiPrincipal, input: { url: string; events: WebhookEventType[] }): Promise<CreatedWebhookSubscription> {
  const events = WEBHOOK_EVENT_TYPES.filter((t) => input.events.includes(t));
  const foreign = events.filter((t) => audienceOfEvent(t) !== principal.audience);
  if (foreign.length) throw new WebhookAudienceError(foreign, principal.audience);
  const id = `wh_${crypto.randomBytes(12).toString("hex")}`;
  const secret = `whsec_${crypto.randomBytes(32).toString("base64url")}`;
  const createdAt = nowIso();
  const db = await getDb();
  await writeTransaction(db, async (trx) => {
    await trx
      .insertInto("webhook_subscriptions")
      .values({
        id,
        url: input.url,
        events: JSON.stringify(events),
        secret_sealed: sealText(SECRET_PURPOSE, secret),
        audience: principal.audience,
        created_by_key_id: principal.keyId,
        created_at: createdAt,
        deleted_at: null,
      })
      .execute();
    await audit({ actor: actorOf(principal), operation: "webhook.create", recordType: "webhook_subscription", recordId: id, details: { events, audience: principal.audience } }, trx);
  });
  return { id, url: input.url, events, secret, createdAt };
}

type SubscriptionRow = { id: string; url: string; events: string; created_at: string };

function present(row: SubscriptionRow): WebhookSubscription {
  return { id: row.id, url: row.url, events: parseEvents(row.events), createdAt: row.created_at };
}

/** The active subscriptions the key's audience may see, for keyset paging. */
export function subscriptionsQuery(db: Executor, principal: ApiPrincipal) {
  return db.selectFrom("webhook_subscriptions").select(["id", "url", "events", "created_at"]).where("audience", "=", principal.audience).where("deleted_at", "is", null);
}

export function presentSubscription(row: SubscriptionRow): WebhookSubscription {
  return present(row);
}

export async function getSubscription(principal: ApiPrincipal, id: string): Promise<WebhookSubscription | null> {
  const db = await getDb();
  const row = await subscriptionsQuery(db, principal).where("id", "=", id).executeTakeFirst();
  return row ? present(row) : null;
}

/** Deletes (soft) a subscription of the key's audience and cancels its pending deliveries. */
export async function deleteSubscription(principal: ApiPrincipal, id: string): Promise<boolean> {
  const db = await getDb();
  return writeTransaction(db, async (trx) => {
    const now = nowIso();
    const result = await trx
      .updateTable("webhook_subscriptions")
      .set({ deleted_at: now })
      .where("id", "=", id)
      .where("audience", "=", principal.audience)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await trx.updateTable("webhook_deliveries").set({ status: "cancelled", lease_owner: null, lease_until: null }).where("subscription_id", "=", id).where("status", "=", "pending").execute();
    await audit({ actor: actorOf(principal), operation: "webhook.delete", recordType: "webhook_subscription", recordId: id, details: { audience: principal.audience } }, trx);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Delivery

/**
 * Delay before attempt n+1 after n failed attempts: base · 2^(n−1), plus up to 50 % jitter,
 * capped. With the jitter below 100 %, each delay is longer than the one before (until the cap).
 */
export function backoffMs(failedAttempts: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, failedAttempts - 1);
  return Math.round(Math.min(capMs, exponential * (1 + 0.5 * random())));
}

export interface WebhookWorkerOptions {
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  pollMs: number;
  leaseMs: number;
  concurrency: number;
  /** Parallel requests to one subscription (different subjects). */
  perSubscription: number;
}

export function workerOptionsFromEnv(): WebhookWorkerOptions {
  const e = env();
  return {
    retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
    retryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    pollMs: e.WEBHOOK_POLL_MS,
    // A lease must outlast a request, or a second process could send the same delivery meanwhile.
    leaseMs: Math.max(e.WEBHOOK_LEASE_MS, e.WEBHOOK_TIMEOUT_MS + 5_000),
    concurrency: e.WEBHOOK_CONCURRENCY,
    perSubscription: Math.max(1, Math.min(2, e.WEBHOOK_CONCURRENCY - 1)),
  };
}

interface InFlight {
  subscriptionId: string;
  controller: AbortController;
  done: Promise<void>;
}

/** Raw event body; the same bytes on every attempt (the signature covers them). */
export function eventBody(event: { id: string; type: string; created_at: string; data: string }): string {
  return `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"createdAt":${JSON.stringify(event.created_at)},"data":${event.data}}`;
}

function failureText(error: unknown, timedOut: boolean): string {
  if (timedOut) return "timeout";
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (cause && typeof cause.code === "string") return cause.code.slice(0, 60);
  return error instanceof Error ? error.name.slice(0, 60) : "error";
}

export class WebhookWorker extends PollingLoop {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(
    private readonly db: Executor,
    private readonly options: WebhookWorkerOptions,
  ) {
    super("webhook", options.pollMs);
  }

  /** Stops claiming, aborts the requests under way (they are retried later) and waits for them. */
  override async stop(): Promise<void> {
    this.stopped = true;
    for (const flight of this.inFlight.values()) flight.controller.abort();
    await super.stop();
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
  }

  /** One pass: claims what is due (as far as there is capacity) and starts sending it. */
  protected pass(): Promise<boolean> {
    return this.claimAndSend();
  }

  /**
   * Milliseconds until the next retry falls due, if that is sooner than `atMost` (the poll
   * interval): a retry then goes out when its backoff ends, not at the next poll after it.
   */
  protected async untilNextDue(atMost: number): Promise<number> {
    if (this.inFlight.size >= this.options.concurrency) return atMost;
    const now = nowIso();
    const next = await this.db
      .selectFrom("webhook_deliveries")
      .select((eb) => eb.fn.min("next_attempt_at").as("next"))
      .where("status", "=", "pending")
      .where("next_attempt_at", ">", now)
      .executeTakeFirst();
    if (!next?.next) return atMost;
    return Math.max(0, Math.min(atMost, Date.parse(String(next.next)) - Date.now()));
  }

  /** Claims and starts what is due; true when due deliveries were left for lack of per-subscription slots. */
  private async claimAndSend(): Promise<boolean> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return false;
    const perSubscription = new Map<string, number>();
    for (const flight of this.inFlight.values()) perSubscription.set(flight.subscriptionId, (perSubscription.get(flight.subscriptionId) ?? 0) + 1);
    // Subscriptions with all their slots busy (e.g. a slow receiver) are left out of the query, so
    // their backlog cannot fill the result and hold up deliveries to other subscriptions.
    const saturated = [...perSubscription].filter(([, count]) => count >= this.options.perSubscription).map(([id]) => id);
    const now = nowIso();
    let query = this.db.selectFrom("webhook_deliveries as d").select(["d.id", "d.subscription_id"]).where("d.status", "=", "pending").where("d.next_attempt_at", "<=", now);
    if (saturated.length) query = query.where("d.subscription_id", "not in", saturated);
    const due = await query
      .where((eb) => eb.or([eb("d.lease_until", "is", null), eb("d.lease_until", "<", now)]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("webhook_deliveries as p")
              .select(sql`1`.as("one"))
              .whereRef("p.subscription_id", "=", "d.subscription_id")
              .whereRef("p.subject_key", "=", "d.subject_key")
              .whereRef("p.subject_seq", "<", "d.subject_seq")
              .where("p.status", "=", "pending"),
          ),
        ),
      )
      .orderBy("d.next_attempt_at", "asc")
      .orderBy("d.subject_seq", "asc")
      .limit(free * 4)
      .execute();

    let leftOver = false;
    for (const candidate of due) {
      if (this.stopped || this.inFlight.size >= this.options.concurrency) break;
      if (this.inFlight.has(candidate.id)) continue;
      const count = perSubscription.get(candidate.subscription_id) ?? 0;
      if (count >= this.options.perSubscription) {
        leftOver = true;
        continue;
      }
      const leaseUntil = new Date(Date.now() + this.options.leaseMs).toISOString();
      const claimed = await this.db
        .updateTable("webhook_deliveries")
        .set((eb) => ({ lease_owner: this.owner, lease_until: leaseUntil, attempts: eb("attempts", "+", 1) }))
        .where("id", "=", candidate.id)
        .where("status", "=", "pending")
        .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", nowIso())]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      perSubscription.set(candidate.subscription_id, count + 1);
      const controller = new AbortController();
      const flight: InFlight = { subscriptionId: candidate.subscription_id, controller, done: Promise.resolve() };
      flight.done = this.send(candidate.id, controller.signal)
        .catch((error: unknown) => log().error({ errorType: (error as Error)?.name }, "webhook delivery failed unexpectedly"))
        .finally(() => {
          this.inFlight.delete(candidate.id);
          // A delivery done may make the next event of its subject due: look again at once.
          this.schedule(0);
        });
      this.inFlight.set(candidate.id, flight);
    }
    // The subscriptions now full are left out of the next query: look again at once for others.
    return leftOver && !this.stopped && this.inFlight.size < this.options.concurrency;
  }

  private async send(deliveryId: string, stopSignal: AbortSignal): Promise<void> {
    const row = await this.db
      .selectFrom("webhook_deliveries as d")
      .innerJoin("webhook_events as e", "e.id", "d.event_id")
      .innerJoin("webhook_subscriptions as s", "s.id", "d.subscription_id")
      .select(["d.id", "d.attempts", "e.id as event_id", "e.type", "e.created_at", "e.data", "s.url", "s.secret_sealed", "s.deleted_at"])
      .where("d.id", "=", deliveryId)
      .executeTakeFirst();
    if (!row) return;
    if (row.deleted_at) {
      await this.finish(deliveryId, { status: "cancelled" });
      return;
    }
    const secret = openText(SECRET_PURPOSE, row.secret_sealed);
    const attempts = Number(row.attempts);
    if (secret === null) {
      log().error({ delivery: deliveryId }, "webhook secret cannot be read (DOCUMENT_KEY changed?)");
      await this.retryLater(deliveryId, attempts, null, "secret-unreadable");
      return;
    }
    const body = eventBody({ id: row.event_id, type: row.type, created_at: row.created_at, data: row.data });
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(row.url, {
        method: "POST",
        redirect: "manual",
        body,
        signal: AbortSignal.any([timeout, stopSignal]),
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Buergerportal-Webhooks/1",
          "X-Portal-Event-Id": row.event_id,
          "X-Portal-Event-Type": row.type,
          "X-Portal-Delivery-Attempt": String(attempts),
          "X-Portal-Signature": signPayload(secret, body),
        },
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) failure = `HTTP ${status}`;
    } catch (error) {
      failure = failureText(error, timeout.aborted);
    }
    if (failure === null) {
      await this.finish(deliveryId, { status: "delivered", last_status: status, delivered_at: nowIso() });
      return;
    }
    if (stopSignal.aborted && !timeout.aborted) {
      // Shutting down: hand the delivery back at once (the receiver may have it: at least once).
      await this.finish(deliveryId, { next_attempt_at: nowIso(), last_error: "interrupted by shutdown" });
      return;
    }
    await this.retryLater(deliveryId, attempts, status, failure);
  }

  private async retryLater(deliveryId: string, attempts: number, status: number | null, failure: string): Promise<void> {
    const delay = backoffMs(attempts, this.options.retryBaseMs, this.options.retryMaxMs);
    log().warn({ delivery: deliveryId, attempts, status, failure, retryInMs: delay }, "webhook delivery failed; will retry");
    await this.finish(deliveryId, { next_attempt_at: new Date(Date.now() + delay).toISOString(), last_status: status, last_error: failure });
  }

  private async finish(
    deliveryId: string,
    changes: Partial<{ status: "delivered" | "cancelled"; next_attempt_at: string; last_status: number | null; last_error: string | null; delivered_at: string }>,
  ): Promise<void> {
    await this.db
      .updateTable("webhook_deliveries")
      .set({ ...changes, lease_owner: null, lease_until: null })
      .where("id", "=", deliveryId)
      .where("lease_owner", "=", this.owner)
      .execute();
  }
}

/** Deletes deliveries done over 30 days ago and events without pending deliveries by then. */
export async function pruneWebhookData(db?: Executor, olderThanDays = 30): Promise<void> {
  const executor = db ?? (await getDb());
  const cutoff = new Date(Date.now() - olderThanDays * 86_400_000).toISOString();
  await executor.deleteFrom("webhook_deliveries").where("status", "in", ["delivered", "cancelled"]).where("created_at", "<", cutoff).execute();
  await executor
    .deleteFrom("webhook_events")
    .where("created_at", "<", cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("webhook_deliveries")
            .select(sql`1`.as("one"))
            .whereRef("webhook_deliveries.event_id", "=", "webhook_events.id"),
        ),
      ),
    )
    .execute();
}

/** Delivers the outbox to the subscriptions (its own loop; see WebhookWorker). */
export const webhookDeliveryWorker: WorkerJob = {
  kind: "worker",
  name: "webhook-delivery",
  start: async () => {
    const worker = new WebhookWorker(await getDb(), workerOptionsFromEnv());
    worker.start();
    return () => worker.stop();
  },
};

/** Hourly: delivered deliveries and events past their retention. */
export const webhookHousekeeping = periodic(
  "webhook-housekeeping",
  () => 60 * 60_000,
  () => pruneWebhookData(),
  "interval",
);
