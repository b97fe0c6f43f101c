import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, otpauthUri, totpCounter, verifyTotp } from "./totp";

// RFC 6238 appendix B (SHA-1 secret "12345678901234567890"), last six of the eight digits.
const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: Array<[number, string]> = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_VECTORS)("at %i s the code is %s", (seconds, code) => {
    expect(hotp(RFC_SECRET, totpCounter(seconds * 1000))).toBe(code);
  });

  it("HOTP matches RFC 4226 appendix D", () => {
    expect([0, 1, 2, 9].map((c) => hotp(RFC_SECRET, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("accepts the current step and one either side, refuses older ones and reuse", () => {
    const t = 1_700_000_000_000;
    const now = totpCounter(t);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now), t)).toBe(now);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now - 1), t)).toBe(now - 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now + 1), t)).toBe(now + 1);
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now - 2), t)).toBeNull();
    expect(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, now), t, now)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "12345", t)).toBeNull();
    expect(verifyTotp(RFC_SECRET, "abcdef", t)).toBeNull();
    const spaced = hotp(RFC_SECRET, now).replace(/^(\d{3})/, "$1 ");
    expect(verifyTotp(RFC_SECRET, spaced, t)).toBe(now);
  });

  it("base32 round-trips and reads RFC 4648 test vectors", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI======")?.toString()).toBe("foobar");
    expect(base32Decode("mzxw 6ytb oi")?.toString()).toBe("foobar");
    expect(base32Decode("not base32!")).toBeNull();
    expect(base32Decode(base32Encode(RFC_SECRET))).toEqual(RFC_SECRET);
  });

  it("builds an otpauth URI authenticator apps read", () => {
    const uri = otpauthUri({ issuer: "Jobcenter Kreis Heinsberg", account: "a.b@example.org", secret: RFC_SECRET });
    expect(uri).toBe("otpauth://totp/Jobcenter%20Kreis%20Heinsberg%3Aa.b%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Jobcenter+Kreis+Heinsberg&algorithm=SHA1&digits=6&period=30");
  });
});
