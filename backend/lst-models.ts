/**
 * The models the `student`/`teacher` product methods use: the defaults shipped in
 * models/defaults (read once per process) and the models of the registry (`models` table)
 * whose inputs are those of an LST setting; and the predictor factory reading their files.
 */
import {
  defaultModelCatalog,
  filePredictorFactory,
} from '../src/models/lst/default-catalog-node.js';
import {
  chainCatalogs,
  settingOfModel,
  type CatalogModel,
  type ModelCatalog,
} from '../src/models/lst/model-catalog.js';
import type { PixelPredictorFactory } from '../src/models/lst/model-runner.js';
import type { Db } from './db.js';
import { getModel } from './model-store.js';

let shipped: ModelCatalog | null = null;

/** The shipped defaults (models/defaults of the repository), read at first use. */
export function shippedModels(): ModelCatalog {
  shipped ??= defaultModelCatalog();
  return shipped;
}

/** Registered models, looked up by id (a registry model is never a default). */
function registryCatalog(db: Db): ModelCatalog {
  return {
    find: (id): CatalogModel | null => {
      const stored = getModel(db, id);
      if (stored === null) return null;
      const setting = settingOfModel(stored.metadata);
      if (setting === null) return null;
      return {
        id: stored.id,
        setting,
        role: null,
        metadata: stored.metadata,
        parameters: stored.parameterCount,
        location: {
          manifestPath: stored.manifestPath,
          weightsPath: stored.manifestPath.replace(/\.json$/, '.weights.bin'),
        },
      };
    },
    defaultFor: () => null,
  };
}

/** Defaults first, then the registry of `db` when given. */
export function lstModelCatalog(db?: Db): ModelCatalog {
  return db === undefined ? shippedModels() : chainCatalogs(shippedModels(), registryCatalog(db));
}

let predictors: PixelPredictorFactory | null = null;

/** The predictor factory of the server (onnxruntime-node when installed, else tfjs). */
export function lstPredictors(): PixelPredictorFactory {
  predictors ??= filePredictorFactory();
  return predictors;
}
