/**
 * Runs scripts/run-notebooks.sh and reads what the executed notebooks (nbformat 4 JSON) hold:
 * the printed text, the error outputs and the rich display data of their code cells.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One output of a code cell, as nbformat 4 stores it. */
interface CellOutput {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: 'stdout' | 'stderr';
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}

interface NotebookCell {
  cell_type: string;
  outputs?: CellOutput[];
  /** nbconvert records the kernel's reply time of every cell it executed here. */
  metadata?: { execution?: Record<string, string> };
}

/** What an executed notebook printed and displayed. */
export interface NotebookOutputs {
  /** The stdout stream of every code cell, joined in cell order. */
  text: string;
  /** `ename: evalue` of every error output. */
  errors: string[];
  /** The stderr streams: where tslab reports compile errors and uncaught exceptions. */
  stderr: string[];
  /** Code cells the kernel replied to (tslab leaves execution_count null, so nbconvert's
   * `shell.execute_reply` timestamp is what tells). */
  executedCells: number;
  codeCells: number;
  /** The rich outputs, e.g. `image/svg+xml` → the SVG documents. */
  displays: Record<string, string[]>;
}

const joined = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join('') : (value ?? '');

const isStream = (output: CellOutput, name: 'stdout' | 'stderr'): boolean =>
  output.output_type === 'stream' && output.name === name;

/** Reads an executed notebook file. */
export function readNotebookOutputs(notebookPath: string): NotebookOutputs {
  const notebook = JSON.parse(readFileSync(notebookPath, 'utf8')) as { cells: NotebookCell[] };
  const codeCells = notebook.cells.filter((cell) => cell.cell_type === 'code');
  const outputs = codeCells.flatMap((cell) => cell.outputs ?? []);
  const displays: Record<string, string[]> = {};
  for (const output of outputs) {
    for (const [mime, value] of Object.entries(output.data ?? {})) {
      (displays[mime] ??= []).push(joined(value));
    }
  }
  return {
    text: outputs.map((output) => (isStream(output, 'stdout') ? joined(output.text) : '')).join(''),
    stderr: outputs.filter((output) => isStream(output, 'stderr')).map((o) => joined(o.text)),
    errors: outputs
      .filter((output) => output.output_type === 'error')
      .map((output) => `${output.ename ?? 'Error'}: ${output.evalue ?? ''}`),
    executedCells: codeCells.filter(
      (cell) => cell.metadata?.execution?.['shell.execute_reply'] !== undefined,
    ).length,
    codeCells: codeCells.length,
    displays,
  };
}

/** The result of one scripts/run-notebooks.sh run. */
export interface NotebookRun {
  status: number | null;
  /** stdout and stderr together (nbconvert reports a failing cell on stderr). */
  log: string;
  durationMs: number;
}

/** Runs scripts/run-notebooks.sh with `args` from the repository root (the current directory). */
export function runNotebookScript(args: readonly string[], timeoutMs: number): NotebookRun {
  const started = Date.now();
  const result = spawnSync('bash', [path.join('scripts', 'run-notebooks.sh'), ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const log = `${result.stdout}${result.stderr}${result.error ? `\n${String(result.error)}` : ''}`;
  return { status: result.status, log, durationMs: Date.now() - started };
}

/** The number after `label` in `text` (e.g. `RMSE over all rows: 1.026 K`), or NaN. */
export function numberAfter(text: string, label: string): number {
  const start = text.indexOf(label);
  if (start < 0) return Number.NaN;
  const match = /^\s*(-?\d+(?:\.\d+)?)/.exec(text.slice(start + label.length));
  return match ? Number(match[1]) : Number.NaN;
}
