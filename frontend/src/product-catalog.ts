/**
 * What the Retrieve panel offers: every product kind of the API with its unit, its methods (in
 * the API's order, with the parameters each one reads), the emissivity sets, water-vapour
 * sources and inversions, and the colormap a kind is first shown with. The page keeps this
 * small list itself so it needs no server round trip before the panel can be used;
 * product-catalog.test.ts checks it against src/retrieval (PRODUCT_METHODS and friends).
 */

/** Request parameters the panel has an input for (names as in the API's ProductRequest). */
export type ParameterName =
  | 'waterVapourGcm2'
  | 'waterVapourSource'
  | 'emissivitySet'
  | 'airTemperatureKelvin'
  | 'inversion'
  | 'transmittance'
  | 'upwellingRadianceWm2SrUm'
  | 'downwellingRadianceWm2SrUm'
  | 'mask';

/** One method of a product kind. */
export interface MethodEntry {
  /** The API's method name (`split-window-du2015`). */
  id: string;
  /** What the select shows. */
  label: string;
  /** The parameters this method reads, in the order the panel shows them. */
  parameters: readonly ParameterName[];
}

/** One product kind. */
export interface ProductKindEntry {
  /** The API's product name (`water-vapour`). */
  kind: string;
  /** Short name for labels (`LST`, `Water vapour`). */
  label: string;
  /** Unit of the product's values (`K`, `unitless`, `g/cm2`). */
  unit: string;
  /** Method used when the request names none; null when the API needs one (lst). */
  defaultMethod: string | null;
  methods: readonly MethodEntry[];
  /** Colormaps to show a product of this kind with first, best first (first one the server has). */
  colormaps: readonly string[];
}

const WITH_EMISSIVITY = ['emissivitySet', 'mask'] as const;
const ATMOSPHERE = [
  'transmittance',
  'upwellingRadianceWm2SrUm',
  'downwellingRadianceWm2SrUm',
] as const;

const LST_METHODS: readonly MethodEntry[] = [
  {
    id: 'split-window',
    label: 'Split-window, Jiménez-Muñoz 2014 (B10, B11)',
    parameters: ['waterVapourGcm2', ...WITH_EMISSIVITY],
  },
  {
    id: 'split-window-du2015',
    label: 'Split-window, Du 2015 (B10, B11)',
    parameters: ['waterVapourSource', 'waterVapourGcm2', ...WITH_EMISSIVITY],
  },
  {
    id: 'single-channel',
    label: 'Single-channel, Jiménez-Muñoz ψ (one band)',
    parameters: ['waterVapourSource', 'waterVapourGcm2', 'inversion', ...WITH_EMISSIVITY],
  },
  {
    id: 'mono-window',
    label: 'Mono-window, Qin 2001 (needs air temperature)',
    parameters: ['airTemperatureKelvin', 'waterVapourGcm2', 'inversion', ...WITH_EMISSIVITY],
  },
  {
    id: 'statistical-mono-window',
    label: 'Statistical mono-window, Ermida 2020',
    parameters: ['waterVapourSource', 'waterVapourGcm2', 'inversion', ...WITH_EMISSIVITY],
  },
  {
    id: 'rte',
    label: 'RTE inversion (Level-2, or Level-1 with τ, L↑, L↓)',
    parameters: [...ATMOSPHERE, 'inversion', ...WITH_EMISSIVITY],
  },
  { id: 'level2', label: 'Level-2 ST_B10 scaling', parameters: ['mask'] },
  { id: 'modis-split-window', label: 'MODIS split-window (bands 31, 32)', parameters: ['mask'] },
  {
    id: 'student',
    label: 'Student network (default model for the scene)',
    parameters: ['waterVapourGcm2', 'mask'],
  },
  {
    id: 'teacher',
    label: 'Teacher network (default model for the scene)',
    parameters: ['waterVapourGcm2', 'mask'],
  },
];

/** Every product kind, in the API's order (PRODUCT_KINDS). */
export const PRODUCT_CATALOG: readonly ProductKindEntry[] = [
  {
    kind: 'lst',
    label: 'LST',
    unit: 'K',
    defaultMethod: null,
    methods: LST_METHODS,
    colormaps: ['inferno'],
  },
  {
    kind: 'emissivity',
    label: 'Emissivity',
    unit: 'unitless',
    defaultMethod: 'ndvi-threshold',
    methods: [
      { id: 'ndvi-threshold', label: 'NDVI thresholds, Sobrino 2004', parameters: WITH_EMISSIVITY },
      { id: 'land-cover', label: 'Land-cover classes (class band)', parameters: ['mask'] },
      { id: 'level2', label: 'Level-2 ST_EMIS scaling', parameters: ['mask'] },
      { id: 'student', label: 'Student network (emissivity of B10)', parameters: ['mask'] },
      { id: 'teacher', label: 'Teacher network (emissivity of B10)', parameters: ['mask'] },
    ],
    colormaps: ['viridis'],
  },
  {
    kind: 'ndvi',
    label: 'NDVI',
    unit: 'unitless',
    defaultMethod: 'ndvi',
    methods: [{ id: 'ndvi', label: 'NDVI (red, near infrared)', parameters: ['mask'] }],
    colormaps: ['viridis'],
  },
  {
    kind: 'water-vapour',
    label: 'Water vapour',
    unit: 'g/cm2',
    defaultMethod: 'covariance-ratio',
    methods: [
      {
        id: 'constant',
        label: 'Constant (the value given)',
        parameters: ['waterVapourGcm2', 'mask'],
      },
      { id: 'band', label: 'From a scene band', parameters: ['mask'] },
      {
        id: 'covariance-ratio',
        label: 'Split-window covariance ratio, Ren 2015',
        parameters: ['mask'],
      },
      {
        id: 'from-transmittance',
        label: 'From transmittance τ',
        parameters: ['transmittance', 'mask'],
      },
    ],
    // The server has no sequential blue colormap yet; viridis stands in until it has one.
    colormaps: ['blues', 'viridis'],
  },
  {
    kind: 'brightness-temperature',
    label: 'Brightness temperature',
    unit: 'K',
    defaultMethod: 'k1k2',
    methods: [
      { id: 'k1k2', label: 'K1/K2 inversion', parameters: ['mask'] },
      { id: 'band-integrated', label: 'Band-integrated Planck inversion', parameters: ['mask'] },
    ],
    colormaps: ['inferno'],
  },
];

/** Emissivity sets (EMISSIVITY_SETS of src/retrieval/emissivity-sets.ts). */
export const EMISSIVITY_SET_IDS: readonly string[] = [
  'sobrino-2004',
  'sobrino-2008',
  'skokovic-2014',
  'yu-2014',
  'valor-caselles-1996',
];

/** The emissivity set a request without one gets, by scene sensor (defaultEmissivitySetId). */
export const DEFAULT_EMISSIVITY_SETS: Readonly<Record<string, string>> = {
  'landsat5-tm': 'sobrino-2004',
  'landsat7-etm': 'sobrino-2004',
  'landsat8-oli-tirs': 'skokovic-2014',
  'landsat9-oli-tirs': 'skokovic-2014',
};

/** Water-vapour sources of an LST request (WATER_VAPOUR_SOURCES); the first is the default. */
export const WATER_VAPOUR_SOURCE_IDS: readonly string[] = [
  'constant',
  'band',
  'covariance-ratio',
  'from-transmittance',
];

/** Radiance → brightness-temperature inversions (RTE_INVERSIONS); the first is the default. */
export const INVERSION_IDS: readonly string[] = ['k1k2', 'band-integrated'];

/** Column water vapour of a request that gives none, g/cm2 (DEFAULT_WATER_VAPOUR_GCM2). */
export const DEFAULT_WATER_VAPOUR_GCM2 = 2.0;

/** Near-surface air temperatures mono-window accepts, kelvin (Qin et al. 2001 domain). */
export const AIR_TEMPERATURE_RANGE_KELVIN = { min: 200, max: 340 } as const;

/** The entry of a product kind, undefined for a kind this page does not know. */
export function productKind(kind: string): ProductKindEntry | undefined {
  return PRODUCT_CATALOG.find((entry) => entry.kind === kind);
}

/** The entry of a method of a kind, undefined when either is unknown. */
export function productMethod(kind: string, method: string): MethodEntry | undefined {
  return productKind(kind)?.methods.find((entry) => entry.id === method);
}

/** The method selected when a kind is chosen: its default, else its first (split-window). */
export function initialMethod(kind: ProductKindEntry): string {
  return kind.defaultMethod ?? kind.methods[0]?.id ?? '';
}

/**
 * The colormap a product of `kind` is first shown with: the first of the kind's preferences the
 * server offers (`available`), else `fallback`.
 */
export function defaultColormapFor(
  kind: string,
  available: ReadonlySet<string>,
  fallback: string,
): string {
  const preferred = productKind(kind)?.colormaps ?? [];
  return preferred.find((name) => available.has(name)) ?? fallback;
}
