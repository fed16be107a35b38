import { describe, expect, it } from 'vitest';
import { productRequestSchema } from '../../backend/product-request.js';
import {
  buildProductRequest,
  formatResolvedValue,
  FormInputError,
  type RetrieveFormValues,
} from './retrieve-request.js';

const EMPTY: RetrieveFormValues = {
  product: 'lst',
  method: 'split-window',
  waterVapourGcm2: '',
  waterVapourSource: '',
  emissivitySet: '',
  airTemperatureKelvin: '',
  inversion: '',
  transmittance: '',
  upwellingRadianceWm2SrUm: '',
  downwellingRadianceWm2SrUm: '',
  maskClouds: true,
};

describe('the Retrieve panel request', () => {
  it('sends only the product and method when every input keeps its default', () => {
    expect(buildProductRequest(EMPTY)).toEqual({ product: 'lst', method: 'split-window' });
    expect(buildProductRequest({ ...EMPTY, product: 'ndvi', method: 'ndvi' })).toEqual({
      product: 'ndvi',
      method: 'ndvi',
    });
  });

  it('sends the parameters the method reads and drops those it does not', () => {
    const values = {
      ...EMPTY,
      method: 'mono-window',
      airTemperatureKelvin: '301.5',
      waterVapourGcm2: ' 2.4 ',
      emissivitySet: 'yu-2014',
      inversion: 'band-integrated',
      transmittance: '0.8',
      maskClouds: false,
    };
    const body = buildProductRequest(values);
    expect(body).toEqual({
      product: 'lst',
      method: 'mono-window',
      parameters: {
        airTemperatureKelvin: 301.5,
        waterVapourGcm2: 2.4,
        inversion: 'band-integrated',
        emissivitySet: 'yu-2014',
        mask: ['fill'],
      },
    });
    expect(productRequestSchema.safeParse(body).success).toBe(true);
    expect(
      buildProductRequest({ ...values, product: 'brightness-temperature', method: 'k1k2' }),
    ).toEqual({
      product: 'brightness-temperature',
      method: 'k1k2',
      parameters: { mask: ['fill'] },
    });
  });

  it('leaves the constant water vapour out when another source is chosen', () => {
    const body = buildProductRequest({
      ...EMPTY,
      method: 'split-window-du2015',
      waterVapourGcm2: '3',
      waterVapourSource: 'covariance-ratio',
    });
    expect(body.parameters).toEqual({ waterVapourSource: 'covariance-ratio' });
  });

  it('sends the atmosphere of an RTE request, each one accepted by the API schema', () => {
    const body = buildProductRequest({
      ...EMPTY,
      method: 'rte',
      transmittance: '0.85',
      upwellingRadianceWm2SrUm: '1.2',
      downwellingRadianceWm2SrUm: '2.0',
    });
    expect(body.parameters).toEqual({
      transmittance: 0.85,
      upwellingRadianceWm2SrUm: 1.2,
      downwellingRadianceWm2SrUm: 2,
    });
    expect(productRequestSchema.safeParse(body).success).toBe(true);
  });

  it('refuses text that is not a number, naming the input', () => {
    const values = { ...EMPTY, method: 'mono-window', airTemperatureKelvin: '30O' };
    expect(() => buildProductRequest(values)).toThrow(FormInputError);
    expect(() => buildProductRequest(values)).toThrow('air temperature (K): "30O" is not a number');
  });

  it('writes resolved parameters as short text', () => {
    expect(formatResolvedValue(0.7708699999999999)).toBe('0.77087');
    expect(formatResolvedValue(2)).toBe('2');
    expect(formatResolvedValue(['cloud', 'fill'])).toBe('cloud, fill');
    expect(formatResolvedValue([])).toBe('none');
    expect(formatResolvedValue({ k1: 774.8853 })).toBe('{"k1":774.8853}');
    expect(formatResolvedValue(true)).toBe('true');
  });
});
