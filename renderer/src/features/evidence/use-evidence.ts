import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { JiebangApi } from '../../../../main/contract/index';
import { unwrap, useApi } from '../../lib/api';
import type { Attachment, EvidenceOwner } from './model';
import { base64Blob, isMoving, isWaiting } from './model';

/**
 * A challenge's evidence, loaded once for every strip on the page (a progress log of 50 entries
 * asks once, not 50 times) and shared through a small store per challenge: it reloads on every
 * data change, on sync-status events (the runner moves files between syncs), every 1.5 s while a
 * file is on the wire, so progress bars move, and every 5 s while one waits to go.
 */
interface Snapshot {
  status: 'loading' | 'ready' | 'error';
  data: Attachment[] | null;
  error: unknown;
}

interface Entry {
  snapshot: Snapshot;
  listeners: Set<() => void>;
  inFlight: boolean;
  again: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  lastStatusReload: number;
  off: (() => void)[];
}

const MOVING_POLL_MS = 1_500;
const WAITING_POLL_MS = 5_000;
const STATUS_RELOAD_MS = 1_000;
const stores = new WeakMap<JiebangApi, Map<string, Entry>>();

function entryFor(api: JiebangApi, challengeId: string): Entry {
  let byChallenge = stores.get(api);
  if (!byChallenge) {
    byChallenge = new Map();
    stores.set(api, byChallenge);
  }
  let entry = byChallenge.get(challengeId);
  if (!entry) {
    entry = { snapshot: { status: 'loading', data: null, error: null }, listeners: new Set(), inFlight: false, again: false, timer: null, lastStatusReload: 0, off: [] };
    byChallenge.set(challengeId, entry);
  }
  return entry;
}

function publish(entry: Entry, snapshot: Snapshot): void {
  entry.snapshot = snapshot;
  for (const listener of entry.listeners) listener();
}

function load(api: JiebangApi, challengeId: string, entry: Entry): void {
  if (entry.inFlight) {
    entry.again = true;
    return;
  }
  entry.inFlight = true;
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  unwrap(api.evidence.list({ challengeId }))
    .then(
      (data) => publish(entry, { status: 'ready', data, error: null }),
      (error: unknown) => publish(entry, { status: 'error', data: entry.snapshot.data, error }),
    )
    .finally(() => {
      entry.inFlight = false;
      if (entry.listeners.size === 0) return;
      if (entry.again) {
        entry.again = false;
        load(api, challengeId, entry);
        return;
      }
      // on the wire: follow it closely; waiting to go: look now and then (the runner starts it without any event)
      const data = entry.snapshot.data ?? [];
      const delay = data.some(isMoving) ? MOVING_POLL_MS : data.some(isWaiting) ? WAITING_POLL_MS : null;
      if (delay !== null) entry.timer = setTimeout(() => load(api, challengeId, entry), delay);
    });
}

function subscribe(api: JiebangApi, challengeId: string, listener: () => void): () => void {
  const entry = entryFor(api, challengeId);
  entry.listeners.add(listener);
  if (entry.listeners.size === 1) {
    entry.off = [
      api.on('data-changed', () => load(api, challengeId, entry)),
      api.on('sync-status', () => {
        const now = Date.now();
        if (now - entry.lastStatusReload < STATUS_RELOAD_MS) return;
        entry.lastStatusReload = now;
        load(api, challengeId, entry);
      }),
    ];
    load(api, challengeId, entry);
  }
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size > 0) return;
    for (const off of entry.off) off();
    entry.off = [];
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  };
}

/** All of a challenge's evidence (every owner), shared by the strips of its page. */
export function useChallengeEvidence(challengeId: string): Snapshot & { reload: () => void } {
  const api = useApi();
  const sub = useCallback((listener: () => void) => subscribe(api, challengeId, listener), [api, challengeId]);
  const get = useCallback(() => entryFor(api, challengeId).snapshot, [api, challengeId]);
  const snapshot = useSyncExternalStore(sub, get, get);
  const reload = useCallback(() => load(api, challengeId, entryFor(api, challengeId)), [api, challengeId]);
  return { ...snapshot, reload };
}

/** One owner's evidence, oldest first (the order it was attached in). */
export function useOwnerEvidence(owner: EvidenceOwner): Snapshot & { items: Attachment[]; reload: () => void } {
  const all = useChallengeEvidence(owner.challengeId);
  const items = useMemo(
    () => (all.data ?? []).filter((a) => a.ownerEntity === owner.entity && a.ownerId === owner.id),
    [all.data, owner.entity, owner.id],
  );
  return { ...all, items };
}

/**
 * Thumbnails as blob: URLs (the CSP allows img-src blob:), kept for the session by the thumbnail's
 * sha256 — the same bytes never change, so one load serves every view and language switch.
 */
const thumbUrls = new Map<string, string>();
const thumbLoads = new Map<string, Promise<string | null>>();
const MAX_THUMBS = 400;

function keepThumb(sha256: string, url: string): void {
  thumbUrls.set(sha256, url);
  while (thumbUrls.size > MAX_THUMBS) {
    const [oldest, oldUrl] = thumbUrls.entries().next().value as [string, string];
    thumbUrls.delete(oldest);
    URL.revokeObjectURL(oldUrl);
  }
}

export function useThumbnailUrl(a: Pick<Attachment, 'id' | 'thumbSha256' | 'local'>): { url: string | null; failed: boolean } {
  const api = useApi();
  const sha = a.local.thumb ? a.thumbSha256 : null;
  const [state, setState] = useState<{ sha: string | null; url: string | null; failed: boolean }>({ sha: null, url: null, failed: false });
  useEffect(() => {
    if (!sha) return;
    // a cached URL is read straight from the cache below: nothing to load
    if (thumbUrls.has(sha)) return;
    let live = true;
    let loading = thumbLoads.get(sha);
    if (!loading) {
      loading = unwrap(api.evidence.thumbnail({ id: a.id }))
        .then((thumb) => {
          if (!thumb) return null;
          const url = URL.createObjectURL(base64Blob(thumb.base64, thumb.mime));
          keepThumb(sha, url);
          return url;
        })
        .finally(() => thumbLoads.delete(sha));
      thumbLoads.set(sha, loading);
    }
    loading.then(
      (url) => live && setState({ sha, url, failed: url === null }),
      () => live && setState({ sha, url: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [api, a.id, sha]);
  const cached = sha ? thumbUrls.get(sha) : undefined;
  if (cached) return { url: cached, failed: false };
  return state.sha === sha ? { url: state.url, failed: state.failed } : { url: null, failed: false };
}
