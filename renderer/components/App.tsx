import { lazy, Suspense, useEffect, type ComponentType, type KeyboardEvent } from 'react';
import { useApp, useAppActions, useRingside } from '../context.tsx';
import { useLocale, useT } from '../i18n/i18n.ts';
import { VIEWS, type View } from '../state/app-store.ts';
import { Alerts } from './Alerts.tsx';
import { Board } from './Board.tsx';
import { CallDetail } from './CallDetail.tsx';
import { Dialer } from './Dialer.tsx';
import { History } from './History.tsx';
import { Settings } from './Settings.tsx';
import { StatusBar } from './StatusBar.tsx';

// Charts are heavy and seldom opened: load them on first visit.
const Analytics = lazy(async () => ({ default: (await import('./Analytics.tsx')).Analytics }));

const VIEW_COMPONENTS: Record<View, ComponentType> = { board: Board, history: History, analytics: Analytics, settings: Settings };

export function App() {
  const { t } = useT();
  const view = useApp((state) => state.view);
  const { putInDialer, setView } = useAppActions();
  const dialerNumber = useApp((state) => state.dialer.number);
  const locale = useLocale();
  const mode = useApp((state) => state.health?.mode);
  const Current = VIEW_COMPONENTS[view];

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // "/" jumps to the dialer from anywhere but a text field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        putInDialer(dialerNumber);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [putInDialer, dialerNumber]);

  // Arrow keys move between tabs, as the tabs pattern expects.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length] ?? 'board';
    setView(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div className={mode === 'live' ? 'app mode-live-app' : 'app'}>
      <header className="top">
        <div className="brand">
          <span className="mark" aria-hidden="true" />
          <h1>Ringside</h1>
        </div>
        <div role="tablist" aria-label={t('views')} onKeyDown={onTabKey}>
          {VIEWS.map((name) => (
            <button
              key={name}
              id={`tab-${name}`}
              role="tab"
              type="button"
              aria-selected={view === name}
              aria-controls="view-panel"
              tabIndex={view === name ? 0 : -1}
              onClick={() => setView(name)}
            >
              {t(`view_${name}`)}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {/* The status bar carries the mode for assistive tech; this copy is the at-a-glance one. */}
        {mode && (
          <span className={`mode mode-${mode}`} aria-hidden="true">
            {t(mode === 'live' ? 'modeLive' : 'modeSandbox')}
          </span>
        )}
      </header>
      <ConnectionBanner />
      <div className="body">
        <main id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`}>
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Current />
          </Suspense>
        </main>
        <aside>
          <Dialer />
          <Alerts />
        </aside>
      </div>
      <CallDetail />
      <StatusBar />
    </div>
  );
}

function ConnectionBanner() {
  const { t } = useT();
  const connection = useApp((state) => state.connection);
  const { session } = useRingside();
  if (connection === 'refused') {
    return (
      <div className="banner offline" role="status">
        {t('tokenRefused')}
      </div>
    );
  }
  if (connection !== 'offline') return null;
  return (
    <div className="banner offline" role="status">
      <span>{t('serviceUnreachable')}</span>
      <button type="button" onClick={() => session.retry()}>
        {t('retryNow')}
      </button>
    </div>
  );
}
