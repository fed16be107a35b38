/**
 * The results table of an experiment: per (method, student), mean ± sample standard deviation
 * over seeds of every test metric, with parameters, FLOPs, inference throughput and training
 * time; written as Markdown, CSV and JSON. Node-free.
 */
import { METRIC_NAMES } from '../training/metrics.js';
import type { CellResult } from './run-store.js';

/** Mean and sample standard deviation (n − 1; 0 for one value). */
export interface MeanStd {
  mean: number;
  std: number;
}

/** One row of the table. */
export interface ResultRow {
  methodId: string;
  studentId: string;
  method: string;
  scheme: string;
  seeds: number[];
  parameters: number;
  flopsPerSample: number;
  /** `<target>.<metric>` → mean ± std over seeds. */
  metrics: Record<string, MeanStd>;
  inferenceMpxPerS: MeanStd;
  trainingTimeS: MeanStd;
}

/** Mean and sample standard deviation of `values`. */
export function meanStd(values: readonly number[]): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n === 1) return { mean, std: 0 };
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (n - 1)) };
}

/** Rows grouped by (method, student) in first-appearance order. */
export function resultRows(cells: readonly CellResult[], targets: readonly string[]): ResultRow[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of cells) {
    const key = `${cell.methodId}\u0000${cell.studentId}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const metrics: Record<string, MeanStd> = {};
    for (const name of metricColumns(targets)) {
      metrics[name] = meanStd(group.map((cell) => cell.metrics[name] ?? Number.NaN));
    }
    return {
      methodId: first.methodId,
      studentId: first.studentId,
      method: first.method,
      scheme: first.scheme,
      seeds: group.map((cell) => cell.seed),
      parameters: first.parameters,
      flopsPerSample: first.flopsPerSample,
      metrics,
      inferenceMpxPerS: meanStd(group.map((cell) => cell.inferenceMpxPerS)),
      trainingTimeS: meanStd(group.map((cell) => cell.trainingTimeS)),
    };
  });
}

/** `<target>.<metric>` for every target and metric, target-major. */
export function metricColumns(targets: readonly string[]): string[] {
  return targets.flatMap((target) => METRIC_NAMES.map((metric) => `${target}.${metric}`));
}

function digitsFor(name: string): number {
  if (name.endsWith('.pcc')) return 4;
  return name.startsWith('lstKelvin') ? 3 : 5;
}

function formatPair(pair: MeanStd, digits: number): string {
  return `${pair.mean.toFixed(digits)} ± ${pair.std.toFixed(digits)}`;
}

/** The header of {@link identityCells}; `flops` names the FLOPs column. */
function identityHeader(flops: string): string[] {
  return ['method', 'scheme', 'student', 'seeds', 'parameters', flops];
}

/** The leading cells of a row in both tables: method, scheme, student, seed count, parameters, FLOPs. */
function identityCells(row: ResultRow): string[] {
  return [
    row.methodId,
    row.scheme,
    row.studentId,
    String(row.seeds.length),
    String(row.parameters),
    String(row.flopsPerSample),
  ];
}

/** The Markdown table: one row per (method, student), `mean ± std` cells. */
export function resultsMarkdown(
  title: string,
  rows: readonly ResultRow[],
  targets: readonly string[],
): string {
  const columns = metricColumns(targets);
  const header = [...identityHeader('FLOPs'), ...columns, 'inference Mpx/s', 'training s'];
  const lines = rows.map((row) => [
    ...identityCells(row),
    ...columns.map((name) => formatPair(row.metrics[name]!, digitsFor(name))),
    formatPair(row.inferenceMpxPerS, 3),
    formatPair(row.trainingTimeS, 1),
  ]);
  const table = [header, header.map(() => '---'), ...lines].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
  const note =
    'Test split, read once per model; mean ± sample standard deviation over seeds. LST metrics in K, ' +
    'emissivity metrics unitless; bias = mean(prediction − truth); pcc = Pearson r.';
  return `# ${title}\n\n${note}\n\n${table.join('\n')}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV table: `<column>_mean` and `<column>_std` for every averaged column. */
export function resultsCsv(rows: readonly ResultRow[], targets: readonly string[]): string {
  const columns = metricColumns(targets);
  const averaged = [...columns, 'inferenceMpxPerS', 'trainingTimeS'];
  const header = [
    ...identityHeader('flopsPerSample'),
    ...averaged.flatMap((name) => [`${name}_mean`, `${name}_std`]),
  ];
  const lines = rows.map((row) => {
    const pairs = [
      ...columns.map((name) => row.metrics[name]!),
      row.inferenceMpxPerS,
      row.trainingTimeS,
    ];
    return [
      ...identityCells(row),
      ...pairs.flatMap((pair) => [String(pair.mean), String(pair.std)]),
    ]
      .map(csvField)
      .join(',');
  });
  return [header.join(','), ...lines].join('\n') + '\n';
}
