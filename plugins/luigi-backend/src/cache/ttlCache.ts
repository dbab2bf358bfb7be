/** What a {@link TtlCache} keeps, and for how long. */
export interface TtlCacheOptions {
  /** The most entries it holds; the least recently used goes first. */
  maxEntries: number;
  /** How long an entry stays, in milliseconds, from when it was stored. */
  ttlMs: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

interface Entry<V> {
  value: Promise<V>;
  expiresAt: number;
}

/**
 * A small in-process cache, bounded in size (least recently used out first) and in time (each entry
 * expires `ttlMs` after it was loaded, or earlier if its loader says so). Concurrent loads of one key
 * share one promise; a load that fails is forgotten at once, so a failure is never served from it.
 * Each replica has its own: what it holds must be safe to be seconds old.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #options: TtlCacheOptions;

  constructor(options: TtlCacheOptions) {
    if (!(options.maxEntries >= 1) || !(options.ttlMs >= 0)) throw new Error('TtlCache needs maxEntries >= 1 and ttlMs >= 0');
    this.#options = options;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** Number of entries held, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value held for `key` while fresh (it becomes the most recently used), else undefined. */
  peek(key: string): Promise<V> | undefined {
    const held = this.#entries.get(key);
    if (!held) return undefined;
    this.#entries.delete(key);
    if (held.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, held);
    return held.value;
  }

  /**
   * Holds `value` for `key` until `ttlMs` from now, or until `expiresAt(value)` if that is earlier;
   * forgets it if it rejects. Returns `value`.
   */
  set(key: string, value: Promise<V>, expiresAt?: (value: V) => number | undefined): Promise<V> {
    const entry: Entry<V> = { value, expiresAt: this.#now() + this.#options.ttlMs };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#options.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    value.then(
      resolved => {
        const until = expiresAt?.(resolved);
        if (until !== undefined && until < entry.expiresAt) entry.expiresAt = until;
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return value;
  }

  /**
   * The value of `key`: the one held if fresh, else what `load` gives (see {@link TtlCache.set}).
   * Concurrent callers of one key share one load.
   */
  get(key: string, load: () => Promise<V>, expiresAt?: (value: V) => number | undefined): Promise<V> {
    return this.peek(key) ?? this.set(key, load(), expiresAt);
  }

  /**
   * The values of `keys`, in order: those held if fresh, the others from one `load` of the keys
   * missing (in their order; it answers one value each), each held from now on, so concurrent
   * callers share that load (see {@link TtlCache.set}).
   */
  getMany(keys: string[], load: (missing: string[]) => Promise<V[]>, expiresAt?: (value: V) => number | undefined): Promise<V[]> {
    const held = keys.map(key => this.peek(key));
    const missing = keys.filter((_key, index) => held[index] === undefined);
    if (missing.length > 0) {
      const loaded = load(missing);
      let next = 0;
      keys.forEach((key, index) => {
        if (held[index] !== undefined) return;
        const at = next++;
        held[index] = this.set(key, loaded.then(values => values[at]), expiresAt);
      });
    }
    return Promise.all(held as Array<Promise<V>>);
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
