/**
 * A small SVG scatter plot for notebooks (shown with tslab's `display.svg`): one or more point
 * series on shared linear axes with "nice" ticks, an optional 1:1 line and a legend. Plain
 * strings, no DOM and no dependency; written in TypeScript 5.0 syntax, which tslab parses.
 */

/** One series of points; `x` and `y` pair up by index, non-finite pairs are left out. */
export interface ScatterSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Any SVG colour, e.g. `#1f77b4`. */
  colour: string;
}

/** Layout and labels of {@link scatterSvg}. */
export interface ScatterOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Width and height of the whole figure in pixels (default 560 × 440). */
  widthPx?: number;
  heightPx?: number;
  /** Draw the y = x line across the plot (default false). */
  identityLine?: boolean;
  /** At most this many points per series are drawn, evenly strided (default 4000). */
  maxPointsPerSeries?: number;
}

/** An axis range with its tick positions. */
export interface AxisTicks {
  min: number;
  max: number;
  ticks: number[];
}

const MARGIN_PX = { left: 64, right: 16, top: 36, bottom: 52 };

/** Escapes text for SVG element content and attribute values. */
export function escapeSvgText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Ticks at 1, 2 or 5 × 10^k spacing covering [low, high] with about `targetCount` intervals; the
 * range is widened to whole ticks. A degenerate range (low = high) is widened by ±1.
 */
export function niceTicks(low: number, high: number, targetCount = 5): AxisTicks {
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    throw new RangeError(`axis range must be finite, got [${low}, ${high}]`);
  }
  const [a, b] = low === high ? [low - 1, high + 1] : [Math.min(low, high), Math.max(low, high)];
  const rough = (b - a) / targetCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  const min = Math.floor(a / step) * step;
  const max = Math.ceil(b / step) * step;
  const count = Math.round((max - min) / step);
  const ticks = Array.from({ length: count + 1 }, (_, i) =>
    Number((min + i * step).toPrecision(12)),
  );
  return { min, max, ticks };
}

/** The finite extent of every series' x and y values together. */
function extentOf(series: readonly ScatterSeries[]): [number, number, number, number] {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const { x, y } of series) {
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const yi = y[i] as number;
      if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
      xMin = Math.min(xMin, xi);
      xMax = Math.max(xMax, xi);
      yMin = Math.min(yMin, yi);
      yMax = Math.max(yMax, yi);
    }
  }
  if (xMin > xMax) throw new RangeError('scatter plot has no finite (x, y) pair to draw');
  return [xMin, xMax, yMin, yMax];
}

/** Maps data coordinates to pixels of the plot area. */
interface Frame {
  px: (x: number) => number;
  py: (y: number) => number;
  xAxis: AxisTicks;
  yAxis: AxisTicks;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function frameOf(series: readonly ScatterSeries[], options: ScatterOptions): Frame {
  const [xMin, xMax, yMin, yMax] = extentOf(series);
  const shared = options.identityLine === true;
  const xAxis = shared
    ? niceTicks(Math.min(xMin, yMin), Math.max(xMax, yMax))
    : niceTicks(xMin, xMax);
  const yAxis = shared ? xAxis : niceTicks(yMin, yMax);
  const left = MARGIN_PX.left;
  const right = (options.widthPx ?? 560) - MARGIN_PX.right;
  const top = MARGIN_PX.top;
  const bottom = (options.heightPx ?? 440) - MARGIN_PX.bottom;
  const px = (x: number): number =>
    left + ((x - xAxis.min) / (xAxis.max - xAxis.min)) * (right - left);
  const py = (y: number): number =>
    bottom - ((y - yAxis.min) / (yAxis.max - yAxis.min)) * (bottom - top);
  return { px, py, xAxis, yAxis, left, right, top, bottom };
}

const round1 = (value: number): string => value.toFixed(1);

function axesSvg(frame: Frame, options: ScatterOptions): string[] {
  const { left, right, top, bottom } = frame;
  const parts = [
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#444"/>`,
  ];
  for (const tick of frame.xAxis.ticks) {
    const x = round1(frame.px(tick));
    parts.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 5}" stroke="#444"/>`);
    parts.push(`<text x="${x}" y="${bottom + 18}" text-anchor="middle">${tick}</text>`);
  }
  for (const tick of frame.yAxis.ticks) {
    const y = round1(frame.py(tick));
    parts.push(`<line x1="${left - 5}" y1="${y}" x2="${left}" y2="${y}" stroke="#444"/>`);
    parts.push(`<text x="${left - 8}" y="${y}" text-anchor="end" dy="0.32em">${tick}</text>`);
  }
  const midX = round1((left + right) / 2);
  const midY = round1((top + bottom) / 2);
  parts.push(
    `<text x="${midX}" y="${bottom + 40}" text-anchor="middle">${escapeSvgText(options.xLabel)}</text>`,
  );
  parts.push(
    `<text x="16" y="${midY}" text-anchor="middle" transform="rotate(-90 16 ${midY})">${escapeSvgText(options.yLabel)}</text>`,
  );
  parts.push(
    `<text x="${midX}" y="22" text-anchor="middle" font-size="14">${escapeSvgText(options.title)}</text>`,
  );
  return parts;
}

function pointsSvg(frame: Frame, series: ScatterSeries, maxPoints: number): string {
  const n = Math.min(series.x.length, series.y.length);
  const stride = Math.max(1, Math.ceil(n / maxPoints));
  const circles: string[] = [];
  for (let i = 0; i < n; i += stride) {
    const x = series.x[i] as number;
    const y = series.y[i] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    circles.push(`<circle cx="${round1(frame.px(x))}" cy="${round1(frame.py(y))}" r="1.8"/>`);
  }
  return `<g fill="${escapeSvgText(series.colour)}" fill-opacity="0.55">${circles.join('')}</g>`;
}

function legendSvg(frame: Frame, series: readonly ScatterSeries[]): string[] {
  return series.map((entry, i) => {
    const y = frame.top + 16 + 16 * i;
    const x = frame.left + 12;
    return (
      `<circle cx="${x}" cy="${y}" r="4" fill="${escapeSvgText(entry.colour)}"/>` +
      `<text x="${x + 10}" y="${y}" dy="0.32em">${escapeSvgText(entry.label)}</text>`
    );
  });
}

/**
 * An SVG document of the series as a scatter plot. With `identityLine`, both axes share one range
 * so that the dashed y = x line is the diagonal.
 * @throws RangeError when no series has a finite (x, y) pair.
 */
export function scatterSvg(series: readonly ScatterSeries[], options: ScatterOptions): string {
  const frame = frameOf(series, options);
  const width = options.widthPx ?? 560;
  const height = options.heightPx ?? 440;
  const maxPoints = options.maxPointsPerSeries ?? 4000;

  const parts = axesSvg(frame, options);
  if (options.identityLine === true) {
    const { min, max } = frame.xAxis;
    parts.push(
      `<line x1="${round1(frame.px(min))}" y1="${round1(frame.py(min))}" x2="${round1(frame.px(max))}" y2="${round1(frame.py(max))}" stroke="#888" stroke-dasharray="4 3"/>`,
    );
  }
  parts.push(...series.map((entry) => pointsSvg(frame, entry, maxPoints)));
  parts.push(...legendSvg(frame, series));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">` +
    `<rect width="${width}" height="${height}" fill="white"/>${parts.join('')}</svg>`
  );
}
