/**
 * Node-only: the catalog of the shipped default models (models/defaults/<setting>/defaults.json
 * and the files it names), and the predictor of a catalog model read from its files: onnxruntime
 * for MLPs when installed, else TensorFlow.js (createStudentPredictor).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidParameterError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { initBackend } from '../backend.js';
import { normalizationFromMetadata } from '../onnx/export.js';
import { createStudentPredictor } from '../onnx/student-predictor-node.js';
import { loadNetwork, parseManifest, type SavedModel } from '../serialize.js';
import type { DefaultModelIndex } from './default-models.js';
import {
  memoryCatalog,
  settingOfModel,
  type CatalogModel,
  type ModelCatalog,
} from './model-catalog.js';
import type { PixelPredictor, PixelPredictorFactory } from './model-runner.js';

/** models/defaults of the repository. */
export const DEFAULT_MODELS_DIR = fileURLToPath(
  new URL('../../../models/defaults', import.meta.url),
);

function catalogModelsOf(dir: string): CatalogModel[] {
  const indexPath = path.join(dir, 'defaults.json');
  if (!existsSync(indexPath)) return [];
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as DefaultModelIndex;
  return index.models.flatMap((entry): CatalogModel[] => {
    const manifestPath = path.join(dir, entry.manifestFile);
    const manifest = parseManifest(readFileSync(manifestPath, 'utf8'));
    const setting = settingOfModel(manifest.metadata);
    if (setting === null || setting.id !== index.setting) return [];
    return [
      {
        id: entry.id,
        setting,
        role: entry.role,
        metadata: manifest.metadata,
        parameters: entry.parameters,
        location: { manifestPath, weightsPath: path.join(dir, entry.weightsFile) },
      },
    ];
  });
}

/** The catalog of the defaults under `dir` (default: the repository's models/defaults). */
export function defaultModelCatalog(dir: string = DEFAULT_MODELS_DIR): ModelCatalog {
  if (!existsSync(dir)) return memoryCatalog([]);
  const settings = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return memoryCatalog(settings.flatMap((entry) => catalogModelsOf(path.join(dir, entry.name))));
}

async function savedModelOf(model: CatalogModel): Promise<SavedModel> {
  if (model.location === null) {
    throw new InvalidParameterError(`model ${model.id} has no files to load`, { model: model.id });
  }
  const manifest = parseManifest(await readFile(model.location.manifestPath, 'utf8'));
  const weights = new Uint8Array(await readFile(model.location.weightsPath));
  return { manifest, weights };
}

/** Options of {@link filePredictorFactory}. */
export interface FilePredictorOptions {
  /** `auto` (default): onnxruntime-node for MLPs when installed, else tfjs. */
  prefer?: 'auto' | 'onnxruntime-node' | 'tfjs';
  threads?: number;
  logger?: Logger;
}

/** The predictor factory reading saved models from their files (physical inputs and outputs). */
export function filePredictorFactory(options: FilePredictorOptions = {}): PixelPredictorFactory {
  return async (model): Promise<PixelPredictor> => {
    const saved = await savedModelOf(model);
    // The network is rebuilt on TensorFlow.js before export (idempotent after the first call).
    await initBackend(options.logger === undefined ? {} : { logger: options.logger });
    const network = await loadNetwork(saved);
    try {
      const predictor = await createStudentPredictor(network, {
        normalization: normalizationFromMetadata(saved.manifest.metadata),
        ...(options.prefer === undefined ? {} : { prefer: options.prefer }),
        ...(options.threads === undefined ? {} : { threads: options.threads }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
      });
      const outputs = saved.manifest.metadata.outputs.length;
      const onnx = predictor.path === 'onnxruntime-node';
      if (onnx) network.dispose();
      return {
        path: predictor.path,
        outputs,
        run: (input, rows) => predictor.run(input, rows),
        close: async () => {
          await predictor.close();
          if (!onnx) network.dispose();
        },
      };
    } catch (error) {
      network.dispose();
      throw error;
    }
  };
}
