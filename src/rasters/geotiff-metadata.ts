/**
 * RasterInfo fields from the tags of a GeoTIFF image: sample type, geotransform, noData and
 * GDAL metadata (scale, offset, band descriptions).
 *
 * TIFF 6.0 §8 BitsPerSample, Section 19 SampleFormat (1 uint, 2 int, 3 IEEE float).
 * GeoTIFF 1.1 §7.3 ModelTiepoint/ModelPixelScale, §7.3.3 ModelTransformation, Requirement
 * "GTRasterTypeGeoKey" (1 = PixelIsArea, 2 = PixelIsPoint). GDAL GTiff driver: GDAL_NODATA
 * (tag 42113, ASCII) and GDAL_METADATA (tag 42112, XML of <Item name sample role>).
 */
import type { GeoTIFFImage } from 'geotiff';

import { UnsupportedRasterError } from '../errors.js';
import type { GeoTransform, SampleType } from './types.js';

const SAMPLE_TYPES: Record<string, SampleType> = {
  '1:8': 'uint8',
  '2:8': 'int8',
  '1:16': 'uint16',
  '2:16': 'int16',
  '1:32': 'uint32',
  '2:32': 'int32',
  '3:32': 'float32',
  '3:64': 'float64',
};

/** Bytes per stored sample of each type. */
export const SAMPLE_BYTES: Record<SampleType, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

/**
 * The common sample type of all bands.
 * @throws UnsupportedRasterError for mixed types, sub-byte or 64-bit integer samples, float16.
 */
export function sampleTypeOf(image: GeoTIFFImage, fileName: string): SampleType {
  const bandCount = image.getSamplesPerPixel();
  const first = `${image.getSampleFormat(0)}:${image.getBitsPerSample(0)}`;
  for (let band = 1; band < bandCount; band++) {
    const other = `${image.getSampleFormat(band)}:${image.getBitsPerSample(band)}`;
    if (other !== first) {
      throw new UnsupportedRasterError(
        `${fileName}: bands have different sample types (${first} and ${other}, format:bits)`,
        { file: fileName },
      );
    }
  }
  const type = SAMPLE_TYPES[first];
  if (type === undefined) {
    const [format, bits] = first.split(':');
    throw new UnsupportedRasterError(
      `${fileName}: SampleFormat ${format} with ${bits} bits per sample is not supported`,
      { file: fileName, sampleFormat: format, bitsPerSample: bits },
    );
  }
  return type;
}

function numbersOf(value: unknown): number[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Array.from(value as ArrayLike<number>, Number);
  }
  return null;
}

/**
 * What a file without usable affine georeferencing does have, for the error message: which of
 * ModelTransformation, ModelPixelScale and ModelTiepoint are present (GeoTIFF 1.1 §7.3), and
 * whether the tiepoints are ground control points (several tiepoints and no pixel scale).
 */
function describeGeoreferencingTags(
  matrix: number[] | null,
  scale: number[] | null,
  tiepoint: number[] | null,
): string {
  const tiepointCount = Math.floor((tiepoint?.length ?? 0) / 6);
  if (matrix !== null) return `ModelTransformation has ${matrix.length} values, 16 expected`;
  if (scale === null && tiepointCount > 1) {
    return (
      `${tiepointCount} ground control points (ModelTiepoint) and no ModelPixelScale or ` +
      'ModelTransformation; GCP-only georeferencing is not supported'
    );
  }
  if (scale === null && tiepointCount === 1) {
    return 'one ModelTiepoint but no ModelPixelScale or ModelTransformation';
  }
  if (scale !== null && tiepointCount > 0) {
    return `ModelPixelScale has ${scale.length} values, 3 expected`;
  }
  if (scale !== null) return 'ModelPixelScale but no ModelTiepoint or ModelTransformation';
  return 'no ModelTiepoint, ModelPixelScale or ModelTransformation tag (and no GCPs)';
}

/**
 * The GDAL-order geotransform of the image, from ModelTransformation or from
 * ModelPixelScale + the first ModelTiepoint. PixelIsPoint rasters are shifted by half a pixel
 * to the pixel corner, as GDAL does (unless GTIFF_POINT_GEO_IGNORE is set, which we don't).
 * @throws UnsupportedRasterError when the image has no affine georeferencing (no tags, GCPs
 *   only, or incomplete tags); the message says which tags were found.
 */
export function geoTransformOf(image: GeoTIFFImage, fileName: string): GeoTransform {
  const directory = image.getFileDirectory();
  const matrix = numbersOf(directory.getValue('ModelTransformation'));
  const scale = numbersOf(directory.getValue('ModelPixelScale'));
  const tiepoint = numbersOf(directory.getValue('ModelTiepoint'));

  let transform: [number, number, number, number, number, number];
  if (matrix !== null && matrix.length >= 8) {
    const [a = 0, b = 0, , d = 0, e = 0, f = 0, , h = 0] = matrix;
    transform = [d, a, b, h, e, f];
  } else if (scale !== null && tiepoint !== null && tiepoint.length >= 6 && scale.length >= 2) {
    const [i = 0, j = 0, , x = 0, y = 0] = tiepoint;
    const [sx = 0, sy = 0] = scale;
    transform = [x - i * sx, sx, 0, y + j * sy, 0, -sy];
  } else {
    throw new UnsupportedRasterError(
      `${fileName}: no affine georeferencing: ${describeGeoreferencingTags(matrix, scale, tiepoint)}`,
      {
        file: fileName,
        modelTransformationValues: matrix?.length ?? 0,
        modelPixelScaleValues: scale?.length ?? 0,
        modelTiepointValues: tiepoint?.length ?? 0,
      },
    );
  }

  const rasterType: unknown = image.getGeoKeys()?.GTRasterTypeGeoKey;
  if (rasterType === 2) {
    transform[0] -= 0.5 * transform[1] + 0.5 * transform[2];
    transform[3] -= 0.5 * transform[4] + 0.5 * transform[5];
  }
  if (
    !transform.every(Number.isFinite) ||
    transform[1] * transform[5] - transform[2] * transform[4] === 0
  ) {
    throw new UnsupportedRasterError(
      `${fileName}: degenerate geotransform [${transform.join(', ')}]`,
      {
        file: fileName,
      },
    );
  }
  return transform;
}

/**
 * The GDAL_NODATA value: a number, NaN for "nan", ±Infinity for "inf", null when the tag is
 * absent or unparseable (`unparsed` then holds the text).
 */
export function parseGdalNoData(raw: unknown): { noData: number | null; unparsed: string | null } {
  if (typeof raw !== 'string') return { noData: null, unparsed: null };
  const text = raw.replace(/\0+$/, '').trim().toLowerCase();
  if (text === '') return { noData: null, unparsed: null };
  if (text === 'nan' || text === '-nan') return { noData: NaN, unparsed: null };
  if (text === 'inf' || text === '+inf') return { noData: Infinity, unparsed: null };
  if (text === '-inf') return { noData: -Infinity, unparsed: null };
  const value = Number(text);
  return Number.isNaN(value) ? { noData: null, unparsed: text } : { noData: value, unparsed: null };
}

/** Per-band values read from GDAL_METADATA. */
export interface GdalBandMetadata {
  scale: number[];
  offset: number[];
  bandDescriptions: (string | null)[];
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Scale (1), offset (0) and description (null) per band, overridden by GDAL_METADATA items. */
export function parseGdalMetadata(xml: unknown, bandCount: number): GdalBandMetadata {
  const result: GdalBandMetadata = {
    scale: new Array<number>(bandCount).fill(1),
    offset: new Array<number>(bandCount).fill(0),
    bandDescriptions: new Array<string | null>(bandCount).fill(null),
  };
  if (typeof xml !== 'string') return result;

  for (const item of xml.matchAll(/<Item\b([^>]*)>([\s\S]*?)<\/Item>/g)) {
    const attributes = new Map(
      Array.from((item[1] ?? '').matchAll(/(\w+)="([^"]*)"/g), (m) => [m[1], m[2]]),
    );
    const band = Number(attributes.get('sample'));
    if (!Number.isInteger(band) || band < 0 || band >= bandCount) continue;
    const role = (attributes.get('role') ?? attributes.get('name') ?? '').toLowerCase();
    // GDAL escapes values twice (XML serialiser over CPLEscapeString), so unescape twice.
    const value = decodeXmlText(decodeXmlText(item[2] ?? '')).trim();
    if (role === 'scale' && Number.isFinite(Number(value))) result.scale[band] = Number(value);
    if (role === 'offset' && Number.isFinite(Number(value))) result.offset[band] = Number(value);
    if (role === 'description') result.bandDescriptions[band] = value;
  }
  return result;
}
