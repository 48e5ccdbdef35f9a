import { ifFound } from '../../lib/admin-api/admin-api-error';
import { mapConcurrently } from '../../lib/day2/concurrency';
import { RgwAdminClient } from '../../lib/admin-api/rgw-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { withTestServers } from './test-servers';

async function opsPerSecond(n: number, fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * The test RGW's own ceiling: `users` users created, updated and deleted as raw signed Admin Ops calls from
 * one process with kept-alive connections, `concurrency` at a time. No engine or provider can go faster.
 */
export async function rgwBench(users: number, concurrency: number): Promise<void> {
  await withTestServers(async () => {
    const http = new SignedHttpClient({
      endpoint: process.env.RGW_ENDPOINT!,
      credentials: { accessKeyId: process.env.RGW_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.RGW_ADMIN_SECRET_KEY! },
    });
    const rgw = new RgwAdminClient(http);
    const uids = Array.from({ length: users }, (_, i) => `bench-raw-${process.pid}-${i}`);
    const each = (work: (uid: string) => Promise<unknown>) => opsPerSecond(users, () => mapConcurrently(uids, concurrency, work));
    let deleted = false;
    try {
      const raw = {
        create: await each((uid) => rgw.createUser(uid, { displayName: uid })),
        update: await each((uid) => rgw.modifyUser(uid, { displayName: `${uid} renamed` })),
        delete: await each((uid) => rgw.removeUser(uid, false)),
      };
      deleted = true;
      console.log(`\nrgw: ${users} users, ${concurrency} at a time, as raw signed HTTP calls (the API's own ceiling)`);
      console.log(['step', 'ops/s'].join('\t'));
      for (const step of ['create', 'update', 'delete'] as const) console.log([step, raw[step].toFixed(1)].join('\t'));
    } finally {
      if (!deleted) await mapConcurrently(uids, concurrency, (uid) => ifFound(() => rgw.removeUser(uid, false)).catch(() => undefined));
      http.close();
    }
  });
}
