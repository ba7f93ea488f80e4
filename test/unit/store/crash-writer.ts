// Child process for the crash test: records callbacks, acknowledges each on stdout once
// recordEvent has returned, then dies by SIGKILL without closing the database.
import { openSqliteStore } from '../../../main/store/sqlite-store.ts';
import { callback, sidOf } from './store-fixture.ts';

const [path, count] = process.argv.slice(2);
const store = openSqliteStore(path ?? '');
for (let i = 0; i < Number(count); i += 1) {
  store.recordEvent(callback(sidOf(i), 'ringing', 1, i));
  process.stdout.write(`ack ${sidOf(i)}\n`);
}
process.kill(process.pid, 'SIGKILL');
