import { describe, expect, it } from "vitest";
import { loggablePath } from "./log.server";

describe("loggablePath", () => {
  it("drops the query string and replaces ids and tokens, keeping readable route names", () => {
    expect(loggablePath("/api/v1/eligibility-checks?x=1")).toBe("/api/v1/eligibility-checks");
    expect(loggablePath("/passwort-neu?token=abc")).toBe("/passwort-neu");
    expect(loggablePath("/termine/3f2a9c1e-7b44-4c1e-9a7d-2b1f0c9e8d7a")).toBe("/termine/:id");
    expect(loggablePath("/konto/dokumente/4kX9vQ2mZ8pL1rT7yB3nC6")).toBe("/konto/dokumente/:id");
    expect(loggablePath("/standorte/hueckelhoven-wassenberg")).toBe("/standorte/hueckelhoven-wassenberg");
  });
});
