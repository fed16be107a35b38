import { describe, expect, it } from 'vitest';
import { resultRows, resultsCsv, resultsMarkdown } from './results-table.js';
import type { CellResult } from './run-store.js';

function cell(
  methodId: string,
  method: string,
  scheme: string,
  seed: number,
  mae: number,
): CellResult {
  return {
    key: `${methodId}/s/seed-${seed}`,
    methodId,
    studentId: methodId === 'teacher' ? 'teacher-0' : 's',
    seed,
    method,
    scheme,
    modelId: `${methodId}-${seed}`,
    metrics: { 'lstKelvin.mae': mae, 'lstKelvin.rmse': mae * 1.3, 'lstKelvin.bias': 0.01 },
    validationLoss: 0.1,
    epochsRun: 4,
    parameters: methodId === 'teacher' ? 500000 : 2000,
    flopsPerSample: 4000,
    inferenceMpxPerS: 5,
    trainingTimeS: 10,
  };
}

describe('results table', () => {
  const teacher = cell('teacher', 'teacher', 'supervised', 0, 0.5);
  const cells = [
    cell('baseline', 'none', 'supervised', 1, 0.9),
    cell('baseline', 'none', 'supervised', 2, 1.1),
    cell('kd', 'response-mse', 'offline', 1, 0.65),
    cell('kd', 'response-mse', 'offline', 2, 0.75),
  ];

  it('states the share of the gap between the student alone and the teacher that each method closes', () => {
    const rows = resultRows(cells, ['lstKelvin'], teacher);
    // Alone 1.0 K, distilled 0.7 K, teacher 0.5 K: (1.0 − 0.7) / (1.0 − 0.5) = 60 %.
    expect(rows.map((row) => row.lstMaeGapClosed)).toEqual([null, expect.closeTo(0.6, 12)]);
    const markdown = resultsMarkdown('Experiment t', rows, ['lstKelvin'], teacher);
    expect(markdown).toContain(
      'Teacher (seed 0): 500000 parameters, LST MAE 0.500 K, RMSE 0.650 K, bias 0.010 K, 4 epochs in 10 s.',
    );
    expect(markdown).toMatch(/\| kd \| offline \| s \| 2 \| 2000 \| 4000 \| .* \| 60 % \|/);
    expect(resultsCsv(rows, ['lstKelvin']).split('\n')[2]).toMatch(/,0\.6000000000000\d*$/);
  });

  it('leaves the gap empty without a teacher or when the teacher is no better than the student alone', () => {
    expect(resultRows(cells, ['lstKelvin']).map((row) => row.lstMaeGapClosed)).toEqual([
      null,
      null,
    ]);
    const weak = cell('teacher', 'teacher', 'supervised', 0, 1.2);
    expect(resultRows(cells, ['lstKelvin'], weak).map((row) => row.lstMaeGapClosed)).toEqual([
      null,
      null,
    ]);
  });
});
