import { Fragment, useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Output } from '../../../../main/contract/index';
import { StatusBadge } from '../../components/Badges';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import './board.css';
import './search.css';

type Hit = Output<'search.query'>[number];
const KINDS = ['challenge', 'pledge', 'progress'] as const;
/** the service's own limits */
const MAX_TEXT = 200;
const LIMIT = 200;

/** The query's terms as the service splits them. */
export function termsOf(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** `text` with every occurrence of any term wrapped in <mark> (case-insensitive). */
export function highlight(text: string, terms: readonly string[]): ReactNode[] {
  const usable = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return [text];
  const pattern = new RegExp(`(${usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  return text.split(pattern).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>));
}

function PledgeVersion({ version }: { version: { version: number; status: string } | undefined }) {
  const { t } = useTranslation('boards');
  if (!version) return null;
  return (
    <span className="search-hit-version">
      <span className="muted">{t('search.version', { version: version.version })}</span>
      <StatusBadge kind="pledgeStatus" status={version.status} />
    </span>
  );
}

/** Search again from the page, starting from the words searched. */
function RefineForm({ query }: { query: string }) {
  const { t } = useTranslation('boards');
  const [, navigate] = useLocation();
  const [text, setText] = useState(query);
  const id = useId();
  return (
    <form
      className="search-refine no-print"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const next = text.trim().slice(0, MAX_TEXT);
        if (next && next !== query) navigate(routes.search(next));
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('search.refineLabel')}
      </label>
      <input id={id} type="search" value={text} maxLength={MAX_TEXT} placeholder={t('search.refineLabel')} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="primary">
        {t('search.submit')}
      </button>
    </form>
  );
}

/** Search results: challenges, pledges and progress entries that mention the words, grouped by kind. */
export function SearchPage({ text }: { text: string }) {
  const { t } = useTranslation('boards');
  const f = useFormat();
  const query = text.trim().slice(0, MAX_TEXT);
  const terms = useMemo(() => termsOf(query), [query]);
  const result = useResource(`search:${query}`, async (api) => {
    const pledges = new Map<string, { version: number; status: string }>();
    if (!query) return { hits: [] as Hit[], challenges: new Map<string, string>(), pledges };
    const [hits, cards] = await Promise.all([
      unwrap(api.search.query({ text: query, limit: LIMIT })),
      unwrap(api.challenges.byStatus({})),
    ]);
    // pledges and log entries say which challenge they belong to
    const challenges = new Map(cards.map((c) => [c.id, `${c.code} ${c.title}`]));
    // versions of one 军令状 share number and title: their version and status tell them apart
    const found = await Promise.all(hits.filter((h) => h.kind === 'pledge').map((h) => unwrap(api.pledges.get({ id: h.id }))));
    for (const p of found) pledges.set(p.pledge.id, { version: p.pledge.version, status: p.pledge.status });
    return { hits, challenges, pledges };
  });

  return (
    <div className="search-page">
      <h1>{query ? t('search.title', { text: query }) : t('search.titleEmpty')}</h1>
      <RefineForm key={query} query={query} />
      {!query ? (
        <EmptyState title={t('search.noText')} hint={t('search.noTextHint')} />
      ) : !result.data ? (
        result.status === 'error' ? <ErrorState error={result.error} onRetry={result.reload} /> : <Loading label={t('search.searching')} />
      ) : result.data.hits.length === 0 ? (
        <EmptyState title={t('search.none', { text: query })} hint={t('search.noneHint')}>
          <Link href={routes.home}>{t('search.browse')}</Link>
        </EmptyState>
      ) : (
        <>
          <p className="muted" role="status">
            {t('search.count', { count: result.data.hits.length })}
            {result.data.hits.length >= LIMIT ? ` ${t('search.limited', { limit: f.number(LIMIT) })}` : ''}
          </p>
          {KINDS.map((kind) => {
            const hits = result.data?.hits.filter((h) => h.kind === kind) ?? [];
            if (hits.length === 0) return null;
            return (
              <section key={kind} className="search-group" aria-labelledby={`search-${kind}`}>
                <h2 id={`search-${kind}`}>
                  {t(`search.kind.${kind}`)}
                  <span className="search-group-count">{f.number(hits.length)}</span>
                </h2>
                <ul className="search-hits">
                  {hits.map((hit) => (
                    <li key={`${hit.kind}:${hit.id}`} className="search-hit">
                      <Link href={hit.kind === 'pledge' ? routes.pledge(hit.id) : routes.challenge(hit.challengeId)} className="search-hit-title">
                        {highlight(hit.title, terms)}
                      </Link>
                      {hit.kind === 'pledge' ? <PledgeVersion version={result.data?.pledges.get(hit.id)} /> : null}
                      {hit.kind !== 'challenge' ? (
                        <p className="search-hit-context">
                          {t('search.inChallenge')}{' '}
                          <Link href={routes.challenge(hit.challengeId)}>{result.data?.challenges.get(hit.challengeId) ?? t('search.unknownChallenge')}</Link>
                        </p>
                      ) : null}
                      {hit.snippet ? <p className="search-hit-snippet">{highlight(hit.snippet, terms)}</p> : null}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </div>
  );
}
