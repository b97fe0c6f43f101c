import { expect } from "vitest";
import { base32Decode, hotp, totpCounter } from "../../app/domain/staff/totp";
import { runAdmin } from "./api";
import { Person } from "./applicant";
import type { TestServer } from "./server";

// A staff member as the tests drive them: created with the admin command (as an operator
// would), signed in at /backoffice/anmelden with password and the authenticator's code.

let staffCounter = 0;

export async function signedInStaff(server: TestServer, roles: string, name = `Frau Test ${++staffCounter}`): Promise<Person> {
  const email = `staff.${staffCounter}.${Date.now().toString(36)}@jobcenter.example`;
  const result = await runAdmin(server.env, ["create-staff", "--email", email, "--name", name, "--roles", roles]);
  expect(result.code, result.stderr).toBe(0);
  const password = /^Password: (\S+)$/m.exec(result.stdout)![1];
  const secret = base32Decode(/^TOTP secret: ([A-Z2-7]+)$/m.exec(result.stdout)![1])!;
  const client = new Person(server.url);
  const response = await client.send("/backoffice/anmelden", { email, password, code: hotp(secret, totpCounter(Date.now())) });
  expect(response.status).toBe(302);
  return client;
}
