/**
 * A run directory on disk (Node only): `state.json`, `checkpoints/<key>.json` (weights as
 * base64 float32), `models/<id>.json` + `models/<id>.weights.bin`, and the result files. Every
 * write is atomic (temporary file, then rename).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseManifest, type SavedModel } from '../serialize.js';
import type { TrainingCheckpoint } from '../training/training-config.js';
import type { RunState, RunStore } from './run-store.js';

async function writeAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, filePath);
}

async function readOptional(filePath: string): Promise<Buffer | null> {
  try {
    return await readFile(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const encode = (values: Float32Array): string =>
  Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');

function decode(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Paths of a saved model in a models folder. */
export function modelFiles(modelsDir: string, id: string): { manifest: string; weights: string } {
  return {
    manifest: path.join(modelsDir, `${safeName(id)}.json`),
    weights: path.join(modelsDir, `${safeName(id)}.weights.bin`),
  };
}

/** Writes a saved model (manifest JSON + weight bytes) into `modelsDir`. */
export async function writeSavedModel(modelsDir: string, saved: SavedModel): Promise<void> {
  const files = modelFiles(modelsDir, saved.manifest.metadata.id);
  await writeAtomic(files.weights, saved.weights);
  await writeAtomic(files.manifest, `${JSON.stringify(saved.manifest, null, 2)}\n`);
}

/** Reads a saved model from `modelsDir`; null when it is not there. */
export async function readSavedModel(modelsDir: string, id: string): Promise<SavedModel | null> {
  const files = modelFiles(modelsDir, id);
  const manifest = await readOptional(files.manifest);
  const weights = await readOptional(files.weights);
  if (manifest === null || weights === null) return null;
  return { manifest: parseManifest(manifest.toString('utf8')), weights: new Uint8Array(weights) };
}

/**
 * The run store of directory `runDir`; models go to `modelsDir` (default `<runDir>/models`).
 */
export function createRunDirectory(
  runDir: string,
  modelsDir = path.join(runDir, 'models'),
): RunStore {
  const statePath = path.join(runDir, 'state.json');
  const checkpointPath = (key: string) => path.join(runDir, 'checkpoints', `${safeName(key)}.json`);
  return {
    readState: async () => {
      const text = await readOptional(statePath);
      return text === null ? null : (JSON.parse(text.toString('utf8')) as RunState);
    },
    writeState: (state) => writeAtomic(statePath, `${JSON.stringify(state, null, 2)}\n`),
    readCheckpoint: async (key) => {
      const text = await readOptional(checkpointPath(key));
      if (text === null) return null;
      const raw = JSON.parse(text.toString('utf8')) as Omit<
        TrainingCheckpoint,
        'weights' | 'bestWeights'
      > & {
        weights: string[];
        bestWeights: string[];
      };
      return { ...raw, weights: raw.weights.map(decode), bestWeights: raw.bestWeights.map(decode) };
    },
    writeCheckpoint: (key, checkpoint) =>
      writeAtomic(
        checkpointPath(key),
        JSON.stringify({
          ...checkpoint,
          weights: checkpoint.weights.map(encode),
          bestWeights: checkpoint.bestWeights.map(encode),
        }),
      ),
    saveModel: (saved) => writeSavedModel(modelsDir, saved),
    loadModel: (id) => readSavedModel(modelsDir, id),
    writeResults: async (files) => {
      for (const [name, text] of Object.entries(files))
        await writeAtomic(path.join(runDir, name), text);
    },
  };
}
