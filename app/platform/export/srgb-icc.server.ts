// A small ICC v2.1 display profile for sRGB (IEC 61966-2-1), written here from the published
// figures rather than copied from a profile file: the PDF/A output intent needs the profile's
// bytes embedded (ISO 19005-2, 6.2.3), and the application PDF draws everything in DeviceRGB.
//
// Matrix/TRC monitor profile ("mntr", RGB → XYZ): the sRGB primaries adapted to the D50 profile
// connection space with the Bradford transform (the figures of the ICC's sRGB notes; their sum is
// D50), the D65 media white point, and the sRGB tone curve as a 1024-entry table (ICC v2 knows
// no parametric curves). Tags: desc, cprt, wtpt, rXYZ, gXYZ, bXYZ and one shared TRC, which is
// what ICC.1:2001-04 requires of a three-component matrix-based display profile.
// test/efile-export.test.ts has Little CMS (liblcms2-utils, transicc) open it and convert with it.

const D50 = [0.9642, 1.0, 0.8249] as const;
const D65_WHITE = [0.9505, 1.0, 1.089] as const;
const RED = [0.4360747, 0.2225045, 0.0139322] as const;
const GREEN = [0.3850649, 0.7168786, 0.0971045] as const;
const BLUE = [0.1430804, 0.0606169, 0.7141733] as const;

export const SRGB_DESCRIPTION = "sRGB IEC61966-2.1";

function ascii(text: string): Buffer {
  return Buffer.from(text, "latin1");
}

function s15Fixed16(values: readonly number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeInt32BE(Math.round(v * 65536), i * 4));
  return out;
}

function xyzTag(xyz: readonly number[]): Buffer {
  return Buffer.concat([ascii("XYZ "), Buffer.alloc(4), s15Fixed16(xyz)]);
}

/** textDescriptionType (ICC v2): ASCII, an empty Unicode part and an empty Macintosh part. */
function descTag(text: string): Buffer {
  const bytes = Buffer.concat([ascii(text), Buffer.from([0])]);
  const head = Buffer.alloc(12);
  ascii("desc").copy(head, 0);
  head.writeUInt32BE(bytes.length, 8);
  // Unicode language code + count (0), ScriptCode code (2) + count (1) + 67 bytes.
  return Buffer.concat([head, bytes, Buffer.alloc(8), Buffer.alloc(2 + 1 + 67)]);
}

function textTag(text: string): Buffer {
  return Buffer.concat([ascii("text"), Buffer.alloc(4), ascii(text), Buffer.from([0])]);
}

/** The sRGB electro-optical transfer function as a table of 1024 entries. */
function curveTag(entries = 1024): Buffer {
  const head = Buffer.alloc(12);
  ascii("curv").copy(head, 0);
  head.writeUInt32BE(entries, 8);
  const table = Buffer.alloc(entries * 2);
  for (let i = 0; i < entries; i++) {
    const v = i / (entries - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    table.writeUInt16BE(Math.round(linear * 65535), i * 2);
  }
  return Buffer.concat([head, table]);
}

function pad4(buffer: Buffer): Buffer {
  return buffer.length % 4 ? Buffer.concat([buffer, Buffer.alloc(4 - (buffer.length % 4))]) : buffer;
}

let cached: Buffer | null = null;

/** The profile's bytes (about 2.6 kB), the same on every call. */
export function srgbIccProfile(): Buffer {
  if (cached) return cached;
  const trc = curveTag();
  const tags: Array<[string, Buffer]> = [
    ["desc", descTag(SRGB_DESCRIPTION)],
    ["cprt", textTag("No copyright, use freely")],
    ["wtpt", xyzTag(D65_WHITE)],
    ["rXYZ", xyzTag(RED)],
    ["gXYZ", xyzTag(GREEN)],
    ["bXYZ", xyzTag(BLUE)],
    ["rTRC", trc],
    ["gTRC", trc],
    ["bTRC", trc],
  ];
  const tableSize = 4 + tags.length * 12;
  const table = Buffer.alloc(tableSize);
  table.writeUInt32BE(tags.length, 0);
  const blocks: Buffer[] = [];
  const offsets = new Map<Buffer, number>();
  let offset = 128 + tableSize;
  tags.forEach(([signature, data], i) => {
    let at = offsets.get(data);
    if (at === undefined) {
      at = offset;
      offsets.set(data, at);
      const padded = pad4(data);
      blocks.push(padded);
      offset += padded.length;
    }
    ascii(signature).copy(table, 4 + i * 12);
    table.writeUInt32BE(at, 8 + i * 12);
    table.writeUInt32BE(data.length, 12 + i * 12);
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0); // profile size
  header.writeUInt32BE(0x02100000, 8); // version 2.1.0
  ascii("mntr").copy(header, 12);
  ascii("RGB ").copy(header, 16);
  ascii("XYZ ").copy(header, 20);
  [2026, 12, 7, 0, 0, 0].forEach((v, i) => header.writeUInt16BE(v, 24 + i * 2)); // creation date (fixed: same bytes every time)
  ascii("acsp").copy(header, 36);
  header.writeUInt32BE(0, 64); // rendering intent: perceptual
  s15Fixed16(D50).copy(header, 68); // PCS illuminant
  cached = Buffer.concat([header, table, ...blocks]);
  return cached;
}
