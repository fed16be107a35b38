import { describe, expect, it } from 'vitest';
import { productFileName } from './views.js';

describe('the download file name of a product', () => {
  const lst = { product: 'lst', method: 'split-window' };
  const id = '5bd16e5f-493f-49f1-b0cb-c41a0ebd0788';

  it('names a Landsat scene by its scene id', () => {
    const scene = { id, sceneId: 'LC80200392015216LGN00', bands: [{ fileName: 'l8_B10.tif' }] };
    expect(productFileName(scene, lst)).toBe('LC80200392015216LGN00_lst_split-window.tif');
  });

  it('names a plain scene by its first band file without extension, not by its UUID', () => {
    const scene = {
      id,
      sceneId: null,
      bands: [{ fileName: 'pensacola.B10.TIF' }, { fileName: 'x.tif' }],
    };
    expect(productFileName(scene, lst)).toBe('pensacola.B10_lst_split-window.tif');
  });

  it('replaces characters outside [A-Za-z0-9._-] by underscores', () => {
    const scene = { id, sceneId: null, bands: [{ fileName: 'été 2015 "B10".tif' }] };
    expect(productFileName(scene, { product: 'lst', method: 'rte' })).toBe(
      '_t__2015__B10__lst_rte.tif',
    );
  });

  it('falls back to the scene UUID when the scene has no band', () => {
    expect(productFileName({ id, sceneId: null, bands: [] }, lst)).toBe(
      `${id}_lst_split-window.tif`,
    );
  });
});
