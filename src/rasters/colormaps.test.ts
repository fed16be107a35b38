import { describe, expect, it } from 'vitest';

import { InvalidParameterError } from '../errors.js';
import {
  COLORMAP_NAMES,
  getColormap,
  hexToRgb,
  listColormaps,
  validateCategoricalColormap,
} from './colormaps.js';

function entry(name: string, index: number): number[] {
  const lut = getColormap(name);
  return [lut[index * 3]!, lut[index * 3 + 1]!, lut[index * 3 + 2]!];
}

function expectColorNear(actual: number[], hex: string, tolerance: number): void {
  const expected = hexToRgb(hex);
  actual.forEach((c, i) => expect(Math.abs(c - expected[i]!)).toBeLessThanOrEqual(tolerance));
}

describe('getColormap', () => {
  it('returns 256 RGB entries for every listed map', () => {
    for (const name of COLORMAP_NAMES) expect(getColormap(name)).toHaveLength(768);
    expect(COLORMAP_NAMES).toEqual([
      'viridis',
      'inferno',
      'magma',
      'plasma',
      'turbo',
      'RdYlBu_r',
      'coolwarm',
      'greys',
    ]);
  });

  it('starts viridis at #440154, ends it at #fde725 and passes #21918c halfway', () => {
    expectColorNear(entry('viridis', 0), '#440154', 1);
    expectColorNear(entry('viridis', 255), '#fde725', 1);
    // matplotlib viridis(0.5) = #21918c; entry 128 is value 0.502.
    expectColorNear(entry('viridis', 128), '#21918c', 2);
  });

  it('matches matplotlib at the quarter points of viridis (#3b528b, #5ec962)', () => {
    expectColorNear(entry('viridis', 64), '#3b528b', 2);
    expectColorNear(entry('viridis', 191), '#5ec962', 2);
  });

  it('runs RdYlBu_r from ColorBrewer blue #313695 through #ffffbf to red #a50026', () => {
    expectColorNear(entry('RdYlBu_r', 0), '#313695', 0);
    expectColorNear(entry('RdYlBu_r', 255), '#a50026', 0);
    expectColorNear(entry('RdYlBu_r', 128), '#ffffbf', 2);
  });

  it('runs coolwarm from Moreland’s #3b4cc0 through grey #dddddd to #b40426', () => {
    expectColorNear(entry('coolwarm', 0), '#3b4cc0', 0);
    expectColorNear(entry('coolwarm', 128), '#dddddd', 2);
    expectColorNear(entry('coolwarm', 255), '#b40426', 0);
  });

  it('runs turbo from #30123b to #7a0403 and greys from white to black', () => {
    expectColorNear(entry('turbo', 0), '#30123b', 0);
    expectColorNear(entry('turbo', 255), '#7a0403', 0);
    expect(entry('greys', 0)).toEqual([255, 255, 255]);
    expect(entry('greys', 255)).toEqual([0, 0, 0]);
  });

  it('matches names case-insensitively, as TiTiler spells them', () => {
    expect(getColormap('rdylbu_r')).toBe(getColormap('RdYlBu_r'));
    expect(getColormap('VIRIDIS')).toBe(getColormap('viridis'));
  });

  it('rejects an unknown name with a message listing the valid ones', () => {
    expect(() => getColormap('jet')).toThrow(InvalidParameterError);
    expect(() => getColormap('jet')).toThrow(
      "unknown colormap 'jet'; valid names: viridis, inferno, magma, plasma, turbo, RdYlBu_r, coolwarm, greys",
    );
  });
});

describe('listColormaps', () => {
  it('lists each map as continuous with 11 legend stops from its first to its last colour', () => {
    const listing = listColormaps();
    expect(listing.map((m) => m.name)).toEqual(COLORMAP_NAMES);
    for (const map of listing) {
      expect(map.type).toBe('continuous');
      expect(map.stops).toHaveLength(11);
      for (const stop of map.stops) expect(stop).toMatch(/^#[0-9a-f]{6}$/);
    }
    const viridis = listing[0]!;
    expect(viridis.stops[0]).toBe('#440154');
    expect(viridis.stops[10]).toBe('#fde725');
    expect(viridis.source).toMatch(/van der Walt & Smith 2015/);
  });
});

describe('categorical colormaps', () => {
  it('accepts integer class ids with byte colours and rejects others naming the entry', () => {
    expect(() => validateCategoricalColormap({ 1: [0, 128, 0], 2: [0, 0, 255] })).not.toThrow();
    expect(() => validateCategoricalColormap({ 3: [0, 300, 0] })).toThrow(/entry 3 → \[0,300,0\]/);
  });
});
