import { useApp, useAppActions } from '../context.tsx';
import { formatPhone } from '../format/phone.ts';
import { useT } from '../i18n/i18n.ts';

/** Alerts stacked beside the view (never over it), newest first; each opens its call and can be dismissed. */
export function Alerts() {
  const { t } = useT();
  const alerts = useApp((state) => state.alerts);
  const country = useApp((state) => state.settings?.defaultCountry ?? 'US');
  const { openCall, removeAlert } = useAppActions();
  if (alerts.length === 0) return null;
  return (
    <section className="alerts" aria-label={t('alerts')}>
      <div className="alerts-head">
        <h3>
          {t('alerts')} · {alerts.length}
        </h3>
        {alerts.length > 1 && (
          <button type="button" className="quiet" onClick={() => alerts.forEach((alert) => removeAlert(alert.id))}>
            {t('dismissAll')}
          </button>
        )}
      </div>
      {alerts.map((alert) => {
        const number = formatPhone(alert.call.direction === 'inbound' ? alert.call.from : alert.call.to, country);
        return (
          <div key={alert.id} role="alert" className={`alert alert-${alert.kind}`} data-alert-id={alert.id} data-call-sid={alert.callSid}>
            <button type="button" className="link" onClick={() => openCall(alert.callSid)}>
              <KeepTogether text={t(`alert_${alert.kind}`, { number })} part={number} />
            </button>
            <button type="button" className="dismiss" aria-label={t('dismiss')} onClick={() => removeAlert(alert.id)}>
              ×
            </button>
          </div>
        );
      })}
    </section>
  );
}

/** `text` with `part` (the phone number) kept on one line: a narrow column may wrap the message, never the number. */
function KeepTogether({ text, part }: { text: string; part: string }) {
  const at = text.indexOf(part);
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <span className="nowrap">{part}</span>
      {text.slice(at + part.length)}
    </>
  );
}
