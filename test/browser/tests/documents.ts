// Documents of the online application in a real browser WITHOUT JavaScript: the plain multipart
// form uploads a PDF that is then listed; a wrong file gets an error summary and keeps the PDF;
// the page with the file list and with the error is axe-clean in German and Arabic.
import { PDFDocument } from "pdf-lib";
import type { APIRequestContext, Page } from "playwright-core";
import { axeViolations, formatViolation, waitForHydration } from "../checks";
import { signUp } from "../flows";
import type { BrowserTest, TestEnv } from "../types";

async function postForm(request: APIRequestContext, base: string, path: string, fields: Record<string, string>): Promise<string> {
  const html = await (await request.get(`${base}${path}`)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  const response = await request.post(`${base}${path}`, { form: { _csrf: token, ...fields }, headers: { Origin: base }, maxRedirects: 0 });
  if (response.status() !== 302) throw new Error(`POST ${path} answered ${response.status()}`);
  return response.headers().location ?? "";
}

async function axeClean(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`axe on ${what}:\n${violations.map(formatViolation).join("\n")}`);
}

export default function documentsTests(env: TestEnv): BrowserTest[] {
  return [
    {
      name: "documents: without JavaScript a PDF is uploaded in the Antrag and listed; a wrong file is refused clearly",
      timeout: 90_000,
      fn: async () => {
        const context = await env.newContext({ javaScriptEnabled: false });
        const page = await context.newPage();
        await signUp(page, env.base, { dataDir: env.server.dataDir });
        env.log("signed up");
        const location = await postForm(context.request, env.base, "/antrag", {});
        const id = /\/antrag\/([^/]+)\/gesichert/.exec(location)?.[1];
        if (!id) throw new Error(`"apply now" redirected to ${location}`);
        await postForm(context.request, env.base, `/antrag/${id}/person`, {
          firstName: "Ayşe",
          lastName: "Yılmaz",
          birthDate: "30.04.1990",
          nationality: "türkisch",
          street: "Hauptstraße 1",
          postalCode: "41844",
          municipality: "Wegberg",
          phone: "",
          priorBenefits: "no",
        });
        await postForm(context.request, env.base, `/antrag/${id}/wohnung`, { kind: "rent", coldRent: "400", utilities: "100", heating: "60", size: "" });

        env.log(`application ${id}`);
        const doc = await PDFDocument.create();
        doc.addPage([200, 200]);
        const pdf = Buffer.from(await doc.save());

        await page.goto(`${env.base}/antrag/${id}/unterlagen?lng=de`);
        const form = page.locator('main form:has(input[name="item"][value="identity.p1"])');
        // Phones: a field that opens the camera directly, beside the one that lets people choose files.
        if ((await form.locator('input[type="file"][capture="environment"][accept="image/*"]').count()) !== 1) throw new Error("no camera field (capture) in the upload form");
        await form.locator("#file-identity-p1").setInputFiles({ name: "Personalausweis.pdf", mimeType: "application/pdf", buffer: pdf });
        await Promise.all([page.waitForLoadState("load"), form.locator('button[type="submit"]').click()]);
        await page.waitForLoadState("load");
        const section = page.locator('main section:has(input[name="item"][value="identity.p1"])');
        const listed =
          (await section
            .locator(".file-list")
            .textContent()
            .catch(() => "")) ?? "";
        if (!listed.includes("Personalausweis.pdf")) throw new Error(`the uploaded PDF is not listed under its item (list: ${JSON.stringify(listed)})`);
        const status =
          (await page
            .locator("main .panel-success")
            .textContent({ timeout: 5_000 })
            .catch(() => "")) ?? "";
        if (!status.includes("Personalausweis.pdf")) throw new Error(`no confirmation naming the file: ${JSON.stringify(status)}`);
        env.log("uploaded without JavaScript");

        // A text file named .pdf: refused with an error summary naming it; the PDF stays.
        const rent = page.locator('main form:has(input[name="item"][value="rent-contract"])');
        await rent.locator("#file-rent-contract").setInputFiles({ name: "mietvertrag.pdf", mimeType: "application/pdf", buffer: Buffer.from("kein PDF\n".repeat(50)) });
        await Promise.all([page.waitForLoadState("load"), rent.locator('button[type="submit"]').click()]);
        await page.waitForLoadState("load");
        const summary =
          (await page
            .locator(".error-summary")
            .textContent({ timeout: 5_000 })
            .catch(() => "")) ?? "";
        if (!summary.includes("„mietvertrag.pdf“ ist kein Foto")) throw new Error(`no clear error for the wrong file: ${JSON.stringify(summary)}`);
        const href = await page.locator(".error-summary a").first().getAttribute("href", { timeout: 5_000 });
        if (href !== "#file-rent-contract") throw new Error(`the error summary links to ${href}, not to the file field`);
        if (!((await page.locator("main").textContent()) ?? "").includes("Personalausweis.pdf")) throw new Error("the PDF uploaded before is no longer listed after the error");

        // Accessibility of the states (axe needs JavaScript in the page): the same person, with JavaScript.
        const withJs = await env.newContext();
        await withJs.addCookies((await context.cookies()).filter((c) => c.name !== "lng"));
        const jsPage = await withJs.newPage();
        await jsPage.goto(`${env.base}/antrag/${id}/unterlagen?lng=de`);
        await axeClean(jsPage, "/unterlagen with an uploaded file (de)");
        const jsRent = jsPage.locator('main form:has(input[name="item"][value="rent-contract"])');
        await jsRent.locator("#file-rent-contract").setInputFiles({ name: "mietvertrag.pdf", mimeType: "application/pdf", buffer: Buffer.from("kein PDF\n".repeat(50)) });
        await jsRent.locator('button[type="submit"]').click();
        await jsRent.locator('[role="status"] .field-error').waitFor({ timeout: 10_000 });
        const jsError = (await jsRent.locator('[role="status"]').textContent()) ?? "";
        if (!jsError.includes("„mietvertrag.pdf“ ist kein Foto")) throw new Error(`with JavaScript, no clear error for the wrong file: ${JSON.stringify(jsError)}`);
        await axeClean(jsPage, "/unterlagen with an upload error (de)");
        await jsPage.goto(`${env.base}/antrag/${id}/unterlagen?lng=ar`);
        if ((await jsPage.locator("html").getAttribute("dir")) !== "rtl") throw new Error("the Arabic page is not right-to-left");
        await axeClean(jsPage, "/unterlagen with an uploaded file (ar)");

        // Removing it before submission (without JavaScript).
        await page.goto(`${env.base}/antrag/${id}/unterlagen?lng=de`);
        await Promise.all([page.waitForLoadState("load"), section.locator('button[type="submit"]').filter({ hasText: "Entfernen" }).first().click()]);
        await page.waitForLoadState("load");
        if ((await section.locator(".file-list").count()) !== 0) throw new Error("the removed file is still listed");
      },
    },
    {
      name: "documents: with JavaScript files go up in resumable chunks with progress and are listed",
      timeout: 90_000,
      fn: async () => {
        const context = await env.newContext();
        const page = await context.newPage();
        await signUp(page, env.base, { dataDir: env.server.dataDir });
        const location = await postForm(context.request, env.base, "/antrag", {});
        const id = /\/antrag\/([^/]+)\/gesichert/.exec(location)?.[1];
        if (!id) throw new Error(`"apply now" redirected to ${location}`);
        await postForm(context.request, env.base, `/antrag/${id}/person`, {
          firstName: "Олена",
          lastName: "Коваленко",
          birthDate: "30.04.1990",
          nationality: "ukrainisch",
          street: "Hauptstraße 1",
          postalCode: "41844",
          municipality: "Wegberg",
          phone: "",
          priorBenefits: "no",
        });
        const patches: string[] = [];
        page.on("request", (r) => {
          if (r.method() === "PATCH" && r.url().includes("/unterlagen/hochladen")) patches.push(r.url());
        });
        await page.goto(`${env.base}/antrag/${id}/unterlagen?lng=uk`);
        await waitForHydration(page);
        const doc = await PDFDocument.create();
        doc.addPage([200, 200]);
        const pdf = Buffer.from(await doc.save());
        const form = page.locator('main form:has(input[name="item"][value="identity.p1"])');
        await form.locator("#file-identity-p1").setInputFiles([
          { name: "паспорт.pdf", mimeType: "application/pdf", buffer: pdf },
          { name: "лист.pdf", mimeType: "application/pdf", buffer: Buffer.from("не PDF\n".repeat(40)) },
        ]);
        await form.locator('button[type="submit"]').first().click();
        const section = page.locator('main section:has(input[name="item"][value="identity.p1"])');
        await section.locator(".file-list li").filter({ hasText: "паспорт.pdf" }).first().waitFor({ timeout: 20_000 });
        const progress = (await form.locator('[role="status"]').textContent()) ?? "";
        if (!progress.includes("паспорт.pdf: завантажено")) throw new Error(`no per-file progress for the PDF: ${JSON.stringify(progress)}`);
        if (!progress.includes("«лист.pdf»")) throw new Error(`no per-file error naming the wrong file: ${JSON.stringify(progress)}`);
        if (patches.length === 0) throw new Error("the files were not sent through the resumable endpoint");
        if (new URL(page.url()).pathname !== `/antrag/${id}/unterlagen`) throw new Error(`the page navigated to ${page.url()}`);
        await axeClean(page, "/unterlagen after a resumable upload (uk)");
      },
    },
  ];
}
