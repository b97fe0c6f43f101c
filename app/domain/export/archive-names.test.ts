import { describe, expect, it } from "vitest";
import { numberedFileName, portableFileName } from "./archive-names";

describe("portable file names in the e-file archive", () => {
  it("keeps an ordinary name and its script", () => {
    expect(portableFileName("Mietvertrag 2026.pdf")).toBe("Mietvertrag 2026.pdf");
    expect(portableFileName("Kontoauszug Müller.PDF")).toBe("Kontoauszug Müller.pdf");
    expect(portableFileName("جواز السفر.jpg")).toBe("جواز السفر.jpg");
  });

  it("removes path separators, parent references and characters Windows refuses", () => {
    expect(portableFileName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(portableFileName("..\\..\\win.ini")).toBe("_.._win.ini");
    expect(portableFileName('a:b*c?d"e<f>g|h.pdf')).toBe("a_b_c_d_e_f_g_h.pdf");
    expect(portableFileName("Bescheid\u0000\u202e\nneu.pdf")).toBe("Bescheidneu.pdf");
  });

  it("never gives an empty, hidden or reserved name", () => {
    expect(portableFileName("")).toBe("Dokument");
    expect(portableFileName(".pdf")).toBe("Dokument.pdf");
    expect(portableFileName("...")).toBe("Dokument");
    expect(portableFileName(" .versteckt.jpg ")).toBe("versteckt.jpg");
    expect(portableFileName("CON.pdf")).toBe("_CON.pdf");
    expect(portableFileName("nul")).toBe("_nul");
  });

  it("cuts long names to 80 characters before the extension and decomposed umlauts are composed", () => {
    const long = portableFileName(`${"x".repeat(300)}.jpg`);
    expect(long).toBe(`${"x".repeat(80)}.jpg`);
    expect(portableFileName("Mu\u0308ller.pdf")).toBe("M\u00fcller.pdf");
  });

  it("numbers names so two files called the same stay apart", () => {
    expect(numberedFileName(3, "scan.pdf")).toBe("03_scan.pdf");
    expect(numberedFileName(3, "scan.pdf")).not.toBe(numberedFileName(4, "scan.pdf"));
    expect(numberedFileName(12, "a/b.jpg", 3)).toBe("012_a_b.jpg");
  });
});
