import { useEffect, useState } from 'preact/hooks';
import { getJson, type Params } from './client';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: Error; retry: () => void }
  | { state: 'ready'; data: T };

/** Fetches `path` whenever it or its parameters change; `null` path: nothing to fetch. */
export function useApi<T>(path: string | null, params: Params = {}): Loaded<T> | null {
  const key = path === null ? null : JSON.stringify([path, params]);
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    if (path === null) {
      setLoaded(null);
      return;
    }
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    getJson<T>(path, params, controller.signal).then(
      (data) => {
        // A request overtaken by newer choices must not overwrite their answer.
        if (!controller.signal.aborted) setLoaded({ state: 'ready', data });
      },
      (error: Error) => {
        if (error.name === 'AbortError' || controller.signal.aborted) return;
        setLoaded({ state: 'error', error, retry: () => setAttempt((n) => n + 1) });
      },
    );
    return () => controller.abort();
    // `key` stands for path and params (a new params object each render).
  }, [key, attempt]);
  return loaded;
}
