/**
 * Quality-band masks: cloud, water, snow and fill pixels from the bit fields of Landsat QA bands
 * and the MODIS LST QC band, as Uint8Array (1 = flagged). Pure and Node-free. Bit layouts are data
 * (QA_SCHEMES); a NaN QA value (noData) counts as fill and as nothing else.
 *
 * Sources:
 * - Collection 2 QA_PIXEL: Landsat 8-9 C2 Level 2 Science Product Guide (LSDS-1619), Table 6-3;
 *   the same layout in the Landsat 4-7 guide (LSDS-1618).
 * - Collection 1 BQA (OLI/TIRS): Landsat 8 Collection 1 Level 1 Product Guide (LSDS-1656), Table 6-2.
 * - Pre-collection BQA (LDCM): Landsat 8 Data Users Handbook v1 (2015), section 3.2 "Quality
 *   Assessment Band": fill bit 0, water 4–5, snow/ice 10–11, cirrus 12–13, cloud 14–15.
 * - MODIS MOD11/MYD11 QC: MODIS LST product user's guide (Wan 2013, C6), Table 13.
 * - QA_RADSAT: LSDS-1619 Table 6-5 (bit n−1 set: band n saturated).
 */
import { InvalidParameterError } from '../errors.js';

/** A QA band layout. */
export type QaScheme = 'c2-qa-pixel' | 'c1-bqa-oli' | 'pre-collection-bqa-oli' | 'modis-lst-qc';

/** Confidence of a two-bit field: 1 low, 2 medium, 3 high (0 = not determined / none). */
export type Confidence = 1 | 2 | 3;

/** A test on a QA value: one flag bit, or a two-bit confidence field at or above a level. */
type BitTest =
  | { kind: 'bit'; bit: number }
  | { kind: 'confidence'; firstBit: number }
  | { kind: 'field-equals'; firstBit: number; width: number; values: readonly number[] };

interface SchemeBits {
  fill: BitTest | null;
  cloud: BitTest | null;
  water: BitTest | null;
  snow: BitTest | null;
}

/** The bit layouts of the schemes, from the sources above. */
const QA_SCHEMES: Readonly<Record<QaScheme, SchemeBits>> = {
  'c2-qa-pixel': {
    fill: { kind: 'bit', bit: 0 },
    cloud: { kind: 'bit', bit: 3 },
    water: { kind: 'bit', bit: 7 },
    snow: { kind: 'bit', bit: 5 },
  },
  'c1-bqa-oli': {
    fill: { kind: 'bit', bit: 0 },
    cloud: { kind: 'confidence', firstBit: 5 },
    water: null,
    snow: { kind: 'confidence', firstBit: 9 },
  },
  'pre-collection-bqa-oli': {
    fill: { kind: 'bit', bit: 0 },
    cloud: { kind: 'confidence', firstBit: 14 },
    water: { kind: 'confidence', firstBit: 4 },
    snow: { kind: 'confidence', firstBit: 10 },
  },
  // Mandatory QA (bits 0-1): 2 = LST not produced due to cloud, 3 = not produced, other reasons.
  'modis-lst-qc': {
    fill: { kind: 'field-equals', firstBit: 0, width: 2, values: [2, 3] },
    cloud: { kind: 'field-equals', firstBit: 0, width: 2, values: [2] },
    water: null,
    snow: null,
  },
};

/** Options of the confidence-based masks. */
export interface MaskOptions {
  /** Lowest confidence that counts as flagged, for two-bit fields; default 3 (high). */
  minConfidence?: Confidence;
}

/** The `width`-bit field of an integer QA value starting at `firstBit`. */
export function bitField(value: number, firstBit: number, width: number): number {
  return (value >>> firstBit) & ((1 << width) - 1);
}

function passes(value: number, test: BitTest, minConfidence: Confidence): boolean {
  if (test.kind === 'bit') return bitField(value, test.bit, 1) === 1;
  if (test.kind === 'confidence') return bitField(value, test.firstBit, 2) >= minConfidence;
  return test.values.includes(bitField(value, test.firstBit, test.width));
}

function maskOf(
  qa: ArrayLike<number>,
  scheme: QaScheme,
  what: keyof SchemeBits,
  options: MaskOptions,
): Uint8Array {
  const test = QA_SCHEMES[scheme][what];
  if (test === null) {
    throw new InvalidParameterError(`QA scheme ${scheme} has no ${what} flag`, { scheme, what });
  }
  const minConfidence = options.minConfidence ?? 3;
  const out = new Uint8Array(qa.length);
  for (let i = 0; i < qa.length; i++) {
    const value = qa[i] as number;
    if (Number.isNaN(value)) out[i] = what === 'fill' ? 1 : 0;
    else out[i] = passes(value, test, minConfidence) ? 1 : 0;
  }
  return out;
}

/**
 * Cloud pixels: QA_PIXEL bit 3; Collection 1 BQA cloud confidence (bits 5–6) and pre-collection
 * BQA cloud confidence (bits 14–15) at or above `minConfidence` (default high); MODIS QC
 * mandatory QA = 2 ("not produced due to cloud effects").
 */
export function cloudMask(
  qa: ArrayLike<number>,
  scheme: QaScheme,
  options: MaskOptions = {},
): Uint8Array {
  return maskOf(qa, scheme, 'cloud', options);
}

/**
 * Water pixels: QA_PIXEL bit 7; pre-collection BQA water confidence (bits 4–5).
 * @throws InvalidParameterError for schemes without a water flag (Collection 1 BQA, MODIS QC).
 */
export function waterMask(
  qa: ArrayLike<number>,
  scheme: QaScheme,
  options: MaskOptions = {},
): Uint8Array {
  return maskOf(qa, scheme, 'water', options);
}

/**
 * Snow/ice pixels: QA_PIXEL bit 5; BQA snow/ice confidence (C1 bits 9–10, pre-collection 10–11).
 * @throws InvalidParameterError for MODIS QC, which has no snow flag.
 */
export function snowMask(
  qa: ArrayLike<number>,
  scheme: QaScheme,
  options: MaskOptions = {},
): Uint8Array {
  return maskOf(qa, scheme, 'snow', options);
}

/** Fill pixels: bit 0 of the Landsat QA bands; MODIS QC mandatory QA 2 or 3 (no LST); NaN. */
export function fillMask(qa: ArrayLike<number>, scheme: QaScheme): Uint8Array {
  return maskOf(qa, scheme, 'fill', {});
}

/** Clear pixels of a Collection 2 QA_PIXEL band (bit 6: neither cloud nor dilated cloud). */
export function clearMask(qa: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(qa.length);
  for (let i = 0; i < qa.length; i++) {
    const value = qa[i] as number;
    out[i] = !Number.isNaN(value) && bitField(value, 6, 1) === 1 ? 1 : 0;
  }
  return out;
}

/**
 * Pixels saturated in band `bandNumber` (1–11) of a QA_RADSAT band: bit bandNumber − 1.
 * @throws InvalidParameterError for a band number outside 1–11.
 */
export function saturationMask(qaRadsat: ArrayLike<number>, bandNumber: number): Uint8Array {
  if (!Number.isInteger(bandNumber) || bandNumber < 1 || bandNumber > 11) {
    throw new InvalidParameterError(`QA_RADSAT has bands 1-11, got ${bandNumber}`, { bandNumber });
  }
  const out = new Uint8Array(qaRadsat.length);
  for (let i = 0; i < qaRadsat.length; i++) {
    const value = qaRadsat[i] as number;
    out[i] = !Number.isNaN(value) && bitField(value, bandNumber - 1, 1) === 1 ? 1 : 0;
  }
  return out;
}

/** The four fields of a MODIS MOD11/MYD11 QC value (Wan 2013, Table 13). */
export interface ModisLstQc {
  /** 0 good quality, 1 other quality (check the others), 2 not produced (cloud), 3 not produced. */
  mandatory: number;
  /** 0 good, 1 other quality, 2–3 TBD. */
  dataQuality: number;
  /** Average emissivity error bound: 0.01, 0.02, 0.04, or above 0.04 (reported as Infinity). */
  emissivityErrorMax: number;
  /** Average LST error bound in kelvin: 1, 2, 3, or above 3 (reported as Infinity). */
  lstErrorMaxKelvin: number;
}

const EMISSIVITY_ERROR_MAX = [0.01, 0.02, 0.04, Number.POSITIVE_INFINITY] as const;
const LST_ERROR_MAX_KELVIN = [1, 2, 3, Number.POSITIVE_INFINITY] as const;

/** Decodes one MODIS LST QC byte: mandatory QA (bits 0–1), data quality (2–3), errors (4–7). */
export function decodeModisLstQc(qc: number): ModisLstQc {
  return {
    mandatory: bitField(qc, 0, 2),
    dataQuality: bitField(qc, 2, 2),
    emissivityErrorMax: EMISSIVITY_ERROR_MAX[bitField(qc, 4, 2)] as number,
    lstErrorMaxKelvin: LST_ERROR_MAX_KELVIN[bitField(qc, 6, 2)] as number,
  };
}

/**
 * MODIS pixels whose LST error bound exceeds `maxLstErrorKelvin` (1, 2 or 3 K) or whose LST was
 * not produced; 1 = reject.
 */
export function modisLstErrorMask(qc: ArrayLike<number>, maxLstErrorKelvin: number): Uint8Array {
  const out = new Uint8Array(qc.length);
  for (let i = 0; i < qc.length; i++) {
    const value = qc[i] as number;
    if (Number.isNaN(value)) {
      out[i] = 1;
      continue;
    }
    const decoded = decodeModisLstQc(value);
    out[i] = decoded.mandatory >= 2 || decoded.lstErrorMaxKelvin > maxLstErrorKelvin ? 1 : 0;
  }
  return out;
}
