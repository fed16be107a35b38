import { describe, expect, it } from 'vitest';
import {
  listCategoricalColormaps,
  namedCategoricalColormap,
  parseInlineColormap,
} from './categorical-colormaps.js';

describe('categorical colormaps', () => {
  it('parses an inline colormap of hex strings and [r, g, b] triples', () => {
    expect(parseInlineColormap('{"1":"#ff0000","-2":[0,128,255]}')).toEqual({
      1: [255, 0, 0],
      [-2]: [0, 128, 255],
    });
  });

  it('refuses bad JSON, non-integer keys, bad colours and empty maps with their reason', () => {
    expect(() => parseInlineColormap('{1:')).toThrow("colormap '{1:' is not JSON");
    expect(() => parseInlineColormap('{"1.5":"#ff0000"}')).toThrow(
      "colormap key '1.5' is not an integer class id",
    );
    expect(() => parseInlineColormap('{"1":"red"}')).toThrow(
      "colour 'red' is not of the form #rrggbb",
    );
    expect(() => parseInlineColormap('{"1":[0,0,300]}')).toThrow(
      'categorical colormap entry 1 → [0,0,300] is not an integer class id → [r, g, b] in 0..255',
    );
    expect(() => parseInlineColormap('{}')).toThrow('colormap has 0 classes; 1..256 are accepted');
    expect(() => parseInlineColormap('[1]')).toThrow(/must be a JSON object/);
  });

  it('names the land-cover classes with NLCD colours, matched ignoring case', () => {
    expect(namedCategoricalColormap('LandCover')?.[5]).toEqual([104, 171, 95]);
    expect(namedCategoricalColormap('viridis')).toBeNull();
    const [landcover] = listCategoricalColormaps();
    expect(landcover?.stops).toEqual([
      '#eb0000',
      '#ab6c28',
      '#dfdfc2',
      '#ccb879',
      '#68ab5f',
      '#466b9f',
      '#b3ac9f',
    ]);
  });
});
