import type { Db } from '../db/open';
import { getPeer } from '../sync/client';
import type { BlobStore } from './blobs';
import type { FetchReport } from './downloader';
import { fetchEvidence } from './downloader';
import { currentLinkProfile, kindsForLink } from './policy';
import { PRIORITY } from './queue';
import type { SendOptions, SendReport } from './uploader';
import { sendEvidence } from './uploader';

/**
 * Moves evidence in the app, behind the structured sync: kicked after each successful sync round
 * (and by "send now" / "fetch"), one pass at a time. A failed pass just ends — the next successful
 * sync means the link is back and kicks it again — so it never competes with sync for a dead link.
 */
export interface RunnerOptions {
  db: Db;
  store: BlobStore;
  /** makes pending structured ops reach the hub first (the app's sync scheduler) */
  structuredFirst: () => Promise<unknown>;
  transport?: Pick<SendOptions, 'fetch' | 'timeoutMs'>;
  onPass?: (pass: { sent: SendReport | null; fetched: FetchReport | null; error: string | null }) => void;
}

export class EvidenceRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: RunnerOptions) {}

  kick(): void {
    if (this.stopped || !getPeer(this.options.db)) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.pass();
    } while (this.again && !this.stopped);
  }

  private async pass(): Promise<void> {
    const { db, store } = this.options;
    let sent: SendReport | null = null;
    let fetched: FetchReport | null = null;
    try {
      const kinds = kindsForLink(currentLinkProfile(db));
      sent = await sendEvidence(db, store, { ...this.options.transport, kinds, structuredFirst: this.options.structuredFirst });
      // a user's "send now" goes whatever the link
      if (!kinds.includes('original')) {
        const pushed = db.prepare("SELECT count(*) FROM evidence_transfers WHERE direction = 'up' AND state IN ('queued','active') AND priority <= ?").pluck().get(PRIORITY.now) as number;
        if (pushed > 0) sent = await sendEvidence(db, store, { ...this.options.transport, structuredFirst: this.options.structuredFirst, maxFiles: pushed });
      }
      fetched = await fetchEvidence(db, store, { timeoutMs: this.options.transport?.timeoutMs });
      this.options.onPass?.({ sent, fetched, error: null });
    } catch (err) {
      this.options.onPass?.({ sent, fetched, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
