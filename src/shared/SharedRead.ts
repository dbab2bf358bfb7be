/** What a {@link SharedRead} holds: the last value, or the error of a read that found none. */
export interface SharedReadState<T> {
  value?: T;
  error?: Error;
  loading: boolean;
}

/** When a {@link SharedRead} reads again. */
export interface SharedReadOptions<T> {
  /** A subscriber arriving later than this after the last read triggers a new one (served stale meanwhile). */
  maxAgeMs: number;
  /** While anyone subscribes, reads again this often; 0 or undefined: never by itself. */
  pollMs?: number;
  /** Whether a new value is the same as the last; the same keeps the old object (no re-render). */
  same?(previous: T, next: T): boolean;
}

/**
 * One read shared by every component that shows it (the page, the sidebar): the first subscriber
 * starts it, later ones get its answer, and it is read again when stale or on a timer while shown,
 * so a change is noticed without reloading the portal. A failed background read keeps the last
 * value: a hiccup of the backend does not replace a working page with an error panel.
 */
export class SharedRead<T> {
  private state: SharedReadState<T> = { loading: true };
  private readonly listeners = new Set<() => void>();
  private inFlight?: Promise<void>;
  private readAt?: number;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly options: SharedReadOptions<T>,
  ) {}

  /** Whether no component listens (the read may be forgotten). */
  get unused(): boolean {
    return this.listeners.size === 0;
  }

  /** The current state; the same object until it changes (for `useSyncExternalStore`). */
  readonly getState = (): SharedReadState<T> => this.state;

  /** Starts listening; reads now if nothing fresh is held. Returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.startPolling();
    this.revalidate();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopPolling();
    };
  };

  /** Reads again now (a user's retry), unless a read is already under way. */
  readonly refresh = (): Promise<void> => this.inFlight ?? this.start();

  private revalidate() {
    if (this.inFlight) return;
    // A recent failure counts as fresh too: a view mounting late (the sidebar's lazy menu) must not
    // retry behind the back of a page showing the error and its Retry.
    const fresh = this.readAt !== undefined && Date.now() - this.readAt < this.options.maxAgeMs;
    if (fresh) return;
    this.start();
  }

  private start(): Promise<void> {
    if (!this.state.loading) this.set({ ...this.state, loading: true });
    const reading = this.read().then(
      next => {
        this.readAt = Date.now();
        const previous = this.state.value;
        const kept = previous !== undefined && this.options.same?.(previous, next) ? previous : next;
        this.set({ value: kept, loading: false });
      },
      (error: Error) => {
        this.readAt = Date.now();
        const { value } = this.state;
        this.set(value === undefined ? { error, loading: false } : { value, loading: false });
      },
    );
    this.inFlight = reading.finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private set(state: SharedReadState<T>) {
    this.state = state;
    this.listeners.forEach(listener => listener());
  }

  private startPolling() {
    const { pollMs } = this.options;
    if (!pollMs) return;
    this.timer = setInterval(() => {
      if (!this.inFlight) this.start();
    }, pollMs);
  }

  private stopPolling() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

// Keys no one shows any more (another tenant's decisions, an older catalog) are forgotten beyond this.
const KEPT_KEYS = 8;

/** A {@link SharedRead} per owner (an API instance) and key, created on first use. */
export class SharedReads<Owner extends object, T> {
  private readonly byOwner = new WeakMap<Owner, Map<string, SharedRead<T>>>();

  constructor(private readonly create: (owner: Owner, key: string) => SharedRead<T>) {}

  /** The shared read of `owner` for `key`. */
  of(owner: Owner, key: string): SharedRead<T> {
    let reads = this.byOwner.get(owner);
    if (!reads) {
      reads = new Map();
      this.byOwner.set(owner, reads);
    }
    let read = reads.get(key);
    if (!read) {
      if (reads.size >= KEPT_KEYS) {
        for (const [old, candidate] of reads) if (candidate.unused) reads.delete(old);
      }
      read = this.create(owner, key);
      reads.set(key, read);
    }
    return read;
  }
}
