/** Shared types of the raster layer. */

/** A rectangle in pixels of one overview level. */
export interface PixelWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Affine pixel → CRS transform in GDAL order: [originX, pixelSizeX, rotationX, originY,
 * rotationY, pixelSizeY]; X = t0 + col·t1 + row·t2, Y = t3 + col·t4 + row·t5 (pixel corner).
 */
export type GeoTransform = readonly [number, number, number, number, number, number];

/** Bounds [west, south, east, north]. */
export type Bounds = readonly [number, number, number, number];

/** A resolved coordinate reference system. */
export interface CrsInfo {
  /** EPSG code when the CRS is a registered one, else null (user-defined from GeoKeys). */
  epsg: number | null;
  /** proj4 definition string usable offline (no grid files). */
  proj4: string;
  /** Human-readable name, e.g. "WGS 84 / UTM zone 16N". */
  name: string;
  /** Set when the definition was approximated (e.g. NAD27 via +towgs84 instead of NTv2). */
  approximation: string | null;
}

/** Sample type of a raster band as stored in the file. */
export type SampleType =
  'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** A degraded-but-valid state, with a stable code (NO_OVERVIEWS, NODATA_UNSET, DATUM_APPROXIMATED). */
export interface RasterWarning {
  code: string;
  message: string;
}

/** What is known about one GeoTIFF after its header is read. */
export interface RasterInfo {
  width: number;
  height: number;
  bandCount: number;
  sampleType: SampleType;
  geoTransform: GeoTransform;
  crs: CrsInfo;
  /** noData value of the file (GDAL_NODATA tag), NaN allowed, null when unset. */
  noData: number | null;
  /** Per-band scale/offset from GDAL metadata (physical = raw·scale + offset); 1/0 when absent. */
  scale: number[];
  offset: number[];
  /** Per-band descriptions from GDAL metadata, null where absent. */
  bandDescriptions: (string | null)[];
  /** Sizes of internal overviews, finest first (level 1 = index 0). */
  overviews: { width: number; height: number }[];
  warnings: RasterWarning[];
}

/** Options of a window read. */
export interface ReadWindowOptions {
  /** 0-based band index in the file. */
  bandIndex: number;
  /** Output size in pixels; when smaller than the window, the best overview is used and
   * samples are taken by nearest neighbour. Defaults to the window size. */
  outWidth?: number;
  outHeight?: number;
  signal?: AbortSignal;
}

/**
 * Random-access reader of one GeoTIFF. `readWindow` returns raw stored values as float32, with
 * noData pixels replaced by NaN; scale/offset are NOT applied (callers apply the sensor's).
 * Windows may extend beyond the raster: outside pixels are NaN.
 */
export interface RasterReader {
  readonly path: string;
  readonly info: RasterInfo;
  readWindow(window: PixelWindow, options: ReadWindowOptions): Promise<Float32Array>;
  close(): Promise<void>;
}
