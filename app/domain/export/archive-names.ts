// File names inside an e-file archive (decision 041). The names come from the person's device
// and may carry anything: path separators, "..", control characters, characters Windows refuses,
// names reserved on Windows, trailing dots, a 200-character name. An archive entry must unpack to
// exactly one plain file in its folder on Windows, macOS and Linux, so the name is cut down to a
// portable one; the original name stays in the manifest.

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_BASE = 80;

/**
 * A portable file name: NFC, no control or format characters, no `/ \ : * ? " < > |`, no
 * leading/trailing dots or spaces, not a Windows device name, base at most 80 characters, the
 * extension (1–8 letters or digits) kept and lower-cased. Never empty ("Dokument").
 */
export function portableFileName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/[/\\:*?"<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim();
  const match = /^(.*?)(?:\.([A-Za-z0-9]{1,8}))?$/.exec(cleaned);
  let base = (match?.[1] ?? cleaned).replace(/^[.\s]+|[.\s]+$/g, "");
  const extension = match?.[2]?.toLowerCase() ?? "";
  if (!base || WINDOWS_RESERVED.test(base)) base = base ? `_${base}` : "Dokument";
  base =
    Array.from(base)
      .slice(0, MAX_BASE)
      .join("")
      .replace(/[.\s]+$/, "") || "Dokument";
  return extension ? `${base}.${extension}` : base;
}

/** `portableFileName` with a running number in front ("03_Mietvertrag.pdf"), so names never collide. */
export function numberedFileName(index: number, name: string, width = 2): string {
  return `${String(index).padStart(width, "0")}_${portableFileName(name)}`;
}
