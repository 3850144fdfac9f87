import { useCallback, useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { unwrap, useApi } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useToasts } from '../../lib/toasts';
import { useAction } from '../../lib/use-action';
import type { Card, DirectMethod, Move, ReasonMethod, TargetId } from './columns';
import { columnOf, columnOfTarget, resolveMove, TARGET_IDS } from './columns';

/** The words for a drop target: a column's name, or the 暂停 / 归档 strip. */
export function useTargetLabel() {
  const { t } = useTranslation('boards');
  return useCallback((target: TargetId) => (target === 'suspend' || target === 'archive' ? t(`targets.${target}`) : t(`columns.${target}.title`)), [t]);
}

/** What a move will do, in a few words (shown in the "move to…" menu). */
export function effectKey(move: Move): string {
  switch (move.kind) {
    case 'call':
      return `effect.${move.method}`;
    case 'reason':
      return `effect.${move.methods.join('_')}`;
    case 'open':
      return 'effect.open';
    default:
      return 'effect.illegal';
  }
}

interface Pending {
  card: Card;
  target: TargetId;
  move: Move;
}

/**
 * Moving cards between columns: every drop and every "move to…" choice comes here. Steps that
 * need a reason or are irreversible ask first; the service performs the step or refuses with its
 * own reason, and the card moves only when the service has done it (the board reloads on the change).
 */
export function useMoves() {
  const { t, i18n } = useTranslation('boards');
  const api = useApi();
  const [, navigate] = useLocation();
  const show = useToasts((s) => s.show);
  const { run } = useAction();
  const targetLabel = useTargetLabel();
  const [pending, setPending] = useState<Pending | null>(null);
  const [menuFor, setMenuFor] = useState<Card | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const statusLabel = useCallback((card: Card) => i18n.t(`domain:challengeStatus.${card.status}`), [i18n]);

  const perform = useCallback(
    async (card: Card, method: DirectMethod | ReasonMethod, reason?: string) => {
      setBusyId(card.id);
      const id = card.id;
      const call = (): Promise<unknown> => {
        switch (method) {
          case 'publish':
            return unwrap(api.challenges.publish({ id }));
          case 'start':
            return unwrap(api.challenges.start({ id }));
          case 'resume':
            return unwrap(api.challenges.resume({ id }));
          case 'archive':
            return unwrap(api.challenges.archive({ id }));
          case 'suspend':
            return unwrap(api.challenges.suspend({ id, reason: reason ?? '' }));
          case 'withdraw':
            return unwrap(api.challenges.withdraw({ id, reason: reason ?? '' }));
          case 'fail':
            return unwrap(api.challenges.fail({ id, reason: reason ?? '' }));
          case 'terminate':
            return unwrap(api.challenges.terminate({ id, reason: reason ?? '' }));
        }
      };
      try {
        await run(call, t(`done.${method}`, { code: card.code, title: card.title }));
      } finally {
        setBusyId(null);
      }
    },
    [api, run, t],
  );

  const request = useCallback(
    (card: Card, target: TargetId) => {
      const move = resolveMove(card, target);
      switch (move.kind) {
        case 'none':
          return;
        case 'illegal':
          show('error', t('refused.illegal', { code: card.code, status: statusLabel(card), target: targetLabel(target) }));
          return;
        case 'open':
          show('info', t(`refused.${move.why}`, { code: card.code }), {
            label: t('refused.openChallenge'),
            run: () => navigate(routes.challenge(card.id)),
          });
          return;
        case 'call':
          if (move.confirm) setPending({ card, target, move });
          else void perform(card, move.method);
          return;
        case 'reason':
          setPending({ card, target, move });
      }
    },
    [navigate, perform, show, statusLabel, t, targetLabel],
  );

  const close = () => setPending(null);
  let dialog: ReactNode = null;
  if (pending?.move.kind === 'call') {
    const { card, move } = pending;
    const method = move.method;
    dialog = (
      <ConfirmDialog
        title={t(`confirm.${method}.title`)}
        message={t(`confirm.${method}.message`, { code: card.code, title: card.title })}
        confirmLabel={t(`confirm.${method}.button`)}
        danger
        onCancel={close}
        onConfirm={() => {
          close();
          void perform(card, method);
        }}
      />
    );
  } else if (pending?.move.kind === 'reason') {
    const { card, move } = pending;
    dialog = (
      <ReasonDialog
        card={card}
        methods={move.methods}
        irreversible={move.irreversible}
        onCancel={close}
        onSubmit={(method, reason) => {
          close();
          void perform(card, method, reason);
        }}
      />
    );
  } else if (menuFor) {
    const card = menuFor;
    dialog = (
      <MoveMenu
        card={card}
        onCancel={() => setMenuFor(null)}
        onChoose={(target) => {
          setMenuFor(null);
          request(card, target);
        }}
      />
    );
  }

  return { request, openMenu: setMenuFor, busyId, dialog };
}

/** Asks why (撤榜, 流标, 终止, 暂停); where both 撤榜 and 流标 fit, the person chooses. */
function ReasonDialog({
  card, methods, irreversible, onSubmit, onCancel,
}: {
  card: Card;
  methods: readonly ReasonMethod[];
  irreversible: boolean;
  onSubmit: (method: ReasonMethod, reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('boards');
  const common = useTranslation('common');
  const [method, setMethod] = useState<ReasonMethod>(methods[0] as ReasonMethod);
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const fieldId = useId();
  const groupId = useId();
  const empty = text.trim().length === 0;
  const submit = () => {
    setTouched(true);
    if (!empty) onSubmit(method, text.trim());
  };
  return (
    <Dialog
      title={t(`reason.${methods.length > 1 ? methods.join('_') : method}.title`)}
      onClose={onCancel}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {common.t('cancel')}
          </button>
          <button type="button" className={irreversible ? 'danger' : 'primary'} onClick={submit}>
            {t(`reason.${method}.button`)}
          </button>
        </>
      }
    >
      <p className="move-subject">
        <span className="card-code">{card.code}</span> {card.title}
      </p>
      {methods.length > 1 ? (
        <fieldset className="move-choice" aria-labelledby={groupId}>
          <legend id={groupId}>{t('reason.choose')}</legend>
          {methods.map((m) => (
            <label key={m}>
              <input type="radio" name="move-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
              <span>
                <strong>{t(`reason.${m}.title`)}</strong>
                <span className="muted"> {t(`reason.${m}.hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted">{t(`reason.${method}.hint`)}</p>
      )}
      {irreversible ? <p className="move-warning">{t('reason.irreversible')}</p> : null}
      <label htmlFor={fieldId}>{t('reason.label')}</label>
      <textarea
        id={fieldId}
        value={text}
        maxLength={2000}
        rows={4}
        aria-invalid={touched && empty}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      {touched && empty ? (
        <p className="field-error" role="alert">
          {common.t('required')}
        </p>
      ) : null}
    </Dialog>
  );
}

/** The keyboard way to move a card: every target a drop offers, with what it would do. */
function MoveMenu({ card, onChoose, onCancel }: { card: Card; onChoose: (target: TargetId) => void; onCancel: () => void }) {
  const { t } = useTranslation('boards');
  const common = useTranslation('common');
  const targetLabel = useTargetLabel();
  const here = columnOf(card);
  const options = useMemo(
    () => TARGET_IDS.map((target) => ({ target, move: resolveMove(card, target) })).filter((o) => o.move.kind !== 'none'),
    [card],
  );
  return (
    <Dialog
      title={t('menu.title', { code: card.code })}
      onClose={onCancel}
      actions={
        <button type="button" onClick={onCancel}>
          {common.t('cancel')}
        </button>
      }
    >
      <p className="move-subject">
        {card.title} <span className="muted">{t('menu.now', { column: targetLabel(here) })}</span>
      </p>
      <ul className="move-menu">
        {options.map(({ target, move }) => (
          <li key={target}>
            <button type="button" className={`move-option move-${move.kind}`} onClick={() => onChoose(target)}>
              <span className="move-target">
                {target === 'suspend' || target === 'archive' ? `${targetLabel(columnOfTarget(target))} › ` : ''}
                {targetLabel(target)}
              </span>
              <span className="move-effect">{t(effectKey(move))}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
