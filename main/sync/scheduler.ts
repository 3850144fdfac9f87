import type { Db } from '../db/open';
import type { SyncStatusEvent } from '../contract/result';
import type { SyncOptions, SyncReport } from './client';
import { getPeer, storedSyncStatus, syncOnce } from './client';
import { compactIfDue } from './compact';

/**
 * When the app syncs: soon after local writes (debounced), periodically, when the network returns,
 * and on demand. Failures back off exponentially with jitter, capped, and never give up, so the
 * queue drains by itself once a link exists. Electron-free: main/electron feeds it network events.
 */
export interface SchedulerOptions {
  db: Db;
  onStatus: (status: SyncStatusEvent) => void;
  /** after each successful round: what it moved (the app tells the views when data came in) */
  onSynced?: (report: SyncReport) => void;
  /** after a local write */
  debounceMs?: number;
  /** when idle and healthy */
  periodMs?: number;
  /** first retry after a failure; doubles up to maxBackoffMs */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  sync?: SyncOptions;
}

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  private again = false;
  private status: SyncStatusEvent;
  lastReport: SyncReport | null = null;

  constructor(private readonly options: SchedulerOptions) {
    this.status = this.idleStatus();
  }

  private get enrolled(): boolean {
    return getPeer(this.options.db) !== null;
  }

  private idleStatus(): SyncStatusEvent {
    return storedSyncStatus(this.options.db);
  }


  getStatus(): SyncStatusEvent {
    return this.status;
  }

  private publish(change: Partial<SyncStatusEvent> = {}): void {
    this.status = { ...this.idleStatus(), ...change };
    this.options.onStatus(this.status);
  }

  /** Starts the periodic cycle (and a first sync right away when enrolled). */
  start(): void {
    this.stopped = false;
    this.publish();
    if (this.enrolled) this.schedule(0);
  }

  /** Something outside a sync round changed the counts (a bundle was imported): tell the status line. */
  refreshStatus(): void {
    this.publish(this.status.link === 'syncing' ? { link: 'syncing' } : {});
  }

  /** A local write happened: sync soon, coalescing bursts of writes. */
  noteLocalWrite(): void {
    this.publish(this.status.link === 'syncing' ? { link: 'syncing' } : {});
    if (this.enrolled && this.failures === 0) this.schedule(this.options.debounceMs ?? 2_000);
  }

  /** The network came back (or the user pressed 'sync now'): try at once, forgetting the backoff. */
  nudge(): Promise<void> {
    this.failures = 0;
    return this.runNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runNow(), delayMs);
    this.timer.unref?.();
  }

  /** Current backoff for the number of failures so far: exponential, capped, with full jitter. */
  backoffMs(): number {
    const min = this.options.minBackoffMs ?? 5_000;
    const max = this.options.maxBackoffMs ?? 10 * 60_000;
    const ceiling = Math.min(max, min * 2 ** Math.max(0, this.failures - 1));
    return Math.round(ceiling / 2 + (this.options.random ?? Math.random)() * (ceiling / 2));
  }

  private runNow(): Promise<void> {
    if (this.stopped || !this.enrolled) {
      this.publish();
      return Promise.resolve();
    }
    if (this.running) {
      this.again = true; // one more pass after the current one, for writes made meanwhile
      return this.running;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = (async () => {
      do {
        this.again = false;
        this.publish({ link: 'syncing' });
        try {
          this.lastReport = await syncOnce(this.options.db, {
            ...this.options.sync,
            onRound: (r) => this.publish({ link: 'syncing', transfer: { rounds: r.rounds, pushed: r.pushed, pulled: r.pulled, bytesSent: r.bytesSent, bytesReceived: r.bytesReceived } }),
          });
          this.failures = 0;
          this.publish();
          // the hub now holds what was acknowledged: superseded ops can go (at most daily)
          compactIfDue(this.options.db);
          this.options.onSynced?.(this.lastReport);
        } catch (err) {
          this.failures++;
          const wait = this.backoffMs();
          this.publish({ link: 'offline', lastError: err instanceof Error ? err.message : String(err), nextAttemptAt: new Date(Date.now() + wait).toISOString() });
          this.schedule(wait);
          return;
        }
      } while (this.again && !this.stopped);
      this.schedule(this.options.periodMs ?? 60_000);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
