/**
 * Scanline crossings of a ring with an active-edge table: lines are visited in increasing y and
 * only edges spanning the line are tested, so a ring of n edges over m lines costs about
 * O(n log n + m·k) for k active edges instead of O(n·m). Crossings use inside-rule.ts's edge
 * convention, so the rasteriser and the point test agree pixel for pixel.
 */
import { crossingX, edgeCrosses, spansFromCrossings } from './inside-rule.js';
import type { Spans } from './inside-rule.js';
import type { Ring } from './zone-types.js';

interface Edge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  yMin: number;
  yMax: number;
}

/** Spans of one ring on successive horizontal lines (y must not decrease between calls). */
export class RingScanner {
  private readonly edges: Edge[];
  private next = 0;
  private active: Edge[] = [];
  private lastY = -Infinity;

  constructor(ring: Ring) {
    const edges: Edge[] = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      if (y1 === y2) continue;
      edges.push({ x1, y1, x2, y2, yMin: Math.min(y1, y2), yMax: Math.max(y1, y2) });
    }
    this.edges = edges.sort((a, b) => a.yMin - b.yMin);
  }

  /** Even–odd spans [x0, x1), … of the ring on the line y. */
  spansAt(y: number): Spans {
    if (y < this.lastY) throw new RangeError(`scan lines must not go back (${y} < ${this.lastY})`);
    this.lastY = y;
    while (this.next < this.edges.length && this.edges[this.next]!.yMin <= y) {
      this.active.push(this.edges[this.next]!);
      this.next++;
    }
    this.active = this.active.filter((edge) => edge.yMax > y);

    const crossings: number[] = [];
    for (const edge of this.active) {
      if (edgeCrosses(edge.y1, edge.y2, y)) {
        crossings.push(crossingX(edge.x1, edge.y1, edge.x2, edge.y2, y));
      }
    }
    return spansFromCrossings(crossings);
  }
}
