import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DialogProps {
  title: string;
  children: ReactNode;
  onClose: () => void;
  /** buttons at the bottom; the dialog adds none of its own */
  actions: ReactNode;
}

/** A modal: focus moves in and is kept inside, Escape closes, focus returns to where it was. */
export function Dialog({ title, children, onClose, actions }: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('textarea, input, select, button');
    first?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>('textarea, input, select, button, a[href]')].filter((el) => !el.hasAttribute('disabled'));
    if (focusable.length === 0) return;
    const first = focusable[0] as HTMLElement;
    const last = focusable[focusable.length - 1] as HTMLElement;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>
  );
}

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  /** irreversible actions are shown in red */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  );
}

export interface TextDialogProps {
  title: string;
  label: string;
  confirmLabel: string;
  danger?: boolean;
  /** the service's limit; the field says so before the service has to */
  maxLength?: number;
  onSubmit: (text: string) => void;
  onCancel: () => void;
}

/** Asks for a reason or a note (withdraw, reject, report…): required, trimmed. */
export function TextDialog({ title, label, confirmLabel, danger, maxLength = 2000, onSubmit, onCancel }: TextDialogProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const fieldId = useId();
  const empty = text.trim().length === 0;
  const submit = () => {
    setTouched(true);
    if (!empty) onSubmit(text.trim());
  };
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={submit}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        value={text}
        maxLength={maxLength}
        rows={4}
        aria-invalid={touched && empty}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      {touched && empty ? (
        <p className="field-error" role="alert">
          {t('required')}
        </p>
      ) : null}
    </Dialog>
  );
}
