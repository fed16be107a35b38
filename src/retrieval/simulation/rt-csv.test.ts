import { describe, expect, it } from 'vitest';
import { parseRtCsv } from './rt-csv.js';
import { simulateDataset } from './simulate.js';

const GOOD = [
  'profile_id,band,tau,lup,ldown,w,view_angle',
  'tigr-1,B10,0.81,1.50,2.48,2.0,0',
  'tigr-1,B11,0.73,2.02,3.23,2.0,0',
  'tigr-2,B10,0.95,0.30,0.55,0.6,5',
  'tigr-2,B11,0.92,0.45,0.80,0.6,5',
].join('\n');

describe('parseRtCsv', () => {
  it('reads the profiles of a MODTRAN-style CSV with their per-band τ, L↑, L↓', () => {
    const profiles = parseRtCsv(GOOD, 'landsat-8', 'runs.csv');
    expect(profiles.map((profile) => profile.label)).toEqual(['tigr-1', 'tigr-2']);
    expect(profiles[1]?.bands.B11).toEqual({
      transmittance: 0.92,
      upwellingWm2SrUm: 0.45,
      downwellingWm2SrUm: 0.8,
    });
    expect(profiles[1]?.waterVapourGcm2).toBe(0.6);
    expect(profiles[1]?.viewAngleDeg).toBe(5);
  });

  it('names the file and line of a transmittance above 1', () => {
    const text = GOOD.replace('tigr-2,B10,0.95', 'tigr-2,B10,1.2');
    expect(() => parseRtCsv(text, 'landsat-8', 'runs.csv')).toThrow(
      'runs.csv line 4: tau must be a number in (0, 1], got "1.2"',
    );
  });

  it('names the line of a negative radiance and of a band the sensor lacks', () => {
    expect(() =>
      parseRtCsv(GOOD.replace('1.50,2.48', '-1.50,2.48'), 'landsat-8', 'runs.csv'),
    ).toThrow('runs.csv line 2: lup must be a number in [0, 1000], got "-1.50"');
    expect(() => parseRtCsv(GOOD, 'modis-terra', 'runs.csv')).toThrow(
      'runs.csv line 2: band "B10" is not a band of the sensor (31, 32)',
    );
  });

  it('rejects a profile without every band, duplicates and missing columns', () => {
    const lines = GOOD.split('\n');
    expect(() => parseRtCsv(lines.slice(0, 4).join('\n'), 'landsat-8', 'runs.csv')).toThrow(
      'runs.csv: profile "tigr-2" lacks band(s) B11',
    );
    expect(() => parseRtCsv([...lines, lines[1]].join('\n'), 'landsat-8', 'runs.csv')).toThrow(
      'runs.csv line 6: profile "tigr-1" has band B10 twice',
    );
    expect(() => parseRtCsv('profile_id,band,tau\nA,B10,0.9', 'landsat-8', 'runs.csv')).toThrow(
      'runs.csv: lacks column(s) lup, ldown (has profile_id, band, tau)',
    );
  });

  it('feeds the simulator: rows carry the CSV atmosphere and split by profile', () => {
    const profiles = parseRtCsv(GOOD, 'landsat-8', 'runs.csv');
    const dataset = simulateDataset({
      sensor: 'landsat-8',
      seed: 1,
      sampleCount: 40,
      profiles,
      splitFractions: { train: 0.5, validation: 0, test: 0.5 },
    });
    expect(dataset.metadata.atmosphereSource).toBe('csv');
    expect(dataset.metadata.atmosphereLabels).toEqual(['tigr-1', 'tigr-2']);
    expect(dataset.metadata.splits.train.atmospheres).toBe(1);
    expect(dataset.metadata.splits.test.atmospheres).toBe(1);
    expect(dataset.columns['transmittance.B11']?.[0]).toBeCloseTo(0.73, 6);
    expect(dataset.columns['downwellingWm2SrUm.B10']?.[39]).toBeCloseTo(0.55, 6);
    expect(dataset.columns['waterVapourGcm2']?.[39]).toBeCloseTo(0.6, 6);
  });
});
