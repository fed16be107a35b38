/**
 * Every file of ../shared/data/geotiff-edge-cases (and derived/) through openGeoTiff and a read:
 * georeferencing and spot pixels agree with GDAL, or the file is refused with a named reason.
 *
 * Expected numbers come from GDAL 3.6.2 (python-gdal, GDAL_PAM_ENABLED=NO):
 * `ds.GetGeoTransform()` and `band.ReadAsArray(x, y, 1, 1)`; a pixel equal to the noData is
 * written here as NaN (the reader's contract).
 */
import { fromFile } from 'geotiff';
import { describe, expect, it } from 'vitest';

import { sharedDataFile } from '../../test/helpers/shared-data.js';
import { InvalidTiffError, UnknownCrsError, UnsupportedRasterError } from '../errors.js';
import { createBlockReader } from './block-reader.js';
import { Deadline } from './decode-limits.js';
import { openGeoTiff } from './geotiff-reader.js';
import { noDataRule } from './nodata.js';

const DIR = 'geotiff-edge-cases';
const PER_FILE_MS = 10_000;

/** [column, row, band index, value GDAL reads (NaN = noData)]. */
type Spot = readonly [number, number, number, number];

interface ReadCase {
  file: string;
  what: string;
  size: readonly [number, number, number];
  geoTransform: readonly number[];
  spots: readonly Spot[];
  /** Allowed difference to GDAL's value (lossy JPEG decoders differ by a unit); default 0. */
  tolerance?: number;
}

const UTM18_RGB = [101985.0, 300.0379266750948, 0, 2826915.0, 0, -300.041782729805];
const RGB_SPOTS: Spot[] = [
  [0, 0, 0, NaN],
  [395, 359, 0, 18],
  [263, 478, 0, 2],
  [395, 359, 2, 14],
  [263, 478, 2, 29],
];
const DEM_GT = [1679616.531, 1, 0, 5362324.281, 0, -1];
const DEM_SPOTS: Spot[] = [
  [0, 0, 0, NaN],
  [31, 122, 0, 334.6669921875],
  [62, 243, 0, 241.70700073242188],
  [21, 162, 0, 303.8340148925781],
];
const COGEO_GT = [
  14321853.115736904, 0.5971640348434448, 0, 4533021.525424092, 0, -0.5971640348434448,
];

const READS: readonly ReadCase[] = [
  {
    file: 'RGB.byte.tif',
    what: 'uncompressed strips, chunky',
    size: [791, 718, 3],
    geoTransform: UTM18_RGB,
    spots: RGB_SPOTS,
  },
  {
    file: 'rgb_deflate.tif',
    what: 'DEFLATE, planar-separate strips',
    size: [791, 718, 3],
    geoTransform: UTM18_RGB,
    spots: RGB_SPOTS,
  },
  {
    file: 'rgb_lzw.tif',
    what: 'LZW, tiled chunky',
    size: [791, 718, 3],
    geoTransform: UTM18_RGB,
    spots: RGB_SPOTS,
  },
  {
    file: 'DEM_BS28_2016_1000_1141.tif',
    what: 'float32 planar strips, noData -9999',
    size: [63, 244, 1],
    geoTransform: DEM_GT,
    spots: DEM_SPOTS,
  },
  {
    file: 'derived/DEM_BS28_2016_1000_1141_LERC_DEFLATE.tif',
    what: 'LERC_DEFLATE',
    size: [63, 244, 1],
    geoTransform: DEM_GT,
    spots: DEM_SPOTS,
  },
  {
    file: 'MCD43A4.A2017006.h21v11.006.2017018074804_B01.TIF',
    what: 'MODIS sinusoidal, int16 noData 32767',
    size: [240, 240, 1],
    geoTransform: [3335851.559, 4633.127165279167, 0, -2223901.039333, 0, -4633.127165279167],
    spots: [
      [0, 0, 0, NaN],
      [5, 54, 0, 1271],
    ],
  },
  {
    file: 'all-nodata.tif',
    what: 'LZW + predictor 2 uint16, planar tiles, every pixel noData 0',
    size: [71, 2475, 4],
    geoTransform: [341970, 3, 0, 1603902, 0, -3],
    spots: [
      [0, 0, 0, NaN],
      [35, 1237, 3, NaN],
      [70, 2474, 0, NaN],
    ],
  },
  {
    file: 'bremen_sea_ice_conc_2022_9_9.tif',
    what: 'polar stereographic EPSG:3031, DEFLATE + predictor 3 float32, NaN values',
    size: [1264, 1327, 1],
    geoTransform: [-3950000, 6250, 0, 4350000, 0, -6250],
    spots: [
      [0, 0, 0, NaN],
      [421, 884, 0, 86.31957244873047],
      [1121, 569, 0, 50.827659606933594],
    ],
  },
  {
    file: 'byte.tif',
    what: 'NAD27 / UTM 11N (datum approximated)',
    size: [20, 20, 1],
    geoTransform: [440720, 60, 0, 3751320, 0, -60],
    spots: [
      [0, 0, 0, 107],
      [10, 10, 0, 115],
      [6, 13, 0, 99],
    ],
  },
  {
    file: 'cog_int16.tif',
    what: 'int16 DEFLATE COG, noData -32768',
    size: [2658, 2667, 1],
    geoTransform: [373185, 100.01126757344893, 0, 8286015, 0, -100.01126757344893],
    spots: [
      [0, 0, 0, NaN],
      [1329, 1333, 0, 95],
      [886, 1778, 0, 95],
    ],
  },
  {
    file: 'cogeo.tif',
    what: 'JPEG YCbCr tiles',
    size: [1024, 1024, 3],
    geoTransform: COGEO_GT,
    // GDAL/libjpeg reads 228, 168, 88, 94 and 231 (band 3); JPEG decoders differ by ±1.
    tolerance: 1,
    spots: [
      [0, 0, 0, 228],
      [512, 512, 0, 168],
      [1023, 1023, 0, 88],
      [341, 682, 0, 94],
      [0, 0, 2, 231],
    ],
  },
  {
    file: 'green.tif',
    what: 'tiled RGB EPSG:4326 with an external .ovr (ignored: internal levels only)',
    size: [64, 64, 3],
    geoTransform: [0, 0.5, 0, 0, 0, -0.5],
    spots: [
      [0, 0, 0, 17],
      [63, 63, 2, 17],
    ],
  },
  {
    file: 'image_webp.tif',
    what: 'WebP strips (sharp)',
    size: [512, 512, 3],
    geoTransform: [
      -6853649.704162043, 1.1943280696868896, 0, 1831431.1977128233, 0, -1.1943280696868896,
    ],
    spots: [
      [0, 0, 0, 89],
      [256, 256, 0, 99],
      [511, 511, 0, 47],
      [170, 341, 0, 86],
      [170, 341, 2, 101],
    ],
  },
  {
    file: 'image_with_offsets.tif',
    what: 'int16 with scale/offset, user-defined UTM 52',
    size: [256, 256, 1],
    geoTransform: [300000, 428.90625, 0, 4200000, 0, -428.90625],
    spots: [
      [0, 0, 0, 500],
      [128, 128, 0, 261],
      [255, 255, 0, 1800],
      [85, 170, 0, 6529],
    ],
  },
  {
    file: 'inverted_lat.tif',
    what: 'south-up (positive y pixel size), all noData -9999',
    size: [720, 360, 1],
    geoTransform: [-180, 0.5, 0, -90, 0, 0.5],
    spots: [
      [0, 0, 0, NaN],
      [360, 180, 0, NaN],
      [719, 359, 0, NaN],
    ],
  },
  {
    file: 'nt_20201024_f18_nrt_s.tif',
    what: 'polar stereographic on Hughes 1980, float32 noData -3.4e38',
    size: [316, 332, 1],
    geoTransform: [-3950000, 25000, 0, 4350000, 0, -25000],
    spots: [
      [0, 0, 0, 0],
      [158, 166, 0, NaN],
      [105, 221, 0, 74.4000015258789],
    ],
  },
  {
    file: 'rgba8_cog.tiff',
    what: 'ZSTD COG with a mask',
    size: [64, 64, 4],
    geoTransform: [0, 1, 0, 0, 0, -1],
    spots: [
      [0, 0, 0, 2],
      [63, 63, 0, 255],
      [0, 0, 3, 255],
    ],
  },
  {
    file: 'test_esri_wkt.tif',
    what: 'ESRI WKT citation (USA Contiguous Albers)',
    size: [2, 2, 1],
    geoTransform: [-14065, 10, 0, 2368525, 0, -10],
    spots: [
      [0, 0, 0, 1],
      [1, 1, 0, 4],
      [0, 1, 0, 3],
    ],
  },
  {
    file: 'wind_direction.tif',
    what: 'float32 LZW strips EPSG:4326',
    size: [232, 193, 1],
    geoTransform: [
      140.8732174629773, 0.059625865061045724, 0, -27.985000227888424, 0, -0.050000001986821495,
    ],
    spots: [
      [0, 0, 0, -32767],
      [116, 96, 0, 160],
      [77, 128, 0, 139.40000915527344],
    ],
  },
  {
    file: 'world.byte.tif',
    what: 'global EPSG:4326 LZW tiles',
    size: [2880, 1200, 1],
    geoTransform: [-180, 0.125, 0, 75, 0, -0.125],
    spots: [
      [0, 0, 0, 0],
      [960, 800, 0, 1],
    ],
  },
];

interface RefusalCase {
  file: string;
  error: new (...args: never[]) => Error;
  message: string;
}

const REFUSALS: readonly RefusalCase[] = [
  {
    file: 'cog_gcps.tif',
    error: UnsupportedRasterError,
    message:
      'cog_gcps.tif: no affine georeferencing: 210 ground control points (ModelTiepoint) and ' +
      'no ModelPixelScale or ModelTransformation; GCP-only georeferencing is not supported',
  },
  {
    file: 'BigTIFF.tif',
    error: UnsupportedRasterError,
    message: 'BigTIFF.tif: no affine georeferencing: no ModelTiepoint, ModelPixelScale or',
  },
  {
    file: 'big_cog.tiff',
    error: UnsupportedRasterError,
    message: 'big_cog.tiff: no affine georeferencing',
  },
  // rotated.tif has a rotated geotransform (GDAL: [100, 17.32, 5, 200, 10, -8.66]) and no CRS;
  // the affine algebra handles rotation, the missing CRS is what refuses it.
  { file: 'rotated.tif', error: UnknownCrsError, message: 'rotated.tif: no GeoKeys' },
  { file: 'float_nan.tif', error: UnknownCrsError, message: 'float_nan.tif: no GeoKeys' },
];

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expected.forEach((value, i) => {
    const tolerance = Math.max(1e-9, Math.abs(value) * 1e-12);
    expect(Math.abs((actual[i] ?? NaN) - value)).toBeLessThanOrEqual(tolerance);
  });
}

describe('every edge-case GeoTIFF reads with the pixels GDAL reads', () => {
  for (const c of READS) {
    it(`reads ${c.file} (${c.what})`, { timeout: PER_FILE_MS }, async () => {
      const reader = await openGeoTiff(sharedDataFile(`${DIR}/${c.file}`));
      try {
        const { width, height, bandCount, geoTransform } = reader.info;
        expect([width, height, bandCount]).toEqual(c.size);
        expectClose(geoTransform, c.geoTransform);
        for (const [x, y, bandIndex, value] of c.spots) {
          const [read] = await reader.readWindow({ x, y, width: 1, height: 1 }, { bandIndex });
          if (Number.isNaN(value)) expect(read, `(${x}, ${y}) band ${bandIndex}`).toBeNaN();
          else
            expect(
              Math.abs((read ?? NaN) - value),
              `(${x}, ${y}) band ${bandIndex}`,
            ).toBeLessThanOrEqual(c.tolerance ?? 0);
        }
        const whole = await reader.readWindow(
          { x: 0, y: 0, width, height },
          { bandIndex: 0, outWidth: Math.min(width, 256), outHeight: Math.min(height, 256) },
        );
        expect(whole.length).toBe(Math.min(width, 256) * Math.min(height, 256));
      } finally {
        await reader.close();
      }
    });
  }
});

describe('edge-case files that cannot be placed on a map are refused with the reason', () => {
  for (const c of REFUSALS) {
    it(`refuses ${c.file}`, { timeout: PER_FILE_MS }, async () => {
      const opening = openGeoTiff(sharedDataFile(`${DIR}/${c.file}`));
      await expect(opening).rejects.toThrow(c.error);
      await expect(opening).rejects.toThrow(c.message);
    });
  }

  it('still decodes the BigTIFF pixels GDAL reads (255 at (0, 0) band 1, (21, 42) band 3)', async () => {
    const tiff = await fromFile(sharedDataFile(`${DIR}/BigTIFF.tif`));
    const image = await tiff.getImage();
    const blocks = await createBlockReader(image, 'BigTIFF.tif', 'uint8', {
      fileSizeBytes: 12_480,
      maxBlockBytes: 1 << 20,
    });
    const options = {
      noData: noDataRule(null, 'uint8'),
      deadline: new Deadline('BigTIFF.tif', 5000),
    };
    const band1 = await blocks.readRegion({ x: 0, y: 0, width: 64, height: 64 }, 0, options);
    const band3 = await blocks.readRegion({ x: 0, y: 0, width: 64, height: 64 }, 2, options);
    expect([band1[0], band1[32 * 64 + 32], band3[0], band3[42 * 64 + 21]]).toEqual([
      255, 0, 0, 255,
    ]);
    await tiff.close();
  });
});

describe('corrupt.tif (tile 3 of the full-resolution image is cut by the end of the file)', () => {
  it('opens, warns DAMAGED_BLOCKS, reads tiles 0 and 2 and names tile 3 when a read touches it', async () => {
    const reader = await openGeoTiff(sharedDataFile(`${DIR}/corrupt.tif`));
    try {
      expect(reader.info.warnings.find((w) => w.code === 'DAMAGED_BLOCKS')?.message).toBe(
        'corrupt.tif: 1 block(s) lie past the end of the file (tile 3); reads touching them fail',
      );
      const at = (x: number, y: number) =>
        reader.readWindow({ x, y, width: 1, height: 1 }, { bandIndex: 0 });
      expect(Array.from(await at(0, 0))).toEqual([228]);
      expect(Array.from(await at(341, 682))).toEqual([94]);
      const touching = at(512, 512);
      await expect(touching).rejects.toThrow(InvalidTiffError);
      await expect(touching).rejects.toThrow(
        'corrupt.tif: tile 3 (bytes 260000–307086) lies past the end of the file (298232 bytes): ' +
          'the file is truncated or corrupt',
      );
      expect(Array.from(await at(0, 0))).toEqual([228]);
    } finally {
      await reader.close();
    }
  });
});
