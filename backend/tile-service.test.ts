import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits, parseTileQuery, styleKey } from './tile-service.js';

describe('parseTileQuery', () => {
  it('reads a named categorical colormap as classes and an inline one over the name', () => {
    expect(parseTileQuery({ colormap_name: 'landcover' }).categories?.[6]).toEqual([70, 107, 159]);
    const inline = parseTileQuery({ colormap_name: 'viridis', colormap: '{"3":"#00ff00"}' });
    expect(inline.categories).toEqual({ 3: [0, 255, 0] });
    expect(parseTileQuery({}).categories).toBeNull();
  });

  it('refuses an unknown colormap name before any read', () => {
    expect(() => parseTileQuery({ colormap_name: 'rainbowz' })).toThrow(
      "unknown colormap 'rainbowz'; valid names: viridis, inferno, magma, plasma, turbo, RdYlBu_r, coolwarm, greys, landcover",
    );
  });
});

describe('styleKey', () => {
  it('differs for every parameter that changes the pixels', () => {
    const base = parseTileQuery({ colormap_name: 'viridis' });
    const keys = [
      styleKey(base, [0, 1]),
      styleKey(base, [0, 2]),
      styleKey(parseTileQuery({ colormap_name: 'magma' }), [0, 1]),
      styleKey(parseTileQuery({ colormap_name: 'viridis', resampling: 'bilinear' }), [0, 1]),
      styleKey(parseTileQuery({ colormap: '{"1":"#ff0000"}' }), [0, 1]),
      styleKey(parseTileQuery({ colormap: '{"1":"#ff0001"}' }), [0, 1]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(styleKey(parseTileQuery({ colormap_name: 'VIRIDIS' }), [0, 1])).toBe(keys[0]);
  });
});

describe('ifNoneMatchHits', () => {
  it('matches a tag in a list, weakly, and *, but not another tag or no header', () => {
    const etag = '"abc"';
    expect(ifNoneMatchHits('"abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('"x", "abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
    expect(ifNoneMatchHits('"abcd"', etag)).toBe(false);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});
