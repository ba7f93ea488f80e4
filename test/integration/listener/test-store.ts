import type { CallStore } from '../../../main/store/call-store.ts';
import { openMemoryStore } from './memory-store.ts';

export function openTestStore(): { store: CallStore; cleanup: () => void } {
  return { store: openMemoryStore(), cleanup: () => {} };
}
