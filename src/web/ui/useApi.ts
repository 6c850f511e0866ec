import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api.ts';

/** Loads a GET endpoint and reloads on demand; errors come back as Vietnamese text. */
export function useApi<T>(path: string | null): {
  data: T | undefined;
  error: string | null;
  reload(): void;
} {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the reload trigger.
  useEffect(() => {
    if (!path) return;
    let live = true;
    api<T>('GET', path)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e) => {
        if (live) setError(e instanceof ApiError ? e.message : 'Lỗi tải dữ liệu');
      });
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}
