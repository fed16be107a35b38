/** Types of scenes: a set of band files on one grid plus their metadata. */
import type { Bounds, CrsInfo, GeoTransform, RasterWarning } from './types.js';

/** Landsat spacecraft as named in the MTL's SPACECRAFT_ID. */
export type Spacecraft = 'LANDSAT_5' | 'LANDSAT_7' | 'LANDSAT_8' | 'LANDSAT_9';

/** Sensor ids of the platform's sensor profiles. */
export type SensorId =
  | 'landsat5-tm'
  | 'landsat7-etm'
  | 'landsat8-oli-tirs'
  | 'landsat9-oli-tirs'
  | 'modis-terra'
  | 'modis-aqua'
  | 'generic';

/** Calibration of one band from the MTL (any field may be missing in a given MTL). */
export interface BandCalibration {
  /** Radiance = radianceMult·DN + radianceAdd, W/(m2 sr um). */
  radianceMult: number | null;
  radianceAdd: number | null;
  /** TOA reflectance (not sun-corrected) = reflectanceMult·DN + reflectanceAdd. */
  reflectanceMult: number | null;
  reflectanceAdd: number | null;
  /** Thermal constants K1 (W/(m2 sr um)) and K2 (kelvin). */
  k1: number | null;
  k2: number | null;
  /** Where K1/K2 came from: the MTL, or the sensor handbook when the MTL lacks them. */
  k1k2Source: 'mtl' | 'handbook' | null;
  /** Level-2 scaling, physical = mult·DN + add (ST_B10: kelvin; SR_Bn: reflectance). */
  level2Mult: number | null;
  level2Add: number | null;
}

/** Parsed Landsat MTL metadata (txt or json; pre-collection, Collection 1 and 2; L1 and L2). */
export interface LandsatMetadata {
  spacecraft: Spacecraft;
  sensorId: string;
  collection: 'pre-collection' | 'collection-1' | 'collection-2';
  /** e.g. "L1T", "L1TP", "L2SP", "L2SR". */
  processingLevel: string;
  level: 'L1' | 'L2';
  /** LANDSAT_SCENE_ID, e.g. LC80200392015216LGN00. */
  sceneId: string | null;
  /** LANDSAT_PRODUCT_ID (collections only). */
  productId: string | null;
  /** ISO date YYYY-MM-DD. */
  acquisitionDate: string | null;
  sunElevationDeg: number | null;
  /** Calibration keyed by band name as used in file names: `B10`, `B6_VCID_1`, `ST_B10`, `SR_B4`. */
  bands: Record<string, BandCalibration>;
}

/** One band of a scene. */
export interface SceneBand {
  /** Sensor band name: `B4`, `B10`, `ST_B10`, `QA_PIXEL`; `b1`, `b2`, … for a plain GeoTIFF. */
  name: string;
  /** Absolute path of the file holding the band. */
  path: string;
  /** 0-based band index inside that file. */
  bandIndex: number;
  /** Original file name as uploaded. */
  fileName: string;
  description: string | null;
}

/** A scene: bands on one grid, with the grid taken from the GeoTIFFs (never from the MTL). */
export interface SceneDescription {
  sensor: SensorId;
  level: 'L1' | 'L2' | null;
  sceneId: string | null;
  bands: SceneBand[];
  width: number;
  height: number;
  geoTransform: GeoTransform;
  crs: CrsInfo;
  /** [west, south, east, north] in EPSG:4326 degrees. */
  boundsWgs84: Bounds;
  metadata: LandsatMetadata | null;
  warnings: RasterWarning[];
}
