import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { errorText } from '../../lib/api';
import { EvidenceViewer } from './EvidenceViewer';
import type { Attachment, EvidenceOwner } from './model';
import { fileBadge, fileKind } from './model';
import { TransferState } from './TransferState';
import { useAttach } from './use-attach';
import { useOwnerEvidence, useThumbnailUrl } from './use-evidence';
import './evidence.css';

/** What the file picker offers first (the service judges the bytes, whatever the picker allowed). */
const ACCEPT = 'image/*,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,video/mp4,video/quicktime,audio/*,text/plain';

export interface EvidenceStripProps {
  owner: EvidenceOwner;
  /** what the files prove, for the labels: "the log entry of 23 Nov by 李广" */
  label: string;
  /** whether the owner still takes evidence (a verified milestone or a decided acceptance does not) */
  canAdd: boolean;
}

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * While a strip takes drops, a file dropped beside it must not make the window open the file (and
 * leave the app): the page refuses drops everywhere else. One pair of listeners for all strips.
 */
let guards = 0;
const refuseDrop = (e: globalThis.DragEvent) => {
  if (!e.dataTransfer || ![...e.dataTransfer.types].includes('Files') || e.defaultPrevented) return;
  e.preventDefault();
  if (e.type === 'dragover') e.dataTransfer.dropEffect = 'none';
};
function useDropGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    if (guards++ === 0) {
      window.addEventListener('dragover', refuseDrop);
      window.addEventListener('drop', refuseDrop);
    }
    return () => {
      if (--guards === 0) {
        window.removeEventListener('dragover', refuseDrop);
        window.removeEventListener('drop', refuseDrop);
      }
    };
  }, [active]);
}

/**
 * 佐证材料 beside a progress entry, a milestone or an acceptance request: thumbnails with each
 * original's transfer state, a viewer, and attaching by the file picker or by dropping files on it.
 */
export function EvidenceStrip({ owner, label, canAdd }: EvidenceStripProps) {
  const { t, i18n } = useTranslation('evidence');
  const f = useFormat();
  const { items, status, error, reload } = useOwnerEvidence(owner);
  const { attach, pending, refused, dismiss } = useAttach(owner);
  const input = useRef<HTMLInputElement>(null);
  const [dragDepth, setDragDepth] = useState(0);
  const [viewing, setViewing] = useState<number | null>(null);
  const dragging = canAdd && dragDepth > 0;
  useDropGuard(canAdd);

  // nothing to show and nothing to do: no empty box under every log entry
  if (!canAdd && items.length === 0 && pending.length === 0 && status !== 'error') return null;

  const drag = canAdd
    ? {
        onDragEnter: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDragDepth((d) => d + 1);
        },
        onDragOver: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        },
        onDragLeave: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          setDragDepth((d) => Math.max(0, d - 1));
        },
        onDrop: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDragDepth(0);
          void attach([...e.dataTransfer.files]);
        },
      }
    : {};

  return (
    <div className={dragging ? 'ev-strip ev-dragging' : 'ev-strip'} role="group" aria-label={t('stripLabel', { what: label })} {...drag}>
      {items.length > 0 || pending.length > 0 ? (
        <ul className="ev-tiles">
          {items.map((a, i) => (
            <EvidenceTile key={a.id} attachment={a} onOpen={() => setViewing(i)} />
          ))}
          {pending.map((p) => (
            <li key={`pending-${p.key}`} className="ev-tile ev-tile-pending" aria-busy="true">
              <span className="ev-thumb ev-thumb-pending" aria-hidden="true">
                <span className="ev-spinner" />
              </span>
              <span className="ev-tile-name" title={p.name}>
                {p.name}
              </span>
              <span className="ev-state ev-state-compact">
                <span className="ev-state-text">{t(`pending.${p.phase}`, { size: f.bytes(p.size) })}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {status === 'error' && items.length === 0 ? (
        <span className="ev-load-error" role="alert">
          {t('loadFailed', { reason: errorText(error, i18n.language) })}{' '}
          <button type="button" onClick={reload}>
            {t('common:retry')}
          </button>
        </span>
      ) : null}
      {canAdd ? (
        <div className="ev-add no-print">
          <button type="button" className="ev-add-button" onClick={() => input.current?.click()}>
            {t('attach')}
          </button>
          <span className="ev-drop-hint">{items.length === 0 ? t('dropHintEmpty') : t('dropHint')}</span>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            tabIndex={-1}
            accept={ACCEPT}
            aria-label={t('pickLabel', { what: label })}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void attach(files);
            }}
          />
        </div>
      ) : null}
      {refused.length > 0 ? (
        <ul className="ev-refused" role="alert">
          {refused.map((r) => (
            <li key={r.key}>
              <span>{t('refused', { name: r.name, reason: r.reason })}</span>
              <button type="button" className="ev-dismiss" aria-label={t('dismiss', { name: r.name })} onClick={() => dismiss(r.key)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {dragging ? (
        <div className="ev-drop-overlay" aria-hidden="true">
          {t('dropHere')}
        </div>
      ) : null}
      {viewing !== null && items.length > 0 ? (
        <EvidenceViewer items={items} index={Math.min(viewing, items.length - 1)} onIndex={setViewing} onClose={() => setViewing(null)} ownerLabel={label} canAdd={canAdd} onChanged={reload} />
      ) : null}
    </div>
  );
}

function EvidenceTile({ attachment: a, onOpen }: { attachment: Attachment; onOpen: () => void }) {
  const { t } = useTranslation('evidence');
  const f = useFormat();
  const thumb = useThumbnailUrl(a);
  const kind = fileKind(a.mime);
  return (
    <li className="ev-tile">
      <button type="button" className="ev-thumb" onClick={onOpen} aria-label={t('open', { name: a.name, size: f.bytes(a.size) })}>
        {thumb.url ? (
          <img src={thumb.url} alt={t('thumbAlt', { name: a.name })} draggable={false} />
        ) : (
          <span className={`ev-file-badge ev-file-${kind}`} aria-hidden="true">
            {kind === 'image' ? t('noThumb') : fileBadge(a.name, a.mime)}
          </span>
        )}
      </button>
      <span className="ev-tile-name" title={a.name}>
        {a.name}
      </span>
      <span className="ev-tile-size">{f.bytes(a.size)}</span>
      <TransferState attachment={a} compact />
    </li>
  );
}
