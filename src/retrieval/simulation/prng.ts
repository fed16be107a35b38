/**
 * A small seeded pseudo-random generator for reproducible simulations: mulberry32 (Tommy
 * Ettinger, 2017, public domain; a 32-bit state advanced by the Weyl constant 0x6d2b79f5 and
 * mixed by two multiply-xorshift rounds), with uniform and normal draws. Not cryptographic.
 * Node-free.
 */

/** A stream of pseudo-random draws; the same seed gives the same sequence on every platform. */
export interface Random {
  /** Uniform draw in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform draw in [min, max). */
  uniform(min: number, max: number): number;
  /** Normal draw with the given mean and standard deviation (Box–Muller, Box & Muller 1958). */
  normal(mean?: number, sd?: number): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
}

const WEYL = 0x6d2b79f5;
const TWO_POW_32 = 4294967296;

/** Mixes a 32-bit integer seed into a well-spread starting state (splitmix32 finaliser). */
function mixSeed(seed: number): number {
  let z = (seed | 0) + 0x9e3779b9;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A generator seeded by `seed` (any integer; non-integers are truncated to 32 bits). Two
 * generators with the same seed produce identical streams.
 */
export function createRandom(seed: number): Random {
  let state = mixSeed(seed);
  let spareNormal: number | null = null;

  const next = (): number => {
    state = (state + WEYL) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  };

  const standardNormal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    const u1 = 1 - next();
    const u2 = next();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spareNormal = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };

  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal: (mean = 0, sd = 1) => mean + sd * standardNormal(),
    integer: (n) => Math.floor(next() * n),
  };
}

/** A child seed for an independent sub-stream (e.g. one per atmosphere), derived from two keys. */
export function deriveSeed(seed: number, key: number): number {
  return mixSeed((mixSeed(seed) ^ Math.imul(key + 1, 0x27d4eb2d)) | 0);
}
