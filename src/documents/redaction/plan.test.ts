import { describe, expect, it } from 'vitest';
import { planRedactions, readingOrders, targetQuad, type Glyph, type Quad } from './plan.ts';

/** Glyphs of a horizontal line of text in page space (y down), 6 pt per glyph, 12 pt type. */
function lineOf(text: string, x: number, y: number, dir: [number, number] = [1, 0]): Glyph[] {
  const [dx, dy] = dir;
  // Up, in page space, is -y rotated with the line.
  const ux = dy;
  const uy = -dx;
  return [...text].map((c, k) => {
    const ox = x + dx * 6 * k;
    const oy = y + dy * 6 * k;
    const ll: [number, number] = [ox - ux * 3, oy - uy * 3];
    const lr: [number, number] = [ll[0] + dx * 6, ll[1] + dy * 6];
    const ul: [number, number] = [ll[0] + ux * 12, ll[1] + uy * 12];
    const ur: [number, number] = [lr[0] + ux * 12, lr[1] + uy * 12];
    const quad: Quad = [ul[0], ul[1], ur[0], ur[1], ll[0], ll[1], lr[0], lr[1]];
    return { c, quad, origin: [ox, oy], size: 12 };
  });
}

const centre = (q: Quad): [number, number] => [
  (q[0] + q[2] + q[4] + q[6]) / 4,
  (q[1] + q[3] + q[5] + q[7]) / 4,
];
const inside = (p: [number, number], q: Quad) =>
  p[0] >= Math.min(q[0], q[4]) &&
  p[0] <= Math.max(q[2], q[6]) &&
  p[1] >= Math.min(q[1], q[3]) &&
  p[1] <= Math.max(q[5], q[7]);

describe('planning redactions (pure)', () => {
  const withheld = [{ text: 'Ngaire Pōtae', ground: 's53(b)' }];

  it('traces an occurrence to its glyphs and aims at them without touching a neighbour', () => {
    const glyphs = lineOf('by NGAIRE PO\u0304TAE at', 72, 100);
    const plan = planRedactions([{ page: 1, glyphs }], withheld);
    expect(plan.notFound).toEqual([]);
    expect(plan.redactions).toHaveLength(1);
    const hit = plan.redactions[0];
    expect(hit?.glyphs).toEqual(Array.from({ length: 13 }, (_, k) => k + 3));
    // Upright text: one thin segment through the glyph centres, from the N to the final E.
    expect(hit?.targets).toHaveLength(1);
    const [x0, y0, x1] = hit?.targets[0] ?? [];
    expect(x0).toBeGreaterThan(centre((glyphs[2] as Glyph).quad)[0] + 2.4);
    expect(x1).toBeLessThan(centre((glyphs[17] as Glyph).quad)[0] - 2.4);
    expect(y0).toBeCloseTo(centre((glyphs[3] as Glyph).quad)[1], 0);
    expect(hit?.boxes).toHaveLength(1);
  });

  it('falls back to one small square per glyph when another glyph overlaps the run', () => {
    const glyphs = [...lineOf('by Ngaire Pōtae at', 72, 100), ...lineOf('x', 72 + 6 * 9 + 3, 100)];
    const hit = planRedactions([{ page: 1, glyphs }], withheld).redactions[0];
    expect(hit?.targets).toHaveLength(11);
    for (const target of hit?.targets ?? []) {
      const neighbours = [0, 1, 2, 15, 16, 17].map((k) => glyphs[k]);
      expect(glyphs.filter((g) => inside(centre(target), g.quad) && neighbours.includes(g))).toEqual([]);
    }
  });

  it('follows a name across a line break, giving one box per line', () => {
    const glyphs = [
      ...lineOf('seen Ngaire', 72, 100),
      { c: '\n', quad: [0, 0, 0, 0, 0, 0, 0, 0] as Quad },
      ...lineOf('Pōtae there', 72, 114),
    ];
    const plan = planRedactions([{ page: 1, glyphs }], withheld);
    expect(plan.redactions).toHaveLength(1);
    expect(plan.redactions[0]?.boxes).toHaveLength(2);
  });

  it('finds glyphs drawn out of order through the geometric reading order', () => {
    const glyphs = lineOf('Ngaire Pōtae', 72, 100);
    const shuffled = [...glyphs.slice(7), ...glyphs.slice(0, 7)];
    expect(readingOrders(shuffled)).toHaveLength(2);
    const plan = planRedactions([{ page: 2, glyphs: shuffled }], withheld);
    expect(plan.redactions).toHaveLength(1);
    expect(plan.redactions[0]?.page).toBe(2);
  });

  it('keeps targets inside rotated glyphs', () => {
    const d = Math.SQRT1_2;
    const glyphs = lineOf('xx Ngaire Pōtae yy', 200, 300, [d, -d]);
    const plan = planRedactions([{ page: 1, glyphs }], withheld);
    expect(plan.redactions).toHaveLength(1);
    const target = plan.redactions[0]?.targets[0];
    expect(target).toBeDefined();
    const c = centre(target as Quad);
    const first = glyphs[3] as Glyph;
    expect(Math.hypot(c[0] - centre(first.quad)[0], c[1] - centre(first.quad)[1])).toBeLessThan(0.01);
  });

  it('merges a shorter withheld string into the longer occurrence that contains it', () => {
    const glyphs = lineOf('Ngaire Pōtae and Pōtae', 72, 100);
    const plan = planRedactions(
      [{ page: 1, glyphs }],
      [
        { text: 'Pōtae', ground: 's53(b)' },
        { text: 'Ngaire Pōtae', ground: 's53(b)' },
      ],
    );
    expect(plan.redactions.map((r) => r.text)).toEqual(['Pōtae', 'Ngaire Pōtae']);
    expect(plan.notFound).toEqual([]);
  });

  it('reports withheld strings found nowhere', () => {
    const plan = planRedactions([{ page: 1, glyphs: lineOf('nothing here', 72, 100) }], withheld);
    expect(plan.redactions).toEqual([]);
    expect(plan.notFound).toEqual(['Ngaire Pōtae']);
  });

  it('makes targets no bigger than a fifth of the glyph advance', () => {
    const q = targetQuad({ c: 'i', quad: [0, 0, 2, 0, 0, 12, 2, 12], size: 12 });
    expect(q[2] - q[0]).toBeLessThanOrEqual(0.8);
  });
});
