/** Scene assembly and reading of the shared MOD11A1 GeoTIFF exports (h14v09, 2019-11-01). */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { modisGranuleFromFileName, modisPhysicalValues } from '../retrieval/modis.js';
import { openGeoTiff } from './geotiff-reader.js';
import { assembleScene } from './scene.js';

const BANDS = ['LST_Day_1km', 'QC_Day', 'Emis_31', 'Emis_32'];

function files() {
  return BANDS.map((band) => {
    const fileName = `MOD11A1.A2019305.h14v09.006_${band}.tif`;
    return { path: sharedDataFile(path.join('modis-lst/derived-geotiff', fileName)), fileName };
  });
}

/** Physical value of one pixel of a scene band (values from gdallocationinfo on a copy). */
async function pixel(filePath: string, band: string, x: number, y: number): Promise<number> {
  const reader = await openGeoTiff(filePath);
  try {
    const stored = await reader.readWindow({ x, y, width: 1, height: 1 }, { bandIndex: 0 });
    return modisPhysicalValues(band, stored)[0] as number;
  } finally {
    await reader.close();
  }
}

describe('MOD11A1 GeoTIFF exports', () => {
  it('parses the granule name: Terra, 2019-11-01, tile h14v09, collection 006, band', () => {
    expect(modisGranuleFromFileName('MOD11A1.A2019305.h14v09.006_Emis_31.tif')).toEqual({
      granuleId: 'MOD11A1.A2019305.h14v09.006',
      product: 'MOD11A1',
      sensor: 'modis-terra',
      acquisitionDate: '2019-11-01',
      tile: 'h14v09',
      collection: '006',
      band: 'Emis_31',
    });
    expect(modisGranuleFromFileName('MYD11A2.A2020001.h09v05.061.2020010123456.tif')?.band).toBe(
      null,
    );
    expect(modisGranuleFromFileName('LC08_B10.TIF')).toBeNull();
  });

  it('assembles the four exports as one scene with named bands and the granule id', async () => {
    const scene = await assembleScene(files());
    expect(scene.bands.map((band) => band.name).sort()).toEqual([...BANDS].sort());
    expect(scene.sensor).toBe('modis-terra');
    expect(scene.sceneId).toBe('MOD11A1.A2019305.h14v09.006');
    expect(scene.width).toBe(1200);
    expect(scene.height).toBe(1200);
    expect(scene.boundsWgs84[1]).toBeCloseTo(-10, 3);
  });

  it('reads the product LST in kelvin and emissivity at known pixels (gdallocationinfo)', async () => {
    const scene = await assembleScene(files());
    const at = (name: string) => scene.bands.find((band) => band.name === name)!.path;
    // Pixel (171, 828): LST DN 15448, QC 0, Emis_31 DN 247, Emis_32 DN 249.
    expect(await pixel(at('LST_Day_1km'), 'LST_Day_1km', 171, 828)).toBeCloseTo(308.96, 3);
    expect(await pixel(at('Emis_31'), 'Emis_31', 171, 828)).toBeCloseTo(0.984, 5);
    expect(await pixel(at('Emis_32'), 'Emis_32', 171, 828)).toBeCloseTo(0.988, 5);
    expect(await pixel(at('QC_Day'), 'QC_Day', 171, 828)).toBe(0);
    // Pixel (0, 341): LST DN 15035 → 300.70 K, QC 65 (other quality, LST error ≤ 2 K).
    expect(await pixel(at('LST_Day_1km'), 'LST_Day_1km', 0, 341)).toBeCloseTo(300.7, 3);
    expect(await pixel(at('QC_Day'), 'QC_Day', 0, 341)).toBe(65);
    // Pixel (0, 0) is fill (LST 0, QC 3: not produced).
    expect(Number.isNaN(await pixel(at('LST_Day_1km'), 'LST_Day_1km', 0, 0))).toBe(true);
    expect(Number.isNaN(await pixel(at('Emis_31'), 'Emis_31', 0, 0))).toBe(true);
  });

  it('refuses a band that is not a MOD11 SDS', () => {
    expect(() => modisPhysicalValues('LST_Day_5km', new Float32Array(1))).toThrow(
      '"LST_Day_5km" is not a MOD11 band',
    );
  });
});
