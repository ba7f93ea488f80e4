import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickApi } from './api/pick-api.ts';
import { App } from './components/App.tsx';
import { createSystemClock, RingsideProvider } from './context.tsx';
import { translate, resolveLocale } from './i18n/i18n.ts';
import { createAppStore } from './state/app-store.ts';
import { createCallsStore } from './state/calls-store.ts';
import { startSession } from './state/session.ts';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const api = pickApi(window);

if (!api) {
  // Browser mode opened without the link the service printed: there is no token to use.
  root.render(<p className="banner offline">{translate(resolveLocale('system', navigator.language), 'missingToken')}</p>);
} else {
  const stores = { app: createAppStore(), calls: createCallsStore() };
  const session = startSession(api, stores);
  root.render(
    <StrictMode>
      <RingsideProvider value={{ api, stores, session, clock: createSystemClock() }}>
        <App />
      </RingsideProvider>
    </StrictMode>,
  );
}
