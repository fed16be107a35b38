/**
 * The default models of the input settings (models/defaults/<setting>/defaults.json): which
 * teacher and students of the training runs are selected and what the index records of each.
 * Selection is on the validation loss (the test split is only reported). Node-free.
 */
import type { CellResult } from '../experiments/run-store.js';

/** Roles of a setting's default models. */
export const DEFAULT_MODEL_ROLES = ['teacher', 'student', 'student-5k'] as const;

/** One role: the teacher, the best student ≤ 10 % of it, the best student ≤ 5k parameters. */
export type DefaultModelRole = (typeof DEFAULT_MODEL_ROLES)[number];

/** Largest parameter count of the `student-5k` role. */
export const SMALL_STUDENT_MAX_PARAMETERS = 5000;
/** Largest student size relative to the teacher for the `student` role. */
export const STUDENT_MAX_TEACHER_FRACTION = 0.1;
/** Smallest teacher of the targets (smaller ones are recorded as below target). */
export const TEACHER_TARGET_PARAMETERS = 500_000;

/** One default model as the index records it. */
export interface DefaultModelEntry {
  role: DefaultModelRole;
  /** Model id (as in its manifest). */
  id: string;
  /** Files next to the index: manifest JSON, weight bytes, ONNX graph. */
  manifestFile: string;
  weightsFile: string;
  onnxFile: string | null;
  parameters: number;
  /** Method id of the experiment (`teacher`, `baseline`, `kd-mse`…) and the cell key. */
  methodId: string;
  cellKey: string;
  /** Run directory (experiment name) it came from. */
  run: string;
  /** Test-split metrics in physical units (`lstKelvin.mae` in K…). */
  metrics: Record<string, number>;
  validationLoss: number;
  trainingDataHash: string;
  commandLine: string;
}

/** models/defaults/<setting>/defaults.json. */
export interface DefaultModelIndex {
  setting: string;
  /** Sensor of the simulated training data. */
  sensor: string;
  inputs: string[];
  outputs: string[];
  teacherMeetsTarget: boolean;
  models: DefaultModelEntry[];
  exportedAt: string;
}

/** A finished run: its experiment name and the cells of its state. */
export interface RunCells {
  run: string;
  cells: readonly CellResult[];
}

/** The selected cells of one run per role (a role may be missing). */
export type SelectedCells = Partial<Record<DefaultModelRole, CellResult>>;

function best(cells: readonly CellResult[]): CellResult | undefined {
  return [...cells].sort((a, b) => a.validationLoss - b.validationLoss)[0];
}

/**
 * The teacher (lowest validation loss of the run's teachers) and the best students by validation
 * loss: `student` among those ≤ 10 % of the teacher's parameters, `student-5k` among those
 * ≤ 5,000 parameters.
 */
export function selectRunCells(cells: readonly CellResult[]): SelectedCells {
  const teacher = best(cells.filter((cell) => cell.methodId === 'teacher'));
  const students = cells.filter((cell) => cell.methodId !== 'teacher');
  const limit = (teacher?.parameters ?? Number.POSITIVE_INFINITY) * STUDENT_MAX_TEACHER_FRACTION;
  const selected: SelectedCells = {};
  if (teacher !== undefined) selected.teacher = teacher;
  const student = best(students.filter((cell) => cell.parameters <= limit));
  if (student !== undefined) selected.student = student;
  const small = best(students.filter((cell) => cell.parameters <= SMALL_STUDENT_MAX_PARAMETERS));
  if (small !== undefined) selected['student-5k'] = small;
  return selected;
}

/** The selected cell of each role and the run it comes from. */
export type ChosenCells = Partial<Record<DefaultModelRole, { run: string; cell: CellResult }>>;

/**
 * For each role, the cell of the first run (in the order given: the full experiment before its
 * fast pass) that has one, so a finished full teacher replaces the fast one while the full
 * students are still training; null when no run has a teacher and a `student`.
 */
export function chooseCells(runs: readonly RunCells[]): ChosenCells | null {
  const chosen: ChosenCells = {};
  for (const run of runs) {
    const selected = selectRunCells(run.cells);
    for (const role of DEFAULT_MODEL_ROLES) {
      const cell = selected[role];
      if (chosen[role] === undefined && cell !== undefined) chosen[role] = { run: run.run, cell };
    }
  }
  return chosen.teacher !== undefined && chosen.student !== undefined ? chosen : null;
}
