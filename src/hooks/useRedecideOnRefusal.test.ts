import { renderHook } from '@testing-library/react';
import { useRedecideOnRefusal } from './useRedecideOnRefusal';

const refused = (entityRef: string, statusCode: number) => ({ entityRef, error: Object.assign(new Error('refused'), { statusCode }) });

describe('useRedecideOnRefusal', () => {
  it('asks for the decisions again once per app whose token the backend refuses (403)', () => {
    const redecide = jest.fn();
    const { rerender } = renderHook(({ problem }) => useRedecideOnRefusal(problem, redecide), {
      initialProps: { problem: undefined as ReturnType<typeof refused> | undefined },
    });
    expect(redecide).not.toHaveBeenCalled();
    rerender({ problem: refused('component:default/orders', 403) });
    rerender({ problem: refused('component:default/orders', 403) });
    expect(redecide).toHaveBeenCalledTimes(1);
    rerender({ problem: refused('component:default/inventory', 403) });
    expect(redecide).toHaveBeenCalledTimes(2);
  });

  it('leaves failures that are no refusal to the token problem panel', () => {
    const redecide = jest.fn();
    const { rerender } = renderHook(({ problem }) => useRedecideOnRefusal(problem, redecide), {
      initialProps: { problem: refused('component:default/orders', 503) },
    });
    rerender({ problem: refused('component:default/orders', 401) });
    expect(redecide).not.toHaveBeenCalled();
  });
});
