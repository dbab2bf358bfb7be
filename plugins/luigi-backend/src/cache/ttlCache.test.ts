import { TtlCache } from './ttlCache';

describe('TtlCache', () => {
  let time = 0;
  const now = () => time;
  beforeEach(() => {
    time = 1_000;
  });

  it('serves a value until its time is up, then loads it again', async () => {
    const cache = new TtlCache<number>({ maxEntries: 10, ttlMs: 100, now });
    let calls = 0;
    const load = jest.fn(async (): Promise<number> => ++calls);
    await expect(cache.get('a', load)).resolves.toBe(1);
    time += 99;
    await expect(cache.get('a', load)).resolves.toBe(1);
    time += 1;
    await expect(cache.get('a', load)).resolves.toBe(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps a value no longer than its own expiry says', async () => {
    const cache = new TtlCache<{ until: number }>({ maxEntries: 10, ttlMs: 1_000, now });
    const load = jest.fn(async () => ({ until: time + 10 }));
    await cache.get('a', load, v => v.until);
    time += 10;
    await cache.get('a', load, v => v.until);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = new TtlCache<string>({ maxEntries: 2, ttlMs: 1_000, now });
    const load = jest.fn(async () => 'v');
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load); // a is now the most recently used
    await cache.get('c', load); // b goes
    expect(cache.size).toBe(2);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('b', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('shares one load between concurrent callers', async () => {
    const cache = new TtlCache<number>({ maxEntries: 10, ttlMs: 1_000, now });
    let resolve!: (v: number) => void;
    const load = jest.fn(() => new Promise<number>(r => (resolve = r)));
    const both = Promise.all([cache.get('a', load), cache.get('a', load)]);
    resolve(7);
    await expect(both).resolves.toEqual([7, 7]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never serves a failure: the next caller loads again', async () => {
    const cache = new TtlCache<number>({ maxEntries: 10, ttlMs: 1_000, now });
    await expect(cache.get('a', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size).toBe(0);
    await expect(cache.get('a', async () => 3)).resolves.toBe(3);
  });

  it('refuses bounds that bound nothing', () => {
    expect(() => new TtlCache({ maxEntries: 0, ttlMs: 1 })).toThrow();
    expect(() => new TtlCache({ maxEntries: 1, ttlMs: -1 })).toThrow();
  });
});
