import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../tf.js';
import { scalarOf, useCpuBackend, valuesOf } from '../test-setup.js';
import { adaptiveTemperatureKdLoss, correctedStudentTemperature } from './adaptive-temperature.js';

beforeAll(useCpuBackend);

const LN3 = Math.log(3);
const binaryEntropy = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);

describe('adaptive temperature (entropy-corrected) KD', () => {
  // Teacher [ln 3, 0] → p = [0.75, 0.25]; students [0, 0] (uniform) and [2 ln 3, 0] (p = 0.9).
  const teacher = () =>
    tf.tensor2d([
      [LN3, 0],
      [LN3, 0],
    ]);
  const student = () =>
    tf.tensor2d([
      [0, 0],
      [2 * LN3, 0],
    ]);

  it('raises the temperature of a student sharper than its teacher and lowers a flatter one', () => {
    const tau = valuesOf(
      correctedStudentTemperature(student(), teacher(), { distillTemperature: 1, entropyGain: 1 }),
    );
    // Ĥ_t = H(0.75)/ln 2 = 0.8112781; Ĥ_s = 1 (row 1) and H(0.9)/ln 2 = 0.4689956 (row 2).
    expect(tau[0]).toBeCloseTo(1 + (binaryEntropy(0.75) - 1), 5); // 0.8112781
    expect(tau[1]).toBeCloseTo(1 + (binaryEntropy(0.75) - binaryEntropy(0.9)), 5); // 1.3422825
  });

  it('is the KL to the student softened at its corrected temperature', () => {
    const loss = adaptiveTemperatureKdLoss(student(), teacher(), {
      distillTemperature: 1,
      entropyGain: 1,
      alpha: 1,
    });
    // Row 1: the uniform student stays uniform → KL = 0.75·ln 1.5 + 0.25·ln 0.5 = 0.1308120.
    const row1 = 0.75 * Math.log(0.75 / 0.5) + 0.25 * Math.log(0.25 / 0.5);
    // Row 2: τ = 1.3422825, p_s = 1 / (1 + exp(−2 ln 3 / τ)) = 0.8371260.
    const tau = 1 + binaryEntropy(0.75) - binaryEntropy(0.9);
    const pS = 1 / (1 + Math.exp((-2 * LN3) / tau));
    const row2 = 0.75 * Math.log(0.75 / pS) + 0.25 * Math.log(0.25 / (1 - pS));
    expect(scalarOf(loss)).toBeCloseTo((row1 + row2) / 2, 5);
  });

  it('clamps the temperature to [T/2, 2T]', () => {
    const tau = valuesOf(
      correctedStudentTemperature(tf.tensor2d([[0, 0]]), tf.tensor2d([[20, 0]]), {
        distillTemperature: 2,
        entropyGain: 5,
      }),
    );
    // Ĥ_t ≈ 0 (p ≈ 1 at T = 2), Ĥ_s = 1: 2·(1 + 5·(−1)) = −8 → clamped to T/2 = 1.
    expect(tau[0]).toBeCloseTo(1, 6);
  });
});
