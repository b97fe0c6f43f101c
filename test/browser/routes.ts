// The pages the browser tests sweep (axe, structure, reflow, console) in every language.
// A guard test (tests/guard.ts) fails when a page route under app/routes is not covered here,
// so a new page cannot be forgotten.
//
// Entry fields:
//   path      the URL (with query if needed); ?lng= is added by the sweep
//   name      short name for reports
//   status    expected HTTP status (default 200)
//   pending   the route is being built: a 404 is accepted for now (logged) and the 404 page
//             is checked instead; once the route exists, everything is checked strictly
//   signedIn  needs a signed-in person: the sweep signs up once first (via /registrieren);
//             skipped with a loud log line while /registrieren does not exist
//   precheck  needs a filled-in Vorabcheck (the sweep walks through it once first)
//   booking   needs an appointment of the signed-in person: "held" (a hold awaiting
//             confirmation), "booked", "missed" or "invitation". The sweep books them once
//             (tests/sweep.ts, bookings()) and replaces the capital placeholder in `path`
//             (HELD, BOOKED, MISSED, INVITATION) with the appointment's id
//   application  needs an online application of the signed-in person: true (a draft), "complete"
//             (every section answered, every Anlage applies and is answered) or "submitted";
//             `:application` in the path is its id
//   cooperationPlan  needs a case linked to the signed-in person with a published Kooperationsplan
//             (tests/cases.ts cooperationPlanFor); TASK in the path becomes a task's id, CASE the case's
//   resetLink the page of a valid "new password" link: ?token=… from the mail the sweep asks
//             for once (opening the link does not use it up)
//   germanOnly  a German-only page (the staff inbox): swept in the German run only
//   staff     needs a signed-in staff account (/backoffice): the sweep creates one with the admin
//             command and signs it in once
//   initialFocus  a selector the page moves focus to on load (e.g. an error summary); the
//             skip-link check is then replaced by a check that focus is there
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./server";

/** One page the sweep visits; the fields are described above. */
export interface RouteEntry {
  path: string;
  name: string;
  status?: number;
  pending?: boolean;
  signedIn?: boolean;
  precheck?: boolean;
  booking?: BookingKind;
  application?: true | "complete" | "submitted";
  cooperationPlan?: boolean;
  resetLink?: boolean;
  germanOnly?: boolean;
  staff?: boolean;
  initialFocus?: string;
}

export type BookingKind = "held" | "booked" | "missed" | "invitation";

/** A page route module under app/routes with the URL pattern it serves. */
export interface PageRouteModule {
  id: string;
  /** Relative to the repository root. */
  file: string;
  pattern: string;
  regex: RegExp;
}

export const STATIC_ROUTES: RouteEntry[] = [
  { path: "/", name: "home" },
  { path: "/standorte", name: "standorte" },
  { path: "/standorte/hueckelhoven-wassenberg", name: "standort hueckelhoven-wassenberg" },
  { path: "/standort-finden", name: "standort-finden" },
  { path: "/standort-finden?ort=Wegberg", name: "standort-finden found (Wegberg)" },
  { path: "/standort-finden?ort=Aachen", name: "standort-finden outside (Aachen)" },
  { path: "/standort-finden?ort=", name: "standort-finden empty (error)", status: 400, initialFocus: ".error-summary" },
  { path: "/barrierefreiheit", name: "barrierefreiheit" },
  { path: "/datenschutz", name: "datenschutz" },
  { path: "/glossar", name: "glossar" },
  // Ombudsstelle (anonymous): information, contact form, reading replies with reference + code.
  { path: "/ombudsstelle", name: "ombudsstelle" },
  { path: "/ombudsstelle/nachricht", name: "ombudsstelle nachricht" },
  { path: "/ombudsstelle/antworten", name: "ombudsstelle antworten" },
  { path: "/diese-seite-gibt-es-nicht", name: "404 page", status: 404 },
  { path: "/standorte/gibt-es-nicht", name: "404 unknown standort", status: 404 },

  // Account pages.
  { path: "/registrieren", name: "registrieren" },
  { path: "/registrieren?status=gesendet", name: "registrieren sent" },
  { path: "/anmelden", name: "anmelden" },
  { path: "/anmelden?redirectTo=/konto", name: "anmelden (session ended)" },
  { path: "/passwort-vergessen", name: "passwort-vergessen" },
  { path: "/passwort-vergessen?status=gesendet", name: "passwort-vergessen sent" },
  { path: "/bestaetigung-anfordern", name: "bestaetigung-anfordern" },
  { path: "/bestaetigung-anfordern?status=gesendet", name: "bestaetigung-anfordern sent" },
  { path: "/passwort-neu?token=ungueltig", name: "passwort-neu (invalid link)" },
  { path: "/passwort-neu", name: "passwort-neu (valid link)", resetLink: true },
  { path: "/email-bestaetigen?status=ungueltig", name: "email-bestaetigen invalid" },
  { path: "/konto/geloescht", name: "konto geloescht" },
  { path: "/konto", name: "konto", signedIn: true },
  { path: "/konto/passwort", name: "konto passwort", signedIn: true },
  { path: "/konto/loeschen", name: "konto loeschen", signedIn: true },
  { path: "/konto/abmelden-ueberall", name: "konto abmelden-ueberall", signedIn: true },
  { path: "/abmelden", name: "abmelden", signedIn: true },
  { path: "/email-bestaetigen?status=bestaetigt", name: "email-bestaetigen confirmed", signedIn: true },

  // Vorabcheck (pre-check). The later steps need the answers of the earlier ones.
  { path: "/vorabcheck", name: "vorabcheck start" },
  { path: "/vorabcheck/andere-stelle", name: "vorabcheck andere-stelle" },
  { path: "/vorabcheck/bereits-im-bezug", name: "vorabcheck bereits-im-bezug" },
  { path: "/vorabcheck/person/p1", name: "vorabcheck person (applicant)", precheck: true },
  { path: "/vorabcheck/person/p1/lage", name: "vorabcheck lage", precheck: true },
  { path: "/vorabcheck/person/p1/einkommen", name: "vorabcheck einkommen", precheck: true },
  { path: "/vorabcheck/person/neu?rolle=child", name: "vorabcheck person (new child)", precheck: true },
  { path: "/vorabcheck/haushalt", name: "vorabcheck haushalt", precheck: true },
  { path: "/vorabcheck/wohnung", name: "vorabcheck wohnung", precheck: true },
  { path: "/vorabcheck/vermoegen", name: "vorabcheck vermoegen", precheck: true },
  { path: "/vorabcheck/pruefen", name: "vorabcheck pruefen", precheck: true },
  { path: "/vorabcheck/ergebnis", name: "vorabcheck ergebnis", precheck: true },

  // Online application (signed in; `application` pages need an application: the sweep starts one).
  { path: "/antrag", name: "antrag start", signedIn: true },
  { path: "/antrag/:application/gesichert", name: "antrag gesichert", signedIn: true, application: true },
  { path: "/antrag/:application", name: "antrag tasks", signedIn: true, application: true },
  { path: "/antrag/:application/person", name: "antrag person", signedIn: true, application: true },
  { path: "/antrag/:application/haushalt", name: "antrag haushalt", signedIn: true, application: true },
  // With a partner and a sister: the list with "change" and "remove" beside each person.
  { path: "/antrag/:application/haushalt", name: "antrag haushalt (with members)", signedIn: true, application: "complete" },
  { path: "/antrag/:application/haushalt/neu", name: "antrag haushalt neu", signedIn: true, application: true },
  { path: "/antrag/:application/angaben/p1", name: "antrag angaben", signedIn: true, application: true },
  { path: "/antrag/:application/wohnung", name: "antrag wohnung", signedIn: true, application: true },
  { path: "/antrag/:application/einkommen/p1", name: "antrag einkommen", signedIn: true, application: true },
  { path: "/antrag/:application/konto", name: "antrag konto", signedIn: true, application: true },
  { path: "/antrag/:application/lage", name: "antrag lage", signedIn: true, application: true },
  { path: "/antrag/:application/vermoegen", name: "antrag vermoegen", signedIn: true, application: true },
  { path: "/antrag/:application/unterhalt", name: "antrag unterhalt", signedIn: true, application: true },
  { path: "/antrag/:application/sozialversicherung/p1", name: "antrag sozialversicherung", signedIn: true, application: true },
  { path: "/antrag/:application/mehrbedarf", name: "antrag mehrbedarf", signedIn: true, application: true },
  { path: "/antrag/:application/selbststaendig/p1", name: "antrag selbststaendig", signedIn: true, application: true },
  { path: "/antrag/:application/partnerschaft", name: "antrag partnerschaft", signedIn: true, application: true },
  { path: "/antrag/:application/haushaltsgemeinschaft", name: "antrag haushaltsgemeinschaft", signedIn: true, application: true },
  { path: "/antrag/:application/pruefen", name: "antrag pruefen", signedIn: true, application: "complete" },
  { path: "/antrag/:application/bestaetigung", name: "antrag bestaetigung", signedIn: true, application: "submitted" },
  { path: "/antrag/:application/unterlagen", name: "antrag unterlagen", signedIn: true, application: "complete" },
  { path: "/antrag/:application/unterlagen", name: "antrag unterlagen (eingereicht)", signedIn: true, application: "submitted" },
  { path: "/antrag/:application/status", name: "antrag status", signedIn: true, application: "submitted" },

  // Appointments (signed in).
  { path: "/termine", name: "termine", signedIn: true },
  { path: "/termine/buchen", name: "termine buchen (concern)", signedIn: true },
  { path: "/termine/buchen/standort?anliegen=antragsabgabe", name: "termine buchen standort", signedIn: true },
  { path: "/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg", name: "termine buchen zeit", signedIn: true },
  { path: "/termine/buchen/zeit?anliegen=antragsabgabe&standort=hueckelhoven-wassenberg&abgelaufen=1", name: "termine buchen zeit (hold expired)", signedIn: true },
  // Pages of one appointment: the sweep books once and puts the id in place of the capital word.
  { path: "/termine/buchen/bestaetigen/HELD", name: "termine buchen bestaetigen (held)", signedIn: true, booking: "held" },
  { path: "/termine/BOOKED?gebucht=1", name: "termin gebucht (confirmation)", signedIn: true, booking: "booked" },
  { path: "/termine/BOOKED", name: "termin detail", signedIn: true, booking: "booked" },
  { path: "/termine/BOOKED/absagen", name: "termin absagen", signedIn: true, booking: "booked" },
  { path: "/termine/MISSED", name: "termin verpasst (second chance)", signedIn: true, booking: "missed" },
  { path: "/termine/MISSED/erklaeren", name: "termin verpasst erklaeren", signedIn: true, booking: "missed" },
  { path: "/termine/einladung/INVITATION", name: "termin einladung", signedIn: true, booking: "invitation" },
  { path: "/termine/00000000-0000-4000-8000-000000000000", name: "termin unknown (404)", signedIn: true, status: 404 },

  // Mein Fall (issue 6). `cooperationPlan`: the sweep links the signed-in person to a case and
  // publishes a plan through the API first (tests/cases.ts); TASK becomes a task's id.
  { path: "/mein-fall/verknuepfen", name: "mein-fall verknuepfen", signedIn: true },
  { path: "/mein-fall", name: "mein-fall (plan)", signedIn: true, cooperationPlan: true },
  { path: "/mein-fall/aufgaben/TASK", name: "mein-fall aufgabe", signedIn: true, cooperationPlan: true },
  { path: "/mein-fall/aufgaben/00000000-0000-4000-8000-000000000000", name: "mein-fall aufgabe unknown (404)", signedIn: true, status: 404 },
  { path: "/abwesenheit", name: "abwesenheit (list)", signedIn: true, cooperationPlan: true },
  { path: "/abwesenheit/neu", name: "abwesenheit neu", signedIn: true, cooperationPlan: true },

  // Staff inbox (German only: swept in the German run). `staff` signs a staff account in first.
  { path: "/backoffice/anmelden", name: "backoffice anmelden", germanOnly: true },
  { path: "/backoffice", name: "backoffice eingang", staff: true, germanOnly: true },
  { path: "/backoffice?seit=gestern", name: "backoffice eingang (bad date)", staff: true, germanOnly: true, initialFocus: ".error-summary" },
  { path: "/backoffice?q=Becker&sortierung=aktenzeichen&mein=1", name: "backoffice eingang (search, sorted, mine)", staff: true, germanOnly: true },
  { path: "/backoffice/fristen", name: "backoffice fristen", staff: true, germanOnly: true },
  { path: "/backoffice/termine?standort=hueckelhoven-wassenberg", name: "backoffice termine", staff: true, germanOnly: true },
  { path: "/backoffice/termine/zeiten?standort=hueckelhoven-wassenberg", name: "backoffice termine zeiten", staff: true, germanOnly: true },
  { path: "/backoffice/termine/MISSED/korrigieren", name: "backoffice termin korrigieren", staff: true, germanOnly: true, booking: "missed" },
  { path: "/backoffice/faelle", name: "backoffice faelle", staff: true, germanOnly: true },
  { path: "/backoffice/abwesenheiten", name: "backoffice abwesenheiten", staff: true, germanOnly: true },
  { path: "/backoffice/faelle/CASE", name: "backoffice fall (plan)", staff: true, germanOnly: true, signedIn: true, cooperationPlan: true },
  { path: "/backoffice/antraege/:application", name: "backoffice antrag", staff: true, germanOnly: true, signedIn: true, application: "submitted" },
];

/** All routes: the static list plus every Standort from GET /api/v1/standorte. */
export async function loadRoutes(baseUrl: string): Promise<RouteEntry[]> {
  const response = await fetch(`${baseUrl}/api/v1/standorte`);
  if (!response.ok) throw new Error(`GET /api/v1/standorte answered ${response.status}`);
  const { items } = (await response.json()) as { items?: Array<{ id: string }> };
  if (!Array.isArray(items) || items.length === 0) throw new Error("GET /api/v1/standorte returned no Standorte");
  const routes = [...STATIC_ROUTES];
  for (const { id } of items) {
    const p = `/standorte/${id}`;
    if (!routes.some((r) => r.path === p))
      routes.splice(
        routes.findIndex((r) => r.path === "/standort-finden"),
        0,
        { path: p, name: `standort ${id}` },
      );
  }
  return routes;
}

// --- Remix flat routes → URL patterns (for the guard) -------------------------------------

/**
 * Page route modules under app/routes: those with a default export (a component). Folders named
 * `x+/` are remix-flat-routes groups: `antrag+/$id.konto.tsx` is the route `antrag.$id.konto`;
 * sibling `*.server.ts` / `*.client.ts` / tests there are not routes.
 */
export function pageRouteModules(routesDir = path.join(ROOT, "app/routes")): PageRouteModule[] {
  const modules: PageRouteModule[] = [];
  const visit = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      let id: string;
      let file: string;
      if (entry.isDirectory() && entry.name.endsWith("+")) {
        visit(path.join(dir, entry.name), `${prefix}${entry.name.slice(0, -1)}.`);
        continue;
      }
      if (entry.isDirectory()) {
        const inner = ["route.tsx", "route.ts", "route.jsx", "route.js"].find((f) => fs.existsSync(path.join(dir, entry.name, f)));
        if (!inner) continue;
        id = prefix + entry.name;
        file = path.join(dir, entry.name, inner);
      } else {
        const match = /^(.*)\.(tsx|ts|jsx|js)$/.exec(entry.name);
        if (!match || /\.(test|spec|server|client)$/.test(match[1])) continue;
        id = prefix + match[1];
        file = path.join(dir, entry.name);
      }
      const source = fs.readFileSync(file, "utf8");
      if (!/export\s+default\b|export\s*\{[^}]*\bas\s+default\b/.test(source)) continue;
      modules.push({ id, file: path.relative(ROOT, file), ...routePattern(id) });
    }
  };
  visit(routesDir, "");
  return modules;
}

/** Splits a flat-route id on dots that are not inside [escapes]. */
function splitSegments(id: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of id) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  return segments;
}

/** `standorte.$standortId` → /standorte/:standortId and a RegExp that matches concrete paths. */
export function routePattern(id: string): { pattern: string; regex: RegExp } {
  const parts: string[] = [];
  let regex = "";
  for (let segment of splitSegments(id)) {
    if (segment === "_index" || segment === "route") continue;
    if (segment.startsWith("_") && !segment.startsWith("[_")) continue; // pathless layout
    if (segment.endsWith("_") && !segment.endsWith("]_")) segment = segment.slice(0, -1); // no layout nesting
    const optional = /^\((.*)\)$/.exec(segment);
    const inner = optional ? optional[1] : segment;
    let piece: string;
    let label: string;
    if (inner === "$") {
      piece = "(?:/.*)?";
      label = "/*";
    } else if (inner.startsWith("$")) {
      piece = "/[^/]+";
      label = `/:${inner.slice(1)}`;
    } else {
      const literal = inner.replace(/\[([^\]]*)\]/g, "$1");
      piece = "/" + literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      label = `/${literal}`;
    }
    regex += optional ? `(?:${piece})?` : piece;
    parts.push(optional ? `/(${label.slice(1)})` : label);
  }
  return { pattern: parts.join("") || "/", regex: new RegExp(`^${regex || ""}/?$`) };
}
