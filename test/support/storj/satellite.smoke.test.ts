/**
 * Smoke test of a real Storj satellite admin API (the legacy admin API of satellite v1.129+; served under
 * `/legacy/api` since v1.145 and under `/api` before), started by start-satellite.sh.
 *
 * It runs only when asked: with STORJ_ADMIN_ENDPOINT etc. in the environment (a global setup that started the
 * satellite), or with STORJ_SMOKE=1 (then it builds and starts the satellite itself and stops it afterwards):
 *   STORJ_SMOKE=1 npx jest test/support/storj/satellite.smoke.test.ts
 * Otherwise it is skipped, so the default suite pays nothing for it.
 *
 * Buckets cannot be made through the admin API, and a bucket needs the satellite's metainfo (DRPC) API plus
 * an uplink; instead the test writes the rows a bucket creation writes (bucket_metainfos and its
 * value_attributions row in the satellite DB) and, for a non-empty bucket, one object row in the metabase.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SUPPORT_DIR } from '../repo-root';
import { bucketFixtures } from './bucket-fixtures';
import { startSatellite, stopSatellite } from './satellite-server';

const wired = Boolean(process.env.STORJ_ADMIN_ENDPOINT);
const describeIf = wired || process.env.STORJ_SMOKE === '1' ? describe : describe.skip;

interface Reply {
  status: number;
  text: string;
  json: any;
  contentType: string;
}

let env: Record<string, string> = {};

async function api(method: string, route: string, body?: unknown, auth: string | null = env.STORJ_ADMIN_TOKEN): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (auth !== null) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${env.STORJ_ADMIN_ENDPOINT}${env.STORJ_ADMIN_PATH_PREFIX}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, contentType: res.headers.get('content-type') ?? '' };
}

const { sql, createBucketRows, putObjectRow, dropBucketRows } = bucketFixtures(() => env);

describeIf('Storj satellite admin API (real satellite)', () => {
  const email = `smoke-${Date.now()}@mail.test`;
  let userId = '';
  let projectId = '';
  let apiKey = '';

  beforeAll(async () => {
    if (wired) {
      env = { ...(process.env as Record<string, string>) };
      return;
    }
    execFileSync('bash', [path.join(SUPPORT_DIR, 'storj', 'build.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
    const t0 = Date.now();
    env = await startSatellite();
    process.stderr.write(`[storj smoke] satellite ${env.STORJ_SATELLITE_VERSION} at ${env.STORJ_ADMIN_ENDPOINT}${env.STORJ_ADMIN_PATH_PREFIX} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }, 45 * 60_000);

  afterAll(() => {
    if (!wired && env.STORJ_DIR && process.env.STORJ_KEEP !== '1') stopSatellite(env);
  });

  it('checks the raw token in Authorization (no Bearer) and answers 403 {error, detail} otherwise', async () => {
    for (const auth of [null, `Bearer ${env.STORJ_ADMIN_TOKEN}`, 'wrong']) {
      const r = await api('GET', '/users/nobody@mail.test', undefined, auth);
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ error: 'Forbidden', detail: 'required a valid authorization token' });
    }
    const r = await api('GET', '/users/nobody@mail.test');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: 'user with email "nobody@mail.test" does not exist', detail: '' });
  });

  it('creates a user, refuses a duplicate, and reads it back', async () => {
    const r = await api('POST', '/users', { email, fullName: 'Smoke Test', password: 'password123' });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ email, fullName: 'Smoke Test', shortName: '', status: 1 });
    expect(r.json.passwordHash).toBeUndefined();
    userId = r.json.id;
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);

    const dup = await api('POST', '/users', { email, fullName: 'Smoke Test', password: 'password123' });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ error: `user with email already exists ${email}`, detail: '' });

    const bad = await api('POST', '/users', { email: '', fullName: '', password: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('user data is not valid');

    const got = await api('GET', `/users/${encodeURIComponent(email)}`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual({
      user: { id: userId, fullName: 'Smoke Test', email, projectLimit: expect.any(Number), placement: 0, paidTier: false },
      projects: null, // a JSON null, not [], while the user has no project
    });
  });

  it('creates a project and sets its limits', async () => {
    const r = await api('POST', '/projects', { ownerId: userId, projectName: 'Smoke Project' });
    expect(r.status).toBe(200);
    projectId = r.json.projectId;
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);

    const got = await api('GET', `/projects/${projectId}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: projectId, name: 'Smoke Project', ownerId: userId, status: 1 });

    const set = await api('PUT', `/projects/${projectId}/limit?usage=5000000&bandwidth=9000000&buckets=7&segments=1234&rate=50&burst=60`);
    expect(set.status).toBe(200);
    expect(set.text).toBe('');
    const lim = await api('GET', `/projects/${projectId}/limit`);
    expect(lim.status).toBe(200);
    expect(lim.json).toMatchObject({
      usage: { amount: '5.00 MB', bytes: 5000000 },
      bandwidth: { amount: '9.00 MB', bytes: 9000000 },
      maxBuckets: 7,
      maxSegments: 1234,
      rate: 50,
      burst: 60,
    });

    const neg = await api('PUT', `/projects/${projectId}/limit?usage=-1`);
    expect(neg.status).toBe(400);
    expect(neg.json.error).toBe('negative usage');
    const unknown = await api('PUT', `/projects/${projectId}/limit?foo=1`);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: 'invalid arguments', detail: 'schema: invalid path "foo"' });
    // the reference document's POST .../limit is gone: an unrouted method falls through to the web UI handler
    const post = await api('POST', `/projects/${projectId}/limit?usage=1`);
    expect(post.status).toBe(500);
    expect(post.contentType).toMatch(/^text\/html/);
  });

  it('creates, lists, reads and deletes (by name) an API key', async () => {
    const r = await api('POST', `/projects/${projectId}/apikeys`, { name: 'smoke-key' });
    expect(r.status).toBe(200);
    apiKey = r.json.apikey;
    expect(apiKey).toMatch(/^1[1-9A-HJ-NP-Za-km-z]{50,}$/);

    const dup = await api('POST', `/projects/${projectId}/apikeys`, { name: 'smoke-key' });
    expect(dup.status).toBe(409);
    expect(dup.json).toEqual({ error: 'api-key with given name already exists', detail: '' });

    const list = await api('GET', `/projects/${projectId}/apikeys`);
    expect(list.status).toBe(200);
    expect(list.json).toEqual([expect.objectContaining({ name: 'smoke-key', projectId })]);

    const info = await api('GET', `/apikeys/${apiKey}`);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ api_key: { name: 'smoke-key' }, project: { id: projectId }, owner: { id: userId, email } });

    const missing = await api('DELETE', `/projects/${projectId}/apikeys?name=nope`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'API key with specified name does not exist', detail: '' });
    const del = await api('DELETE', `/projects/${projectId}/apikeys?name=smoke-key`);
    expect(del.status).toBe(200);
    expect((await api('GET', `/projects/${projectId}/apikeys`)).json).toEqual([]);
  });

  it('geofences (sets the placement of) an empty bucket and refuses a non-empty one', async () => {
    createBucketRows(projectId, 'empty-bucket');
    createBucketRows(projectId, 'full-bucket');
    putObjectRow(projectId, 'full-bucket', 'an-object');

    const ok = await api('PUT', `/projects/${projectId}/buckets/empty-bucket/placement?id=1`);
    expect(ok.status).toBe(200);
    const info = await api('GET', `/projects/${projectId}/buckets/empty-bucket`);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ Name: 'empty-bucket', ProjectID: projectId, Placement: 1 });

    const full = await api('PUT', `/projects/${projectId}/buckets/full-bucket/placement?id=1`);
    expect(full.status).toBe(400);
    expect(full.json).toEqual({ error: 'bucket must be empty', detail: '' });
    // an unchanged placement is not a change: no emptiness check
    expect((await api('PUT', `/projects/${projectId}/buckets/full-bucket/placement?id=0`)).status).toBe(200);

    const unknown = await api('PUT', `/projects/${projectId}/buckets/empty-bucket/placement?id=99`);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: 'unknown placement parameter', detail: '' });
    const nobucket = await api('PUT', `/projects/${projectId}/buckets/nope/placement?id=1`);
    expect(nobucket.status).toBe(404);
    expect(nobucket.json).toEqual({ error: 'bucket does not exist', detail: '' });

    const del = await api('DELETE', `/projects/${projectId}`);
    expect(del.status).toBe(409);
    expect(del.json).toEqual({ error: 'buckets still exist', detail: '[empty-bucket]' });
    dropBucketRows(projectId);
  });

  it('refuses to delete a user with active projects, then deletes the project (no usage)', async () => {
    const busy = await api('DELETE', `/users/${encodeURIComponent(email)}`);
    expect(busy.status).toBe(409);
    expect(busy.json.error).toBe('some active projects still exist');

    const usage = await api('GET', `/projects/${projectId}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.json).toEqual({ result: 'no project usage exist' });

    const del = await api('DELETE', `/projects/${projectId}`);
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    // "deleted" = disabled: still readable, with status 0, and still listed with its owner
    const got = await api('GET', `/projects/${projectId}`);
    expect(got.status).toBe(200);
    expect(got.json.status).toBe(0);
    expect((await api('GET', `/users/${encodeURIComponent(email)}`)).json.projects).toEqual([expect.objectContaining({ id: projectId })]);
  });

  it("refuses to delete a paid user's project with usage this month (a free user's is not checked)", async () => {
    const r = await api('POST', '/projects', { ownerId: userId, projectName: 'Used Project' });
    expect(r.status).toBe(200);
    const used: string = r.json.projectId;
    // egress (action 2 = GET) this hour, as the orders rollup writes it
    const egress = `INSERT INTO bucket_bandwidth_rollups (bucket_name, interval_start, interval_seconds, action, inline, allocated, settled, project_id)
       VALUES (convert_to('gone', 'UTF8'), date_trunc('hour', now()), 3600, 2, 0, 1000, 1000, decode(replace(:'project', '-', ''), 'hex'));`;
    sql('satellite', egress, { project: used });
    expect((await api('GET', `/projects/${used}/usage`)).json).toEqual({ result: 'no project usage exist' });

    expect((await api('PUT', `/users/${encodeURIComponent(email)}/kind/1`)).status).toBe(200);
    const usage = await api('GET', `/projects/${used}/usage`);
    expect(usage.status).toBe(409);
    expect(usage.json).toEqual({ error: 'usage for current month exists', detail: '' });
    const del = await api('DELETE', `/projects/${used}`);
    expect(del.status).toBe(409);
    expect(del.json).toEqual({ error: 'usage for current month exists', detail: '' });

    sql('satellite', `DELETE FROM bucket_bandwidth_rollups WHERE project_id = decode(replace(:'project', '-', ''), 'hex');`, { project: used });
    expect((await api('DELETE', `/projects/${used}`)).status).toBe(200);
  });

  it('freezes and unfreezes the user', async () => {
    const u = `/users/${encodeURIComponent(email)}`;
    expect((await api('PUT', `${u}/billing-freeze`)).status).toBe(200);
    expect((await api('DELETE', `${u}/billing-freeze`)).status).toBe(200);
    const again = await api('DELETE', `${u}/billing-freeze`);
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ error: 'failed to billing unfreeze user', detail: 'account freeze service: this freeze event does not exist for this user' });
    expect((await api('PUT', `${u}/violation-freeze`)).status).toBe(200);
    expect((await api('DELETE', `${u}/violation-freeze`)).status).toBe(200);
    // the reference document's PUT .../freeze is gone
    expect((await api('PUT', `${u}/freeze`)).status).toBe(500);
  });

  it('deletes the user', async () => {
    const del = await api('DELETE', `/users/${encodeURIComponent(email)}`);
    expect(del.status).toBe(200);
    expect(del.text).toBe('');
    const got = await api('GET', `/users/${encodeURIComponent(email)}`);
    expect(got.status).toBe(404);
    const again = await api('DELETE', `/users/${encodeURIComponent(email)}`);
    expect(again.status).toBe(404);
  });
});
