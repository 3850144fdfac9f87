import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../components/Badges';
import type { Attachment } from './model';
import { transferPercent, transferPhase } from './model';

/** Where a file's original stands (sending 45 %, at HQ, waiting…), with a bar while it moves. */
export function TransferState({ attachment, compact = false }: { attachment: Attachment; compact?: boolean }) {
  const { t } = useTranslation('evidence');
  const phase = transferPhase(attachment);
  const percent = transferPercent(attachment);
  const showBar = percent !== null && ['sending', 'paused', 'downloading'].includes(phase);
  const error = attachment.transfer?.lastError;
  return (
    <span className={`ev-state ev-state-${phase}${compact ? ' ev-state-compact' : ''}`} title={phase === 'failed' || phase === 'downloadFailed' ? (error ?? undefined) : undefined}>
      <span className="ev-state-text">{t(`phase.${phase}`, { percent: percent ?? 0 })}</span>
      {showBar ? <ProgressBar value={percent} label={t('progressLabel', { name: attachment.name, percent })} /> : null}
      {!compact && error && (phase === 'failed' || phase === 'downloadFailed' || phase === 'paused') ? <span className="ev-state-error">{error}</span> : null}
    </span>
  );
}
