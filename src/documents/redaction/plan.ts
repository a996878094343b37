/**
 * Planning a redaction (pure): from the glyphs of each page and the withheld strings, every
 * occurrence, traced back to the glyphs that draw it.
 *
 * A page's glyphs are searched in two reading orders: the order the text extractor gives (drawing
 * order grouped into lines and blocks, which follows a name across line and column breaks) and a
 * geometric order (glyphs grouped by baseline and sorted along it, which defeats text drawn out of
 * order). Folding (see fold.ts) makes case, Unicode form, diacritics, apostrophes, whitespace and
 * hyphenation irrelevant.
 *
 * Each hit yields one tiny target square per glyph, at the glyph's centre: MuPDF removes a glyph
 * when its (slightly shrunk, axis-aligned) box meets a redaction rectangle, so a hit's own bounding
 * box would also take neighbouring glyphs on rotated text or tightly spaced lines; a point inside the
 * glyph takes that glyph only. The visible black boxes are drawn separately, per line run.
 */
import { findAll, foldText, foldUnits } from './fold.ts';

/** Eight numbers: upper-left, upper-right, lower-left, lower-right corners (MuPDF order, page space, y down). */
export type Quad = [number, number, number, number, number, number, number, number];
export type Point = [number, number];

/** One glyph as the text extractor reports it. */
export interface Glyph {
  /** The text of the glyph: usually one character, a ligature may carry several. */
  c: string;
  quad: Quad;
  /** Baseline origin; defaults to the quad's lower-left corner. */
  origin?: Point;
  /** Font size in points; defaults to the quad's height. */
  size?: number;
}

/** The glyphs of one page (page numbers from 1), in extraction order. */
export interface PageGlyphs {
  page: number;
  glyphs: readonly Glyph[];
}

/** A string to withhold and the ground it is withheld on. */
export interface WithheldText {
  text: string;
  ground: string;
}

/** One occurrence to redact. */
export interface PlannedRedaction {
  page: number;
  /** The withheld string (as given) this occurrence matched. */
  text: string;
  ground: string;
  /** Indices into the page's glyphs, in reading order, every glyph of the occurrence (spaces included). */
  glyphs: number[];
  /**
   * The redaction targets: a small square at the centre of each non-blank glyph, or, on upright
   * text, one thin segment through the centres of a line run when it touches no other glyph.
   */
  targets: Quad[];
  /** One quad per line run of the occurrence: where the black box and its label go. */
  boxes: Quad[];
}

export interface RedactionPlan {
  redactions: PlannedRedaction[];
  /** Withheld strings with no occurrence on any page. */
  notFound: string[];
}

/**
 * Finds every occurrence of every withheld string on the pages.
 *
 * @example
 * const plan = planRedactions([{ page: 1, glyphs }], [{ text: 'Ngaire Pōtae', ground: 's53(b)' }]);
 * plan.redactions[0]?.targets; // one tiny square per glyph of "NGAIRE PO\u0304TAE" on page 1
 */
export function planRedactions(
  pages: readonly PageGlyphs[],
  withheld: readonly WithheldText[],
): RedactionPlan {
  const needles = withheld.map((w) => ({ ...w, key: foldText(w.text) })).filter((w) => w.key !== '');
  const found = new Set<string>();
  const redactions: PlannedRedaction[] = [];
  for (const page of pages) {
    const shrunk = shrunkBoxes(page.glyphs);
    const seen: Array<{ set: Set<number>; hit: PlannedRedaction }> = [];
    for (const order of readingOrders(page.glyphs)) {
      const folded = foldUnits(order.map((i) => page.glyphs[i]?.c ?? ''));
      for (const needle of needles) {
        for (const [start, end] of findAll(folded.key, needle.key)) {
          const first = folded.owner[start] ?? 0;
          const last = folded.owner[end - 1] ?? first;
          const glyphs = order.slice(first, last + 1);
          found.add(needle.text);
          const set = new Set(glyphs);
          // The same glyphs found again (other reading order, or a shorter withheld string inside a
          // longer one) are one redaction, not two.
          if (seen.some((s) => isSubset(set, s.set))) continue;
          for (let k = seen.length - 1; k >= 0; k--) {
            const s = seen[k];
            if (s && isSubset(s.set, set)) {
              seen.splice(k, 1);
              redactions.splice(redactions.indexOf(s.hit), 1);
            }
          }
          const hit = buildHit(page, shrunk, glyphs, needle);
          seen.push({ set, hit });
          redactions.push(hit);
        }
      }
    }
  }
  const notFound = withheld.map((w) => w.text).filter((t) => !found.has(t));
  return { redactions, notFound: [...new Set(notFound)] };
}

function isSubset(a: Set<number>, b: Set<number>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function buildHit(
  page: PageGlyphs,
  shrunk: Float64Array,
  glyphs: number[],
  needle: WithheldText,
): PlannedRedaction {
  const solid = glyphs.filter((i) => (page.glyphs[i]?.c ?? '').trim() !== '');
  const runs = lineRuns(solid, page.glyphs);
  const members = new Set(glyphs);
  const targets = runs.flatMap((run) => runTargets(run, page.glyphs, shrunk, members));
  const boxes = runs.map((run) => runBox(run.map((i) => page.glyphs[i] as Glyph)));
  return { page: page.page, text: needle.text, ground: needle.ground, glyphs, targets, boxes };
}

/**
 * The redaction targets of one line run. On upright or quarter-turned text one thin segment through
 * the glyph centres removes the whole run (MuPDF then tests one rectangle per glyph instead of one
 * per glyph per glyph), provided no other glyph's box, as MuPDF shrinks it, meets the segment;
 * otherwise, and on rotated text, one small square per glyph.
 */
function runTargets(
  run: readonly number[],
  glyphs: readonly Glyph[],
  boxes: Float64Array,
  members: ReadonlySet<number>,
): Quad[] {
  const own = run.map((i) => glyphs[i] as Glyph);
  const perGlyph = own.map(targetQuad);
  if (own.length < 2) return perGlyph;
  const f = frameOf(own[0] as Glyph);
  const horizontal = Math.abs(f.dy) < 1e-3;
  const vertical = Math.abs(f.dx) < 1e-3;
  if (!horizontal && !vertical) return perGlyph;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const q of perGlyph) {
    x0 = Math.min(x0, q[0]);
    y0 = Math.min(y0, q[1]);
    x1 = Math.max(x1, q[2]);
    y1 = Math.max(y1, q[5]);
  }
  // The segment is as thin as the smallest square, through the middle of the squares' extent.
  const r = Math.min(...perGlyph.map((q) => (q[2] - q[0]) / 2));
  if (horizontal) {
    const mid = (y0 + y1) / 2;
    if (y1 - y0 > 4 * r + 1e-9) return perGlyph;
    y0 = mid - r;
    y1 = mid + r;
  } else {
    const mid = (x0 + x1) / 2;
    if (x1 - x0 > 4 * r + 1e-9) return perGlyph;
    x0 = mid - r;
    x1 = mid + r;
  }
  for (let i = 0; i < glyphs.length; i++) {
    const k = i * 4;
    if (
      (boxes[k] as number) <= x1 &&
      (boxes[k + 2] as number) >= x0 &&
      (boxes[k + 1] as number) <= y1 &&
      (boxes[k + 3] as number) >= y0 &&
      !members.has(i)
    ) {
      return perGlyph;
    }
  }
  return [[x0, y0, x1, y0, x0, y1, x1, y1]];
}

/**
 * Every glyph's box as MuPDF's redaction tests it (axis-aligned, shrunk by a tenth on each side),
 * four numbers a glyph; blank glyphs get an empty box that meets nothing.
 */
function shrunkBoxes(glyphs: readonly Glyph[]): Float64Array {
  const out = new Float64Array(glyphs.length * 4);
  glyphs.forEach((g, i) => {
    const k = i * 4;
    if (g.c.trim() === '') {
      out.set([Infinity, Infinity, -Infinity, -Infinity], k);
      return;
    }
    const q = g.quad;
    const bx0 = Math.min(q[0], q[2], q[4], q[6]);
    const bx1 = Math.max(q[0], q[2], q[4], q[6]);
    const by0 = Math.min(q[1], q[3], q[5], q[7]);
    const by1 = Math.max(q[1], q[3], q[5], q[7]);
    const w = (bx1 - bx0) / 10;
    const h = (by1 - by0) / 10;
    out.set([bx0 + w, by0 + h, bx1 - w, by1 - h], k);
  });
  return out;
}

/** A square of side 2·r (r = 4 % of the glyph's size, at most a fifth of its advance) at the glyph's centre. */
export function targetQuad(glyph: Glyph): Quad {
  const q = glyph.quad;
  const cx = (q[0] + q[2] + q[4] + q[6]) / 4;
  const cy = (q[1] + q[3] + q[5] + q[7]) / 4;
  const advance = Math.hypot(q[2] - q[0], q[3] - q[1]);
  const size = glyphSize(glyph);
  const r = Math.max(0.001, Math.min(size * 0.04, advance * 0.2));
  return [cx - r, cy - r, cx + r, cy - r, cx - r, cy + r, cx + r, cy + r];
}

function glyphSize(glyph: Glyph): number {
  if (glyph.size !== undefined && glyph.size > 0) return glyph.size;
  const q = glyph.quad;
  return Math.hypot(q[4] - q[0], q[5] - q[1]);
}

interface Frame {
  /** Unit vector along the baseline. */
  dx: number;
  dy: number;
  origin: Point;
  size: number;
}

function frameOf(glyph: Glyph): Frame {
  const q = glyph.quad;
  let dx = q[2] - q[0];
  let dy = q[3] - q[1];
  const len = Math.hypot(dx, dy);
  if (len < 1e-9) {
    // Zero-advance glyph: take the direction from the quad's upright side instead.
    const ux = q[0] - q[4];
    const uy = q[1] - q[5];
    const ulen = Math.hypot(ux, uy);
    if (ulen < 1e-9) {
      dx = 1;
      dy = 0;
    } else {
      dx = -uy / ulen;
      dy = ux / ulen;
    }
  } else {
    dx /= len;
    dy /= len;
  }
  return { dx, dy, origin: glyph.origin ?? [q[4], q[5]], size: glyphSize(glyph) };
}

/** Projects a point on the frame: `along` the baseline and `across` it (negative = above, y down). */
function project(frame: Frame, x: number, y: number): { along: number; across: number } {
  const rx = x - frame.origin[0];
  const ry = y - frame.origin[1];
  return { along: rx * frame.dx + ry * frame.dy, across: -rx * frame.dy + ry * frame.dx };
}

/** Splits an occurrence's glyphs into runs that share a baseline (a name wrapped over two lines gives two). */
function lineRuns(indices: readonly number[], glyphs: readonly Glyph[]): number[][] {
  const runs: number[][] = [];
  let current: number[] = [];
  let frame: Frame | undefined;
  for (const index of indices) {
    const glyph = glyphs[index] as Glyph;
    const f = frameOf(glyph);
    if (frame && current.length > 0) {
      const sameDirection = frame.dx * f.dx + frame.dy * f.dy > 0.995;
      const p = project(frame, f.origin[0], f.origin[1]);
      const last = glyphs[current[current.length - 1] as number] as Glyph;
      const lastEnd = project(frame, last.quad[6], last.quad[7]).along;
      const near = p.along > -frame.size * 0.5 && p.along - lastEnd < frame.size * 3;
      if (sameDirection && Math.abs(p.across) < frame.size * 0.4 && near) {
        current.push(index);
        continue;
      }
      runs.push(current);
    }
    current = [index];
    frame = f;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

/** The box drawn over a run: from the first glyph's start to the last one's end, from ascent to descent. */
function runBox(run: readonly Glyph[]): Quad {
  const frame = frameOf(run[0] as Glyph);
  let minAlong = Infinity;
  let maxAlong = -Infinity;
  let size = 0;
  for (const glyph of run) {
    const q = glyph.quad;
    for (let k = 0; k < 8; k += 2) {
      const p = project(frame, q[k] as number, q[k + 1] as number);
      minAlong = Math.min(minAlong, p.along);
      maxAlong = Math.max(maxAlong, p.along);
    }
    size = Math.max(size, glyphSize(glyph));
  }
  // From cap height to just under the descenders: covers the glyphs without reaching far into the
  // lines above and below on tight leading.
  const top = -size * 0.8;
  const bottom = size * 0.22;
  const at = (along: number, across: number): Point => [
    frame.origin[0] + along * frame.dx - across * frame.dy,
    frame.origin[1] + along * frame.dy + across * frame.dx,
  ];
  const ul = at(minAlong, top);
  const ur = at(maxAlong, top);
  const ll = at(minAlong, bottom);
  const lr = at(maxAlong, bottom);
  return [ul[0], ul[1], ur[0], ur[1], ll[0], ll[1], lr[0], lr[1]];
}

/**
 * The reading orders searched: extraction order, and geometric order (baselines grouped by
 * direction and position, glyphs sorted along each).
 *
 * @example readingOrders(glyphs).length // 2 (1 when both orders agree)
 */
export function readingOrders(glyphs: readonly Glyph[]): number[][] {
  const extraction = glyphs.map((_, i) => i);
  const geometric = geometricOrder(glyphs);
  const same = geometric.every((g, i) => g === extraction[i]);
  return same ? [extraction] : [extraction, geometric];
}

function geometricOrder(glyphs: readonly Glyph[]): number[] {
  const n = glyphs.length;
  const angle = new Int16Array(n);
  const across = new Float64Array(n);
  const along = new Float64Array(n);
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const glyph = glyphs[i] as Glyph;
    const q = glyph.quad;
    const ox = glyph.origin?.[0] ?? q[4];
    const oy = glyph.origin?.[1] ?? q[5];
    size[i] = glyphSize(glyph);
    let a = 0;
    let ux = 1;
    let uy = 0;
    if (Math.abs(q[3] - q[1]) > 1e-6 * Math.max(1, Math.abs(q[2] - q[0])) || q[2] < q[0]) {
      const f = frameOf(glyph);
      a = Math.round((Math.atan2(f.dy, f.dx) * 180) / Math.PI / 2) * 2;
      ux = Math.cos((a * Math.PI) / 180);
      uy = Math.sin((a * Math.PI) / 180);
    }
    angle[i] = a;
    across[i] = -ox * uy + oy * ux;
    along[i] = ox * ux + oy * uy;
  }
  const byLine = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (angle[a] as number) - (angle[b] as number) || (across[a] as number) - (across[b] as number),
  );
  const order: number[] = [];
  let start = 0;
  const flush = (end: number): void => {
    const line = byLine
      .slice(start, end)
      .sort((a, b) => (along[a] as number) - (along[b] as number) || a - b);
    for (const i of line) order.push(i);
    start = end;
  };
  for (let k = 1; k < n; k++) {
    const prev = byLine[k - 1] as number;
    const item = byLine[k] as number;
    const gap = (across[item] as number) - (across[prev] as number);
    if (angle[prev] !== angle[item] || gap > Math.max(size[prev] as number, size[item] as number) * 0.35)
      flush(k);
  }
  flush(n);
  return order;
}
