/**
 * The TIFF tags of a Cloud Optimized GeoTIFF written by this platform: image structure, GeoTIFF
 * georeferencing and GDAL's private tags (GDAL_METADATA, GDAL_NODATA).
 *
 * GeoTIFF 1.1 (OGC 19-008r4) §7.3 ModelPixelScale/ModelTiepoint (or ModelTransformation when
 * rotated or south-up), §7.4 GeoKeyDirectory with GTModelTypeGeoKey, GTRasterTypeGeoKey
 * (PixelIsArea) and ProjectedCRSGeoKey/GeodeticCRSGeoKey.
 */
import { InvalidParameterError, UnsupportedRasterError } from '../errors.js';
import { FieldType, type IfdEntry } from './tiff-encoder.js';
import type { CrsInfo, GeoTransform, SampleType } from './types.js';

/** TIFF tag numbers (TIFF 6.0 appendix A, GeoTIFF 1.1, GDAL). */
export const TAG = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
  PlanarConfiguration: 284,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GeoDoubleParams: 34736,
  GeoAsciiParams: 34737,
  GdalMetadata: 42112,
  GdalNoData: 42113,
} as const;

/** The three GeoKey tags of a GeoTIFF, copied as they are (so user-defined CRSs survive). */
export interface GeoKeyTags {
  directory: readonly number[];
  doubleParams: readonly number[] | null;
  asciiParams: string | null;
}

/** Storage facts of a sample type: bits, TIFF SampleFormat (1 uint, 2 int, 3 float). */
export const SAMPLE_LAYOUT: Record<SampleType, { bits: number; format: 1 | 2 | 3 }> = {
  uint8: { bits: 8, format: 1 },
  int8: { bits: 8, format: 2 },
  uint16: { bits: 16, format: 1 },
  int16: { bits: 16, format: 2 },
  uint32: { bits: 32, format: 1 },
  int32: { bits: 32, format: 2 },
  float32: { bits: 32, format: 3 },
  float64: { bits: 64, format: 3 },
};

/** GeoKeyDirectory of an EPSG CRS: version 1.1.0, then [key, location 0, count 1, value]. */
export function epsgGeoKeys(crs: CrsInfo, fileName: string): GeoKeyTags {
  const epsg = crs.epsg;
  if (epsg === null || !Number.isInteger(epsg) || epsg <= 0 || epsg > 65535) {
    throw new UnsupportedRasterError(
      `cannot write ${fileName}: CRS "${crs.name}" has no EPSG code (${String(epsg)}); ` +
        'writing user-defined CRSs as GeoKeys is not supported',
      { crs },
    );
  }
  const geographic = /\+proj=longlat\b/.test(crs.proj4);
  const keys: [number, number][] = [
    [1024, geographic ? 2 : 1],
    [1025, 1],
    [geographic ? 2048 : 3072, epsg],
  ];
  const directory = [1, 1, 0, keys.length, ...keys.flatMap(([key, value]) => [key, 0, 1, value])];
  return { directory, doubleParams: null, asciiParams: null };
}

/** ModelPixelScale + ModelTiepoint for north-up grids, else ModelTransformation. */
export function georeferencingEntries(t: GeoTransform): IfdEntry[] {
  const [t0, t1, t2, t3, t4, t5] = t;
  if (t2 === 0 && t4 === 0 && t1 > 0 && t5 < 0) {
    return [
      { tag: TAG.ModelPixelScale, type: FieldType.DOUBLE, values: [t1, -t5, 0] },
      { tag: TAG.ModelTiepoint, type: FieldType.DOUBLE, values: [0, 0, 0, t0, t3, 0] },
    ];
  }
  const matrix = [t1, t2, 0, t0, t4, t5, 0, t3, 0, 0, 0, 0, 0, 0, 0, 1];
  return [{ tag: TAG.ModelTransformation, type: FieldType.DOUBLE, values: matrix }];
}

/** The GeoKey tags as IFD entries. */
export function geoKeyEntries(keys: GeoKeyTags): IfdEntry[] {
  const entries: IfdEntry[] = [
    { tag: TAG.GeoKeyDirectory, type: FieldType.SHORT, values: keys.directory },
  ];
  if (keys.doubleParams !== null && keys.doubleParams.length > 0) {
    entries.push({ tag: TAG.GeoDoubleParams, type: FieldType.DOUBLE, values: keys.doubleParams });
  }
  if (keys.asciiParams !== null && keys.asciiParams !== '') {
    entries.push({ tag: TAG.GeoAsciiParams, type: FieldType.ASCII, values: keys.asciiParams });
  }
  return entries;
}

/**
 * GDAL escapes metadata values twice (CPLEscapeString, then the XML serialiser), and unescapes
 * twice on reading; we do the same so descriptions with & < > " survive in both directions.
 */
function escapeGdalMetadataValue(text: string): string {
  return escapeXml(escapeXml(text));
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Per-band metadata written to GDAL_METADATA; absent or null entries are not written. */
export interface BandMetadata {
  descriptions?: readonly (string | null)[];
  /** physical = stored·scale + offset; 1 and 0 are not written. */
  scale?: readonly number[];
  offset?: readonly number[];
}

function metadataItem(name: string, band: number, role: string, value: string): string {
  return `  <Item name="${name}" sample="${band}" role="${role}">${value}</Item>`;
}

/** GDAL_METADATA XML (descriptions, scale, offset) or null when there is nothing to write. */
export function gdalMetadataXml(metadata: BandMetadata, bandCount: number): string | null {
  const items: string[] = [];
  for (let band = 0; band < bandCount; band++) {
    const text = metadata.descriptions?.[band] ?? null;
    if (text !== null && text !== '') {
      items.push(metadataItem('DESCRIPTION', band, 'description', escapeGdalMetadataValue(text)));
    }
    const scale = metadata.scale?.[band] ?? 1;
    const offset = metadata.offset?.[band] ?? 0;
    if (!Number.isFinite(scale) || !Number.isFinite(offset)) {
      throw new InvalidParameterError(`band ${band}: scale ${scale} / offset ${offset} not finite`);
    }
    if (scale !== 1 || offset !== 0) {
      items.push(metadataItem('OFFSET', band, 'offset', String(offset)));
      items.push(metadataItem('SCALE', band, 'scale', String(scale)));
    }
  }
  return items.length === 0 ? null : `<GDALMetadata>\n${items.join('\n')}\n</GDALMetadata>`;
}

/** GDAL_NODATA text of a noData value as stored in samples of `sampleType`. */
export function formatNoData(noData: number, sampleType: SampleType = 'float32'): string {
  if (Number.isNaN(noData)) return 'nan';
  if (noData === Infinity) return 'inf';
  if (noData === -Infinity) return '-inf';
  return String(sampleType === 'float64' ? noData : Math.fround(noData));
}

/** The image-structure tags of one level (full resolution or overview). */
export interface LevelStructure {
  width: number;
  height: number;
  bandCount: number;
  sampleType: SampleType;
  tileSizePx: number;
  deflate: boolean;
  overview: boolean;
  tileOffsets: ArrayLike<number>;
  tileByteCounts: ArrayLike<number>;
  bigTiff: boolean;
  noData: number | null;
}

/** Structural IFD entries (and GDAL_NODATA) of one level. */
export function structureEntries(level: LevelStructure): IfdEntry[] {
  const { bandCount, sampleType } = level;
  const layout = SAMPLE_LAYOUT[sampleType];
  const perBand = (value: number): number[] => new Array<number>(bandCount).fill(value);
  const predictor = !level.deflate ? 1 : layout.format === 3 ? 3 : 2;
  const entries: IfdEntry[] = [
    { tag: TAG.ImageWidth, type: FieldType.LONG, values: [level.width] },
    { tag: TAG.ImageLength, type: FieldType.LONG, values: [level.height] },
    { tag: TAG.BitsPerSample, type: FieldType.SHORT, values: perBand(layout.bits) },
    { tag: TAG.Compression, type: FieldType.SHORT, values: [level.deflate ? 8 : 1] },
    { tag: TAG.Photometric, type: FieldType.SHORT, values: [1] },
    { tag: TAG.SamplesPerPixel, type: FieldType.SHORT, values: [bandCount] },
    { tag: TAG.PlanarConfiguration, type: FieldType.SHORT, values: [bandCount > 1 ? 2 : 1] },
    { tag: TAG.Predictor, type: FieldType.SHORT, values: [predictor] },
    { tag: TAG.TileWidth, type: FieldType.SHORT, values: [level.tileSizePx] },
    { tag: TAG.TileLength, type: FieldType.SHORT, values: [level.tileSizePx] },
    {
      tag: TAG.TileOffsets,
      type: level.bigTiff ? FieldType.LONG8 : FieldType.LONG,
      values: level.tileOffsets,
    },
    { tag: TAG.TileByteCounts, type: FieldType.LONG, values: level.tileByteCounts },
    { tag: TAG.SampleFormat, type: FieldType.SHORT, values: perBand(layout.format) },
  ];
  if (level.overview) entries.push({ tag: TAG.NewSubfileType, type: FieldType.LONG, values: [1] });
  if (bandCount > 1) {
    entries.push({ tag: TAG.ExtraSamples, type: FieldType.SHORT, values: perBand(0).slice(1) });
  }
  if (level.noData !== null) {
    const text = formatNoData(level.noData, sampleType);
    entries.push({ tag: TAG.GdalNoData, type: FieldType.ASCII, values: text });
  }
  return entries;
}
