import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../../components/Badges';
import { EmptyState } from '../../../components/States';
import { useFormat } from '../../../i18n/format';
import { errorText, unwrap } from '../../../lib/api';
import { NEW_ENTRY_EVENT } from '../../../lib/shortcuts';
import { useToasts } from '../../../lib/toasts';
import { useResource } from '../../../lib/use-resource';
import { EvidenceStrip } from '../../evidence/EvidenceStrip';
import type { PanelProps } from '../types';
import { ProgressForm } from './ProgressForm';
import type { ProgressRow } from './shared';
import { LOGGABLE_STATUSES, usePersonName } from './shared';
import './work.css';

/**
 * The log shows a page of entries at a time. challenges.get carries the latest 50; past those, "load
 * more" asks progress.list for more, up to its limit.
 */
const PAGE = 20;
const DETAIL_LIMIT = 50;
const STEP = 100;
const MAX_LIMIT = 500;

function newestFirst(a: ProgressRow, b: ProgressRow): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

/** 攻关日志: the progress log, newest first, with the quick entry form the 'n' key opens. */
export function ProgressPanel({ detail }: PanelProps) {
  const { t, i18n } = useTranslation('work');
  const f = useFormat();
  const headingId = useId();
  const nameOf = usePersonName(detail);
  const show = useToasts((s) => s.show);
  const challengeId = detail.challenge.id;
  const status = detail.challenge.status;
  const loggable = LOGGABLE_STATUSES.includes(status);

  const [formOpen, setFormOpen] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const [added, setAdded] = useState<ProgressRow[]>([]);
  const [limit, setLimit] = useState(DETAIL_LIMIT);
  const [shown, setShown] = useState(PAGE);
  const workDoneRef = useRef<HTMLTextAreaElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);

  const more = useResource<ProgressRow[] | null>(`work-progress:${challengeId}:${limit}`, (api) =>
    limit > DETAIL_LIMIT ? unwrap(api.progress.list({ challengeId, limit })) : Promise.resolve(null),
  );

  // the 'n' shortcut (lib/shortcuts.ts) asks for a new entry
  useEffect(() => {
    const onNewEntry = () => {
      if (!loggable) {
        show('info', t('progress.notLoggable', { status: t(`domain:challengeStatus.${status}`) }));
        return;
      }
      setFormOpen(true);
      setFocusTick((n) => n + 1);
    };
    window.addEventListener(NEW_ENTRY_EVENT, onNewEntry);
    return () => window.removeEventListener(NEW_ENTRY_EVENT, onNewEntry);
  }, [loggable, show, status, t]);

  useEffect(() => {
    if (focusTick === 0) return;
    const field = workDoneRef.current;
    field?.scrollIntoView?.({ block: 'center' });
    field?.focus();
  }, [focusTick]);

  const loaded = limit > DETAIL_LIMIT && more.data ? more.data : detail.progress;
  const byId = new Map<string, ProgressRow>();
  for (const entry of [...added.filter((e) => e.challengeId === challengeId), ...detail.progress, ...loaded]) byId.set(entry.id, entry);
  const entries = [...byId.values()].sort(newestFirst);
  const addedIds = new Set(added.map((e) => e.id));
  const mayHaveMore = loaded.length >= limit && limit < MAX_LIMIT;
  const loadingMore = limit > DETAIL_LIMIT && more.status === 'loading';
  // new entries of this session come on top of the page, not instead of older ones
  const visible = entries.slice(0, shown + added.length);
  const showMore = () => {
    const next = shown + PAGE;
    setShown(next);
    if (next > loaded.length && mayHaveMore) setLimit((n) => Math.min(MAX_LIMIT, n + STEP));
  };

  const closeForm = () => {
    setFormOpen(false);
    addButtonRef.current?.focus();
  };

  return (
    <section className="panel work-panel" aria-labelledby={headingId}>
      <div className="work-panel-head">
        <h2 id={headingId}>{t('progress.title')}</h2>
        {loggable ? (
          <button
            ref={addButtonRef}
            type="button"
            className="primary no-print"
            aria-keyshortcuts="n"
            onClick={() => {
              setFormOpen(true);
              setFocusTick((n) => n + 1);
            }}
          >
            {t('progress.add')} <kbd className="wk-kbd-on-primary" aria-hidden="true">{t('progress.shortcutKey')}</kbd>
          </button>
        ) : null}
      </div>
      {!loggable ? <p className="work-note">{t('progress.closedNote', { status: t(`domain:challengeStatus.${status}`) })}</p> : null}
      {loggable && formOpen ? (
        <ProgressForm
          challengeId={challengeId}
          defaultPercent={entries[0]?.percent ?? 0}
          workDoneRef={workDoneRef}
          onSaved={(entry) => {
            setAdded((list) => [entry, ...list]);
            closeForm();
          }}
          onCancel={closeForm}
        />
      ) : null}
      {entries.length === 0 ? (
        <EmptyState title={t('progress.emptyTitle')} hint={loggable ? t('progress.emptyHint') : t('progress.emptyHintClosed')} />
      ) : (
        <>
          <ol className="wk-progress-log">
            {visible.map((entry) => {
              const author = nameOf(entry.authorId);
              return (
                <li key={entry.id} className={addedIds.has(entry.id) ? 'wk-entry wk-entry-new' : 'wk-entry'}>
                  <article aria-label={t('progress.entryLabel', { date: f.date(entry.date), name: author })}>
                    <header className="wk-entry-head">
                      <time dateTime={entry.date} className="wk-entry-date">
                        {f.date(entry.date)}
                      </time>
                      <span className="wk-entry-author">{author}</span>
                      <span className="wk-entry-percent">
                        <ProgressBar value={entry.percent} label={t('progress.percentLabel', { value: f.percent(entry.percent) })} />
                        <span>{f.percent(entry.percent)}</span>
                      </span>
                    </header>
                    <p className="wk-entry-work">{entry.workDone}</p>
                    {entry.problems || entry.nextSteps || entry.safetyNotes ? (
                      <dl className="wk-entry-notes">
                        {entry.problems ? (
                          <div className="wk-entry-problems">
                            <dt>{t('progress.problems')}</dt>
                            <dd>{entry.problems}</dd>
                          </div>
                        ) : null}
                        {entry.nextSteps ? (
                          <div className="wk-entry-next">
                            <dt>{t('progress.nextSteps')}</dt>
                            <dd>{entry.nextSteps}</dd>
                          </div>
                        ) : null}
                        {entry.safetyNotes ? (
                          <div className="wk-entry-safety">
                            <dt>{t('progress.safetyNotes')}</dt>
                            <dd>{entry.safetyNotes}</dd>
                          </div>
                        ) : null}
                      </dl>
                    ) : null}
                    <EvidenceStrip
                      owner={{ entity: 'progress', id: entry.id, challengeId }}
                      label={t('evidence:owner.progress', { date: f.date(entry.date), name: author })}
                      canAdd={loggable}
                    />
                  </article>
                </li>
              );
            })}
          </ol>
          <div className="wk-progress-more no-print">
            <span className="muted">{t('progress.showing', { count: visible.length })}</span>
            {entries.length > visible.length || mayHaveMore || loadingMore ? (
              <button type="button" disabled={loadingMore} onClick={showMore}>
                {loadingMore ? t('progress.loadingMore') : t('progress.loadMore')}
              </button>
            ) : null}
            {more.status === 'error' ? (
              <span className="field-error" role="alert">
                {t('progress.loadFailed', { reason: errorText(more.error, i18n.language) })}{' '}
                <button type="button" onClick={more.reload}>
                  {t('common:retry')}
                </button>
              </span>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
