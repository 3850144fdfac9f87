import { useTranslation } from 'react-i18next';
import type { TrafficLight } from '../../../main/domain/derived';

type StatusKind = 'challengeStatus' | 'claimStatus' | 'pledgeStatus' | 'milestoneStatus' | 'boardStatus';

/** A status in the reader's language, coloured by kind and value (styles.css). */
export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  const { t } = useTranslation('domain');
  return <span className={`badge badge-${kind} badge-${status}`}>{t(`${kind}.${status}`)}</span>;
}

/** The milestone traffic light: colour plus a word, never colour alone. */
export function Light({ light }: { light: TrafficLight | null }) {
  const { t } = useTranslation('domain');
  if (!light) return null;
  return (
    <span className={`light light-${light}`} title={t(`light.${light}`)}>
      <span className="light-dot" aria-hidden="true" />
      <span className="light-text">{t(`light.${light}`)}</span>
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={clamped} aria-label={label}>
      <span className="progress-fill" style={{ width: `${clamped}%` }} />
    </span>
  );
}
