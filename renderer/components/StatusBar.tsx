import { useState } from 'react';
import { useApp, useClockValue } from '../context.tsx';
import { formatRelative } from '../format/time.ts';
import { useT } from '../i18n/i18n.ts';

export function StatusBar() {
  const { t, locale } = useT();
  const health = useApp((state) => state.health);
  const lastCallbackAt = health?.lastCallbackAt ?? null;
  const lastCallback = useClockValue((now) => (lastCallbackAt ? formatRelative(lastCallbackAt, now, locale) : t('never')));
  if (!health) return <footer className="status-bar">{t('loading')}</footer>;
  return (
    <footer className="status-bar" aria-label={t('statusBar')}>
      <span className={`mode mode-${health.mode}`} data-mode={health.mode}>
        {t(health.mode === 'live' ? 'modeLive' : 'modeSandbox')}
      </span>
      <span className="url">
        {t('callbackUrl')}: <span className="mono">{health.publicUrl}</span>
        <CopyButton text={health.publicUrl} />
      </span>
      <span className={`tunnel tunnel-${health.tunnel}`}>
        {t('tunnel')}: {t(`tunnel_${health.tunnel}`)}
      </span>
      <span>
        {t('lastCallback')}:{' '}
        {lastCallbackAt ? <time dateTime={lastCallbackAt}>{lastCallback}</time> : lastCallback}
      </span>
      {health.problems.length > 0 && (
        <ul className="problems" aria-label={t('problems')}>
          {health.problems.map((problem) => (
            <li key={problem}>⚠ {problem}</li>
          ))}
        </ul>
      )}
    </footer>
  );
}

/** Copies the callback URL (to paste into a Twilio number's configuration); says "Copied" until focus moves on. */
function CopyButton({ text }: { text: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState<string | null>(null);
  // A refused clipboard (no permission) just leaves the label as it was: the URL stays selectable.
  const copy = (): Promise<void> => navigator.clipboard.writeText(text).then(() => setCopied(text), () => setCopied(null));
  return (
    <button type="button" className="quiet" aria-label={t('copyCallbackUrl')} onClick={() => void copy()} onBlur={() => setCopied(null)}>
      {copied === text ? t('copied') : t('copy')}
    </button>
  );
}
