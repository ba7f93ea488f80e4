import type { CallStatus } from '../../preload/contract.ts';
import { useT } from '../i18n/i18n.ts';

export function StatusChip({ status }: { status: CallStatus }) {
  const { t } = useT();
  return <span className={`chip chip-${status}`}>{t(`status_${status}`)}</span>;
}
