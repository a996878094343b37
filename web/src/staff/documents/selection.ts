// Turns a text selection in the shown page text into the page's code-point offsets. The shown text holds
// visually hidden words for screen readers around each highlight (marked `data-skip`); they are not page
// text, so they are dropped before counting.

export interface TextSelection {
  start: number;
  end: number;
  text: string;
}

/** Code points of page text from the start of `container` up to a boundary point. */
function offsetTo(container: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  const fragment = range.cloneContents();
  for (const skipped of fragment.querySelectorAll('[data-skip]')) skipped.remove();
  return Array.from(fragment.textContent ?? '').length;
}

/**
 * The current selection as page offsets, when it lies wholly inside `container` and is not empty.
 * @example readSelection(textElement, pageText) // { start: 12, end: 23, text: 'Hemi Walker' }
 */
export function readSelection(container: HTMLElement, pageText: string): TextSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  let start = offsetTo(container, range.startContainer, range.startOffset);
  let end = offsetTo(container, range.endContainer, range.endOffset);
  // A selection dragged past the edge of a word often takes the space after it: withhold the words only.
  const points = Array.from(pageText);
  while (start < end && /\s/u.test(points[start] ?? '')) start++;
  while (end > start && /\s/u.test(points[end - 1] ?? '')) end--;
  if (end <= start) return null;
  return { start, end, text: points.slice(start, end).join('') };
}
