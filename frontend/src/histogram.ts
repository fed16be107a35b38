/**
 * Small histograms drawn as SVG bars: one `<rect>` per bin of the statistics route's
 * histogram (an empty bin is a bar of height 0, so a histogram of N bins always has N bars),
 * bar heights proportional to the counts, the value range written under the bars and each
 * bar's bin and count in its tooltip.
 */
import type { HistogramData } from './api-raster.js';
import { createElement } from './dom.js';
import { unitSuffix } from './format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Drawing size in SVG user units; the SVG scales to its container's width. */
const WIDTH = 240;
const HEIGHT = 56;
/** Space between two bars as a fraction of a bin's width. */
const GAP_FRACTION = 0.15;

/** One bar of a histogram in SVG user units (y grows downwards). */
export interface HistogramBar {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
}

/**
 * The bars of `counts` in a `width` × `height` box: equal widths, the largest count as tall as
 * the box, every other count in proportion (all zero: every bar of height 0).
 */
export function histogramBars(
  counts: readonly number[],
  width: number,
  height: number,
): HistogramBar[] {
  const largest = Math.max(0, ...counts);
  const binWidth = counts.length === 0 ? 0 : width / counts.length;
  const gap = binWidth * GAP_FRACTION;
  return counts.map((count, i) => {
    const barHeight = largest === 0 ? 0 : (count / largest) * height;
    return {
      x: i * binWidth + gap / 2,
      y: height - barHeight,
      width: binWidth - gap,
      height: barHeight,
      count,
    };
  });
}

/** A bin edge for a label: four significant digits, no exponent for ordinary magnitudes. */
export function formatEdge(value: number | null): string {
  if (value === null) return '—';
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) {
    return value.toExponential(2);
  }
  return String(Number(value.toPrecision(4)));
}

function svgElement<K extends keyof SVGElementTagNameMap>(tag: K): SVGElementTagNameMap[K] {
  return document.createElementNS(SVG_NS, tag);
}

/**
 * Draws `data` into `container` (replacing what it held): the SVG bars and a line with the
 * lowest and highest edge in `unit`. The container's `data-bins` holds the number of bars.
 */
export function renderHistogram(
  container: HTMLElement,
  data: HistogramData,
  unit: string | null,
): void {
  const svg = svgElement('svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.classList.add('histogram-svg');
  const bars = histogramBars(data.counts, WIDTH, HEIGHT);
  bars.forEach((bar, i) => {
    const rect = svgElement('rect');
    rect.setAttribute('x', bar.x.toFixed(2));
    rect.setAttribute('y', bar.y.toFixed(2));
    rect.setAttribute('width', bar.width.toFixed(2));
    rect.setAttribute('height', bar.height.toFixed(2));
    rect.dataset['count'] = String(bar.count);
    const title = svgElement('title');
    const range = `${formatEdge(data.edges[i] ?? null)} – ${formatEdge(data.edges[i + 1] ?? null)}`;
    title.textContent = `${range}: ${bar.count} px`;
    rect.append(title);
    svg.append(rect);
  });
  const total = data.counts.reduce((sum, count) => sum + count, 0);
  svg.setAttribute('aria-label', `Histogram of ${total} pixels in ${bars.length} bins`);

  const suffix = unitSuffix(unit);
  const axis = createElement('div', 'histogram-axis');
  axis.append(createElement('span', '', formatEdge(data.edges[0] ?? null) + suffix));
  axis.append(createElement('span', '', formatEdge(data.edges.at(-1) ?? null) + suffix));
  container.replaceChildren(svg, axis);
  container.dataset['bins'] = String(bars.length);
  container.hidden = false;
}
