import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { mapConcurrently } from '../../lib/concurrency';
import { RgwAdminClient } from '../../lib/admin-api/rgw-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { HandlerRequest, REQUEST_ENV } from '../../lib/runtime/request';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';

const HANDLER = path.join(__dirname, '..', '..', 'handler', 's3-admin-handler.js');

function runHandler(action: string, request: HandlerRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HANDLER, action], { env: { ...process.env, [REQUEST_ENV]: JSON.stringify(request) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(err))));
  });
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return n / seconds;
}

/**
 * 200 RGW users created, updated and deleted through the handler (one process per operation, as Terraform
 * runs it) and through raw signed HTTP calls, both with the same bounded concurrency.
 */
export async function rgwBench(users: number, concurrency: number): Promise<void> {
  await globalSetup();
  try {
    const endpoint = process.env.RGW_ENDPOINT!;
    const spec = { url: endpoint, credentials: { accessKeyEnv: 'RGW_ADMIN_ACCESS_KEY', secretKeyEnv: 'RGW_ADMIN_SECRET_KEY' } };
    const request = (uid: string, displayName: string): HandlerRequest => ({ kind: 'rgw-user', endpoint: spec, props: { uid, displayName, suspended: false } });
    const ids = (prefix: string) => Array.from({ length: users }, (_, i) => `${prefix}-${i}`);

    const handlerIds = ids('bench-handler');
    const viaHandler = {
      create: await timed(users, () => mapConcurrently(handlerIds, concurrency, (uid) => runHandler('create', request(uid, uid)))),
      update: await timed(users, () => mapConcurrently(handlerIds, concurrency, (uid) => runHandler('reconcile', request(uid, `${uid} renamed`)))),
      delete: await timed(users, () => mapConcurrently(handlerIds, concurrency, (uid) => runHandler('delete', request(uid, uid)))),
    };

    const http = new SignedHttpClient({ endpoint, credentials: { accessKeyId: process.env.RGW_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.RGW_ADMIN_SECRET_KEY! } });
    const rgw = new RgwAdminClient(http);
    const rawIds = ids('bench-raw');
    const raw = {
      create: await timed(users, () => mapConcurrently(rawIds, concurrency, async (uid) => void (await rgw.createUser(uid, { displayName: uid })))),
      update: await timed(users, () => mapConcurrently(rawIds, concurrency, (uid) => rgw.modifyUser(uid, { displayName: `${uid} renamed` }))),
      delete: await timed(users, () => mapConcurrently(rawIds, concurrency, (uid) => rgw.removeUser(uid, false))),
    };
    http.close();

    console.log(`\nrgw: ${users} users, ${concurrency} at a time: handler (a process per operation, as Terraform runs it) vs raw signed HTTP`);
    console.log(['step', 'handler ops/s', 'raw ops/s', 'raw/handler'].join('\t'));
    for (const step of ['create', 'update', 'delete'] as const) {
      console.log([step, viaHandler[step].toFixed(1), raw[step].toFixed(1), (raw[step] / viaHandler[step]).toFixed(1)].join('\t'));
    }
  } finally {
    globalTeardown();
  }
}
