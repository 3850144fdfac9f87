import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/Badges';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap, useApi } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import type { QueueRow, QueueView } from './model';
import { durationParts } from './model';
import './evidence.css';

const MOVING_POLL_MS = 1_500;
const WAITING_POLL_MS = 5_000;
/** evidence.prioritize puts a pushed file at this priority (main/evidence/queue.ts PRIORITY.now) */
const PUSHED_PRIORITY = -10;

/**
 * 佐证材料传输队列 on the sync page: every file still to move, up or down, with its progress; the
 * total and how long it takes on this site's link; "send now" per file.
 */
export function TransferQueue() {
  const { t } = useTranslation('evidence');
  const api = useApi();
  const queue = useResource('evidence.queue', (a) => unwrap(a.evidence.queue({})));
  const [tick, setTick] = useState(0);
  const { reload } = queue;
  // files move between data changes: refresh often while something is on the wire, now and then while
  // something waits to go (the runner starts it without any event), and on sync-status events
  const moving = queue.data?.transfers.some((x) => x.state === 'active') ?? false;
  const waiting = queue.data?.transfers.some((x) => x.state === 'queued') ?? false;
  useEffect(() => {
    if (!moving && !waiting) return;
    const timer = setTimeout(
      () => {
        reload();
        setTick((n) => n + 1);
      },
      moving ? MOVING_POLL_MS : WAITING_POLL_MS,
    );
    return () => clearTimeout(timer);
  }, [moving, waiting, reload, tick, queue.data]);
  useEffect(() => {
    let last = 0;
    return api.on('sync-status', () => {
      if (Date.now() - last < 1_000) return;
      last = Date.now();
      reload();
    });
  }, [api, reload]);

  return (
    <section className="panel ev-queue" aria-labelledby="ev-queue-heading">
      <h2 id="ev-queue-heading">{t('queue.heading')}</h2>
      {queue.status === 'error' ? <ErrorState error={queue.error} onRetry={queue.reload} /> : null}
      {queue.data === null && queue.status === 'loading' ? <Loading /> : null}
      {queue.data ? <QueueBody view={queue.data} onChanged={queue.reload} /> : null}
    </section>
  );
}

function QueueBody({ view, onChanged }: { view: QueueView; onChanged: () => void }) {
  const { t } = useTranslation('evidence');
  const f = useFormat();
  const api = useApi();
  const { run, busy } = useAction();
  const { link, totals, downloads, transfers } = view;
  const up = transfers.filter((x) => x.direction === 'up');
  const down = transfers.filter((x) => x.direction === 'down');

  const duration = (seconds: number) => {
    const d = durationParts(seconds);
    if (d.h > 0) return t('queue.hours', { h: d.h, m: d.m });
    if (d.m > 0) return d.s > 0 ? t('queue.minutesSeconds', { m: d.m, s: d.s }) : t('queue.minutes', { m: d.m });
    return t('queue.seconds', { s: Math.max(1, d.s) });
  };
  const linkName = link.profile ? t(`link.${link.profile}`, { defaultValue: link.profile }) : t('link.unknown');

  return (
    <>
      <p className="ev-queue-summary">
        {totals.files === 0 ? t('queue.upEmpty') : t('queue.upTotal', { count: totals.files, bytes: f.bytes(totals.remainingBytes) })}
        {downloads.files > 0 ? <> {t('queue.downTotal', { count: downloads.files, bytes: f.bytes(downloads.remainingBytes) })}</> : null}
      </p>
      <dl className="ev-queue-facts">
        <div>
          <dt>{t('queue.link')}</dt>
          <dd>
            {linkName}
            {link.upBitsPerSec ? <span className="muted"> · {t('queue.rate', { rate: formatRate(link.upBitsPerSec, f.number) })}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('queue.estimate')}</dt>
          <dd>
            {!link.enrolled
              ? t('queue.notEnrolled')
              : link.movingBytes === 0
                ? t('queue.nothingMoving')
                : link.estimatedSeconds !== null
                  ? t('queue.estimateValue', { time: duration(link.estimatedSeconds), bytes: f.bytes(link.movingBytes) })
                  : t('queue.noLink')}
          </dd>
        </div>
        {link.waitingBytes > 0 ? (
          <div>
            <dt>{t('queue.waiting')}</dt>
            <dd>{t('queue.waitingValue', { bytes: f.bytes(link.waitingBytes) })}</dd>
          </div>
        ) : null}
        {totals.failed > 0 ? (
          <div className="ev-queue-failed">
            <dt>{t('queue.failed')}</dt>
            <dd>{t('queue.failedValue', { count: totals.failed })}</dd>
          </div>
        ) : null}
      </dl>
      {transfers.length === 0 ? (
        <EmptyState title={t('queue.emptyTitle')} hint={t('queue.emptyHint')} />
      ) : (
        <div className="ev-queue-scroll">
          <table className="ev-queue-table">
            <caption className="ev-visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.columns.file')}</th>
                <th scope="col">{t('queue.columns.kind')}</th>
                <th scope="col" className="ev-num">{t('queue.columns.size')}</th>
                <th scope="col" className="ev-col-progress">{t('queue.columns.progress')}</th>
                <th scope="col">{t('queue.columns.state')}</th>
                <th scope="col" className="no-print">{t('queue.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {[...up, ...down].map((row) => (
                <QueueLine
                  key={`${row.direction}:${row.sha256}`}
                  row={row}
                  busy={busy}
                  onPush={(id, name) => void run(() => unwrap(api.evidence.prioritize({ id })), t('pushed', { name })).then(onChanged)}
                  originalsWait={!link.originalsMove}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function formatRate(bitsPerSec: number, number: (n: number) => string): string {
  if (bitsPerSec >= 1_000_000) return `${number(bitsPerSec / 1_000_000)} Mbit/s`;
  if (bitsPerSec >= 1_000) return `${number(bitsPerSec / 1_000)} kbit/s`;
  return `${number(bitsPerSec)} bit/s`;
}

function QueueLine({ row, busy, onPush, originalsWait }: { row: QueueRow; busy: boolean; onPush: (id: string, name: string) => void; originalsWait: boolean }) {
  const { t } = useTranslation('evidence');
  const f = useFormat();
  const percent = row.size > 0 ? Math.min(100, Math.round((row.offset / row.size) * 100)) : 0;
  const name = row.name ?? t('queue.unnamed');
  const pushed = row.priority <= PUSHED_PRIORITY;
  const waitsForLink = row.direction === 'up' && row.kind === 'original' && originalsWait && !pushed && row.state !== 'active';
  const state = row.state === 'queued' && row.offset > 0 ? 'paused' : row.state;
  return (
    <tr className={`ev-queue-row ev-queue-${row.state}`}>
      <td className="ev-queue-name" title={name}>
        <span aria-hidden="true" className="ev-dir">
          {row.direction === 'up' ? '↑' : '↓'}
        </span>{' '}
        {name}
      </td>
      <td>{t(`queue.kind.${row.direction}.${row.kind}`)}</td>
      <td className="ev-num">{f.bytes(row.size)}</td>
      <td className="ev-col-progress">
        {row.offset > 0 || row.state === 'active' ? (
          <>
            <ProgressBar value={percent} label={t('progressLabel', { name, percent })} />
            <span className="muted ev-queue-percent">{t('queue.moved', { done: f.bytes(row.offset), percent })}</span>
          </>
        ) : (
          <span className="muted">{t('queue.notStarted')}</span>
        )}
      </td>
      <td>
        <span className={`ev-state ev-state-${state}`}>{waitsForLink ? t('queue.state.waitsForLink') : t(`queue.state.${state}`)}</span>
        {pushed && row.state !== 'done' ? <span className="ev-pushed">{t('queue.pushedBadge')}</span> : null}
        {row.lastError && row.state !== 'done' ? <span className="ev-state-error">{row.lastError}</span> : null}
      </td>
      <td className="no-print">
        {/* thumbnails go first anyway: "send now" is for an original */}
        {row.direction === 'up' && row.kind === 'original' && row.attachmentId && !pushed && (row.state === 'queued' || row.state === 'failed') ? (
          <button type="button" disabled={busy} onClick={() => onPush(row.attachmentId as string, name)} aria-label={t('queue.pushFor', { name })}>
            {t('queue.push')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
