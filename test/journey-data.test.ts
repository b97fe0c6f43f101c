import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, createKey } from "./support/api";
import { applicationIdFrom, signedIn, submittedApplication, type Person } from "./support/applicant";
import { startTestServer, visibleText, type TestServer } from "./support/server";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// The applicant's journey, issue 12: an appointment booked from the application is linked to it
// (item 2), after submission /antrag and the status page say what happens next (item 8), and
// editing a household member is headed "change person" (item 16). Real server, real SMTP.

let smtp: TestSmtp;
let server: TestServer;
let api: ApiClient;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
  api = new ApiClient(server.url, await createKey(server, "journey-data", ["applications:read", "appointments:read"]));
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

const locale = (lng: string, ns: string) =>
  JSON.parse(fs.readFileSync(new URL(`../locales/${lng}/${ns}.json`, import.meta.url), "utf8")) as Record<string, Record<string, Record<string, string> | string>>;
const de = { application: locale("de", "application"), uploads: locale("de", "uploads") };
const before = (template: string) => template.split("{{")[0].trim();

/** The `value`s of the hidden inputs named `name` in the page. */
function hiddenValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, "g"))].map((m) => /value="([^"]*)"/.exec(m[0])?.[1] ?? "");
}

async function html(person: Person, pathname: string): Promise<string> {
  const response = await person.get(pathname);
  expect(response.status, pathname).toBe(200);
  return response.text();
}

describe("an appointment booked from the application is linked to it (item 2)", () => {
  let person: Person;
  let id: string;

  it("carries the application through the booking steps and links the appointment; the API shows it", { timeout: 60_000 }, async () => {
    ({ person, id } = await submittedApplication(server, smtp));
    const receipt = await html(person, `/antrag/${id}/bestaetigung`);
    const bookingLink = /href="(\/termine\/buchen\?[^"]*)"/.exec(receipt)?.[1]?.replace(/&amp;/g, "&");
    expect(bookingLink).toBeDefined();
    expect(new URL(bookingLink!, server.url).searchParams.get("antrag")).toBe(id);

    // Step 1 → 2 → 3: every form and link carries the application on.
    expect(hiddenValues(await html(person, bookingLink!), "antrag")).toContain(id);
    const step2 = await html(person, `/termine/buchen/standort?anliegen=antragsabgabe&antrag=${id}`);
    expect(hiddenValues(step2, "antrag").length).toBeGreaterThanOrEqual(2);
    expect(new Set(hiddenValues(step2, "antrag"))).toEqual(new Set([id]));
    const zeit = `/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg&antrag=${id}`;
    const step3 = await html(person, zeit);
    const slots = [...step3.matchAll(/name="slotId"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="slotId"/g)].map((m) => m[1] ?? m[2]);
    expect(slots.length).toBeGreaterThan(0);
    const hold = await person.send(zeit, { slotId: slots.at(-1)! });
    expect(hold.status).toBe(302);
    const confirm = hold.headers.get("location")!;
    const appointmentId = confirm.split("/").pop()!;
    const booked = await person.send(confirm, { intent: "book", channel: "in-person", interpreter: "no" });
    expect(booked.status, await booked.clone().text()).toBe(302);

    const response = await api.get(`/api/v1/appointments/${appointmentId}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { applicationId: string | null }).applicationId).toBe(id);
  });

  it("refuses another person's application in the booking flow", { timeout: 30_000 }, async () => {
    const { person: other } = await signedIn(server, smtp, "de");
    const zeit = `/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg&antrag=${id}`;
    const step3 = await html(other, `/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg`);
    const slot = /name="slotId"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="slotId"/.exec(step3)!;
    const hold = await other.send(zeit, { slotId: slot[1] ?? slot[2] }, "/termine/buchen");
    expect(hold.status).toBe(404);
  });
});

describe("after submission (item 8)", () => {
  it("/antrag offers no new submission under 'your application was sent', but the status page and the receipt", { timeout: 60_000 }, async () => {
    const { person, id } = await submittedApplication(server, smtp);
    const page = await html(person, "/antrag");
    expect(visibleText(page)).toContain(de.application.start.submittedTitle as string);
    expect(visibleText(page)).not.toContain(de.application.start.button as string);
    expect(page).not.toMatch(/<form[^>]*action="\/antrag(\?index)?"/i);
    expect(page).toContain(`href="/antrag/${id}/status"`);
    expect(page).toContain(`href="/antrag/${id}/bestaetigung"`);
  });

  it("the status page says what happens next, how long it usually takes (Träger configuration) and why originals may be needed", { timeout: 90_000 }, async () => {
    const { getTraeger } = await import("~/config/traeger");
    const { formatWeeksRange } = await import("~/lib/format");
    const weeks = getTraeger().limits.usualProcessingWeeks;
    for (const lng of ["de", "ar", "ls"] as const) {
      const { person, id } = await submittedApplication(server, smtp, lng);
      const page = await html(person, `/antrag/${id}/status?lng=${lng}`);
      const text = visibleText(page);
      const own = fs.existsSync(new URL(`../locales/${lng}/uploads.json`, import.meta.url)) ? (locale(lng, "uploads").status as Record<string, string>) : {};
      const status = { ...(de.uploads.status as Record<string, string>), ...own };
      expect(text, lng).toContain(status.nextTitle);
      expect(text, lng).toContain(before(status.next));
      // The Träger's usual processing time where its configuration has one; else "it depends", never a made-up figure.
      if (weeks) expect(text, lng).toContain(status.usualTime.replace("{{duration}}", formatWeeksRange(lng, weeks.min, weeks.max)));
      else expect(text, lng).toContain(status.usualTimeUnknown);
      expect(text, lng).toContain(status.originalsTitle);
      expect(text, lng).toContain(before(status.originals));
      // The way to that appointment is linked to this application.
      expect(page).toContain(`href="/termine/buchen?anliegen=antragsabgabe&amp;antrag=${id}"`);
    }
  });

  it("formats the usual processing time in the person's language", () => {
    return import("~/lib/format").then(({ formatWeeksRange }) => {
      expect(formatWeeksRange("de", 2, 4)).toBe("2–4 Wochen");
      expect(formatWeeksRange("en", 3, 3)).toBe("3 weeks");
      expect(formatWeeksRange("ru", 2, 4)).toMatch(/^2\s?[–-]\s?4 недели$/);
      expect(formatWeeksRange("ar", 2, 4)).toMatch(/[٢2].*[٤4]/);
    });
  });
});

describe("editing a household member (item 16)", () => {
  it("is headed, titled and saved as 'change person', adding one as 'add person'", { timeout: 30_000 }, async () => {
    const { person } = await signedIn(server, smtp, "de");
    const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
    const member = de.application.member as Record<string, string>;
    const fresh = await html(person, `/antrag/${id}/haushalt/neu`);
    expect(/<h1[^>]*>([^<]*)<\/h1>/.exec(fresh)?.[1]).toBe(member.titleNew);
    expect(/<button[^>]*type="submit"[^>]*class="button"[^>]*>([^<]*)<\/button>/.exec(fresh)?.[1]).toBe(member.submitNew);
    expect((await person.send(`/antrag/${id}/haushalt/neu`, { relationship: "child", firstName: "Elif", lastName: "Yılmaz", birthDate: "01.05.2019", priorBenefits: "no" })).status).toBe(302);
    const household = await html(person, `/antrag/${id}/haushalt`);
    const memberId = new RegExp(`href="/antrag/${id}/haushalt/(p\\d+)"`).exec(household)![1];
    const edit = await html(person, `/antrag/${id}/haushalt/${memberId}`);
    // The name sits in a <bdi> (isolated for right-to-left pages): the heading's text without tags.
    const heading = visibleText(/<h1[^>]*>(.*?)<\/h1>/s.exec(edit)?.[1] ?? "").trim();
    expect(heading).toBe(member.titleEdit.replace("{{name}}", "Elif Yılmaz"));
    expect(/<title>([^<]*)<\/title>/.exec(edit)?.[1]).toContain(member.titleEdit.replace("{{name}}", "Elif Yılmaz"));
    expect(visibleText(edit)).not.toContain(member.titleNew);
    expect(/<button[^>]*type="submit"[^>]*class="button"[^>]*>([^<]*)<\/button>/.exec(edit)?.[1]).toBe(member.submitEdit);
  });
});
