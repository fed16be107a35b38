import { describe, expect, it } from 'vitest';
import { LruCache } from './lru.js';

describe('the byte-bounded LRU cache', () => {
  it('evicts the least recently used entries once the total size passes the bound', () => {
    const evicted: string[] = [];
    const cache = new LruCache<Buffer>({
      maxSize: 10,
      sizeOf: (value) => value.byteLength,
      onEvict: (key) => evicted.push(key),
    });
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')?.byteLength).toBe(4);
    cache.set('c', Buffer.alloc(4));

    expect(evicted).toEqual(['b']);
    expect(cache.size).toBe(8);
    expect(cache.get('b')).toBeUndefined();
  });

  it('does not keep a value larger than the whole bound', () => {
    const cache = new LruCache<Buffer>({ maxSize: 10, sizeOf: (value) => value.byteLength });
    cache.set('huge', Buffer.alloc(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops every key with a prefix', () => {
    const cache = new LruCache<number>({ maxSize: 100 });
    ['product:1:a', 'product:1:b', 'product:2:a'].forEach((key, i) => cache.set(key, i));
    expect(cache.deletePrefix('product:1:')).toBe(2);
    expect(cache.get('product:2:a')).toBe(2);
  });
});
