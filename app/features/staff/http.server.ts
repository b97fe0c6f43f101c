import { createCookie, redirect } from "@remix-run/node";
import { staffMay, type StaffPermission } from "~/domain/staff/roles";
import { isProduction } from "~/platform/config/env.server";
import { endStaffSession, staffBySessionToken, type StaffInfo } from "./staff.server";

// The staff inbox's HTTP edge: the session cookie (Path=/backoffice, SameSite=Strict; see
// docs/decisions) and the guards loaders and actions use. The session service takes tokens.

const staffCookie = createCookie("staff_sid", {
  path: "/backoffice",
  sameSite: "strict",
  httpOnly: true,
  get secure() {
    return isProduction();
  },
});

/** The Set-Cookie value that carries a new session's token. */
export function staffSessionCookie(token: string): Promise<string> {
  return staffCookie.serialize(token);
}

/** The signed-in staff member of this request, or null. */
export async function getStaff(request: Request): Promise<StaffInfo | null> {
  return staffBySessionToken(await staffCookie.parse(request.headers.get("Cookie")));
}

/** Staff pages: signed in (else to the staff sign-in) and, when given, allowed to (else 403). */
export async function requireStaff(request: Request, permission?: StaffPermission): Promise<StaffInfo> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    throw redirect(`/backoffice/anmelden?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (permission && !staffMay(staff.roles, permission)) throw new Response("Forbidden", { status: 403 });
  return staff;
}

/** Signs out; returns the Set-Cookie value that clears the staff cookie. */
export async function signOutStaff(request: Request): Promise<string> {
  await endStaffSession(await staffCookie.parse(request.headers.get("Cookie")));
  return staffCookie.serialize("", { maxAge: 0 });
}

/** Only paths inside the inbox are followed after sign-in. */
export function staffRedirect(to: FormDataEntryValue | string | null | undefined): string {
  return typeof to === "string" && /^\/backoffice(\/|$|\?)/.test(to) && !to.includes("//") ? to : "/backoffice";
}

// The keyboard shortcuts of the application page can be turned off (decision 038): a cookie
// holding only "aus" (no personal data, nothing to identify the staff member), path /backoffice.
const shortcutsCookie = createCookie("bo_tastenkuerzel", {
  path: "/backoffice",
  sameSite: "strict",
  httpOnly: true,
  maxAge: 365 * 86_400,
  get secure() {
    return isProduction();
  },
});

/** Whether this browser has the shortcuts on (the default). */
export async function shortcutsEnabled(request: Request): Promise<boolean> {
  return (await shortcutsCookie.parse(request.headers.get("Cookie"))) !== "aus";
}

/** The Set-Cookie value that turns the shortcuts on or off. */
export function shortcutsSetting(on: boolean): Promise<string> {
  return on ? shortcutsCookie.serialize("", { maxAge: 0 }) : shortcutsCookie.serialize("aus");
}
