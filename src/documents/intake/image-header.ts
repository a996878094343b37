import { UploadRefusal } from './refusal.ts';

/** The pixel size of one image, or of one frame of a TIFF. */
export interface Frame {
  width: number;
  height: number;
}

const damaged = (kind: string, why: string) =>
  new UploadRefusal('malformed', `The ${kind} image is damaged: ${why}`);

function pngFrames(bytes: Uint8Array): Frame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || view.getUint32(12) !== 0x49484452) throw damaged('PNG', 'it has no IHDR header');
  return [{ width: view.getUint32(16), height: view.getUint32(20) }];
}

// Start-of-frame markers: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegFrames(bytes: Uint8Array): Frame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw damaged('JPEG', 'a marker is missing');
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(at + 2);
    if (SOF.has(marker)) {
      if (at + 9 > bytes.length) break;
      return [{ height: view.getUint16(at + 5), width: view.getUint16(at + 7) }];
    }
    if (marker === 0xda || marker === 0xd9) break; // scan data or the end, with no frame header before it
    at += 2 + length;
  }
  throw damaged('JPEG', 'it has no frame header');
}

function tiffFrames(bytes: Uint8Array, maxFrames: number): Frame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const frames: Frame[] = [];
  const seen = new Set<number>();
  let ifd = bytes.length >= 8 ? u32(4) : 0;
  while (ifd !== 0) {
    // A frame list that loops back on itself would never end.
    if (seen.has(ifd)) throw damaged('TIFF', 'its frame list loops');
    seen.add(ifd);
    if (ifd + 2 > bytes.length) throw damaged('TIFF', 'a frame directory lies past the end of the file');
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > bytes.length) throw damaged('TIFF', 'a frame directory is cut short');
    let width = -1;
    let height = -1;
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = u16(entry);
      if (tag !== 256 && tag !== 257) continue;
      // SHORT values sit in the first two bytes of the value field, LONG values fill it.
      const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
      if (tag === 256) width = value;
      else height = value;
    }
    if (width < 0 || height < 0) throw damaged('TIFF', 'a frame does not say its size');
    frames.push({ width, height });
    // One more than the limit is enough to refuse; reading on would let a crafted file spin here.
    if (frames.length > maxFrames) break;
    ifd = u32(ifd + 2 + count * 12);
  }
  if (frames.length === 0) throw damaged('TIFF', 'it has no frames');
  return frames;
}

/**
 * The pixel size of each frame of a PNG, JPEG or TIFF, read from its headers without decoding any
 * pixels, so an image that would need gigabytes of memory is refused before anything touches it.
 * A TIFF with more than `maxFrames` frames gives `maxFrames + 1`.
 *
 * @example imageFrames(pngBytes, 'png', 2000) // [{ width: 1240, height: 1754 }]
 */
export function imageFrames(bytes: Uint8Array, type: 'png' | 'jpeg' | 'tiff', maxFrames: number): Frame[] {
  try {
    switch (type) {
      case 'png':
        return pngFrames(bytes);
      case 'jpeg':
        return jpegFrames(bytes);
      case 'tiff':
        return tiffFrames(bytes, maxFrames);
    }
  } catch (error) {
    if (error instanceof RangeError) throw damaged(type.toUpperCase(), 'it is cut short');
    throw error;
  }
}
