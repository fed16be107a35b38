/**
 * The models an `lst`/`emissivity` product with method `student` or `teacher` can use: the
 * shipped defaults of each setting and any registered model whose inputs are those of a
 * setting. The catalog is an interface so that file and database reads stay in Node-only code
 * (default-catalog-node.ts, backend/). Node-free.
 */
import type { ModelMetadata } from '../serialize.js';
import type { DefaultModelRole } from './default-models.js';
import { LST_SETTINGS, settingInputs, type LstSetting } from './settings.js';

/** Network methods of the products. */
export const MODEL_METHODS = ['student', 'teacher'] as const;

/** `student` or `teacher`. */
export type ModelMethod = (typeof MODEL_METHODS)[number];

/** One usable model. */
export interface CatalogModel {
  id: string;
  setting: LstSetting;
  /** Role among the setting's defaults, null for another registered model. */
  role: DefaultModelRole | null;
  metadata: ModelMetadata;
  parameters: number;
  /** Where its saved files are (read by Node-only code); null when held in memory. */
  location: { manifestPath: string; weightsPath: string } | null;
}

/** Looks models up; every method is synchronous (plans are checked before a job is queued). */
export interface ModelCatalog {
  /** The model `id`, or null when the catalog has none. */
  find(id: string): CatalogModel | null;
  /** The default model of a setting for a method, or null when none is shipped. */
  defaultFor(settingId: string, method: ModelMethod): CatalogModel | null;
}

/** True when `method` runs a network. */
export function isModelMethod(method: string | undefined): method is ModelMethod {
  return method !== undefined && (MODEL_METHODS as readonly string[]).includes(method);
}

/**
 * The setting whose inputs (names, in order) and targets a model has; null when none matches
 * (e.g. a model trained on the default inputs of a simulated dataset).
 */
export function settingOfModel(metadata: ModelMetadata): LstSetting | null {
  const inputs = metadata.inputs.map((input) => input.name).join(',');
  const outputs = metadata.outputs.map((output) => output.name).join(',');
  return (
    LST_SETTINGS.find(
      (setting) =>
        settingInputs(setting).join(',') === inputs && setting.targets.join(',') === outputs,
    ) ?? null
  );
}

/** The default role a method uses: the teacher, or the best student ≤ 10 % of it. */
export function roleOfMethod(method: ModelMethod): DefaultModelRole {
  return method === 'teacher' ? 'teacher' : 'student';
}

/**
 * The network method a model serves: its default role (`student-5k` is a student), else, for a
 * registered model, `teacher` when it was trained as one (metadata method `teacher`), `student`
 * otherwise (a distilled or baseline model).
 */
export function methodOfModel(model: Pick<CatalogModel, 'role' | 'metadata'>): ModelMethod {
  if (model.role !== null) return model.role === 'teacher' ? 'teacher' : 'student';
  return model.metadata.method === 'teacher' ? 'teacher' : 'student';
}

/** A catalog of models held in memory (defaults first, then the others by id). */
export function memoryCatalog(models: readonly CatalogModel[]): ModelCatalog {
  return {
    find: (id) => models.find((model) => model.id === id) ?? null,
    defaultFor: (settingId, method) =>
      models.find(
        (model) => model.setting.id === settingId && model.role === roleOfMethod(method),
      ) ?? null,
  };
}

/** The catalog that looks in `first`, then in `second`. */
export function chainCatalogs(first: ModelCatalog, second: ModelCatalog): ModelCatalog {
  return {
    find: (id) => first.find(id) ?? second.find(id),
    defaultFor: (settingId, method) =>
      first.defaultFor(settingId, method) ?? second.defaultFor(settingId, method),
  };
}
