/**
 * Retrieval error summaries for notebooks: bias (mean of estimate − truth) and RMSE, overall and
 * by bins of a covariate such as water vapour, printed as a fixed-width text table. Written in
 * TypeScript 5.0 syntax, which tslab parses.
 */

/** Bias and RMSE of one method over one set of rows, in the unit of the inputs. */
export interface ErrorSummary {
  /** Rows where both estimate and truth are finite. */
  count: number;
  /** Mean of estimate − truth; NaN when `count` is 0. */
  bias: number;
  /** Root mean square of estimate − truth; NaN when `count` is 0. */
  rmse: number;
}

/** The errors of every method within one bin `[low, high)` of the covariate. */
export interface BinnedErrors {
  low: number;
  high: number;
  /** Rows whose covariate falls in the bin. */
  rows: number;
  byMethod: Record<string, ErrorSummary>;
}

/** Bias and RMSE of `estimate` against `truth`, over `rows` (default: every row). */
export function errorSummary(
  estimate: ArrayLike<number>,
  truth: ArrayLike<number>,
  rows?: ArrayLike<number>,
): ErrorSummary {
  if (estimate.length !== truth.length) {
    throw new RangeError(`estimate has ${estimate.length} rows, truth ${truth.length}`);
  }
  const n = rows === undefined ? truth.length : rows.length;
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let k = 0; k < n; k++) {
    const i = rows === undefined ? k : (rows[k] as number);
    const error = (estimate[i] as number) - (truth[i] as number);
    if (!Number.isFinite(error)) continue;
    count += 1;
    sum += error;
    sumSquares += error * error;
  }
  return count === 0
    ? { count, bias: Number.NaN, rmse: Number.NaN }
    : { count, bias: sum / count, rmse: Math.sqrt(sumSquares / count) };
}

/**
 * Errors of each named estimate by bin of `covariate`: bins `[edges[i], edges[i+1])`, the last one
 * closed so that a value equal to the top edge is counted. Rows outside the edges are left out.
 * @throws RangeError for fewer than two edges or edges that do not increase.
 */
export function errorsByBin(
  estimates: Readonly<Record<string, ArrayLike<number>>>,
  truth: ArrayLike<number>,
  covariate: ArrayLike<number>,
  edges: readonly number[],
): BinnedErrors[] {
  if (edges.length < 2 || edges.some((edge, i) => i > 0 && !(edge > (edges[i - 1] as number)))) {
    throw new RangeError(`bin edges must increase, got [${edges.join(', ')}]`);
  }
  const binRows: number[][] = edges.slice(1).map(() => []);
  const top = edges[edges.length - 1] as number;
  for (let i = 0; i < covariate.length; i++) {
    const value = covariate[i] as number;
    const bin = value === top ? binRows.length - 1 : edges.findIndex((edge) => value < edge) - 1;
    if (bin >= 0) (binRows[bin] as number[]).push(i);
  }
  return binRows.map((rows, b) => ({
    low: edges[b] as number,
    high: edges[b + 1] as number,
    rows: rows.length,
    byMethod: Object.fromEntries(
      Object.entries(estimates).map(([name, estimate]) => [
        name,
        errorSummary(estimate, truth, rows),
      ]),
    ),
  }));
}

/** A fixed-width text table: a header line, a rule, then one line per row; cells right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, c) =>
    Math.max(header.length, ...rows.map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    widths.map((width, c) => (cells[c] ?? '').padStart(width)).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/**
 * The table of {@link errorsByBin} results: one line per bin with its row count, then bias and
 * RMSE of every method, to `decimals` places (default 2).
 */
export function formatBinnedErrors(
  bins: readonly BinnedErrors[],
  binName: string,
  decimals = 2,
): string {
  const methods = Object.keys(bins[0]?.byMethod ?? {});
  const headers = [
    binName,
    'n',
    ...methods.flatMap((method) => [`${method} bias`, `${method} RMSE`]),
  ];
  const rows = bins.map((bin) => [
    `${bin.low}–${bin.high}`,
    String(bin.rows),
    ...methods.flatMap((method) => {
      const summary = bin.byMethod[method] as ErrorSummary;
      return [summary.bias.toFixed(decimals), summary.rmse.toFixed(decimals)];
    }),
  ]);
  return formatTable(headers, rows);
}
