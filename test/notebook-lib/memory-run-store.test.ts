import { describe, expect, it } from 'vitest';
import { createMemoryRunStore } from '../../notebooks/lib/memory-run-store.js';

interface State {
  experimentHash: string;
  cells: Record<string, { modelId: string }>;
}
interface Model {
  manifest: { metadata: { id: string } };
  weights: Uint8Array;
}

describe('createMemoryRunStore', () => {
  it('starts empty: no state, no checkpoint, no model, no results', async () => {
    const store = createMemoryRunStore<State, number, Model>();
    expect(await store.readState()).toBeNull();
    expect(await store.readCheckpoint('teacher/0')).toBeNull();
    expect(await store.loadModel('m1')).toBeNull();
    expect(store.results.size).toBe(0);
  });

  it('returns the last state written, unchanged by later edits of the written object', async () => {
    const store = createMemoryRunStore<State, number, Model>();
    const state: State = { experimentHash: 'abc', cells: {} };
    await store.writeState(state);
    state.cells['teacher/0'] = { modelId: 'm1' };
    expect(await store.readState()).toEqual({ experimentHash: 'abc', cells: {} });
    await store.writeState(state);
    expect((await store.readState())?.cells).toEqual({ 'teacher/0': { modelId: 'm1' } });
  });

  it('keeps checkpoints by key and models by the id in their metadata', async () => {
    const store = createMemoryRunStore<State, number, Model>();
    await store.writeCheckpoint('teacher/0', 3);
    await store.writeCheckpoint('teacher/0', 4);
    const model = { manifest: { metadata: { id: 'm7' } }, weights: new Uint8Array([1, 2]) };
    await store.saveModel(model);
    expect(await store.readCheckpoint('teacher/0')).toBe(4);
    expect(await store.loadModel('m7')).toBe(model);
    expect([...store.models.keys()]).toEqual(['m7']);
  });

  it('collects the result files by name', async () => {
    const store = createMemoryRunStore<State, number, Model>();
    await store.writeResults({ 'results.md': '# T\n', 'results.csv': 'a,b\n' });
    expect(store.results.get('results.md')).toBe('# T\n');
    expect([...store.results.keys()]).toEqual(['results.md', 'results.csv']);
  });
});
