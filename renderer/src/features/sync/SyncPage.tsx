import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, EmptyState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap, useApi } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { routes } from '../../lib/routes';
import { Link } from 'wouter';
import { describeSync } from '../../SyncStatusLine';
import { TransferQueue } from '../evidence/TransferQueue';
import './sync.css';

/** Where this device stands with HQ: the state, "sync now", enrolment, and the inbox of refused changes. */
export function SyncPage() {
  const { t } = useTranslation('sync');
  return (
    <div className="sync-page">
      <h1>{t('title')}</h1>
      <StatusPanel />
      <TransferQueue />
      <HubPanel />
      <ConflictList />
      <RefusalInbox />
    </div>
  );
}

function StatusPanel() {
  const { t, i18n } = useTranslation('sync');
  const common = useTranslation('common');
  const f = useFormat();
  const api = useApi();
  const status = useResource('sync.status', (a) => unwrap(a.sync.status({})));
  const { run, busy } = useAction();
  // the status changes without data writes too: sync-status events reload it
  const [live, setLive] = useState<typeof status.data>(null);
  useEffect(() => api.on('sync-status', setLive), [api]);
  const current = live ?? status.data;
  if (!current) return status.status === 'error' ? <ErrorState error={status.error} onRetry={status.reload} /> : <Loading />;
  const line = describeSync(current, common.t, i18n.language);
  return (
    <section className="panel" aria-labelledby="sync-status-heading">
      <h2 id="sync-status-heading">{t('status.heading')}</h2>
      <p className={`sync-summary sync-${line.tone}`}>{line.text}</p>
      <dl className="sync-facts">
        <div>
          <dt>{t('status.pending')}</dt>
          <dd>{f.number(current.pendingOps)}</dd>
        </div>
        <div>
          <dt>{t('status.lastSync')}</dt>
          <dd>{current.lastSyncAt ? f.dateTime(current.lastSyncAt) : t('status.never')}</dd>
        </div>
        <div>
          <dt>{t('status.nextAttempt')}</dt>
          <dd>{current.nextAttemptAt ? f.dateTime(current.nextAttemptAt) : '—'}</dd>
        </div>
        <div>
          <dt>{t('status.refused')}</dt>
          <dd>{f.number(current.refused)}</dd>
        </div>
        {current.lastError ? (
          <div className="sync-error">
            <dt>{t('status.lastError')}</dt>
            <dd>{current.lastError}</dd>
          </div>
        ) : null}
      </dl>
      <button type="button" className="primary" disabled={busy} onClick={() => void run(() => unwrap(api.sync.now({})), t('status.started'))}>
        {t('status.syncNow')}
      </button>
    </section>
  );
}

function HubPanel() {
  const { t } = useTranslation('sync');
  const api = useApi();
  const settings = useResource('sync.settings', (a) => unwrap(a.sync.settings({})));
  const { run, busy } = useAction();
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  if (settings.status === 'error') return <ErrorState error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  const s = settings.data;
  const urlOk = /^https?:\/\/[^\s/]+/.test(hubUrl.trim());
  const codeOk = code.trim().length >= 6;
  return (
    <section className="panel" aria-labelledby="sync-hub-heading">
      <h2 id="sync-hub-heading">{t('hub.heading')}</h2>
      {s.enrolled ? (
        <dl className="sync-facts">
          <div>
            <dt>{t('hub.address')}</dt>
            <dd className="mono">{s.hubUrl}</dd>
          </div>
          <div>
            <dt>{t('hub.device')}</dt>
            <dd className="mono">{s.deviceId}</dd>
          </div>
        </dl>
      ) : (
        <form
          className="enrol-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (!urlOk || !codeOk) return;
            void run(() => unwrap(api.sync.enrol({ hubUrl: hubUrl.trim(), code: code.trim() })), t('hub.enrolled')).then((ok) => ok && settings.reload());
          }}
        >
          <p className="muted">{t('hub.notEnrolled')}</p>
          <div className="field">
            <label htmlFor="hub-url">{t('hub.address')}</label>
            <input
              id="hub-url"
              type="url"
              inputMode="url"
              placeholder={t('hub.addressPlaceholder')}
              value={hubUrl}
              maxLength={500}
              aria-invalid={touched && !urlOk}
              aria-describedby={touched && !urlOk ? 'hub-url-error' : undefined}
              onChange={(e) => setHubUrl(e.target.value)}
            />
            {touched && !urlOk ? (
              <p id="hub-url-error" className="field-error">
                {t('hub.addressInvalid')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="hub-code">{t('hub.code')}</label>
            <input
              id="hub-code"
              value={code}
              maxLength={64}
              autoComplete="off"
              aria-invalid={touched && !codeOk}
              aria-describedby={touched && !codeOk ? 'hub-code-error' : undefined}
              onChange={(e) => setCode(e.target.value)}
            />
            {touched && !codeOk ? (
              <p id="hub-code-error" className="field-error">
                {t('hub.codeInvalid')}
              </p>
            ) : null}
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {t('hub.enrol')}
          </button>
        </form>
      )}
      <p className="muted">{t('hub.bundles')}</p>
    </section>
  );
}

/** Concurrent moves of the same thing: the one that came later by the clocks did not apply. */
function ConflictList() {
  const { t } = useTranslation('sync');
  const f = useFormat();
  const conflicts = useResource('sync.conflicts', (a) => unwrap(a.sync.conflicts({})));
  const statusKind = (entity: string) => `domain:${entity}Status`;
  return (
    <section className="panel" aria-labelledby="sync-conflicts-heading">
      <h2 id="sync-conflicts-heading">{t('conflicts.heading')}</h2>
      <p className="muted">{t('conflicts.explain')}</p>
      {conflicts.status === 'error' ? <ErrorState error={conflicts.error} onRetry={conflicts.reload} /> : null}
      {conflicts.data === null && conflicts.status === 'loading' ? <Loading /> : null}
      {conflicts.data && conflicts.data.length === 0 ? <EmptyState title={t('conflicts.empty')} /> : null}
      {conflicts.data && conflicts.data.length > 0 ? (
        <ul className="conflicts">
          {conflicts.data.map((c) => (
            <li key={c.eventId}>
              <p>
                {t('conflicts.line', {
                  who: c.actorName ?? t('conflicts.someone'),
                  site: c.siteName ?? '—',
                  entity: t(`domain:entity.${c.entity}`),
                  from: t(`${statusKind(c.entity)}.${c.from}`),
                  to: t(`${statusKind(c.entity)}.${c.to}`),
                  found: t(`${statusKind(c.entity)}.${c.found}`),
                })}
              </p>
              <p className="muted">
                {f.dateTime(c.at)}
                {c.challengeId ? (
                  <>
                    {' · '}
                    <Link href={routes.challenge(c.challengeId)}>{c.title ?? c.challengeId}</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RefusalInbox() {
  const { t, i18n } = useTranslation('sync');
  const f = useFormat();
  const refusals = useResource('sync.refusals', (a) => unwrap(a.sync.refusals({})));
  return (
    <section className="panel" aria-labelledby="sync-inbox-heading">
      <h2 id="sync-inbox-heading">{t('inbox.heading')}</h2>
      <p className="muted">{t('inbox.explain')}</p>
      {refusals.status === 'error' ? <ErrorState error={refusals.error} onRetry={refusals.reload} /> : null}
      {refusals.data === null && refusals.status === 'loading' ? <Loading /> : null}
      {refusals.data && refusals.data.length === 0 ? <EmptyState title={t('inbox.empty')} hint={t('inbox.emptyHint')} /> : null}
      {refusals.data && refusals.data.length > 0 ? (
        <table className="refusals">
          <thead>
            <tr>
              <th scope="col">{t('inbox.when')}</th>
              <th scope="col">{t('inbox.what')}</th>
              <th scope="col">{t('inbox.value')}</th>
              <th scope="col">{t('inbox.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {refusals.data.map((r) => (
              <tr key={r.seq}>
                <td>{f.dateTime(r.at)}</td>
                <td>
                  {t(`domain:entity.${r.entity}`, { defaultValue: r.entity })} · <span className="mono">{r.field}</span>
                </td>
                <td className="mono">{r.attemptedValue ?? '—'}</td>
                <td>{i18n.language.startsWith('zh') ? r.reason : r.reasonEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
