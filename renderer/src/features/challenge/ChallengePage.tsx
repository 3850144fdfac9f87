import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { ApiError, unwrap } from '../../lib/api';
import { routes } from '../../lib/routes';
import { usePageTitle } from '../../lib/use-page-title';
import { useResource } from '../../lib/use-resource';
import { ChallengeHeader } from './ChallengeHeader';
import { ChildrenSection } from './ChildrenSection';
import { ClaimsSection } from './ClaimsSection';
import type { Site, Team } from './model';
import { FieldsSection, KpiSection } from './OverviewSection';
import { PledgesSection } from './PledgesSection';
import { Timeline } from './Timeline';
import type { ChallengeDetail } from './types';
import { AcceptancePanel } from './work/AcceptancePanel';
import { AssessmentPanel } from './work/AssessmentPanel';
import { CasePanel } from './work/CasePanel';
import { MilestonesPanel } from './work/MilestonesPanel';
import { ProgressPanel } from './work/ProgressPanel';
import './challenge.css';

const NO_TEAMS: Team[] = [];
const NO_SITES: Site[] = [];

/** A challenge 榜题 / 子榜: everything about it on one page, from the claim to the case. */
export function ChallengePage({ id }: { id: string }) {
  const { t } = useTranslation('challenge');
  const detail = useResource(`challenge:${id}`, (api) => unwrap(api.challenges.get({ id })));
  const teams = useResource('teams:all', (api) => unwrap(api.teams.list({})));
  const sites = useResource('sites:all', (api) => unwrap(api.sites.list({})));
  usePageTitle(detail.data ? `${detail.data.challenge.code} ${detail.data.challenge.title}` : null);

  if (!detail.data) {
    if (detail.status === 'error') {
      if (detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND') {
        return (
          <EmptyState title={t('notFound.title')} hint={t('notFound.hint')}>
            <Link href={routes.home}>{t('notFound.back')}</Link>
          </EmptyState>
        );
      }
      return <ErrorState error={detail.error} onRetry={detail.reload} />;
    }
    return <Loading label={t('loading')} />;
  }
  return (
    <>
      {detail.status === 'error' ? <ErrorState error={detail.error} onRetry={detail.reload} /> : null}
      <ChallengeView detail={detail.data} teams={teams.data ?? NO_TEAMS} sites={sites.data ?? NO_SITES} />
    </>
  );
}

interface Slot {
  id: string;
  label: string;
}

function ChallengeView({ detail, teams, sites }: { detail: ChallengeDetail; teams: Team[]; sites: Site[] }) {
  const { t } = useTranslation('challenge');
  const hasChildren = detail.children.length > 0 || !detail.challenge.parentId;
  const slots: Slot[] = [
    { id: 'sec-overview', label: t('sections.overview') },
    { id: 'sec-kpis', label: t('sections.kpis') },
    ...(hasChildren ? [{ id: 'sec-children', label: t('sections.children') }] : []),
    { id: 'sec-claims', label: t('sections.claims') },
    { id: 'sec-appointments', label: t('sections.appointments') },
    { id: 'sec-pledges', label: t('sections.pledges') },
    { id: 'sec-milestones', label: t('sections.milestones') },
    { id: 'sec-progress', label: t('sections.progress') },
    { id: 'sec-acceptance', label: t('sections.acceptance') },
    { id: 'sec-assessment', label: t('sections.assessment') },
    { id: 'sec-case', label: t('sections.case') },
    { id: 'sec-timeline', label: t('sections.timeline') },
  ];
  const body = useRef<HTMLDivElement>(null);
  const empty = useEmptySlots(body);
  return (
    <article className="challenge-page" aria-labelledby="challenge-title">
      <ChallengeHeader detail={detail} sites={sites} />
      <div className="challenge-layout">
        <nav className="challenge-toc no-print" aria-label={t('toc.label')}>
          <p className="challenge-toc-title" aria-hidden="true">
            {t('toc.title')}
          </p>
          <ol>
            {slots
              .filter((s) => !empty.has(s.id))
              .map((s) => (
                <li key={s.id}>
                  <button type="button" onClick={() => jumpTo(s.id)}>
                    {s.label}
                  </button>
                </li>
              ))}
          </ol>
        </nav>
        <div className="challenge-body" ref={body}>
          <FieldsSection detail={detail} />
          <KpiSection detail={detail} />
          {hasChildren ? <ChildrenSection detail={detail} sites={sites} /> : null}
          <ClaimsSection detail={detail} teams={teams} sites={sites} />
          <PledgesSection detail={detail} />
          <WorkSlot id="sec-milestones">
            <MilestonesPanel detail={detail} />
          </WorkSlot>
          <WorkSlot id="sec-progress">
            <ProgressPanel detail={detail} />
          </WorkSlot>
          <WorkSlot id="sec-acceptance">
            <AcceptancePanel detail={detail} />
          </WorkSlot>
          <WorkSlot id="sec-assessment">
            <AssessmentPanel detail={detail} />
          </WorkSlot>
          <WorkSlot id="sec-case">
            <CasePanel detail={detail} />
          </WorkSlot>
          <Timeline detail={detail} teams={teams} />
        </div>
      </div>
    </article>
  );
}

/** A place for a work panel, reachable from the table of contents (which skips it while it shows nothing). */
function WorkSlot({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="challenge-slot" data-slot tabIndex={-1}>
      {children}
    </div>
  );
}

/** Ids of work slots that render nothing right now, kept up to date as panels change. */
function useEmptySlots(body: React.RefObject<HTMLDivElement | null>): Set<string> {
  const [empty, setEmpty] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    const root = body.current;
    if (!root) return;
    const measure = () => {
      const ids = [...root.querySelectorAll<HTMLElement>('[data-slot]')].filter((el) => el.childElementCount === 0 && !el.textContent?.trim()).map((el) => el.id);
      setEmpty((prev) => (prev.size === ids.length && ids.every((x) => prev.has(x)) ? prev : new Set(ids)));
    };
    measure();
    const observer = new MutationObserver(measure);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [body]);
  return empty;
}

function jumpTo(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  el.focus({ preventScroll: true });
}
