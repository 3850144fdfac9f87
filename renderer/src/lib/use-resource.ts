import { useCallback, useEffect, useRef, useState } from 'react';
import type { JiebangApi } from '../../../main/contract/index';
import { useApi } from './api';

export type ResourceState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: unknown };

interface Held<T> {
  key: string | null;
  status: 'loading' | 'ready' | 'error';
  data: T | null;
  error: unknown;
}

/**
 * Data for a view, loaded through the contract. `key` names what is loaded (e.g. `board:<id>`): a new
 * key loads afresh; any write (local or synced in) reloads the same key while the last good data
 * stays on screen, so nothing jumps. A superseded request never overwrites a newer answer.
 */
export function useResource<T>(key: string, load: (api: JiebangApi) => Promise<T>): ResourceState<T> & { reload: () => void } {
  const api = useApi();
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [tick, setTick] = useState(0);
  const [held, setHeld] = useState<Held<T>>({ key: null, status: 'loading', data: null, error: null });

  useEffect(() => {
    let current = true;
    loadRef.current(api).then(
      (data) => {
        if (current) setHeld({ key, status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (current) setHeld((h) => ({ key, status: 'error', data: h.key === key ? h.data : null, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [api, key, tick]);

  useEffect(() => api.on('data-changed', () => setTick((t) => t + 1)), [api]);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  if (held.key !== key) return { status: 'loading', data: null, error: null, reload };
  if (held.status === 'ready') return { status: 'ready', data: held.data as T, error: null, reload };
  if (held.status === 'error') return { status: 'error', data: held.data, error: held.error, reload };
  return { status: 'loading', data: held.data, error: null, reload };
}
