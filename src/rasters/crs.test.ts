import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { InvalidParameterError, UnknownCrsError } from '../errors.js';
import { boundsToWgs84, crsFromEpsg, crsFromGeoKeys, getTransformer, WGS84_PROJ4 } from './crs.js';

const BYTE_TIF = 'geotiff-edge-cases/byte.tif';

// `gdalinfo -json byte.tif` (GDAL 3.6.2, PROJ chose EPSG:1175 for NAD27 → WGS 84).
const BYTE_GEOTRANSFORM = [440720, 60, 0, 3751320, 0, -60] as const;
const BYTE_GDAL_WGS84_BOUNDS = [-117.6420428, 33.8915461, -117.6289846, 33.9024353] as const;
// `gdalinfo -json l8_B10.tif` wgs84Extent.
const L8_GEOTRANSFORM = [452475, 30, 0, 3408645, 0, -30] as const;
const L8_GDAL_WGS84_BOUNDS = [-87.4968353, 30.6467149, -87.2996896, 30.8105504] as const;

/** Half a pixel in degrees of latitude for a pixel size in metres (111.32 km per degree). */
function halfPixelDegrees(pixelSizeM: number): number {
  return pixelSizeM / 2 / 111_320;
}

function expectBoundsClose(actual: readonly number[], expected: readonly number[], tol: number) {
  actual.forEach((value, i) => expect(Math.abs(value - (expected[i] ?? NaN))).toBeLessThan(tol));
}

describe('crsFromEpsg', () => {
  it('resolves EPSG:32616 to WGS 84 / UTM zone 16N without approximation', () => {
    const crs = crsFromEpsg(32616);
    expect(crs).toEqual({
      epsg: 32616,
      name: 'WGS 84 / UTM zone 16N',
      proj4: '+proj=utm +zone=16 +datum=WGS84 +units=m +no_defs +type=crs',
      approximation: null,
    });
  });

  it('resolves every WGS 84 UTM zone, north 32601–32660 and south 32701–32760', () => {
    for (let zone = 1; zone <= 60; zone++) {
      const north = crsFromEpsg(32600 + zone);
      const south = crsFromEpsg(32700 + zone);
      expect(north.proj4).toContain(`+zone=${zone} `);
      expect(north.proj4).not.toContain('+south');
      expect(south.proj4).toContain('+south');
      expect(south.name).toBe(`WGS 84 / UTM zone ${zone}S`);
    }
  });

  it('resolves EPSG:4326 and EPSG:3857 and maps 10°E 45°N to web mercator metres', () => {
    expect(crsFromEpsg(4326).name).toBe('WGS 84');
    const mercator = crsFromEpsg(3857);
    expect(mercator.name).toBe('WGS 84 / Pseudo-Mercator');
    const [x, y] = getTransformer(WGS84_PROJ4, mercator.proj4).forward([10, 45]);
    expect(x).toBeCloseTo(1_113_194.908, 2);
    expect(y).toBeCloseTo(5_621_521.486, 2);
  });

  it('replaces the NAD27 grid by the EPSG:1173 towgs84 approximation and says so', () => {
    const crs = crsFromEpsg(26711);
    expect(crs.proj4).toContain('+towgs84=-8,160,176');
    expect(crs.proj4).not.toContain('nadgrids');
    expect(crs.approximation).toMatch(/EPSG:1173.*~10 m/);
  });

  it('refuses an unknown EPSG code with the code in the message', () => {
    expect(() => crsFromEpsg(999_999)).toThrow(UnknownCrsError);
    expect(() => crsFromEpsg(999_999)).toThrow(/EPSG:999999/);
  });

  it('refuses a grid-based datum without a known approximation, naming the grid', () => {
    // EPSG:2019 NAD27(76) / MTM zone 10 is defined with +nadgrids=May76v20.gsb.
    expect(() => crsFromEpsg(2019)).toThrow(/May76v20\.gsb/);
  });
});

describe('crsFromGeoKeys', () => {
  it('reads byte.tif as NAD27 / UTM 11N and matches gdalinfo bounds within half a pixel', async () => {
    const tiff = await fromFile(sharedDataFile(BYTE_TIF));
    const image = await tiff.getImage();
    const crs = crsFromGeoKeys(image.getGeoKeys() ?? {});
    await tiff.close();

    expect(crs.epsg).toBe(26711);
    expect(crs.approximation).not.toBeNull();
    const bounds = boundsToWgs84(BYTE_GEOTRANSFORM, 20, 20, crs);
    expectBoundsClose(bounds, BYTE_GDAL_WGS84_BOUNDS, halfPixelDegrees(60));
  });

  it('gives the L1 scene bounds of gdalinfo within half a pixel', () => {
    const bounds = boundsToWgs84(L8_GEOTRANSFORM, 627, 603, crsFromEpsg(32616));
    expectBoundsClose(bounds, L8_GDAL_WGS84_BOUNDS, halfPixelDegrees(30));
  });

  it('reads the ESRI PE string citation of an ArcGIS file and matches gdalinfo bounds', async () => {
    // `gdalinfo -json landsat96_labelled_pixels.tif`: NAD83(HARN) / North Carolina LCC.
    const tiff = await fromFile(
      sharedDataFile('landcover-classification-nc-landsat7/landsat96_labelled_pixels.tif'),
    );
    const image = await tiff.getImage();
    const crs = crsFromGeoKeys(image.getGeoKeys() ?? {});
    await tiff.close();

    expect(crs.proj4).toContain('+proj=lcc +lat_1=36.16666666666666 +lat_2=34.33333333333334');
    expect(crs.name).toBe('NAD83_HARN_North_Carolina');
    const bounds = boundsToWgs84([630534, 28.5, 0, 228114, 0, -28.5], 489, 443, crs);
    expectBoundsClose(
      bounds,
      [-78.7687105, 35.6919362, -78.6141812, 35.8061262],
      halfPixelDegrees(28.5),
    );
  });

  it('accepts numeric GeoKey ids as well as names', () => {
    expect(crsFromGeoKeys({ '1024': 1, '3072': 32616 }).epsg).toBe(32616);
    expect(crsFromGeoKeys({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 }).epsg).toBe(4326);
  });

  it('builds a user-defined Transverse Mercator equal to UTM 16N', () => {
    const crs = crsFromGeoKeys({
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
      GeographicTypeGeoKey: 4326,
      ProjCoordTransGeoKey: 1,
      ProjNatOriginLatGeoKey: 0,
      ProjNatOriginLongGeoKey: -87,
      ProjScaleAtNatOriginGeoKey: 0.9996,
      ProjFalseEastingGeoKey: 500000,
      ProjFalseNorthingGeoKey: 0,
      ProjLinearUnitsGeoKey: 9001,
    });
    expect(crs.epsg).toBeNull();
    const custom = getTransformer(WGS84_PROJ4, crs.proj4).forward([-87.4, 30.7]);
    const utm = getTransformer(WGS84_PROJ4, crsFromEpsg(32616).proj4).forward([-87.4, 30.7]);
    expect(custom[0]).toBeCloseTo(utm[0], 3);
    expect(custom[1]).toBeCloseTo(utm[1], 3);
  });

  it('builds user-defined Albers (CONUS) and polar stereographic (NSIDC north) projections', () => {
    const albers = crsFromGeoKeys({
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
      GeogGeodeticDatumGeoKey: 6326,
      ProjCoordTransGeoKey: 11,
      ProjStdParallel1GeoKey: 29.5,
      ProjStdParallel2GeoKey: 45.5,
      ProjNatOriginLatGeoKey: 23,
      ProjNatOriginLongGeoKey: -96,
    });
    expect(getTransformer(WGS84_PROJ4, albers.proj4).forward([-96, 23])[1]).toBeCloseTo(0, 6);

    const polar = crsFromGeoKeys({
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
      GeographicTypeGeoKey: 4326,
      ProjCoordTransGeoKey: 15,
      ProjNatOriginLatGeoKey: 70,
      ProjStraightVertPoleLongGeoKey: -45,
    });
    const nsidc = crsFromEpsg(3413);
    const a = getTransformer(WGS84_PROJ4, polar.proj4).forward([10, 75]);
    const b = getTransformer(WGS84_PROJ4, nsidc.proj4).forward([10, 75]);
    expect(a[0]).toBeCloseTo(b[0], 3);
    expect(a[1]).toBeCloseTo(b[1], 3);
  });

  it('refuses GeoKeys without a CRS, naming the keys found', () => {
    expect(() => crsFromGeoKeys({ GTModelTypeGeoKey: 1, ProjCoordTransGeoKey: 99 })).toThrow(
      /ProjCoordTransGeoKey 99\) is not supported.*GTModelTypeGeoKey=1/,
    );
    expect(() => crsFromGeoKeys({ GTRasterTypeGeoKey: 1 })).toThrow(/found: GTRasterTypeGeoKey=1/);
  });
});

describe('getTransformer', () => {
  it('returns the cached transformer for the same pair', () => {
    const utm = crsFromEpsg(32616).proj4;
    expect(getTransformer(utm, WGS84_PROJ4)).toBe(getTransformer(utm, WGS84_PROJ4));
  });

  it('throws instead of returning NaN for a point outside the projection domain', () => {
    const transformer = getTransformer(WGS84_PROJ4, crsFromEpsg(3857).proj4);
    expect(() => transformer.forward([0, 90])).toThrow(InvalidParameterError);
    expect(transformer.tryForward([0, 90])).toBeNull();
  });
});
