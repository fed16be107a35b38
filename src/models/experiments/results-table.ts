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
  /**
   * Share of the LST MAE gap between the same student trained alone (the `none` method of the
   * supervised scheme) and the teacher that this row closes, (MAE_alone − MAE) / (MAE_alone −
   * MAE_teacher), from the seed means; null for the baseline itself, without a baseline or
   * teacher, or when the teacher is not better than the student alone.
   */
  lstMaeGapClosed: number | null;
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

const LST_MAE = 'lstKelvin.mae';

function isBaseline(row: Pick<ResultRow, 'method' | 'scheme'>): boolean {
  return row.method === 'none' && row.scheme === 'supervised';
}

/** Fills lstMaeGapClosed of every row from the baseline row of its student and `teacherMae`. */
function withGapClosed(rows: ResultRow[], teacherMae: number | undefined): ResultRow[] {
  return rows.map((row) => {
    const alone = rows.find((other) => other.studentId === row.studentId && isBaseline(other));
    const aloneMae = alone?.metrics[LST_MAE]?.mean;
    const mae = row.metrics[LST_MAE]?.mean;
    const usable =
      !isBaseline(row) &&
      aloneMae !== undefined &&
      mae !== undefined &&
      teacherMae !== undefined &&
      aloneMae > teacherMae;
    return {
      ...row,
      lstMaeGapClosed: usable ? (aloneMae - mae) / (aloneMae - teacherMae) : null,
    };
  });
}

/**
 * Rows grouped by (method, student) in first-appearance order; `teacher` (the first teacher's
 * cell) gives the reference of each row's lstMaeGapClosed.
 */
export function resultRows(
  cells: readonly CellResult[],
  targets: readonly string[],
  teacher?: CellResult,
): ResultRow[] {
  const groups = new Map<string, CellResult[]>();
  for (const cell of cells) {
    const key = `${cell.methodId}\u0000${cell.studentId}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const rows = [...groups.values()].map((group): ResultRow => {
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
      lstMaeGapClosed: null,
    };
  });
  return withGapClosed(rows, teacher?.metrics[LST_MAE]);
}

function formatGap(gap: number | null): string {
  return gap === null ? '–' : `${(gap * 100).toFixed(0)} %`;
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
  teacher?: CellResult,
): string {
  const columns = metricColumns(targets);
  const header = [
    ...identityHeader('FLOPs'),
    ...columns,
    'LST MAE gap closed',
    'inference Mpx/s',
    'training s',
  ];
  const lines = rows.map((row) => [
    ...identityCells(row),
    ...columns.map((name) => formatPair(row.metrics[name]!, digitsFor(name))),
    formatGap(row.lstMaeGapClosed),
    formatPair(row.inferenceMpxPerS, 3),
    formatPair(row.trainingTimeS, 1),
  ]);
  const table = [header, header.map(() => '---'), ...lines].map(
    (cells) => `| ${cells.join(' | ')} |`,
  );
  const note =
    'Test split, read once per model; mean ± sample standard deviation over seeds. LST metrics in K, ' +
    'emissivity metrics unitless; bias = mean(prediction − truth); pcc = Pearson r. LST MAE gap ' +
    'closed = (MAE of the same student trained alone − MAE) / (that MAE − the teacher MAE).';
  return `# ${title}\n\n${note}\n\n${teacherLine(teacher)}${table.join('\n')}\n`;
}

/** One line on the (first) teacher: parameters, LST MAE/RMSE and training time; '' without. */
function teacherLine(teacher: CellResult | undefined): string {
  if (teacher === undefined) return '';
  const metric = (name: string) => (teacher.metrics[name] ?? Number.NaN).toFixed(3);
  return (
    `Teacher (seed ${teacher.seed}): ${teacher.parameters} parameters, LST MAE ` +
    `${metric(LST_MAE)} K, RMSE ${metric('lstKelvin.rmse')} K, bias ${metric('lstKelvin.bias')} K, ` +
    `${teacher.epochsRun} epochs in ${teacher.trainingTimeS.toFixed(0)} s.\n\n`
  );
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
    'lstMaeGapClosed',
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
      row.lstMaeGapClosed === null ? '' : String(row.lstMaeGapClosed),
    ]
      .map(csvField)
      .join(',');
  });
  return [header.join(','), ...lines].join('\n') + '\n';
}
