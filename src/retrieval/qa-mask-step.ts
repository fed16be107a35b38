/**
 * The QA masking step of every product: which quality band of the scene to read (QA_PIXEL, BQA,
 * QA_RADSAT, MODIS QC), and how to turn flagged pixels of one block into noData (NaN), counting
 * them for the product notes. Bit layouts live in qa-masks.ts.
 */
import { InvalidParameterError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { blockBand, type BlockBands } from './block-runner.js';
import { cloudMask, fillMask, saturationMask, type QaScheme } from './qa-masks.js';
import { sceneBandNames } from './scene-bands.js';

/** Pixel flags a product can mask. */
export const MASK_FLAGS = ['cloud', 'fill', 'saturation'] as const;

/** One maskable flag. */
export type MaskFlag = (typeof MASK_FLAGS)[number];

/** Default mask: clouds (high confidence) and fill pixels become noData. */
export const DEFAULT_MASK: readonly MaskFlag[] = ['cloud', 'fill'];

/** The quality band of a scene and its bit layout, or null when the scene has none. */
export interface QaBand {
  name: string;
  scheme: QaScheme;
}

/**
 * The scene's pixel-quality band: QA_PIXEL (Collection 2), BQA (Collection 1 or pre-collection,
 * by the MTL's collection), QC_Day/QC_Night (MODIS MOD11/MYD11), else null.
 */
export function findQaBand(scene: SceneDescription): QaBand | null {
  const names = sceneBandNames(scene);
  if (names.includes('QA_PIXEL')) return { name: 'QA_PIXEL', scheme: 'c2-qa-pixel' };
  if (names.includes('BQA')) {
    const preCollection = scene.metadata?.collection === 'pre-collection';
    return { name: 'BQA', scheme: preCollection ? 'pre-collection-bqa-oli' : 'c1-bqa-oli' };
  }
  const qc = names.find((name) => /^QC_(Day|Night)$/.test(name));
  return qc === undefined ? null : { name: qc, scheme: 'modis-lst-qc' };
}

/** A resolved QA mask: what is read, what was asked and what can be applied. */
export interface QaMaskStep {
  inputs: string[];
  parameters: { mask: MaskFlag[]; maskApplied: MaskFlag[]; qaBand: string | null };
  notes: string[];
  /** Sets flagged pixels of `values` (one block) to NaN and counts them. */
  apply: (bands: BlockBands, values: Float32Array) => void;
  finalNotes: () => string[];
}

function checkFlags(flags: readonly string[]): MaskFlag[] {
  const unknown = flags.filter((flag) => !(MASK_FLAGS as readonly string[]).includes(flag));
  if (unknown.length > 0) {
    throw new InvalidParameterError(
      `unknown mask flag ${unknown.join(', ')}; known: ${MASK_FLAGS.join(', ')}`,
      { mask: [...flags], known: [...MASK_FLAGS] },
    );
  }
  return [...new Set(flags as MaskFlag[])];
}

/** Landsat band numbers of thermal band names (`B10` → 10, `ST_B10` → 10, `B6_VCID_1` → 6). */
function bandNumbers(bandNames: readonly string[]): number[] {
  const numbers = bandNames.map((name) => /B(\d+)/.exec(name)?.[1]).filter((n) => n !== undefined);
  return [...new Set(numbers.map(Number))].filter((n) => n >= 1 && n <= 11);
}

interface FlagReader {
  flag: MaskFlag;
  band: string;
  mask: (qa: Float32Array) => Uint8Array;
}

function flagReaders(
  flags: readonly MaskFlag[],
  qa: QaBand | null,
  hasRadsat: boolean,
  saturatedBands: readonly number[],
): FlagReader[] {
  const readers: FlagReader[] = [];
  if (qa !== null && flags.includes('fill')) {
    readers.push({ flag: 'fill', band: qa.name, mask: (v) => fillMask(v, qa.scheme) });
  }
  if (qa !== null && flags.includes('cloud')) {
    readers.push({ flag: 'cloud', band: qa.name, mask: (v) => cloudMask(v, qa.scheme) });
  }
  if (hasRadsat && flags.includes('saturation') && saturatedBands.length > 0) {
    const mask = (values: Float32Array): Uint8Array => {
      const out = new Uint8Array(values.length);
      for (const band of saturatedBands) {
        saturationMask(values, band).forEach((flagged, i) => (out[i] = out[i]! | flagged));
      }
      return out;
    };
    readers.push({ flag: 'saturation', band: 'QA_RADSAT', mask });
  }
  return readers;
}

function unavailableNotes(
  flags: readonly MaskFlag[],
  applied: readonly MaskFlag[],
  qa: QaBand | null,
): string[] {
  const missing = flags.filter((flag) => !applied.includes(flag));
  if (missing.length === 0) return [];
  const where = missing.includes('saturation') && qa !== null ? 'QA_RADSAT' : 'QA_PIXEL or BQA';
  return [
    `mask ${missing.join(', ')} was not applied: the scene has no ${where} band ` +
      '(upload it to mask those pixels)',
  ];
}

/**
 * The QA mask of a product whose values come from `thermalBands` (their numbers select the
 * QA_RADSAT bits). Flags the scene cannot give (no QA band) are reported in the notes, not refused.
 */
export function qaMaskStep(
  scene: SceneDescription,
  flags: readonly string[],
  thermalBands: readonly string[],
): QaMaskStep {
  const wanted = checkFlags(flags);
  const qa = findQaBand(scene);
  const hasRadsat = sceneBandNames(scene).includes('QA_RADSAT');
  const readers = flagReaders(wanted, qa, hasRadsat, bandNumbers(thermalBands));
  const applied = readers.map((reader) => reader.flag);
  const counts = new Map<MaskFlag, number>(applied.map((flag) => [flag, 0]));
  let masked = 0;
  let valuesLeft = 0;

  return {
    inputs: [...new Set(readers.map((reader) => reader.band))],
    parameters: { mask: wanted, maskApplied: applied, qaBand: qa?.name ?? null },
    notes: unavailableNotes(wanted, applied, qa),
    apply: (bands, values) => {
      const masks = readers.map((reader) => reader.mask(blockBand(bands, reader.band)));
      for (let i = 0; i < values.length; i++) {
        let flagged = false;
        masks.forEach((mask, k) => {
          if (mask[i] !== 1) return;
          flagged = true;
          const flag = applied[k] as MaskFlag;
          counts.set(flag, (counts.get(flag) ?? 0) + 1);
        });
        if (flagged) {
          values[i] = Number.NaN;
          masked++;
        } else if (!Number.isNaN(values[i])) {
          valuesLeft++;
        }
      }
    },
    finalNotes: () => {
      if (applied.length === 0) return [];
      const detail = applied.map((flag) => `${flag} ${counts.get(flag) ?? 0}`).join(', ');
      const source = [...new Set(readers.map((reader) => reader.band))].join(' and ');
      return [
        `${masked} pixels masked as noData from ${source} (by flag, a pixel may carry several: ${detail})`,
        ...(masked > 0 && valuesLeft === 0
          ? [`every pixel was masked (${detail}): request mask: [] to see the values`]
          : []),
      ];
    },
  };
}
