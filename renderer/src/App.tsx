import { useEffect, useMemo, useRef, useState } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import type { BaseLocationHook } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { JiebangApi } from '../../main/contract/index';
import { BoardSwitcher } from './components/BoardSwitcher';
import { Dialog } from './components/Dialog';
import { Toasts } from './components/Toasts';
import { BoardsHome } from './features/boards/BoardsHome';
import { BoardPage } from './features/board/BoardPage';
import { SearchPage } from './features/board/SearchPage';
import { CasesPage } from './features/cases/CasesPage';
import { ChallengePage } from './features/challenge/ChallengePage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { PeoplePage } from './features/people/PeoplePage';
import { PersonPage } from './features/people/PersonPage';
import { PledgeEditorPage } from './features/pledge/PledgeEditorPage';
import { PledgePage } from './features/pledge/PledgePage';
import { SyncPage } from './features/sync/SyncPage';
import { LANGUAGES, isLanguage, switchLanguage } from './i18n';
import { ApiContext, errorText, useApi } from './lib/api';
import { routes } from './lib/routes';
import { usePageTitle } from './lib/use-page-title';
import { useSession } from './lib/session';
import { NEW_ENTRY_EVENT, useShortcuts } from './lib/shortcuts';
import { useToasts } from './lib/toasts';
import { SyncStatusLine } from './SyncStatusLine';

const NAV = [
  { href: routes.home, key: 'nav.boards', match: (p: string) => p === '/' || p.startsWith('/boards') || p.startsWith('/challenges') || p.startsWith('/pledges') },
  { href: routes.dashboard, key: 'nav.dashboard', match: (p: string) => p.startsWith('/dashboard') },
  { href: routes.people, key: 'nav.people', match: (p: string) => p.startsWith('/people') },
  { href: routes.cases, key: 'nav.cases', match: (p: string) => p.startsWith('/cases') },
  { href: routes.sync, key: 'nav.sync', match: (p: string) => p.startsWith('/sync') },
] as const;

function SearchBox({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [text, setText] = useState('');
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) navigate(routes.search(text.trim()));
      }}
    >
      <input
        ref={inputRef}
        type="search"
        aria-label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}

function PersonSwitcher() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { session, people, load, switchPerson } = useSession();
  const show = useToasts((s) => s.show);
  useEffect(() => {
    void load(api);
  }, [api, load]);
  if (!session) return null;
  return (
    <label className="header-field">
      <span>{t('currentPerson')}</span>
      <select
        value={session.person?.id ?? ''}
        onChange={(e) => {
          const person = people.find((p) => p.id === e.target.value);
          switchPerson(api, e.target.value).then(
            () => show('info', t('switchedPerson', { name: person?.name ?? '' })),
            (err: unknown) => show('error', t('switchPersonFailed', { reason: errorText(err, i18n.language) })),
          );
        }}
      >
        {session.person ? null : <option value="">—</option>}
        {people.filter((p) => p.active).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <label className="header-field">
      <span>{t('language')}</span>
      <select value={i18n.language} onChange={(e) => isLanguage(e.target.value) && void switchLanguage(i18n, e.target.value)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`languages.${lang}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ['/', 'shortcuts.search'], ['b', 'shortcuts.switchBoard'], ['g', 'shortcuts.boards'], ['d', 'shortcuts.dashboard'],
    ['n', 'shortcuts.newEntry'], ['?', 'shortcuts.help'],
  ];
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} actions={<button type="button" onClick={onClose}>{t('close')}</button>}>
      <dl className="shortcut-list">
        {rows.map(([key, label]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="state state-empty">
      <p className="state-title">{t('notFound')}</p>
      <Link href={routes.home}>{t('backHome')}</Link>
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const [overlay, setOverlay] = useState<'help' | 'boards' | null>(null);
  const handlers = useMemo(
    () => ({
      search: () => searchRef.current?.focus(),
      boards: () => navigate(routes.home),
      dashboard: () => navigate(routes.dashboard),
      switchBoard: () => setOverlay('boards'),
      newEntry: () => window.dispatchEvent(new Event(NEW_ENTRY_EVENT)),
      help: () => setOverlay('help'),
    }),
    [navigate],
  );
  useShortcuts(handlers);
  // a new page: start at its top, and tell screen readers where they are
  useEffect(() => {
    if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
  }, [location]);
  // the sections name the window themselves; pages about one thing (a challenge, a pledge) set their own title
  const section = NAV.find((item) => item.href === location);
  usePageTitle(section ? t(section.key) : undefined, { skip: !section });

  return (
    <div className="app">
      <a className="skip-link" href="#content" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Link href={routes.home} className="brand">
          {t('appName')} <span className="app-name-en">{t('appNameEn')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="app-nav">
          {NAV.map((item) => (
            <Link key={item.href} href={item.href} className={item.match(location) ? 'active' : undefined} aria-current={item.match(location) ? 'page' : undefined}>
              {t(item.key)}
            </Link>
          ))}
        </nav>
        <SearchBox inputRef={searchRef} />
        <div className="header-tools">
          <PersonSwitcher />
          <LanguageSwitcher />
          <button type="button" className="header-help" aria-label={t('shortcuts.open')} title={t('shortcuts.open')} onClick={() => setOverlay('help')}>
            ?
          </button>
        </div>
      </header>
      <div className="status-bar">
        <SyncStatusLine />
      </div>
      <main id="content" className="app-main" ref={mainRef} tabIndex={-1}>
        <Switch>
          <Route path="/" component={BoardsHome} />
          <Route path="/boards/:id">{(p) => <BoardPage id={p.id} />}</Route>
          <Route path="/search/:text">{(p) => <SearchPage text={decodeURIComponent(p.text)} />}</Route>
          <Route path="/challenges/:id/pledge/new">{(p) => <PledgeEditorPage challengeId={p.id} />}</Route>
          <Route path="/challenges/:id">{(p) => <ChallengePage id={p.id} />}</Route>
          <Route path="/pledges/:id/edit">{(p) => <PledgeEditorPage pledgeId={p.id} />}</Route>
          <Route path="/pledges/:id">{(p) => <PledgePage id={p.id} />}</Route>
          <Route path="/people" component={PeoplePage} />
          <Route path="/people/:id">{(p) => <PersonPage id={p.id} />}</Route>
          <Route path="/dashboard" component={DashboardPage} />
          <Route path="/cases" component={CasesPage} />
          <Route path="/sync" component={SyncPage} />
          <Route component={NotFound} />
        </Switch>
      </main>
      <Toasts />
      {overlay === 'help' ? <ShortcutHelp onClose={() => setOverlay(null)} /> : null}
      {overlay === 'boards' ? (
        <BoardSwitcher
          onClose={() => setOverlay(null)}
          onChoose={(id) => {
            setOverlay(null);
            navigate(routes.board(id));
          }}
        />
      ) : null}
    </div>
  );
}

export interface AppProps {
  api: JiebangApi;
  i18n: I18n;
  /** where the address lives: the URL hash in the app; tests pass a memory location */
  location?: BaseLocationHook;
}

export function App({ api, i18n, location = useHashLocation }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <ApiContext.Provider value={api}>
        <Router hook={location}>
          <Shell />
        </Router>
      </ApiContext.Provider>
    </I18nextProvider>
  );
}
