import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Output } from '../../../../main/contract/index';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useFormat } from '../../i18n/format';
import { unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import './cases.css';

type Case = Output<'cases.list'>[number];

function matches(c: Case, q: string): boolean {
  return [c.title, c.problem, c.solution, c.results, c.challengeTitle, c.boardTitle, ...c.tags].some((f) => f.toLowerCase().includes(q));
}

/** The 典型案例 library: promoted challenges with problem, solution, results and tags; filter by tag and text. */
export function CasesPage() {
  const { t } = useTranslation('cases');
  const textId = useId();
  const [text, setText] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const data = useResource('cases-library', async (api) => {
    const [cases, people] = await Promise.all([unwrap(api.cases.list({})), unwrap(api.people.list({}))]);
    return { cases, names: new Map(people.map((p) => [p.id, p.name])) };
  });

  const tags = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of data.data?.cases ?? []) for (const tg of c.tags) counts.set(tg, (counts.get(tg) ?? 0) + 1);
    // tags are written in Chinese: most used first, then pinyin order
    const collator = new Intl.Collator('zh-CN');
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
  }, [data.data]);
  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (data.data?.cases ?? []).filter((c) => (!tag || c.tags.includes(tag)) && (!q || matches(c, q)));
  }, [data.data, text, tag]);

  if (!data.data) return data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} /> : <Loading />;
  const { cases, names } = data.data;
  const filtered = !!tag || text.trim() !== '';
  const clear = () => {
    setTag(null);
    setText('');
  };

  return (
    <div className="cases-page">
      <div className="cases-heading">
        <h1>{t('title')}</h1>
        {cases.length > 0 ? (
          <span className="muted" role="status">
            {filtered ? t('matched', { total: cases.length, count: shown.length }) : t('summary', { count: cases.length })}
          </span>
        ) : null}
      </div>
      <p className="muted cases-intro">{t('intro')}</p>
      {cases.length === 0 ? (
        <EmptyState title={t('empty')} hint={t('emptyHint')}>
          <Link href={routes.home}>{t('emptyAction')}</Link>
        </EmptyState>
      ) : (
        <>
          <form className="cases-filters no-print" role="search" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
            <div className="cases-filter-text">
              <label htmlFor={textId}>{t('filters.text')}</label>
              <input id={textId} type="search" value={text} maxLength={100} placeholder={t('filters.textPlaceholder')} onChange={(e) => setText(e.target.value)} />
            </div>
            <div className="cases-tag-filter" role="group" aria-label={t('filters.tags')}>
              <span className="cases-tag-label" aria-hidden="true">{t('filters.tags')}</span>
              <button type="button" className="case-tag" aria-pressed={tag === null} onClick={() => setTag(null)}>
                {t('filters.allTags')}
              </button>
              {tags.map(([name, count]) => (
                <button key={name} type="button" className="case-tag" aria-pressed={tag === name} onClick={() => setTag(tag === name ? null : name)}>
                  {name} <span className="case-tag-count">{count}</span>
                </button>
              ))}
            </div>
            {filtered ? (
              <button type="button" onClick={clear}>
                {t('filters.clear')}
              </button>
            ) : null}
          </form>
          {shown.length === 0 ? (
            <EmptyState title={t('noMatch')} hint={t('noMatchHint')}>
              <button type="button" onClick={clear}>
                {t('filters.clear')}
              </button>
            </EmptyState>
          ) : (
            <ul className="case-list">
              {shown.map((c) => (
                <CaseCard key={c.id} item={c} promoter={names.get(c.promotedBy) ?? t('common:unknownPerson')} activeTag={tag} onTag={setTag} />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function CaseCard({ item, promoter, activeTag, onTag }: { item: Case; promoter: string; activeTag: string | null; onTag: (tag: string) => void }) {
  const { t } = useTranslation('cases');
  const fmt = useFormat();
  const headingId = useId();
  return (
    <li className="case-card">
      <article aria-labelledby={headingId}>
        <header className="case-card-head">
          <h2 id={headingId}>{item.title}</h2>
          <span className="badge case-category">{t(`domain:category.${item.category}`)}</span>
        </header>
        <dl className="case-source">
          <div>
            <dt>{t('challenge')}</dt>
            <dd>
              <Link href={routes.challenge(item.challengeId)}>{item.challengeTitle}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('board')}</dt>
            <dd>{item.boardTitle}</dd>
          </div>
        </dl>
        <div className="case-sections">
          <section>
            <h3>{t('problem')}</h3>
            <p>{item.problem}</p>
          </section>
          <section>
            <h3>{t('solution')}</h3>
            <p>{item.solution}</p>
          </section>
          <section className="case-results">
            <h3>{t('results')}</h3>
            <p>{item.results}</p>
          </section>
        </div>
        <footer className="case-card-foot">
          <ul className="case-tags" aria-label={t('tags')}>
            {item.tags.map((tg) => (
              <li key={tg}>
                <button type="button" className="case-tag" aria-pressed={activeTag === tg} title={t('filterByTag', { tag: tg })} onClick={() => onTag(tg)}>
                  {tg}
                </button>
              </li>
            ))}
          </ul>
          <span className="muted case-promoted">{t('promoted', { date: fmt.date(item.promotedAt), name: promoter })}</span>
        </footer>
      </article>
    </li>
  );
}
