import type * as mupdf from 'mupdf';

/**
 * The bytes of a MuPDF buffer, copied out of WebAssembly memory, and the buffer freed.
 * `Buffer.asUint8Array()` is only a view of that memory: it changes under you as soon as MuPDF
 * allocates again, so it must never be kept or returned.
 *
 * @example const pdf = takeBytes(doc.saveToBuffer('garbage=4,compress'));
 */
export function takeBytes(buffer: mupdf.Buffer): Uint8Array {
  try {
    return buffer.asUint8Array().slice();
  } finally {
    buffer.destroy();
  }
}
