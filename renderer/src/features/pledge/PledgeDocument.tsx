import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { PartyRole, PledgeView, Site, SignatureSlot } from './model';
import { bodyParagraphs, chineseNumeral, shortHash, signatureSlots, targetWithUnit } from './model';

export interface DocumentProps {
  view: PledgeView;
  sites: ReadonlyMap<string, Site>;
  /** names of people the pledge's read model does not carry (e.g. a deactivated witness) */
  names: Readonly<Record<string, string>>;
  /** the roles the current person may sign as now, and what to do when they choose one */
  signable: readonly PartyRole[];
  meId: string | null;
  onSign: (role: PartyRole) => void;
  busy: boolean;
  /** the service's reason for the last refused signature */
  refusal: ReactNode;
}

const SECTION_HEAD = /^[一二三四五六七八九十]+、/;
const LIST_ITEM = /^(\d+[.、．)]|（\d+）|\(\d+\))/;

/** The 军令状 as a document: title, number and version, the parties, the text, numbered clauses and signatures. */
export function PledgeDocument({ view, sites, names, signable, meId, onSign, busy, refusal }: DocumentProps) {
  const { t, i18n } = useTranslation('pledge');
  const f = useFormat();
  const { pledge, milestones } = view;
  const zh = i18n.language.startsWith('zh');
  const personName = (id: string) => view.parties[id]?.name ?? names[id] ?? t('common:unknownPerson');
  const personLine = (id: string) => {
    const p = view.parties[id];
    const site = p ? sites.get(p.siteId)?.name : undefined;
    const detail = [site, p?.post].filter(Boolean).join(t('joiner'));
    return detail ? t('doc.personWithDetail', { name: personName(id), detail }) : personName(id);
  };
  const clauseNo = (n: number) => (zh ? t('doc.clause', { n: chineseNumeral(n) }) : t('doc.clause', { n }));
  const paragraphs = bodyParagraphs(pledge.text, t('doc.heading'));
  const ordered = [...milestones].sort((a, b) => a.seq - b.seq);
  const clauses: { key: string; title: string; items: ReactNode[] }[] = [
    {
      key: 'commitments',
      title: t('doc.commitments'),
      items: pledge.commitments.map((c) => t('doc.commitment', { kpi: c.kpi, target: targetWithUnit(c.target, c.unit) })),
    },
    {
      key: 'milestones',
      title: t('doc.milestones'),
      items: ordered.map((m) => (
        <>
          <span className="clause-lead">{t('doc.milestone', { title: m.title, date: f.date(m.dueDate) })}</span>
          {m.deliverable ? <span className="clause-detail">{t('doc.deliverable', { text: m.deliverable })}</span> : null}
          {m.evidenceRequired ? <span className="clause-detail">{t('doc.evidence', { text: m.evidenceRequired })}</span> : null}
        </>
      )),
    },
    { key: 'rewards', title: t('doc.rewards'), items: pledge.rewards },
    { key: 'penalties', title: t('doc.penalties'), items: pledge.penalties },
    { key: 'exemptions', title: t('doc.exemptions'), items: pledge.exemptions },
  ];
  const slots = signatureSlots(view);
  const unsigned = !['signed', 'active', 'fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled'].includes(pledge.status);

  return (
    <article className="pledge-sheet" aria-labelledby="pledge-sheet-title">
      <header className="sheet-head">
        <p className="sheet-meta">
          <span>{t('doc.number', { number: pledge.number })}</span>
          <span>{t('doc.version', { n: pledge.version })}</span>
        </p>
        {unsigned || pledge.status === 'superseded' || pledge.status === 'voided' || pledge.status === 'abandoned' ? (
          <p className="sheet-stamp">{t('doc.stamp', { status: t(`domain:pledgeStatus.${pledge.status}`) })}</p>
        ) : null}
        <h1 id="pledge-sheet-title" className="sheet-title">
          {t('doc.heading')}
        </h1>
        <p className="sheet-subtitle">{pledge.title}</p>
        {pledge.amendmentReason ? (
          <p className="sheet-amend">{t('doc.amendment', { previous: pledge.version - 1, reason: pledge.amendmentReason })}</p>
        ) : null}
      </header>

      <section className="sheet-parties" aria-labelledby="sheet-parties-h">
        <h2 id="sheet-parties-h" className="sheet-visually-hidden">
          {t('doc.parties')}
        </h2>
        <dl>
          <div>
            <dt>{t('domain:partyRole.pledger')}</dt>
            <dd>{personLine(pledge.pledgerId)}</dd>
          </div>
          <div>
            <dt>{t('domain:partyRole.issuer')}</dt>
            <dd>{personLine(pledge.issuerId)}</dd>
          </div>
          <div>
            <dt>{t('domain:partyRole.supervisor')}</dt>
            <dd>{pledge.supervisorId ? personLine(pledge.supervisorId) : t('doc.none')}</dd>
          </div>
          <div>
            <dt>{t('domain:partyRole.witness')}</dt>
            <dd>{pledge.witnessIds.length ? pledge.witnessIds.map(personLine).join(t('listJoiner')) : t('doc.none')}</dd>
          </div>
        </dl>
      </section>

      <section className="sheet-text" aria-label={t('doc.text')}>
        {paragraphs.map((p, i) => (
          <p key={i} className={SECTION_HEAD.test(p) ? 'text-head' : LIST_ITEM.test(p) ? 'text-item' : undefined}>
            {p}
          </p>
        ))}
      </section>

      <section className="sheet-clauses" aria-labelledby="sheet-clauses-h">
        <h2 id="sheet-clauses-h">{t('doc.clauses')}</h2>
        {clauses.map((c, i) => (
          <section key={c.key} className="clause" aria-labelledby={`clause-${c.key}`}>
            <h3 id={`clause-${c.key}`}>
              <span className="clause-no">{clauseNo(i + 1)}</span> {c.title}
            </h3>
            {c.items.length ? (
              <ol>
                {c.items.map((item, k) => (
                  <li key={k}>{item}</li>
                ))}
              </ol>
            ) : (
              <p className="clause-none">{t('doc.none')}</p>
            )}
          </section>
        ))}
        <section className="clause" aria-labelledby="clause-deadline">
          <h3 id="clause-deadline">
            <span className="clause-no">{clauseNo(clauses.length + 1)}</span> {t('doc.deadlineTitle')}
          </h3>
          <p className="clause-text">{t('doc.deadline', { date: f.date(pledge.deadline) })}</p>
        </section>
      </section>

      <section className="sheet-signatures" aria-labelledby="sheet-signatures-h">
        <h2 id="sheet-signatures-h">{t('doc.signatures')}</h2>
        {refusal}
        <ul className="sig-grid">
          {slots.map((slot) => (
            <SignatureCard
              key={`${slot.role}:${slot.personId}`}
              slot={slot}
              name={personName(slot.personId)}
              siteName={slot.signature ? (sites.get(slot.signature.siteId)?.name ?? slot.signature.siteId) : null}
              canSign={slot.personId === meId && signable.includes(slot.role)}
              onSign={() => onSign(slot.role)}
              busy={busy}
              stale={!!slot.signature && slot.signature.textHash !== view.currentHash}
            />
          ))}
        </ul>
      </section>

      <footer className="sheet-foot">
        <p>
          {t('doc.fingerprint')} <code className="hash-value">{view.currentHash}</code>
        </p>
        {!view.intact ? (
          <p className="sheet-warning" role="alert">
            {t('doc.notIntact')}
          </p>
        ) : null}
      </footer>
    </article>
  );
}

function SignatureCard({
  slot, name, siteName, canSign, onSign, busy, stale,
}: {
  slot: SignatureSlot;
  name: string;
  siteName: string | null;
  canSign: boolean;
  onSign: () => void;
  busy: boolean;
  stale: boolean;
}) {
  const { t } = useTranslation('pledge');
  const f = useFormat();
  const s = slot.signature;
  return (
    <li className={s ? 'sig-slot sig-signed' : 'sig-slot sig-pending'}>
      <p className="sig-role">
        {t(`domain:partyRole.${slot.role}`)}
        {!slot.required ? <span className="sig-optional">{t('sign.optional')}</span> : null}
      </p>
      <p className="sig-name">{name}</p>
      {s ? (
        <dl className="sig-facts">
          <div>
            <dt>{t('sign.signedAt')}</dt>
            <dd>{f.dateTime(s.signedAt)}</dd>
          </div>
          <div>
            <dt>{t('sign.site')}</dt>
            <dd>{siteName}</dd>
          </div>
          <div>
            <dt>{t('sign.hash')}</dt>
            <dd>
              <code className="hash-short" title={s.textHash}>
                {shortHash(s.textHash)}
              </code>
              <code className="hash-full">{s.textHash}</code>
              {stale ? <span className="sig-stale">{t('sign.stale')}</span> : null}
            </dd>
          </div>
        </dl>
      ) : (
        <>
          <p className="sig-waiting">{t('sign.pending')}</p>
          <p className="sig-lines" aria-hidden="true">
            <span>{t('sign.handSign')}</span>
            <span>{t('sign.handDate')}</span>
          </p>
        </>
      )}
      {canSign ? (
        <button type="button" className="primary no-print sig-button" disabled={busy} onClick={onSign}>
          {t('sign.as', { role: t(`domain:partyRole.${slot.role}`) })}
        </button>
      ) : null}
    </li>
  );
}
