/**
 * Colormaps of the tile renderer: continuous maps as anchor colours at evenly spaced positions,
 * expanded by linear interpolation into 256-entry RGB lookup tables, and categorical maps
 * (class id → colour) for class rasters.
 */
import { InvalidParameterError } from '../errors.js';

/** An sRGB colour, each channel 0..255. */
export type RgbColor = readonly [number, number, number];

/** A categorical colormap: class id (the raster value) → colour. Unlisted classes are transparent. */
export type CategoricalColormap = Readonly<Record<number, RgbColor>>;

/** Number of entries of a continuous lookup table. */
export const COLORMAP_SIZE = 256;

/** A continuous colormap as data: anchors are hex colours at positions 0, 1/(n−1), …, 1. */
interface ContinuousColormapDefinition {
  name: string;
  /** Where the map is defined. */
  source: string;
  anchors: readonly string[];
}

/*
 * Anchors of matplotlib's perceptually uniform maps (van der Walt & Smith 2015, "A better default
 * colormap for Matplotlib", SciPy 2015; the 256-entry tables of matplotlib's _cm_listed.py):
 * entries 0, 15, 30, …, 255 of each table, i.e. 18 anchors at positions k/17.
 */
// prettier-ignore
const VIRIDIS = [
  '#440154', '#481769', '#472a7a', '#433d84', '#3d4e8a', '#355e8d',
  '#2e6d8e', '#297b8e', '#23898e', '#1f978b', '#21a585', '#2eb37c',
  '#46c06f', '#65cb5e', '#89d548', '#b0dd2f', '#d8e219', '#fde725',
];

// prettier-ignore
const MAGMA = [
  '#000004', '#090720', '#1a1042', '#311165', '#4a1079', '#621980',
  '#792282', '#912b81', '#aa337d', '#c23b75', '#d9466b', '#ec5860',
  '#f7725c', '#fc8e64', '#feaa74', '#fec68a', '#fde2a3', '#fcfdbf',
];

// prettier-ignore
const INFERNO = [
  '#000004', '#0a0722', '#1e0c45', '#380962', '#510e6c', '#69166e',
  '#801f6c', '#982766', '#b0315b', '#c63d4d', '#d94d3d', '#e9612b',
  '#f47918', '#fa9407', '#fcb014', '#f8cd37', '#f2ea69', '#fcffa4',
];

// prettier-ignore
const PLASMA = [
  '#0d0887', '#2f0596', '#4903a0', '#6100a7', '#7801a8', '#8e0ca4',
  '#a21d9a', '#b42e8d', '#c43e7f', '#d24f71', '#de6164', '#e97257',
  '#f3854b', '#f99a3e', '#fdaf31', '#fdc627', '#f8df25', '#f0f921',
];

/*
 * Turbo (Mikhailov 2019, "Turbo, An Improved Rainbow Colormap for Visualization", Google AI
 * blog; its 256-entry sRGB table): entries 0, 5, 10, …, 255, i.e. 52 anchors at positions k/51,
 * denser than the others because turbo bends sharply in RGB.
 */
// prettier-ignore
const TURBO = [
  '#30123b', '#36215f', '#3b2f80', '#3f3e9c', '#424bb5', '#4559cb', '#4666dd', '#4773eb',
  '#4680f6', '#458cfd', '#4099ff', '#38a5fb', '#2fb2f4', '#27bee9', '#1fc9dd', '#1ad4d0',
  '#18ddc2', '#1ae4b6', '#22ebaa', '#2ff19b', '#3ff68a', '#52fa7a', '#65fd69', '#79fe59',
  '#8bff4b', '#9cfe40', '#a9fb39', '#b7f735', '#c3f134', '#d0ea34', '#dbe236', '#e5d938',
  '#eecf3a', '#f5c53a', '#faba39', '#fdae35', '#fea130', '#fe932a', '#fc8423', '#f9751d',
  '#f46617', '#ef5811', '#e84b0c', '#e14109', '#d83706', '#ce2d04', '#c32503', '#b71d02',
  '#a91601', '#9b0f01', '#8b0902', '#7a0403',
];

/*
 * RdYlBu, 11-class diverging scheme of ColorBrewer (Brewer 2003, "A transition in improving
 * maps: the ColorBrewer example", Cartography and Geographic Information Science 30(2)),
 * listed blue → red: the reversed map RdYlBu_r, low values blue, high values red.
 */
// prettier-ignore
const RDYLBU_R = [
  '#313695', '#4575b4', '#74add1', '#abd9e9', '#e0f3f8', '#ffffbf',
  '#fee090', '#fdae61', '#f46d43', '#d73027', '#a50026',
];

/*
 * Cool-to-warm diverging map (Moreland 2009, "Diverging Color Maps for Scientific
 * Visualization", ISVC 2009; his 33-point table CoolWarmFloat33), positions k/32.
 */
// prettier-ignore
const COOLWARM = [
  '#3b4cc0', '#445acc', '#4d68d7', '#5775e1', '#6282ea', '#6c8ef1',
  '#779af7', '#82a5fb', '#8db0fe', '#98b9ff', '#a3c2ff', '#aec9fd',
  '#b8d0f9', '#c2d5f4', '#ccd9ee', '#d5dbe6', '#dddddd', '#e5d8d1',
  '#ecd3c5', '#f1ccb9', '#f5c4ad', '#f7bba0', '#f7b194', '#f7a687',
  '#f49a7b', '#f18d6f', '#ec7f63', '#e57058', '#de604d', '#d55042',
  '#cb3e38', '#c0282f', '#b40426',
];

/*
 * Greys, 9-class sequential scheme of ColorBrewer (Brewer 2003), white → black as in matplotlib
 * and rio-tiler: low values light, high values dark.
 */
// prettier-ignore
const GREYS = [
  '#ffffff', '#f0f0f0', '#d9d9d9', '#bdbdbd', '#969696', '#737373', '#525252', '#252525',
  '#000000',
];

const CONTINUOUS_COLORMAPS: readonly ContinuousColormapDefinition[] = [
  { name: 'viridis', source: 'van der Walt & Smith 2015 (matplotlib)', anchors: VIRIDIS },
  { name: 'inferno', source: 'van der Walt & Smith 2015 (matplotlib)', anchors: INFERNO },
  { name: 'magma', source: 'van der Walt & Smith 2015 (matplotlib)', anchors: MAGMA },
  { name: 'plasma', source: 'van der Walt & Smith 2015 (matplotlib)', anchors: PLASMA },
  { name: 'turbo', source: 'Mikhailov 2019 (Google)', anchors: TURBO },
  { name: 'RdYlBu_r', source: 'ColorBrewer RdYlBu, reversed (Brewer 2003)', anchors: RDYLBU_R },
  { name: 'coolwarm', source: 'Moreland 2009', anchors: COOLWARM },
  { name: 'greys', source: 'ColorBrewer Greys (Brewer 2003)', anchors: GREYS },
];

/** Names of the continuous colormaps, in listing order. */
export const COLORMAP_NAMES: readonly string[] = CONTINUOUS_COLORMAPS.map((map) => map.name);

/** Parses '#rrggbb' into [r, g, b]. */
export function hexToRgb(hex: string): RgbColor {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new InvalidParameterError(`colour '${hex}' is not of the form #rrggbb`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** Formats [r, g, b] (0..255) as '#rrggbb'. */
export function rgbToHex(rgb: RgbColor): string {
  return '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

/** Expands evenly spaced anchors into a 256 × RGB table by linear interpolation. */
function buildLookupTable(anchors: readonly string[]): Uint8Array {
  const colors = anchors.map(hexToRgb);
  const lut = new Uint8Array(COLORMAP_SIZE * 3);
  const segments = colors.length - 1;
  for (let i = 0; i < COLORMAP_SIZE; i++) {
    const position = (i / (COLORMAP_SIZE - 1)) * segments;
    const k = Math.min(segments - 1, Math.floor(position));
    const t = position - k;
    const from = colors[k]!;
    const to = colors[k + 1]!;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
  }
  return lut;
}

const lookupTables = new Map<string, Uint8Array>();

function findDefinition(name: string): ContinuousColormapDefinition {
  const wanted = name.toLowerCase();
  const definition = CONTINUOUS_COLORMAPS.find((map) => map.name.toLowerCase() === wanted);
  if (!definition) {
    throw new InvalidParameterError(
      `unknown colormap '${name}'; valid names: ${COLORMAP_NAMES.join(', ')}`,
      { colormap: name, valid: COLORMAP_NAMES },
    );
  }
  return definition;
}

/**
 * The 256-entry lookup table of a continuous colormap: entry i (0..255) is the colour of the
 * rescaled value i/255, at bytes 3i..3i+2 (R, G, B). Names match case-insensitively
 * ('rdylbu_r' as TiTiler spells it works). The table is shared: do not modify it.
 * Throws InvalidParameterError listing the valid names for an unknown name.
 */
export function getColormap(name: string): Uint8Array {
  const definition = findDefinition(name);
  let lut = lookupTables.get(definition.name);
  if (!lut) {
    lut = buildLookupTable(definition.anchors);
    lookupTables.set(definition.name, lut);
  }
  return lut;
}

/** One entry of the colormap listing, for legends. */
export interface ColormapListing {
  name: string;
  type: 'continuous';
  /** Where the map is defined (author, year). */
  source: string;
  /** 11 hex colours at rescaled values 0, 0.1, …, 1. */
  stops: string[];
}

/** Every continuous colormap with 11 legend stops, in a stable order. */
export function listColormaps(): ColormapListing[] {
  return CONTINUOUS_COLORMAPS.map((definition) => {
    const lut = getColormap(definition.name);
    const stops: string[] = [];
    for (let k = 0; k <= 10; k++) {
      const i = Math.round((k / 10) * (COLORMAP_SIZE - 1));
      stops.push(rgbToHex([lut[i * 3]!, lut[i * 3 + 1]!, lut[i * 3 + 2]!]));
    }
    return { name: definition.name, type: 'continuous', source: definition.source, stops };
  });
}

/**
 * Checks a categorical colormap: keys must be integer class ids, colours three integers in
 * 0..255. Throws InvalidParameterError naming the first bad entry.
 */
export function validateCategoricalColormap(colormap: CategoricalColormap): void {
  for (const [key, color] of Object.entries(colormap)) {
    const classId = Number(key);
    const validColor =
      Array.isArray(color) &&
      color.length === 3 &&
      color.every((c) => Number.isInteger(c) && c >= 0 && c <= 255);
    if (!Number.isInteger(classId) || !validColor) {
      throw new InvalidParameterError(
        `categorical colormap entry ${key} → ${JSON.stringify(color)} is not an integer class id → [r, g, b] in 0..255`,
        { classId: key, color },
      );
    }
  }
}
