import { describe, expect, it } from 'vitest';
import { parseDataset, serializeDataset } from './dataset-format.js';
import { rowsOfSplit } from './dataset.js';
import { createRandom } from './prng.js';
import { sha256Hex } from './sha256.js';
import { simulateDataset } from './simulate.js';

describe('dataset file', () => {
  const dataset = simulateDataset({ sensor: 'landsat-7', seed: 4, sampleCount: 500 });

  it('reads back every column, atmosphere id and split label it wrote', () => {
    const bytes = serializeDataset(dataset);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('RSKDSIM1');
    const back = parseDataset(bytes, 'l7.rskdsim');
    expect(back.metadata).toEqual(dataset.metadata);
    expect(back.columns['tbKelvin.B6']).toEqual(dataset.columns['tbKelvin.B6']);
    expect(back.columns['lstKelvin']).toEqual(dataset.columns['lstKelvin']);
    expect(back.atmosphereId).toEqual(dataset.atmosphereId);
    expect(rowsOfSplit(back, 'test')).toEqual(rowsOfSplit(dataset, 'test'));
    expect(bytes.length).toBe(
      12 + new DataView(bytes.buffer).getUint32(8, true) + 500 * (10 * 4 + 5),
    );
  });

  it('refuses a file whose body was altered, naming the hash mismatch', () => {
    const bytes = serializeDataset(dataset);
    bytes[bytes.length - 600] = (bytes[bytes.length - 600] as number) ^ 0xff;
    expect(() => parseDataset(bytes, 'l7.rskdsim')).toThrow(
      /^l7\.rskdsim is not a valid dataset file: content hash [0-9a-f]{12}… does not match/,
    );
  });

  it('refuses a file with another magic or a truncated body', () => {
    const bytes = serializeDataset(dataset);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0x58;
    expect(() => parseDataset(wrongMagic, 'x.bin')).toThrow(
      'x.bin is not a valid dataset file: magic "XSKDSIM1" is not RSKDSIM1',
    );
    expect(() => parseDataset(bytes.subarray(0, bytes.length - 1), 'x.bin')).toThrow(
      /x\.bin is not a valid dataset file: body has \d+ bytes, expected \d+/,
    );
  });
});

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digests of "abc" and of the 56-byte two-block message', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const twoBlock = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
    expect(sha256Hex(new TextEncoder().encode(twoBlock))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('createRandom', () => {
  it('repeats its stream for a seed and draws standard normals with mean ≈ 0 and sd ≈ 1', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(createRandom(43).next()).not.toBe(first[0]);

    const normal = createRandom(1);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < 20000; i++) {
      const x = normal.normal();
      sum += x;
      sumSquares += x * x;
    }
    expect(sum / 20000).toBeCloseTo(0, 1);
    expect(Math.sqrt(sumSquares / 20000)).toBeCloseTo(1, 1);
  });
});
