import { describe, expect, it } from 'vitest';
import { productParametersSchema } from '../../backend/product-request.js';
import type { SensorId } from '../../src/rasters/scene-types.js';
import { defaultEmissivitySetId, EMISSIVITY_SETS } from '../../src/retrieval/emissivity-sets.js';
import { DEFAULT_WATER_VAPOUR_GCM2 as API_WATER_VAPOUR } from '../../src/retrieval/lst-parameters.js';
import {
  DEFAULT_PRODUCT_METHODS,
  PRODUCT_KINDS,
  PRODUCT_METHODS,
  PRODUCT_UNITS,
} from '../../src/retrieval/product.js';
import { RTE_INVERSIONS } from '../../src/retrieval/rte.js';
import { WATER_VAPOUR_SOURCES } from '../../src/retrieval/water-vapour-step.js';
import {
  DEFAULT_EMISSIVITY_SETS,
  DEFAULT_WATER_VAPOUR_GCM2,
  defaultColormapFor,
  EMISSIVITY_SET_IDS,
  initialMethod,
  INVERSION_IDS,
  PRODUCT_CATALOG,
  productKind,
  WATER_VAPOUR_SOURCE_IDS,
} from './product-catalog.js';

const SENSORS: readonly SensorId[] = [
  'landsat5-tm',
  'landsat7-etm',
  'landsat8-oli-tirs',
  'landsat9-oli-tirs',
  'modis-terra',
  'modis-aqua',
  'generic',
];

describe("the page's product catalog", () => {
  it('lists the API product kinds in its order, with their units and default methods', () => {
    expect(PRODUCT_CATALOG.map((entry) => entry.kind)).toEqual([...PRODUCT_KINDS]);
    for (const kind of PRODUCT_KINDS) {
      const entry = productKind(kind)!;
      expect(entry.unit, kind).toBe(PRODUCT_UNITS[kind]);
      expect(entry.defaultMethod, kind).toBe(DEFAULT_PRODUCT_METHODS[kind]);
    }
  });

  it('offers exactly the methods of PRODUCT_METHODS for every kind', () => {
    for (const kind of PRODUCT_KINDS) {
      expect(
        productKind(kind)!.methods.map((method) => method.id),
        kind,
      ).toEqual([...PRODUCT_METHODS[kind]]);
    }
    expect(productKind('lst')!.methods).toHaveLength(10);
  });

  it('names only parameters the API request schema accepts', () => {
    const accepted = Object.keys(productParametersSchema.shape);
    const used = PRODUCT_CATALOG.flatMap((entry) => entry.methods.flatMap((m) => m.parameters));
    expect(used.length).toBeGreaterThan(0);
    for (const name of new Set(used)) expect(accepted, name).toContain(name);
  });

  it('keeps the emissivity sets, water-vapour sources, inversions and defaults of the API', () => {
    expect([...EMISSIVITY_SET_IDS].sort()).toEqual(Object.keys(EMISSIVITY_SETS).sort());
    expect(WATER_VAPOUR_SOURCE_IDS).toEqual([...WATER_VAPOUR_SOURCES]);
    expect(INVERSION_IDS).toEqual([...RTE_INVERSIONS]);
    expect(DEFAULT_WATER_VAPOUR_GCM2).toBe(API_WATER_VAPOUR);
    for (const sensor of SENSORS) {
      expect(DEFAULT_EMISSIVITY_SETS[sensor] ?? null, sensor).toBe(defaultEmissivitySetId(sensor));
    }
  });

  it('selects split-window first for LST and the API default for the other kinds', () => {
    expect(initialMethod(productKind('lst')!)).toBe('split-window');
    expect(initialMethod(productKind('water-vapour')!)).toBe('covariance-ratio');
  });

  it('shows temperatures with inferno, NDVI with viridis and water vapour with blues when it exists', () => {
    const server = new Set(['viridis', 'inferno', 'turbo']);
    expect(defaultColormapFor('lst', server, 'turbo')).toBe('inferno');
    expect(defaultColormapFor('brightness-temperature', server, 'turbo')).toBe('inferno');
    expect(defaultColormapFor('ndvi', server, 'turbo')).toBe('viridis');
    expect(defaultColormapFor('water-vapour', server, 'turbo')).toBe('viridis');
    expect(defaultColormapFor('water-vapour', new Set(['blues', 'viridis']), 'turbo')).toBe(
      'blues',
    );
    expect(defaultColormapFor('unknown-kind', server, 'turbo')).toBe('turbo');
  });
});
