/**
 * Categorical colormaps for class rasters: named sets of class id → colour with labels, and
 * colormaps given inline in a tile query as JSON (`{"1":"#ff0000","2":[0,128,0]}`, TiTiler's
 * `colormap` parameter).
 */
import { InvalidParameterError } from '../errors.js';
import type { CategoricalColormap, RgbColor } from './colormaps.js';
import { hexToRgb, validateCategoricalColormap } from './colormaps.js';

/** One class of a named categorical colormap. */
export interface ColormapClass {
  /** The raster value of the class. */
  value: number;
  label: string;
  /** '#rrggbb'. */
  color: string;
}

interface CategoricalDefinition {
  name: string;
  source: string;
  classes: readonly ColormapClass[];
}

/*
 * Land-cover classes of the platform's classification data (1 developed … 7 sediment, the
 * GRASS North Carolina training labels), drawn with the colours of the matching classes of the
 * NLCD legend (USGS MRLC, National Land Cover Database 2011 legend: 23 developed medium
 * intensity, 82 cultivated crops, 71 grassland/herbaceous, 52 shrub/scrub, 41 deciduous forest,
 * 11 open water, 31 barren land).
 */
const LANDCOVER: readonly ColormapClass[] = [
  { value: 1, label: 'developed', color: '#eb0000' },
  { value: 2, label: 'agriculture', color: '#ab6c28' },
  { value: 3, label: 'herbaceous', color: '#dfdfc2' },
  { value: 4, label: 'shrubland', color: '#ccb879' },
  { value: 5, label: 'forest', color: '#68ab5f' },
  { value: 6, label: 'water', color: '#466b9f' },
  { value: 7, label: 'sediment', color: '#b3ac9f' },
];

const CATEGORICAL_COLORMAPS: readonly CategoricalDefinition[] = [
  { name: 'landcover', source: 'NLCD 2011 legend colours (USGS MRLC)', classes: LANDCOVER },
];

/** Names of the named categorical colormaps. */
export const CATEGORICAL_COLORMAP_NAMES: readonly string[] = CATEGORICAL_COLORMAPS.map(
  (map) => map.name,
);

/** The named categorical colormap (case-insensitive), or null when `name` is not one. */
export function namedCategoricalColormap(name: string): CategoricalColormap | null {
  const wanted = name.toLowerCase();
  const definition = CATEGORICAL_COLORMAPS.find((map) => map.name.toLowerCase() === wanted);
  if (definition === undefined) return null;
  return Object.fromEntries(
    definition.classes.map((entry) => [entry.value, hexToRgb(entry.color)]),
  );
}

/** Most classes an inline colormap may list. */
export const MAX_INLINE_CLASSES = 256;

/**
 * Parses an inline categorical colormap: a JSON object whose keys are integer class ids and
 * whose values are '#rrggbb' or [r, g, b] (0..255). At most {@link MAX_INLINE_CLASSES} classes.
 * @throws InvalidParameterError naming what is wrong (bad JSON, a bad key or colour).
 */
export function parseInlineColormap(text: string): CategoricalColormap {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidParameterError(`colormap '${text.slice(0, 80)}' is not JSON`, {
      colormap: text,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidParameterError(
      `colormap must be a JSON object of class id → colour, got ${text.slice(0, 80)}`,
    );
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_INLINE_CLASSES) {
    throw new InvalidParameterError(
      `colormap has ${entries.length} classes; 1..${MAX_INLINE_CLASSES} are accepted`,
    );
  }

  const colormap: Record<number, RgbColor> = {};
  for (const [key, value] of entries) {
    if (!/^-?\d{1,9}$/.test(key)) {
      throw new InvalidParameterError(`colormap key '${key}' is not an integer class id`, {
        classId: key,
      });
    }
    colormap[Number(key)] = typeof value === 'string' ? hexToRgb(value) : (value as RgbColor);
  }
  validateCategoricalColormap(colormap);
  return colormap;
}

/** One categorical entry of the colormap listing, for legends. */
export interface CategoricalColormapListing {
  name: string;
  type: 'categorical';
  source: string;
  /** The classes' colours in class order (legend swatches). */
  stops: string[];
  classes: ColormapClass[];
}

/** Every named categorical colormap with its classes. */
export function listCategoricalColormaps(): CategoricalColormapListing[] {
  return CATEGORICAL_COLORMAPS.map((definition) => ({
    name: definition.name,
    type: 'categorical',
    source: definition.source,
    stops: definition.classes.map((entry) => entry.color),
    classes: definition.classes.map((entry) => ({ ...entry })),
  }));
}
