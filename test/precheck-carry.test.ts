import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visibleText, type TestServer } from "./support/server";
import { startTestServer } from "./support/server";
import { applicationIdFrom, signedIn as signedInAs, type Person } from "./support/applicant";
import { startTestSmtp, type TestSmtp } from "./support/smtp";

// Issue 12, item 9: what the pre-check knows (household, ages, rent, heating, income) is carried
// into the Antrag when she starts it from the pre-check result with "use my answers" — and only
// then. Real server, SQLite and (TEST_DB_KIND=postgres) PostgreSQL.
let smtp: TestSmtp;
let server: TestServer;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: "https://portal.example" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

/** Posts a pre-check page as a browser without JavaScript; returns where it redirects. */
async function step(person: Person, path: string, fields: Record<string, string>): Promise<string> {
  const response = await person.send(path, fields, path);
  expect(response.status, path).toBe(302);
  return response.headers.get("location")!;
}

/** The pre-check as a single mother (34) with two children (4 and 7): rent 450, heating 80, job 720. Returns the number of submits. */
async function precheckSingleMother(person: Person): Promise<number> {
  let submits = 0;
  const go = async (path: string, fields: Record<string, string>) => {
    submits += 1;
    return step(person, path, fields);
  };
  await go("/vorabcheck?index", { concern: "first-application" });
  await go("/vorabcheck/person/neu", { age: "34" });
  await go("/vorabcheck/person/p1/lage", { work: "able", pregnant: "no", residence: "german", education: "none" });
  await go("/vorabcheck/person/p1/einkommen", { employmentGross: "720", employmentNet: "720" });
  for (const age of ["4", "7"]) {
    const add = await go("/vorabcheck/haushalt", { intent: "add", role: "child" });
    const lage = await go(add, { role: "child", age });
    const einkommen = await go(lage, {});
    await go(einkommen, { childBenefit: "255" });
  }
  await go("/vorabcheck/haushalt", { intent: "continue" });
  await go("/vorabcheck/wohnung", { grossColdRent: "450", heating: "80", hotWater: "central" });
  await go("/vorabcheck/vermoegen", { assets: "0", longReceipt: "no" });
  return submits;
}

async function html(person: Person, path: string): Promise<string> {
  const response = await person.get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The value attribute of the input named `name` in the page (empty when it has none). */
function inputValue(page: string, name: string): string {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(page)?.[0];
  expect(tag, name).toBeTruthy();
  return /value="([^"]*)"/.exec(tag!)?.[1] ?? "";
}

function checkedValue(page: string, name: string): string | null {
  const tags = page.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`, "g")) ?? [];
  const checked = tags.find((t) => / checked/.test(t));
  return checked ? (/value="([^"]*)"/.exec(checked)?.[1] ?? null) : null;
}

describe("carrying the pre-check into the Antrag", () => {
  it("pre-fills household, housing and income when she starts from the result with her answers, and she can change them", async () => {
    const { person } = await signedInAs(server, smtp, "de");
    const precheckSubmits = await precheckSingleMother(person);
    expect(precheckSubmits).toBe(15);
    const result = await html(person, "/vorabcheck/ergebnis");
    expect(result).toContain('href="/antrag?vorabcheck=1"');
    expect(visibleText(result)).toContain("Antrag mit meinen Antworten stellen");

    const start = await person.text("/antrag?vorabcheck=1");
    expect(start).toContain("Ihre Antworten aus dem Vorab-Check");
    const started = await person.send("/antrag", { fromPrecheck: "1" }, "/antrag?vorabcheck=1");
    expect(started.status).toBe(302);
    // The pre-check cookie is not needed any more: it is cleared.
    expect(started.headers.get("set-cookie") ?? "").toMatch(/precheck=;/);
    const id = applicationIdFrom(started.headers.get("location"));

    // Household: the three people, each marked as taken from the pre-check.
    const household = visibleText(await html(person, `/antrag/${id}/haushalt`));
    expect(household).toContain("Aus Ihrem Vorab-Check – bitte prüfen");
    expect(household).toContain("Sie: 34 Jahre");
    expect(household).toContain("Alter laut Vorab-Check: 4");
    expect(household).toContain("Alter laut Vorab-Check: 7");
    expect(household.match(/Angaben fehlen/g)?.length).toBe(2); // she still gives names and exact birth dates

    // Housing: rent and heating pre-filled, marked.
    const housing = await html(person, `/antrag/${id}/wohnung`);
    expect(visibleText(housing)).toContain("Aus Ihrem Vorab-Check – bitte prüfen");
    expect(checkedValue(housing, "kind")).toBe("rent");
    expect(inputValue(housing, "coldRent")).toBe("450");
    expect(inputValue(housing, "heating")).toBe("80");

    // Income: the mother's job 720 €, the children's Kindergeld.
    const mother = await html(person, `/antrag/${id}/einkommen/p1`);
    expect(visibleText(mother)).toContain("Aus Ihrem Vorab-Check – bitte prüfen");
    expect(checkedValue(mother, "hasIncome")).toBe("yes");
    expect(inputValue(mother, "employment")).toBe("720");
    const child = await html(person, `/antrag/${id}/einkommen/p2`);
    expect(inputValue(child, "childBenefit")).toBe("255");
    expect(inputValue(child, "employment")).toBe("");

    // She changes the rent: her answer stays, the mark goes.
    expect((await person.send(`/antrag/${id}/wohnung`, { kind: "rent", coldRent: "380", utilities: "70", heating: "80", size: "" })).status).toBe(302);
    const changed = await html(person, `/antrag/${id}/wohnung`);
    expect(inputValue(changed, "coldRent")).toBe("380");
    expect(visibleText(changed)).not.toContain("Aus Ihrem Vorab-Check – bitte prüfen");

    // Taking the pre-check over again (a new pre-check, the same draft) does not overwrite her answer.
    await precheckSingleMother(person);
    expect((await person.send("/antrag", { fromPrecheck: "1" }, "/antrag?vorabcheck=1")).status).toBe(302);
    expect(inputValue(await html(person, `/antrag/${id}/wohnung`), "coldRent")).toBe("380");
    expect(visibleText(await html(person, `/antrag/${id}/haushalt`)).match(/Angaben fehlen/g)?.length).toBe(2); // no doubled children
  });

  it("completing the carried children leads from one to the next, then back to the household (issue 12: fewer screens)", async () => {
    const { person } = await signedInAs(server, smtp, "de");
    await precheckSingleMother(person);
    const id = applicationIdFrom((await person.send("/antrag", { fromPrecheck: "1" }, "/antrag?vorabcheck=1")).headers.get("location"));
    const first = await person.send(`/antrag/${id}/haushalt/p2`, { relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "10.03.2022", priorBenefits: "no" });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`/antrag/${id}/haushalt/p3`);
    const second = await person.send(`/antrag/${id}/haushalt/p3`, { relationship: "child", firstName: "Sami", lastName: "Haddad", birthDate: "20.06.2019", priorBenefits: "no" });
    expect(second.headers.get("location")).toBe(`/antrag/${id}/haushalt`);
    // Changing a complete member, or adding one, goes back to the list as before.
    expect(
      (await person.send(`/antrag/${id}/haushalt/p2`, { relationship: "child", firstName: "Lina", lastName: "Haddad", birthDate: "10.03.2022", priorBenefits: "no" })).headers.get("location"),
    ).toBe(`/antrag/${id}/haushalt`);
  });

  it("pre-fills nothing when she starts the Antrag without choosing her pre-check answers", async () => {
    const { person } = await signedInAs(server, smtp, "de");
    await precheckSingleMother(person);
    const started = await person.send("/antrag", {});
    const id = applicationIdFrom(started.headers.get("location"));
    const housing = await html(person, `/antrag/${id}/wohnung`);
    expect(inputValue(housing, "coldRent")).toBe("");
    expect(visibleText(housing)).not.toContain("Aus Ihrem Vorab-Check");
    expect(inputValue(await html(person, `/antrag/${id}/einkommen/p1`), "employment")).toBe("");
    expect(visibleText(await html(person, `/antrag/${id}/haushalt`))).not.toContain("Alter laut Vorab-Check");
  });

  it("carries nothing without a finished pre-check, even when asked", async () => {
    const { person } = await signedInAs(server, smtp, "de");
    const started = await person.send("/antrag", { fromPrecheck: "1" });
    expect(started.status).toBe(302);
    const id = applicationIdFrom(started.headers.get("location"));
    expect(inputValue(await html(person, `/antrag/${id}/wohnung`), "coldRent")).toBe("");
  });
});
