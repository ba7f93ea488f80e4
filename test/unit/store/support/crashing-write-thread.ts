// The write worker's thread, except that a batch holding CRASH_SID kills the thread before committing.
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest } from '../../../../main/store/worker-protocol.ts';

export const CRASH_SID = `CA${'dead'.repeat(8)}`;

// Registered before the real thread's listener, so it runs first.
parentPort?.on('message', (request: WorkerRequest) => {
  if ('events' in request && request.events.some((event) => event.callSid === CRASH_SID)) process.exit(3);
});
await import('../../../../main/store/write-worker-thread.ts');
