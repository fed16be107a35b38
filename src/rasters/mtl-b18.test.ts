/** Reported fault B18: Collection 2 MTLs repeat keys across groups; Landsat 9 constants. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { brightnessTemperatureKelvin } from '../retrieval/brightness-temperature.js';
import { parseMtl } from './mtl.js';
import { parseMtlDocument, qualifiedMtlValues } from './mtl-document.js';

const B18 = 'reported-faults/b18_LC09_L2SP_trimmed_MTL.txt';

function readB18(): string {
  return readFileSync(sharedDataFile(B18), 'utf8');
}

describe('Collection 2 MTL with duplicate keys (reported fault B18)', () => {
  it('qualifies every key by its group, so repeated keys keep their own values', () => {
    const values = qualifiedMtlValues(parseMtlDocument(readB18(), 'b18').root);
    expect(values.get('PRODUCT_CONTENTS.LANDSAT_PRODUCT_ID')).toBe(
      'LC09_L2SP_010065_20220129_20220131_02_T1',
    );
    expect(values.get('LEVEL1_PROCESSING_RECORD.LANDSAT_PRODUCT_ID')).toBe(
      'LC09_L1TP_010065_20220129_20220129_02_T1',
    );
    expect(values.get('LEVEL1_PROCESSING_RECORD.PROCESSING_LEVEL')).toBe('L1TP');
    expect(values.get('PROJECTION_ATTRIBUTES.UTM_ZONE')).toBe('17');
    expect(values.get('LEVEL1_PROJECTION_PARAMETERS.UTM_ZONE')).toBe('17');
    expect(values.get('IMAGE_ATTRIBUTES.SPACECRAFT_ID')).toBe('LANDSAT_9');
  });

  it('turns B10 DN 30000 into 11.5 W/(m2 sr um) and 312.3700 K, B11 into 312.9946 K', () => {
    const { bands, spacecraft, productId } = parseMtl(readB18(), 'b18');
    expect(spacecraft).toBe('LANDSAT_9');
    expect(productId).toBe('LC09_L2SP_010065_20220129_20220131_02_T1');
    const b10 = bands.B10!;
    const b11 = bands.B11!;
    const radianceB10 = b10.radianceMult! * 30000 + b10.radianceAdd!;
    expect(radianceB10).toBeCloseTo(11.5, 9);
    expect(brightnessTemperatureKelvin(radianceB10, { k1: b10.k1!, k2: b10.k2! })).toBeCloseTo(
      312.37,
      4,
    );
    const radianceB11 = b11.radianceMult! * 30000 + b11.radianceAdd!;
    expect(brightnessTemperatureKelvin(radianceB11, { k1: b11.k1!, k2: b11.k2! })).toBeCloseTo(
      312.9946,
      4,
    );
    // Landsat 8's K1/K2 at the same radiance: 312.6740 K, 0.30 K off.
    const l8 = { k1: 774.8853, k2: 1321.0789 };
    expect(brightnessTemperatureKelvin(11.5, l8)).toBeCloseTo(312.674, 3);
    expect(bands.ST_B10).toMatchObject({ level2Mult: 0.00341802, level2Add: 149 });
  });

  it('parses a finite K1/K2 for every thermal band of every MTL in landsat-mtl-metadata', () => {
    const dir = sharedDataFile('landsat-mtl-metadata');
    const files = readdirSync(dir).filter((f) => /_MTL\.(txt|json|xml)$/i.test(f));
    expect(files.length).toBe(11);
    let thermal = 0;
    for (const file of files) {
      const metadata = parseMtl(readFileSync(join(dir, file), 'utf8'), file);
      for (const [name, band] of Object.entries(metadata.bands)) {
        if (!/^B(6|6_VCID_[12]|10|11)$/.test(name) || band.k1 === null) continue;
        thermal++;
        expect(band.k1).toBeGreaterThan(400);
        expect(band.k2).toBeGreaterThan(1100);
        const bt = brightnessTemperatureKelvin(10, { k1: band.k1, k2: band.k2! });
        expect(bt).toBeGreaterThan(280);
        expect(bt).toBeLessThan(320);
      }
    }
    expect(thermal).toBeGreaterThanOrEqual(15);
  });
});
