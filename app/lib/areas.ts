/** The staff inbox (/backoffice): German only, its own header, its own sign-in. */
export function isStaffArea(pathname: string): boolean {
  return pathname === "/backoffice" || pathname.startsWith("/backoffice/");
}
