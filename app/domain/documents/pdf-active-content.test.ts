import { describe, expect, it } from "vitest";
import { activeAnnotation, activeKey, activeStreamType, actionDecision, decodePdfName, isActionDict, trailingBytesAfterEof } from "./pdf-active-content";

describe("what counts as active content in a PDF", () => {
  it("decodes #xx escapes in names, in either case, also when escaped twice", () => {
    expect(decodePdfName("/J#61vaScript")).toBe("JavaScript");
    expect(decodePdfName("#4aavaScript")).toBe("JavaScript");
    expect(decodePdfName("/#234aavaScript")).toBe("JavaScript");
    expect(decodePdfName("/GoTo")).toBe("GoTo");
  });

  it("keys that are removed wherever they occur", () => {
    expect(activeKey("/OpenAction")).toBe("open-action");
    expect(activeKey("AA")).toBe("additional-actions");
    expect(activeKey("/JS")).toBe("javascript");
    expect(activeKey("/JavaScript")).toBe("javascript");
    expect(activeKey("/XFA")).toBe("xfa");
    expect(activeKey("/EmbeddedFiles")).toBe("embedded-file");
    expect(activeKey("/EF")).toBe("embedded-file");
    expect(activeKey("/AF")).toBe("embedded-file");
    expect(activeKey("/RichMediaContent")).toBe("rich-media");
    expect(activeKey("/Open#41ction")).toBe("open-action");
    // What draws the page stays.
    for (const key of ["Type", "Pages", "Kids", "Contents", "Resources", "MediaBox", "Annots", "A", "Dest", "Outlines", "AcroForm", "Names", "Dests", "Info", "Metadata", "StructTreeRoot"]) {
      expect(activeKey(key), key).toBeNull();
    }
  });

  it("actions: only those that stay inside the document are kept; unknown ones go", () => {
    for (const type of ["GoTo", "GoToDp", "Named", "SetOCGState", "Trans", "Hide", "ResetForm"]) expect(actionDecision(type), type).toBeNull();
    expect(actionDecision("/URI")).toBe("uri");
    expect(actionDecision("/#55RI")).toBe("uri");
    expect(actionDecision("SubmitForm")).toBe("submit-form");
    expect(actionDecision("ImportData")).toBe("import-data");
    expect(actionDecision("GoToR")).toBe("remote-go-to");
    expect(actionDecision("GoToE")).toBe("remote-go-to");
    expect(actionDecision("Thread")).toBe("remote-go-to");
    expect(actionDecision("Launch")).toBe("launch");
    expect(actionDecision("JavaScript")).toBe("javascript");
    expect(actionDecision("#4aavaScript")).toBe("javascript");
    expect(actionDecision("RichMediaExecute")).toBe("rich-media");
    expect(actionDecision("Rendition")).toBe("rich-media");
    expect(actionDecision("Sound")).toBe("rich-media");
    expect(actionDecision("Movie")).toBe("rich-media");
    expect(actionDecision("GoTo3DView")).toBe("rich-media");
    expect(actionDecision("Whatever")).toBe("unknown-action");
  });

  it("an /A value is an action when it has /S, and not a structure element's attributes (/O)", () => {
    expect(isActionDict({ S: "GoTo" })).toBe(true);
    expect(isActionDict({ S: "URI", Type: "Action" })).toBe(true);
    expect(isActionDict({ O: "Layout", S: "Whatever" })).toBe(false);
    expect(isActionDict({})).toBe(false);
  });

  it("annotations that play media or carry files go; links, widgets and markup stay", () => {
    expect(activeAnnotation("RichMedia")).toBe("rich-media");
    expect(activeAnnotation("/FileAttachment")).toBe("embedded-file");
    expect(activeAnnotation("Screen")).toBe("rich-media");
    expect(activeAnnotation("Movie")).toBe("rich-media");
    expect(activeAnnotation("Sound")).toBe("rich-media");
    expect(activeAnnotation("3D")).toBe("rich-media");
    for (const subtype of ["Link", "Widget", "Text", "Highlight", "Stamp", "Ink", "Popup", "FreeText", "Square"]) expect(activeAnnotation(subtype), subtype).toBeNull();
    expect(activeStreamType("EmbeddedFile")).toBe("embedded-file");
    expect(activeStreamType("XObject")).toBeNull();
  });

  it("counts what follows the last %%EOF, apart from the end of line", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(trailingBytesAfterEof(bytes("%PDF-1.7\n...\n%%EOF"))).toBe(0);
    expect(trailingBytesAfterEof(bytes("%PDF-1.7\n...\n%%EOF\r\n"))).toBe(0);
    expect(trailingBytesAfterEof(bytes("%PDF-1.7\n%%EOF\n<html></html>\n"))).toBe(14);
    expect(trailingBytesAfterEof(bytes("%PDF-1.7\n%%EOF\nupdate\n%%EOF\n"))).toBe(0);
    expect(trailingBytesAfterEof(bytes("%PDF-1.7 without an end"))).toBe(0);
  });
});
