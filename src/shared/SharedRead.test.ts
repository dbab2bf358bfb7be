import { SharedRead } from './SharedRead';

/** A read whose answers the test gives one by one. */
function controlledRead<T>() {
  const pending: Array<{ resolve(value: T): void; reject(error: Error): void }> = [];
  const read = jest.fn(() => new Promise<T>((resolve, reject) => pending.push({ resolve, reject })));
  return { read, answer: (value: T) => pending.shift()!.resolve(value), fail: (error: Error) => pending.shift()!.reject(error) };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('SharedRead', () => {
  it('reads once for every subscriber that arrives while it is fresh', async () => {
    const { read, answer } = controlledRead<string[]>();
    const shared = new SharedRead(read, { maxAgeMs: 60_000 });
    shared.subscribe(() => {});
    shared.subscribe(() => {});
    answer(['orders']);
    await settle();
    shared.subscribe(() => {});
    expect(read).toHaveBeenCalledTimes(1);
    expect(shared.getState()).toEqual({ value: ['orders'], loading: false });
  });

  it('shows a stale value to a late subscriber and reads again behind it', async () => {
    const { read, answer } = controlledRead<string[]>();
    const shared = new SharedRead(read, { maxAgeMs: 0 });
    shared.subscribe(() => {});
    answer(['orders']);
    await settle();
    shared.subscribe(() => {});
    expect(read).toHaveBeenCalledTimes(2);
    expect(shared.getState().value).toEqual(['orders']);
    answer(['orders', 'billing']);
    await settle();
    expect(shared.getState().value).toEqual(['orders', 'billing']);
  });

  it('polls while subscribed, keeps an unchanged value as the same object, and stops with the last subscriber', async () => {
    jest.useFakeTimers();
    try {
      let catalog = ['orders'];
      const read = jest.fn(async () => [...catalog]);
      const shared = new SharedRead(read, { maxAgeMs: 60_000, pollMs: 1000, same: (a, b) => a.join() === b.join() });
      const unsubscribe = shared.subscribe(() => {});
      await jest.advanceTimersByTimeAsync(0);
      const first = shared.getState().value;
      await jest.advanceTimersByTimeAsync(1000);
      expect(read).toHaveBeenCalledTimes(2);
      expect(shared.getState().value).toBe(first);
      catalog = ['orders', 'shipments'];
      await jest.advanceTimersByTimeAsync(1000);
      expect(shared.getState().value).toEqual(['orders', 'shipments']);
      unsubscribe();
      await jest.advanceTimersByTimeAsync(5000);
      expect(read).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not read again for a view mounting just after a failure; a retry does', async () => {
    const { read, answer, fail } = controlledRead<string[]>();
    const shared = new SharedRead(read, { maxAgeMs: 60_000 });
    shared.subscribe(() => {});
    fail(new Error('catalog down'));
    await settle();
    shared.subscribe(() => {});
    expect(read).toHaveBeenCalledTimes(1);
    expect(shared.getState().error).toEqual(new Error('catalog down'));
    void shared.refresh();
    answer(['orders']);
    await settle();
    expect(shared.getState()).toEqual({ value: ['orders'], loading: false });
  });

  it('keeps the last value when a later read fails, and reports a failure when it has none', async () => {
    const { read, answer, fail } = controlledRead<string[]>();
    const shared = new SharedRead(read, { maxAgeMs: 0 });
    shared.subscribe(() => {});
    fail(new Error('catalog down'));
    await settle();
    expect(shared.getState()).toEqual({ error: new Error('catalog down'), loading: false });
    void shared.refresh();
    answer(['orders']);
    await settle();
    void shared.refresh();
    fail(new Error('catalog down again'));
    await settle();
    expect(shared.getState()).toEqual({ value: ['orders'], loading: false });
  });
});
