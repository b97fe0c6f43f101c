import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3's streaming renderer has a flaw: when a multi-byte character (Arabic, Persian,
 * Cyrillic …) does not fit into the last byte of its 2,048-byte buffer, it flushes the whole
 * buffer, unused last byte included — a NUL byte lands in the page ("إ\0لى"), shown as a gap or
 * a replacement character. The portal never writes NUL into HTML (text is escaped; the HTML
 * parser would replace it anyway), so removing every 0x00 byte is exact: in UTF-8 no other
 * character contains that byte.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (chunk.indexOf(0) < 0) return callback(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let length = 0;
      for (const byte of chunk) if (byte !== 0) out[length++] = byte;
      callback(null, out.subarray(0, length));
    },
  });
}
