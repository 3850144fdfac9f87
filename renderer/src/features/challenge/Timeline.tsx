import { useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useFormat } from '../../i18n/format';
import type { Formatters } from '../../i18n/format';
import { routes } from '../../lib/routes';
import type { Team, TimelineEvent } from './model';
import { STATUS_KIND, detailOf, str } from './model';
import type { ChallengeDetail } from './types';

const PAGE = 60;

/** 留痕: every recorded act on this challenge — who, when, from which site — newest or oldest first. */
export function Timeline({ detail, teams }: { detail: ChallengeDetail; teams: Team[] }) {
  const { t } = useTranslation('challenge');
  const f = useFormat();
  const [newestFirst, setNewestFirst] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const events = useMemo(() => (newestFirst ? [...detail.timeline].reverse() : detail.timeline), [detail.timeline, newestFirst]);
  const shown = showAll ? events : events.slice(0, PAGE);
  return (
    <section id="sec-timeline" className="panel challenge-section" tabIndex={-1} aria-labelledby="sec-timeline-h">
      <div className="section-head">
        <h2 id="sec-timeline-h">{t('sections.timeline')}</h2>
        <span className="muted">{t('timeline.count', { count: detail.timeline.length })}</span>
        <div className="timeline-order no-print" role="group" aria-label={t('timeline.order')}>
          <button type="button" aria-pressed={newestFirst} onClick={() => setNewestFirst(true)}>
            {t('timeline.newest')}
          </button>
          <button type="button" aria-pressed={!newestFirst} onClick={() => setNewestFirst(false)}>
            {t('timeline.oldest')}
          </button>
        </div>
      </div>
      {events.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" aria-label={newestFirst ? t('timeline.listNewest') : t('timeline.listOldest')}>
          {shown.map((event) => (
            <TimelineItem key={event.id} event={event} detail={detail} teams={teams} f={f} t={t} />
          ))}
        </ol>
      )}
      {events.length > PAGE ? (
        <button type="button" className="timeline-more no-print" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('timeline.showLess') : t('timeline.showAll', { count: events.length })}
        </button>
      ) : null}
    </section>
  );
}

function TimelineItem({ event, detail, teams, f, t }: { event: TimelineEvent; detail: ChallengeDetail; teams: Team[]; f: Formatters; t: TFunction<'challenge'> }) {
  const d = detailOf(event);
  const kind = STATUS_KIND[event.entity];
  const from = str(d.from);
  const to = str(d.to);
  const reason = str(d.reason);
  return (
    <li className={`timeline-item timeline-${event.entity}`}>
      <div className="timeline-when">
        <time dateTime={event.at}>{f.dateTime(event.at)}</time>
      </div>
      <div className="timeline-what">
        <p className="timeline-desc">{describeEvent(event, detail, teams, f, t)}</p>
        {kind && from && to && from !== to ? (
          <p className="timeline-transition">
            {t('timeline.transition', { from: t(`domain:${kind}.${from}`), to: t(`domain:${kind}.${to}`) })}
          </p>
        ) : null}
        {reason ? <p className="timeline-reason">{t('timeline.reason', { reason })}</p> : null}
        <p className="timeline-who">
          {event.actorName ? <Link href={routes.person(event.actorId)}>{event.actorName}</Link> : <span>{t('common:unknownPerson')}</span>}
          <span className="meta-sep" aria-hidden="true">
            ·
          </span>
          <span>{event.siteName ?? t('timeline.unknownSite')}</span>
        </p>
      </div>
    </li>
  );
}

/** A readable sentence for each event type the services write (main/services: w.event and the machines' actions). */
export function describeEvent(event: TimelineEvent, detail: ChallengeDetail, teams: Team[], f: Formatters, t: TFunction<'challenge'>): string {
  const d = detailOf(event);
  const person = (id: unknown) => (typeof id === 'string' && id ? (detail.people[id] ?? t('common:unknownPerson')) : t('common:unknownPerson'));
  const claim = event.entity === 'claim' ? detail.claims.find((c) => c.id === event.entityId) : undefined;
  const pledge = event.entity === 'pledge' ? detail.pledges.find((p) => p.id === event.entityId) : undefined;
  const milestone = event.entity === 'milestone' ? detail.milestones.find((m) => m.id === event.entityId) : undefined;
  const claimName = claim
    ? (teams.find((x) => x.id === claim.teamId)?.name ?? t('claims.individual', { name: person(claim.applicantId) }))
    : t('timeline.aClaim');
  const pledgeName = pledge ? t('timeline.pledgeName', { number: pledge.number, version: pledge.version }) : t('timeline.aPledge');
  const fields = Array.isArray(d.fields) ? (d.fields as unknown[]).map(str).filter(Boolean) : [];
  const values: Record<string, string> = {
    title: str(d.title) || milestone?.title || detail.challenge.title,
    claim: claimName,
    applicant: person(d.applicantId ?? claim?.applicantId),
    leader: str(d.leaderName) || person(d.leaderId),
    pledge: pledgeName,
    version: str(d.version),
    role: typeof d.role === 'string' ? t(`domain:partyRole.${d.role}`) : '',
    milestone: milestone?.title ?? (str(d.title) || t('timeline.aMilestone')),
    percent: typeof d.percent === 'number' ? f.percent(d.percent) : '—',
    date: str(d.date) ? f.date(str(d.date)) : '—',
    fields: fields.length ? fields.map((x) => t(`timeline.field.${x}`, { defaultValue: x })).join(t('timeline.listSep')) : '—',
    count: str(d.challenges),
    action: event.action,
  };
  const known = t(`events.${event.action}`, { ...values, defaultValue: '' });
  return known || t('timeline.unknownEvent', values);
}
