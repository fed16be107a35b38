/**
 * An experiment run store held in memory, for notebooks: the run state, checkpoints, saved
 * models and result files live in Maps and vanish with the kernel. It has the shape of the
 * engine's `RunStore` (src/models/experiments/run-store.ts) without importing it: the value
 * types are parameters, so this file type-checks before `dist/` is built. Written in
 * TypeScript 5.0 syntax, which tslab parses.
 */

/** What the store needs of a saved model: the id in its metadata. */
export interface SavedModelLike {
  manifest: { metadata: { id: string } };
}

/** An in-memory run store; `State`, `Checkpoint` and `Model` are the engine's types. */
export interface MemoryRunStore<State, Checkpoint, Model extends SavedModelLike> {
  readState(): Promise<State | null>;
  writeState(state: State): Promise<void>;
  readCheckpoint(key: string): Promise<Checkpoint | null>;
  writeCheckpoint(key: string, checkpoint: Checkpoint): Promise<void>;
  saveModel(saved: Model): Promise<void>;
  loadModel(id: string): Promise<Model | null>;
  writeResults(files: Record<string, string>): Promise<void>;
  /** Every model saved so far, by id. */
  readonly models: ReadonlyMap<string, Model>;
  /** The result files written so far (e.g. `results.md`), by name. */
  readonly results: ReadonlyMap<string, string>;
}

/**
 * An empty in-memory run store. The state is kept as a structured clone, so that a caller
 * mutating its state object after a write does not change what the store holds.
 */
export function createMemoryRunStore<
  State,
  Checkpoint,
  Model extends SavedModelLike,
>(): MemoryRunStore<State, Checkpoint, Model> {
  let state: State | null = null;
  const checkpoints = new Map<string, Checkpoint>();
  const models = new Map<string, Model>();
  const results = new Map<string, string>();
  const done = Promise.resolve();
  return {
    readState: () => Promise.resolve(state === null ? null : structuredClone(state)),
    writeState: (next) => {
      state = structuredClone(next);
      return done;
    },
    readCheckpoint: (key) => Promise.resolve(checkpoints.get(key) ?? null),
    writeCheckpoint: (key, checkpoint) => {
      checkpoints.set(key, checkpoint);
      return done;
    },
    saveModel: (saved) => {
      models.set(saved.manifest.metadata.id, saved);
      return done;
    },
    loadModel: (id) => Promise.resolve(models.get(id) ?? null),
    writeResults: (files) => {
      for (const [name, text] of Object.entries(files)) results.set(name, text);
      return done;
    },
    models,
    results,
  };
}
