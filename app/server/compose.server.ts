import { loadTraeger } from "~/config/traeger";
import { absenceApi, absenceExport } from "~/features/absence/index.server";
import { accountHousekeepingJob } from "~/features/accounts/index.server";
import {
  applicationAttachmentAuthorizer,
  applicationChecklistForAppointment,
  applicationProcessingExport,
  applicationsApi,
  applicationsExport,
  draftExpiryJob,
  efileApi,
  indexSubmittedApplications,
} from "~/features/application/index.server";
import { appointmentHousekeepingJob, appointmentsApi, appointmentsExport, loadDemoData, setApplicationChecklistProvider } from "~/features/appointments/index.server";
import { caseExport, casesApi, renewalReminderJob, taskAttachmentAuthorizer, taskReminderJob } from "~/features/cases/index.server";
import { accountAttachmentAuthorizer, documentHousekeepingJob, documentsExport, registerAttachmentContext, uploadRecoveryJob } from "~/features/documents/index.server";
import { eligibilityApi } from "~/features/eligibility/index.server";
import { ombudsApi, ombudsRetentionJob } from "~/features/ombuds/index.server";
import { standorteApi } from "~/features/standorte/index.server";
import { idempotencyHousekeeping } from "~/platform/api/idempotency.server";
import { registerApiSection } from "~/platform/api/openapi.server";
import { systemApi } from "~/platform/api/system-api.server";
import { env, isProduction } from "~/platform/config/env.server";
import { auditKey, documentKey, sessionSecret } from "~/platform/crypto/keys.server";
import { auditAnchorJob, initAuditChain } from "~/platform/audit/audit.server";
import { getDb } from "~/platform/db/db.server";
import { webhookDeliveryWorker, webhookHousekeeping } from "~/platform/events/webhooks.server";
import { webhooksApi } from "~/platform/events/webhooks-api.server";
import { registerExportSection } from "~/platform/export/data-export.server";
import { registerJob, startJobs, type Stop } from "~/platform/jobs/scheduler.server";
import { mailDeliveryWorker, mailOutboxHousekeeping } from "~/platform/mail/outbox.server";
import { log } from "~/platform/log/log.server";

// The composition root: the one place that knows every feature and wires them to the platform.
// Features declare what they contribute (API sections, jobs, export sections, attachment
// authorizers) as plain exported values; nothing registers itself on import. Adding a feature
// means adding its lines here.

let composed = false;

/** Wires every feature into the platform's registries (idempotent; the server calls it at start). */
export function compose(): void {
  if (composed) return;
  composed = true;

  // The OpenAPI document, in the order it lists the tags.
  for (const section of [systemApi, standorteApi, eligibilityApi, webhooksApi, appointmentsApi, applicationsApi, efileApi, casesApi, absenceApi, ombudsApi]) {
    registerApiSection(section);
  }

  // "Download all my data" (DSGVO Art. 15/20): each feature's part of the person's export.
  registerExportSection("applications", applicationsExport);
  registerExportSection("applicationProcessing", applicationProcessingExport);
  registerExportSection("appointments", appointmentsExport);
  registerExportSection("case", caseExport);
  registerExportSection("absences", absenceExport);
  registerExportSection("documents", documentsExport);

  // Who may attach a document where (checked on every upload and hand-over).
  registerAttachmentContext("account", accountAttachmentAuthorizer);
  registerAttachmentContext("application", applicationAttachmentAuthorizer);
  registerAttachmentContext("task", taskAttachmentAuthorizer);

  // An appointment linked to an application lists that application's missing documents.
  setApplicationChecklistProvider(applicationChecklistForAppointment);

  // Background jobs.
  for (const job of [
    uploadRecoveryJob, // first run at start: uploads a crashed process left in processing, temp files of dead writes
    documentHousekeepingJob,
    idempotencyHousekeeping,
    accountHousekeepingJob,
    webhookDeliveryWorker,
    webhookHousekeeping,
    mailDeliveryWorker,
    mailOutboxHousekeeping,
    appointmentHousekeepingJob,
    draftExpiryJob,
    taskReminderJob,
    renewalReminderJob,
    ombudsRetentionJob,
    auditAnchorJob,
  ]) {
    registerJob(job);
  }
}

/** Checks the configuration, opens (and migrates) the database, then starts the jobs. */
export async function startup(): Promise<Stop> {
  if (isProduction() && !env().PUBLIC_URL) {
    // Links in mails must not be built from a Host header a client can forge.
    throw new Error("PUBLIC_URL must be set in production (the portal's public https:// address)");
  }
  auditKey(); // required in production (AUDIT_KEY)
  compose();
  const traeger = loadTraeger(); // throws with the failing field named
  await getDb();
  await initAuditChain(); // the keyed chain's switch-over entry (once), and an anchor of the head
  await indexSubmittedApplications(); // the staff search's blind index for applications submitted before it (decision 038)
  await loadDemoData(); // appointment slots for demos (DEMO_DATA=1); see features/appointments/demo-data.server.ts
  sessionSecret();
  documentKey();
  log().info({ traeger: traeger.id }, "configuration loaded");
  return startJobs();
}
