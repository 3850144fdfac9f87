import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { unwrap, useApi } from '../../lib/api';
import { isHq } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import { useWorkSession } from '../challenge/work/shared';
import type { Attachment } from './model';
import { base64Blob, fileBadge, fileKind, transferPhase } from './model';
import { TransferState } from './TransferState';
import { useThumbnailUrl } from './use-evidence';

export interface EvidenceViewerProps {
  items: Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
  ownerLabel: string;
  /** whether the owner still takes changes (removal is refused on a verified milestone or decided acceptance) */
  canAdd: boolean;
  /** "send now" and "fetch" change the queue, not the records: no data-changed event comes for them */
  onChanged: () => void;
}

const typing = (target: EventTarget) => target instanceof HTMLElement && ['TEXTAREA', 'INPUT', 'SELECT'].includes(target.tagName);

/**
 * One piece of evidence large: the photo (a preview made from the original on this device, or its
 * thumbnail until the original is here) or a document's facts; its metadata and transfer; "send this
 * original now", "fetch the original", removal with a reason. ← → page through the owner's files, Esc closes.
 */
export function EvidenceViewer({ items, index, onIndex, onClose, ownerLabel, canAdd, onChanged }: EvidenceViewerProps) {
  const { t } = useTranslation('evidence');
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const a = items[index] as Attachment;
  // the removal form belongs to one file: paging on closes it
  const [removingId, setRemovingId] = useState<string | null>(null);
  const removing = removingId === a.id;
  const setRemoving = (on: boolean) => setRemovingId(on ? a.id : null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => before?.focus?.();
  }, []);

  const go = (delta: number) => {
    const next = index + delta;
    if (next >= 0 && next < items.length) onIndex(next);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      if (removing) setRemoving(false);
      else onClose();
      return;
    }
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !typing(e.target)) {
      e.preventDefault();
      go(e.key === 'ArrowLeft' ? -1 : 1);
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('textarea, input, select, button, a[href]')].filter((el) => !el.hasAttribute('disabled'));
    if (focusable.length === 0) return;
    const first = focusable[0] as HTMLElement;
    const last = focusable[focusable.length - 1] as HTMLElement;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop ev-viewer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog ev-viewer" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={`${titleId}-where`} tabIndex={-1} ref={ref} onKeyDown={onKeyDown}>
        <header className="ev-viewer-head">
          <h2 id={titleId} title={a.name}>
            {a.name}
          </h2>
          <span className="muted ev-viewer-position">{t('position', { n: index + 1, total: items.length })}</span>
          <button type="button" className="ev-close" aria-label={t('close')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <p id={`${titleId}-where`} className="muted ev-viewer-where">
          {t('attachedTo', { what: ownerLabel })}
        </p>
        <div className="ev-viewer-body">
          <Stage attachment={a} />
          <Facts attachment={a} canAdd={canAdd} onChanged={onChanged} removing={removing} setRemoving={setRemoving} onRemoved={() => (items.length <= 1 ? onClose() : onIndex(Math.max(0, Math.min(index, items.length - 2))))} />
        </div>
        <footer className="ev-viewer-foot">
          <button type="button" disabled={index === 0} onClick={() => go(-1)}>
            <span aria-hidden="true">← </span>
            {t('previous')}
          </button>
          <span className="muted ev-keys">{t('keysHint')}</span>
          <button type="button" disabled={index >= items.length - 1} onClick={() => go(1)}>
            {t('next')}
            <span aria-hidden="true"> →</span>
          </button>
        </footer>
      </div>
    </div>
  );
}

/** The picture: a preview from the local original (loaded on demand), the thumbnail meanwhile, or the document's badge. */
function Stage({ attachment: a }: { attachment: Attachment }) {
  const { t } = useTranslation('evidence');
  const api = useApi();
  const thumb = useThumbnailUrl(a);
  const kind = fileKind(a.mime);
  // the large image of this file once made (url null: there is none — HEIC, or unreadable)
  const [preview, setPreview] = useState<{ id: string; url: string | null } | null>(null);
  const wantsPreview = kind === 'image' && a.local.original;
  const previewLoading = wantsPreview && preview?.id !== a.id;

  useEffect(() => {
    if (!wantsPreview) return;
    let live = true;
    let url: string | null = null;
    unwrap(api.evidence.preview({ id: a.id, edge: 1600 })).then(
      (p) => {
        if (!live) return;
        url = p ? URL.createObjectURL(base64Blob(p.base64, p.mime)) : null;
        setPreview({ id: a.id, url });
      },
      () => live && setPreview({ id: a.id, url: null }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, a.id, wantsPreview]);

  if (kind !== 'image') {
    return (
      <div className="ev-stage ev-stage-document">
        <span className={`ev-file-badge ev-file-badge-large ev-file-${kind}`} aria-hidden="true">
          {fileBadge(a.name, a.mime)}
        </span>
        <p>{t(`kind.${kind}`)}</p>
        {!a.local.original ? <p className="muted">{t('documentRemote')}</p> : <p className="muted">{t('documentLocal')}</p>}
      </div>
    );
  }
  const large = preview?.id === a.id ? preview.url : null;
  const shown = large ?? thumb.url;
  return (
    <div className="ev-stage">
      {shown ? <img src={shown} alt={t('imageAlt', { name: a.name })} className={large ? 'ev-stage-img' : 'ev-stage-img ev-stage-thumb'} /> : <span className="ev-file-badge ev-file-badge-large ev-file-image">{t('noThumb')}</span>}
      {previewLoading ? (
        <span className="ev-stage-note" role="status">
          {t('previewLoading')}
        </span>
      ) : null}
      {!a.local.original ? <span className="ev-stage-note">{t('thumbOnly')}</span> : null}
    </div>
  );
}

interface FactsProps {
  attachment: Attachment;
  canAdd: boolean;
  onChanged: () => void;
  removing: boolean;
  setRemoving: (v: boolean) => void;
  onRemoved: () => void;
}

function Facts({ attachment: a, canAdd, onChanged, removing, setRemoving, onRemoved }: FactsProps) {
  const { t } = useTranslation('evidence');
  const f = useFormat();
  const api = useApi();
  // who may remove: the author, or HQ (the service checks it again)
  const { session, people } = useWorkSession();
  const { run, busy } = useAction();
  const phase = transferPhase(a);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const reasonId = useId();
  const author = people.find((p) => p.id === a.authorId)?.name ?? (a.authorId === session?.person?.id ? session?.person?.name : null) ?? t('unknownPerson');
  const mayRemove = canAdd && (a.authorId === session?.person?.id || isHq(session));
  const canPush = phase === 'queued' || phase === 'paused' || phase === 'failed';
  const canFetch = phase === 'remote' || phase === 'downloadFailed';

  const remove = async () => {
    setTouched(true);
    if (!reason.trim()) return;
    const ok = await run(() => unwrap(api.evidence.remove({ id: a.id, reason: reason.trim() })), t('removed', { name: a.name }));
    if (ok) {
      setReason('');
      setTouched(false);
      setRemoving(false);
      onRemoved();
    }
  };

  return (
    <div className="ev-facts">
      <dl>
        <div>
          <dt>{t('facts.type')}</dt>
          <dd>
            {t(`kind.${fileKind(a.mime)}`)} <span className="muted ev-mono">{a.mime}</span>
          </dd>
        </div>
        <div>
          <dt>{t('facts.size')}</dt>
          <dd>
            {f.bytes(a.size)}
            {a.width && a.height ? <span className="muted"> · {t('facts.pixels', { width: a.width, height: a.height })}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('facts.captured')}</dt>
          <dd>{a.capturedAt ? f.dateTime(a.capturedAt) : <span className="muted">{t('facts.noCapture')}</span>}</dd>
        </div>
        {a.gpsLat !== null && a.gpsLon !== null ? (
          <div>
            <dt>{t('facts.gps')}</dt>
            <dd className="ev-mono">{t('facts.gpsValue', { lat: a.gpsLat.toFixed(5), lon: a.gpsLon.toFixed(5) })}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('facts.author')}</dt>
          <dd>{author}</dd>
        </div>
        <div>
          <dt>{t('facts.attached')}</dt>
          <dd>{f.dateTime(a.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('facts.sha256')}</dt>
          <dd className="ev-mono ev-sha" title={a.sha256}>
            {a.sha256.slice(0, 16)}…
          </dd>
        </div>
        <div>
          <dt>{t('facts.transfer')}</dt>
          <dd>
            <TransferState attachment={a} />
          </dd>
        </div>
      </dl>
      <div className="ev-facts-actions no-print">
        {canPush ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => unwrap(api.evidence.prioritize({ id: a.id })), t('pushed', { name: a.name })).then(onChanged)}>
            {t('pushNow')}
          </button>
        ) : null}
        {canFetch ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => unwrap(api.evidence.fetch({ id: a.id })), t('fetching', { name: a.name })).then(onChanged)}>
            {t('fetch')}
          </button>
        ) : null}
        {mayRemove && !removing ? (
          <button type="button" className="danger" disabled={busy} onClick={() => setRemoving(true)}>
            {t('remove')}
          </button>
        ) : null}
      </div>
      {canPush ? <p className="muted ev-facts-note">{t('pushNote')}</p> : null}
      {removing ? (
        <form
          className="ev-remove-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void remove();
          }}
        >
          <label htmlFor={reasonId}>{t('removeReason')}</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={2}
            maxLength={2000}
            autoFocus
            aria-invalid={touched && !reason.trim()}
            onChange={(e) => setReason(e.target.value)}
          />
          {touched && !reason.trim() ? (
            <p className="field-error" role="alert">
              {t('removeReasonRequired')}
            </p>
          ) : null}
          <p className="muted">{t('removeNote')}</p>
          <div className="ev-remove-actions">
            <button type="button" onClick={() => setRemoving(false)}>
              {t('cancel')}
            </button>
            <button type="submit" className="danger" disabled={busy}>
              {t('removeConfirm')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
