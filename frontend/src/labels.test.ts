import { describe, expect, it } from 'vitest';
import { productLabel, sceneLabel } from './labels.js';
import { productSummary } from './product-list.js';

const band = (name: string, fileName: string) => ({ name, description: null, fileName });

describe('scene and product labels', () => {
  it('names a Landsat scene by its scene id', () => {
    const scene = { id: 'uuid-1', sceneId: 'LC80200392015216LGN00', bands: [band('B10', 'x.tif')] };
    expect(sceneLabel(scene)).toBe('LC80200392015216LGN00');
  });

  it('names a plain GeoTIFF scene by its file name, once for a multi-band file', () => {
    const scene = {
      id: 'uuid-2',
      sceneId: null,
      bands: [band('b1', 'rgb.tif'), band('b2', 'rgb.tif')],
    };
    expect(sceneLabel(scene)).toBe('rgb.tif');
  });

  it('names a scene of several plain files by the first and a count', () => {
    const bands = [band('b1', 'red.tif'), band('b1', 'nir.tif'), band('b1', 'tir.tif')];
    expect(sceneLabel({ id: 'uuid-3', sceneId: null, bands })).toBe('red.tif + 2 more');
  });

  it('falls back to the server id for a scene without bands', () => {
    expect(sceneLabel({ id: 'uuid-4', sceneId: null, bands: [] })).toBe('uuid-4');
  });

  it('names a product by kind and method', () => {
    expect(productLabel({ product: 'lst', method: 'split-window' })).toBe('LST · split-window');
    expect(productLabel({ product: 'water-vapour', method: 'covariance-ratio' })).toBe(
      'Water vapour · covariance-ratio',
    );
    expect(productLabel({ product: 'ndvi', method: 'ndvi' })).toBe('NDVI · ndvi');
    expect(productLabel({ product: 'albedo', method: 'liang' })).toBe('ALBEDO · liang');
  });

  it('summarises a product by its median and p2–p98 range, without the median when unknown', () => {
    const stats = { min: 252.1, max: 486.4, mean: 297.71, median: 296.94, p2: 271.23, p98: 334.93 };
    expect(productSummary({ stats, unit: 'K' })).toBe('median 296.94 K · p2–p98 271.2–334.9 K');
    expect(productSummary({ stats: { ...stats, median: null }, unit: 'K' })).toBe(
      'p2–p98 271.2–334.9 K',
    );
  });
});
