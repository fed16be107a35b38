/**
 * Node-only: copies the selected models of the training runs (runs/<experiment>/) into
 * models/defaults/<setting>/: `<role>.json` (manifest), `<role>.weights.bin`, `<role>.onnx` and
 * the index `defaults.json` (see default-models.ts). The full experiment `<setting>` is preferred
 * over its fast pass `<setting>-fast` role by role; a setting without a finished teacher and
 * student keeps its current files.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizationFromMetadata, exportOnnx } from '../onnx/export.js';
import { readSavedModel } from '../experiments/run-store-node.js';
import type { RunState } from '../experiments/run-store.js';
import { loadNetwork } from '../serialize.js';
import {
  chooseCells,
  DEFAULT_MODEL_ROLES,
  TEACHER_TARGET_PARAMETERS,
  type DefaultModelEntry,
  type DefaultModelIndex,
  type RunCells,
} from './default-models.js';
import { LST_SETTINGS } from './settings.js';

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await writeFile(`${file}.partial`, data);
  await rename(`${file}.partial`, file);
}

async function runCells(runsDir: string, run: string): Promise<RunCells | null> {
  const statePath = path.join(runsDir, run, 'state.json');
  if (!existsSync(statePath)) return null;
  const state = JSON.parse(await readFile(statePath, 'utf8')) as RunState;
  return { run, cells: Object.values(state.cells) };
}

/** What {@link exportDefaults} did per setting: the runs used, or null when none was finished. */
export type ExportSummary = Record<string, { runs: string[]; roles: string[] } | null>;

/** Exports the defaults of every setting from `runsDir` into `outDir`. */
export async function exportDefaults(runsDir: string, outDir: string): Promise<ExportSummary> {
  const summary: ExportSummary = {};
  for (const setting of LST_SETTINGS) {
    const runs = [setting.id, `${setting.id}-fast`];
    const candidates = (await Promise.all(runs.map((run) => runCells(runsDir, run)))).filter(
      (run): run is RunCells => run !== null,
    );
    const chosen = chooseCells(candidates);
    summary[setting.id] = null;
    if (chosen === null) continue;
    const dir = path.join(outDir, setting.id);
    await mkdir(dir, { recursive: true });
    const entries: DefaultModelEntry[] = [];
    let index: Omit<DefaultModelIndex, 'models' | 'exportedAt'> | null = null;
    for (const role of DEFAULT_MODEL_ROLES) {
      const pick = chosen[role];
      if (pick === undefined) continue;
      const { cell, run } = pick;
      const saved = await readSavedModel(path.join(runsDir, run, 'models'), cell.modelId);
      if (saved === null) continue;
      const meta = saved.manifest.metadata;
      const network = await loadNetwork(saved);
      let onnx: Uint8Array;
      try {
        onnx = exportOnnx(network, { normalization: normalizationFromMetadata(meta) });
      } finally {
        network.dispose();
      }
      await writeAtomic(path.join(dir, `${role}.json`), `${JSON.stringify(saved.manifest)}\n`);
      await writeAtomic(path.join(dir, `${role}.weights.bin`), saved.weights);
      await writeAtomic(path.join(dir, `${role}.onnx`), onnx);
      entries.push({
        role,
        id: meta.id,
        manifestFile: `${role}.json`,
        weightsFile: `${role}.weights.bin`,
        onnxFile: `${role}.onnx`,
        parameters: cell.parameters,
        methodId: cell.methodId,
        cellKey: cell.key,
        run,
        metrics: cell.metrics,
        validationLoss: cell.validationLoss,
        trainingDataHash: meta.trainingDataHash,
        commandLine: meta.commandLine,
      });
      index ??= {
        setting: setting.id,
        sensor: meta.sensor,
        inputs: meta.inputs.map((input) => input.name),
        outputs: meta.outputs.map((output) => output.name),
        teacherMeetsTarget: (chosen.teacher?.cell.parameters ?? 0) >= TEACHER_TARGET_PARAMETERS,
      };
    }
    if (index === null) continue;
    const full: DefaultModelIndex = {
      ...index,
      models: entries,
      exportedAt: new Date().toISOString(),
    };
    await writeAtomic(path.join(dir, 'defaults.json'), `${JSON.stringify(full, null, 2)}\n`);
    summary[setting.id] = {
      runs: [...new Set(entries.map((entry) => entry.run))],
      roles: entries.map((entry) => entry.role),
    };
  }
  return summary;
}
