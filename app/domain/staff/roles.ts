// Staff roles of the back-office inbox (/backoffice). What a role may do is said in the API's
// scope names, so the inbox and the API follow one set of rules.

export const STAFF_ROLES = ["leistung", "integration", "standortleitung"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type StaffPermission = "applications:read" | "applications:write" | "appointments:write" | "cases:write";

const PERMISSIONS: Record<StaffRole, readonly StaffPermission[]> = {
  // Leistungsgewährung: receives and processes applications.
  leistung: ["applications:read", "applications:write"],
  // Integration (Fallmanagement): cases and the Kooperationsplan; reads applications for context.
  integration: ["applications:read", "cases:write"],
  // Standortleitung: the Standort's appointment slots; reads applications.
  standortleitung: ["applications:read", "appointments:write"],
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  leistung: "Leistung",
  integration: "Integration",
  standortleitung: "Standortleitung",
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly StaffRole[]): StaffPermission[] {
  return [...new Set(roles.flatMap((role) => PERMISSIONS[role]))].sort();
}

export function staffMay(roles: readonly StaffRole[], permission: StaffPermission): boolean {
  return roles.some((role) => PERMISSIONS[role].includes(permission));
}

/** Parses "leistung,integration"; throws naming the unknown role. */
export function parseRoles(text: string): StaffRole[] {
  const roles = [
    ...new Set(
      text
        .split(",")
        .map((r) => r.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (!roles.length) throw new Error(`no role given (one or more of ${STAFF_ROLES.join(", ")})`);
  for (const role of roles) if (!isStaffRole(role)) throw new Error(`unknown role "${role}" (one or more of ${STAFF_ROLES.join(", ")})`);
  return roles as StaffRole[];
}
