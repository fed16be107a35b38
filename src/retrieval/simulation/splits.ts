/**
 * Train/validation/test split by atmosphere: every profile goes to exactly one split, so no
 * atmosphere is seen in two splits (the model is tested on atmospheres it never trained on).
 * Node-free.
 */
import { InvalidParameterError } from '../../errors.js';
import type { Random } from './prng.js';

/** Split names in label order: the label stored per row is the index in this list. */
export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;

/** One of the three splits. */
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Fractions of the atmospheres in each split; they must sum to 1 (±1e-6). */
export type SplitFractions = Readonly<Record<SplitName, number>>;

/** Default 70 / 15 / 15 %. */
export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = { train: 0.7, validation: 0.15, test: 0.15 };

function checkFractions(fractions: SplitFractions): void {
  const values = SPLIT_NAMES.map((name) => fractions[name]);
  const sum = values.reduce((total, value) => total + value, 0);
  if (values.some((value) => !(value >= 0)) || Math.abs(sum - 1) > 1e-6) {
    throw new InvalidParameterError(
      `split fractions must be non-negative and sum to 1, got ${values.join(' / ')}`,
      { fractions },
    );
  }
}

/** Number of atmospheres per split: rounded shares, each non-zero share getting at least one. */
function splitCounts(atmosphereCount: number, fractions: SplitFractions): [number, number, number] {
  const wanted = (fraction: number): number =>
    fraction > 0 ? Math.max(1, Math.round(fraction * atmosphereCount)) : 0;
  const test = wanted(fractions.test);
  const validation = wanted(fractions.validation);
  const train = atmosphereCount - test - validation;
  if (train < (fractions.train > 0 ? 1 : 0)) {
    throw new InvalidParameterError(
      `${atmosphereCount} atmospheres are too few for splits ${SPLIT_NAMES.map((n) => fractions[n]).join(' / ')}`,
      { atmosphereCount, fractions },
    );
  }
  return [train, validation, test];
}

/**
 * The split label (index into SPLIT_NAMES) of each of `atmosphereCount` atmospheres, assigned
 * by a seeded Fisher–Yates shuffle.
 *
 * @throws InvalidParameterError for bad fractions or too few atmospheres.
 */
export function splitAtmospheres(
  atmosphereCount: number,
  fractions: SplitFractions,
  random: Random,
): Uint8Array {
  checkFractions(fractions);
  const [train, validation] = splitCounts(atmosphereCount, fractions);

  const order = Uint32Array.from({ length: atmosphereCount }, (_, i) => i);
  for (let i = atmosphereCount - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }

  const labels = new Uint8Array(atmosphereCount);
  for (let rank = 0; rank < atmosphereCount; rank++) {
    const label = rank < train ? 0 : rank < train + validation ? 1 : 2;
    labels[order[rank] as number] = label;
  }
  return labels;
}
