// The portal's memory while 10 people upload a 15 MB file each at the same time, through the
// real upload routes (issue "Online Antrag" § 4: uploads are streamed to storage, the server's
// memory stays flat). Measured from outside: the portal process's resident set (VmRSS in
// /proc/<pid>/status) sampled every 10 ms, and its peak (VmHWM, reset before the run where
// Linux allows it). Reported: how much the peak grew over the resident set before the uploads.
import crypto from "node:crypto";
import fs from "node:fs";
import { PDFDocument } from "pdf-lib";
import { newApplicant, post, startApplication, type Applicant } from "./backoffice";
import type { RunningServer } from "./servers";

export interface UploadMemoryResult {
  route: "resumable" | "multipart";
  uploads: number;
  fileMb: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  growthMb: number;
  completed: number;
}

const MB = 1024 * 1024;

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  if (!match) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]);
}

/** A valid PDF of about `bytes`: one page and an unreferenced stream of random bytes. */
export async function bigPdf(bytes: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  doc.context.register(doc.context.stream(crypto.randomBytes(bytes - 2048)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A person with a draft whose checklist has "identity.p1" (the personal data are answered). */
export async function uploader(portal: RunningServer): Promise<{ person: Applicant; id: string }> {
  const person = await newApplicant();
  const id = await startApplication(portal, person);
  const response = await post(portal, person, `/antrag/${id}/person`, {
    firstName: "Mariam",
    lastName: "Haddad",
    birthDate: "15.03.1988",
    nationality: "syrisch",
    street: "Hauptstraße 12",
    postalCode: "41844",
    municipality: "Wegberg",
    phone: "",
    priorBenefits: "no",
  });
  await response.arrayBuffer();
  if (response.status !== 302) throw new Error(`the personal data answered ${response.status}`);
  return { person, id };
}

/** As the page's JavaScript does it: create, then PATCH chunks of at most maxChunkBytes. */
export async function resumableUpload(portal: RunningServer, person: Applicant, id: string, file: Buffer): Promise<boolean> {
  const url = `${portal.url}/antrag/${id}/unterlagen/hochladen`;
  const headers = { Cookie: person.cookie, Origin: portal.url, "X-CSRF-Token": person.csrf };
  const created = await fetch(url, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ item: "identity.p1", filename: "scan.pdf", size: file.length }),
  });
  const state = (await created.json()) as { id: string; offset: number; maxChunkBytes: number; status: string };
  if (created.status !== 201) throw new Error(`creating an upload answered ${created.status}: ${JSON.stringify(state)}`);
  let offset = 0;
  let status = state.status;
  while (offset < file.length) {
    const chunk = file.subarray(offset, Math.min(file.length, offset + state.maxChunkBytes));
    const response = await fetch(`${url}?upload=${state.id}`, {
      method: "PATCH",
      headers: { ...headers, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
      body: new Uint8Array(chunk), // a copy with its own ArrayBuffer (BodyInit)
    });
    const next = (await response.json()) as { offset: number; status: string };
    if (!response.ok) throw new Error(`a chunk answered ${response.status}: ${JSON.stringify(next)}`);
    offset = next.offset;
    status = next.status;
  }
  return status === "complete";
}

/** Without JavaScript: the page's multipart form with one file. */
async function multipartUpload(portal: RunningServer, person: Applicant, id: string, file: Buffer): Promise<boolean> {
  const form = new FormData();
  form.append("_csrf", person.csrf);
  form.append("item", "identity.p1");
  form.append("files", new Blob([new Uint8Array(file)], { type: "application/pdf" }), "scan.pdf");
  const response = await fetch(`${portal.url}/antrag/${id}/unterlagen`, { method: "POST", redirect: "manual", headers: { Cookie: person.cookie, Origin: portal.url }, body: form });
  await response.arrayBuffer();
  return response.status === 200 || response.status === 303 || response.status === 302;
}

export async function uploadMemory(
  portal: RunningServer,
  route: "resumable" | "multipart",
  uploads = Number(process.env.BENCH_UPLOADS ?? 10),
  fileMb = Number(process.env.BENCH_UPLOAD_MB ?? 15),
): Promise<UploadMemoryResult> {
  const file = await bigPdf(fileMb * MB);
  const people = await Promise.all(Array.from({ length: uploads }, () => uploader(portal)));
  await new Promise((r) => setTimeout(r, 500)); // let the set-up's garbage settle
  const before = statusKb(portal.pid, "VmRSS");
  let hwmReset = false;
  try {
    fs.writeFileSync(`/proc/${portal.pid}/clear_refs`, "5"); // resets VmHWM to the current RSS
    hwmReset = true;
  } catch {
    // not permitted here: the samples alone count
  }
  let peak = before;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, statusKb(portal.pid, "VmRSS"));
    } catch {
      // the process is gone; the run fails below
    }
  }, 10);
  const started = performance.now();
  const results = await Promise.all(people.map(({ person, id }) => (route === "resumable" ? resumableUpload : multipartUpload)(portal, person, id, file)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, statusKb(portal.pid, "VmRSS"), hwmReset ? statusKb(portal.pid, "VmHWM") : 0);
  const completed = results.filter(Boolean).length;
  if (completed !== uploads) throw new Error(`only ${completed} of ${uploads} uploads (${route}) completed`);
  return { route, uploads, fileMb, seconds, rssBeforeMb: before / 1024, peakRssMb: peak / 1024, growthMb: (peak - before) / 1024, completed };
}
