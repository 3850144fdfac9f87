import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unwrap } from '../lib/api';
import { useResource } from '../lib/use-resource';
import { Dialog } from './Dialog';

/** "b": pick a board by typing part of its title, Enter opens the first match. */
export function BoardSwitcher({ onClose, onChoose }: { onClose: () => void; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const boards = useResource('boards', (api) => unwrap(api.boards.list({})));
  const [filter, setFilter] = useState('');
  const matches = (boards.data ?? []).filter((b) => b.title.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <Dialog title={t('boardSwitcher.title')} onClose={onClose} actions={<button type="button" onClick={onClose}>{t('cancel')}</button>}>
      <input
        type="search"
        aria-label={t('boardSwitcher.filter')}
        placeholder={t('boardSwitcher.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) onChoose(matches[0].id);
        }}
      />
      <ul className="board-switcher">
        {matches.map((b) => (
          <li key={b.id}>
            <button type="button" onClick={() => onChoose(b.id)}>
              {b.title}
            </button>
          </li>
        ))}
        {boards.status === 'ready' && matches.length === 0 ? <li className="state-hint">{t('boardSwitcher.none')}</li> : null}
      </ul>
    </Dialog>
  );
}
