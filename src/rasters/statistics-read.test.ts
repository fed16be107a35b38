import { describe, expect, it } from 'vitest';
import { planStatisticsRead } from './statistics-read.js';

describe('planStatisticsRead', () => {
  it('reads a raster no larger than the limit pixel for pixel at full resolution', () => {
    expect(planStatisticsRead({ width: 627, height: 603, overviews: [] })).toEqual({
      level: 0,
      width: 627,
      height: 603,
      levelWidth: 627,
      levelHeight: 603,
      fullResolution: true,
      sampled: false,
    });
  });

  it('reads the finest overview that fits, pixel for pixel', () => {
    const overviews = [
      { width: 4000, height: 3000 },
      { width: 2000, height: 1500 },
      { width: 1000, height: 750 },
      { width: 500, height: 375 },
    ];
    expect(planStatisticsRead({ width: 8000, height: 6000, overviews })).toEqual({
      level: 3,
      width: 1000,
      height: 750,
      levelWidth: 1000,
      levelHeight: 750,
      fullResolution: false,
      sampled: false,
    });
  });

  it('samples the full resolution down to the limit when no overview fits', () => {
    expect(planStatisticsRead({ width: 4096, height: 2048, overviews: [] })).toEqual({
      level: 0,
      width: 1024,
      height: 512,
      levelWidth: 4096,
      levelHeight: 2048,
      fullResolution: false,
      sampled: true,
    });
  });
});
