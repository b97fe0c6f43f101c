import { describe, expect, it } from "vitest";
import { parseRoles, permissionsOf, staffMay } from "./roles";

describe("staff roles", () => {
  it("gives each role its work and nothing else", () => {
    expect(staffMay(["leistung"], "applications:write")).toBe(true);
    expect(staffMay(["leistung"], "cases:write")).toBe(false);
    expect(staffMay(["integration"], "cases:write")).toBe(true);
    expect(staffMay(["integration"], "applications:write")).toBe(false);
    expect(staffMay(["standortleitung"], "appointments:write")).toBe(true);
    expect(staffMay(["standortleitung"], "applications:write")).toBe(false);
    expect(permissionsOf(["leistung", "integration"])).toEqual(["applications:read", "applications:write", "cases:write"]);
  });

  it("parses a comma list and names an unknown role", () => {
    expect(parseRoles(" Leistung, integration,leistung")).toEqual(["leistung", "integration"]);
    expect(() => parseRoles("leistung,chef")).toThrow('unknown role "chef"');
    expect(() => parseRoles("")).toThrow("no role given");
  });
});
