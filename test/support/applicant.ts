import { expect } from "vitest";
import { Browserish, visibleText, type TestServer } from "./server";
import { linkIn, type TestSmtp } from "./smtp";

// An applicant as the tests drive them: a cookie-keeping client with its own IP (rate limits
// count per IP), signed up and confirmed through the real pages and the real SMTP server.

let ipCounter = 0;

export class Person extends Browserish {
  readonly ip = `10.40.${Math.floor(++ipCounter / 200)}.${(ipCounter % 200) + 1}`;

  override async get(pathname: string, init: RequestInit = {}): Promise<Response> {
    return super.get(pathname, { ...init, headers: { "X-Forwarded-For": this.ip, ...(init.headers as Record<string, string>) } });
  }

  /** Posts a form with the CSRF token from `csrfFrom` (default: the page itself). */
  async send(pathname: string, fields: Record<string, string | string[]>, csrfFrom = pathname): Promise<Response> {
    const body = new URLSearchParams({ _csrf: await this.csrf(csrfFrom) });
    // A list is sent as one field several times (checkboxes of one name).
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, "Content-Type": "application/x-www-form-urlencoded", Origin: this.base, "X-Forwarded-For": this.ip },
    });
    this.jar.store(response);
    return response;
  }

  /** A multipart form post with one file in `fileField` (CSRF field first, as the page renders it). */
  async upload(pathname: string, fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Buffer }): Promise<Response> {
    const form = new FormData();
    form.append("_csrf", await this.csrf(pathname));
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, "X-Forwarded-For": this.ip, Origin: this.base },
    });
    this.jar.store(response);
    return response;
  }

  /** The no-JavaScript upload of the Antrag: the CSRF token first, then the checklist item, then the files. */
  async uploadItem(pathname: string, item: string, files: Array<{ name: string; type: string; bytes: Uint8Array }>, csrfFrom = pathname): Promise<Response> {
    const form = new FormData();
    form.append("_csrf", await this.csrf(csrfFrom));
    form.append("item", item);
    for (const f of files) form.append("files", new Blob([Buffer.from(f.bytes)], { type: f.type }), f.name);
    const response = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: this.jar.header(), "Accept-Language": this.language, "X-Forwarded-For": this.ip, Origin: this.base },
    });
    this.jar.store(response);
    return response;
  }

  async text(pathname: string): Promise<string> {
    const response = await this.get(pathname);
    expect(response.status, pathname).toBe(200);
    return visibleText(await response.text());
  }
}

let emailCounter = 0;

/** A new account, confirmed by the link in its mail, signed in. */
export async function signedIn(server: TestServer, smtp: TestSmtp, language: string): Promise<{ person: Person; email: string; password: string }> {
  const person = new Person(server.url, language);
  const email = `antrag.${++emailCounter}.${Date.now().toString(36)}@beispiel.example`;
  const password = `Tulpe Kanu Nebel ${Math.random().toString(36).slice(2, 8)}`;
  expect((await person.send("/registrieren", { email, password })).status).toBe(302);
  const mail = await smtp.waitFor(email, (m) => m.text.includes("/email-bestaetigen?token="));
  const link = new URL(linkIn(mail, "/email-bestaetigen"));
  await person.get(link.pathname + link.search);
  const response = await person.send("/anmelden", { email, password });
  expect(response.status).toBe(302);
  return { person, email, password };
}

/** The application id from the redirect after "apply now". */
export function applicationIdFrom(location: string | null): string {
  const match = /^\/antrag\/([0-9a-f-]{36})\/gesichert$/.exec(location ?? "");
  expect(match, `redirect to ${location}`).not.toBeNull();
  return match![1];
}

/** The details page (Angaben zu jeder Person) of fillAll's applicant: Syrian, with an Aufenthaltserlaubnis, married. */
export const APPLICANT_DETAILS: Record<string, string> = {
  sex: "female",
  birthName: "",
  birthPlace: "Aleppo",
  birthCountry: "Syrien",
  residenceDocument: "residencePermit",
  validUntil: "30.06.2029",
  entryDate: "01.02.2016",
  familyStatus: "married",
  familyStatusSince: "10.06.2022",
  ableToWork: "yes",
  incapacity: "no",
  disabilityRecognised: "no",
  institution: "no",
};

/** fillAll's partner: Ukrainian, with a residence permit for temporary protection (§ 24 AufenthG). */
export const PARTNER_DETAILS: Record<string, string> = {
  sex: "male",
  birthName: "",
  birthPlace: "Charkiw",
  birthCountry: "Ukraine",
  nationality: "166",
  residenceDocument: "temporaryProtection",
  validUntil: "04.03.2029",
  entryDate: "15.03.2022",
  azrNumber: "1234 5678 9012",
  familyStatus: "married",
  familyStatusSince: "10.06.2022",
  ableToWork: "yes",
  incapacity: "no",
  disabilityRecognised: "no",
  institution: "no",
};

/** Answers every section of the application: a couple in Wegberg, the partner earns 520 €. */
export async function fillAll(person: Person, id: string): Promise<void> {
  const at = (p: string) => `/antrag/${id}${p}`;
  const expectRedirect = async (response: Response, to?: string) => {
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ""),
    ).toBe(302);
    if (to) expect(response.headers.get("location")).toBe(to);
  };
  await expectRedirect(
    await person.send(at("/person"), {
      firstName: "مريم",
      lastName: "حداد",
      birthDate: "15.03.2003",
      nationality: "syrisch",
      street: "Hauptstraße 12",
      postalCode: "41844",
      municipality: "Wegberg",
      phone: "02434 123456",
      priorBenefits: "no",
    }),
    at(""),
  );
  await expectRedirect(
    await person.send(at("/haushalt/neu"), { relationship: "spouse", firstName: "Oleksandr", lastName: "Kovalenko", birthDate: "1995-01-20", priorBenefits: "yes" }),
    at("/haushalt"),
  );
  await expectRedirect(await person.send(at("/haushalt"), { intent: "confirm", confirmed: "1" }), at(""));
  await expectRedirect(await person.send(at("/angaben/p1"), APPLICANT_DETAILS), at("/angaben/p2"));
  await expectRedirect(await person.send(at("/angaben/p2"), PARTNER_DETAILS), at(""));
  await expectRedirect(await person.send(at("/wohnung"), { kind: "rent", coldRent: "450,50", utilities: "120", heating: "85", size: "62" }), at(""));
  await expectRedirect(await person.send(at("/einkommen/p1"), { hasIncome: "no" }), at("/einkommen/p2"));
  await expectRedirect(await person.send(at("/einkommen/p2"), { hasIncome: "yes", employment: "520" }), at(""));
  await expectRedirect(await person.send(at("/lage"), { items: "none" }), at(""));
  await expectRedirect(await person.send(at("/konto"), { accountHolder: "Maryam Haddad", iban: "de89 3704 0044 0532 0130 00" }), at(""));
}

/**
 * Answers the details page (Angaben zu jeder Person) of each of `ids` with one payload that fits
 * everyone: what does not apply to a person (residence of a German, Familienstand of a child) is
 * not read. Members are German unless `answers` says otherwise.
 */
export async function answerDetails(person: Person, id: string, ids: readonly string[], answers: Record<string, string> = {}): Promise<void> {
  for (const memberId of ids) {
    const response = await person.send(`/antrag/${id}/angaben/${memberId}`, { ...APPLICANT_DETAILS, nationality: "000", familyStatus: "single", familyStatusSince: "", ...answers });
    expect(response.status, `details of ${memberId}: ${await response.clone().text()}`).toBe(302);
  }
}

/** Signs up, applies, answers everything and submits; returns the application's id. */
export async function submittedApplication(server: TestServer, smtp: TestSmtp, language = "de"): Promise<{ person: Person; id: string }> {
  const { person } = await signedIn(server, smtp, language);
  const id = applicationIdFrom((await person.send("/antrag", {})).headers.get("location"));
  await fillAll(person, id);
  expect((await person.send(`/antrag/${id}/pruefen`, { declaration: "1" })).status).toBe(302);
  return { person, id };
}
