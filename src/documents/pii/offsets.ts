/**
 * Converts UTF-16 string indices (what JavaScript and `detect` use) to Unicode code point indices
 * (what the `tiaki pii scan` output uses, so tools in any language count the same characters).
 * Macrons (ā ē ī ō ū) are one code unit and one code point either way; only characters outside the
 * Basic Multilingual Plane (emoji, some CJK) make the two differ.
 *
 * @example toCodePointOffsets('😀 Hēmi', [3, 7]) // [2, 6]
 */
export function toCodePointOffsets(text: string, indices: readonly number[]): number[] {
  if (!/[\uD800-\uDFFF]/.test(text)) return [...indices];
  // prefix[i] = code points in text.slice(0, i)
  const prefix = new Uint32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    prefix[i] = count;
    const c = text.charCodeAt(i);
    // A low surrogate after a high one continues the same code point.
    const continues = c >= 0xdc00 && c <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
    if (!continues) count++;
    else prefix[i] = count;
  }
  prefix[text.length] = count;
  return indices.map((i) => prefix[Math.max(0, Math.min(text.length, i))] ?? 0);
}
