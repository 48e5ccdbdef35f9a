/**
 * The RGW resource types of the provider through a fault proxy in front of the real radosgw: throttling,
 * server errors and resets on the way, a server that keeps failing, and answers lost after RGW acted.
 */
import { IncomingMessage } from 'node:http';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { SecretWatch } from './support/provider/secret-watch';
import { rgwAccessKey } from '../lib/provider/resources/rgw-access-key';
import { rgwBucket } from '../lib/provider/resources/rgw-bucket';
import { rgwUser } from '../lib/provider/resources/rgw-user';
import { listBucketsWith, rgwAdmin } from './support/admin-clients';
import { Fault, FaultProxy } from './support/fault-proxy';
import { connect, Connection, ResourceDriver } from './support/provider/resource-driver';

const ENDPOINT = process.env.RGW_ENDPOINT!;
const ADMIN_SECRET = process.env.RGW_ADMIN_SECRET_KEY!;
const { rgw, http: adminHttp } = rgwAdmin();
const UIDS = ['lcf-cycle', 'lcf-down', 'lcf-s3down', 'lcf-lossy'];
const BUCKETS = ['lcf-cycle-bucket', 'lcf-s3down-bucket'];

/** What the proxy does to the request; each test sets its own. */
let fault: (n: number, req: IncomingMessage) => Fault = () => 'pass';
const proxy = new FaultProxy(ENDPOINT, (n, req) => fault(n, req), 300);
let connection: Connection;
let users: ResourceDriver;
let keys: ResourceDriver;
let buckets: ResourceDriver;

/** Every secret the tests see; none may show in a log line or an error message. */
const watch = new SecretWatch([ADMIN_SECRET]);
async function removeLeftovers(): Promise<void> {
  for (const bucket of BUCKETS) if (await rgw.bucketStats(bucket)) await rgw.removeBucket(bucket, true);
  for (const uid of UIDS) if (await rgw.getUser(uid)) await rgw.removeUser(uid, true);
}

const userConfig = (uid: string) => ({ uid, display_name: uid, suspended: false, user_quota: { max_objects: 10 }, caps: 'usage=read', purge_data: true });
const keyConfig = (uid: string, rotation = 1) => ({ uid, rotation, max_keys: 4 });

beforeAll(async () => {
  await removeLeftovers();
  connection = connect({ endpoint: await proxy.start(), access_key_env: 'RGW_ADMIN_ACCESS_KEY', secret_key_env: 'RGW_ADMIN_SECRET_KEY' }, process.env);
  users = new ResourceDriver(rgwUser, connection);
  keys = new ResourceDriver(rgwAccessKey, connection, { createBeforeDestroy: true });
  buckets = new ResourceDriver(rgwBucket, connection);
});

afterAll(async () => {
  fault = () => 'pass';
  await removeLeftovers();
  connection.endpoint.close();
  await proxy.stop();
  adminHttp.close();
});

test('503s, 429s, resets and delays on the way: user, key and bucket converge, nothing made twice', async () => {
  // GIVEN every other request fails in one of the ways a busy server fails
  const cycle: Fault[] = ['503', 'pass', '429', 'pass', 'reset', 'pass', 'delay', 'pass'];
  fault = (n) => cycle[(n - 1) % cycle.length];
  const from = proxy.records.length;

  // WHEN a user, its key and a bucket are applied
  await users.apply(null, userConfig('lcf-cycle'));
  const key = watch.kept((await keys.apply(null, keyConfig('lcf-cycle'))).state);
  const bucket = (
    await buckets.apply(null, { bucket: 'lcf-cycle-bucket', owner_uid: 'lcf-cycle', owner_access_key_id: key.access_key_id, owner_secret_access_key: key.secret_access_key, tags: { t: 'x' }, purge_data: false })
  ).state!;

  // THEN each exists once, as declared, and the faults were met
  fault = () => 'pass';
  const user = (await rgw.getUser('lcf-cycle'))!;
  expect(user.keys.map((k) => k.access_key)).toEqual([key.access_key_id]);
  expect(user.user_quota).toMatchObject({ enabled: true, max_objects: 10 });
  expect(user.caps).toEqual([{ type: 'usage', perm: 'read' }]);
  expect(await rgw.listBuckets('lcf-cycle')).toEqual(['lcf-cycle-bucket']);
  expect(await buckets.read(bucket)).toEqual(bucket);
  expect(new Set(proxy.records.slice(from).map((r) => r.fault))).toEqual(new Set(cycle));
  expect(connection.log).toContainEqual(expect.stringMatching(/^retry 1 in \d+ ms after: RGW .* failed: HTTP 503 ServiceUnavailable/));
});

test('fails while the admin API keeps answering 503, naming the operation and the status; converges once it recovers', async () => {
  // GIVEN the server answers every call with 503
  fault = () => '503';

  // WHEN a user is applied
  const message = await watch.failure(users.apply(null, userConfig('lcf-down')));

  // THEN the error says which object, which call and what the server answered, after retries
  expect(message).toMatch(/^s3admin_rgw_user "lcf-down": create failed: RGW get user lcf-down: the API answered HTTP 503 ServiceUnavailable/);
  expect(message).toContain('The server failed after retries');
  expect(await rgw.getUser('lcf-down')).toBeUndefined();

  // WHEN the server is back, THEN the same apply converges
  fault = () => 'pass';
  await users.apply(null, userConfig('lcf-down'));
  expect((await rgw.getUser('lcf-down'))!.user_quota.max_objects).toBe(10);
});

test('fails while the server is unreachable, saying so; converges once it is back', async () => {
  fault = () => 'reset';
  const message = await watch.failure(keys.apply(null, keyConfig('lcf-down')));

  expect(message).toMatch(/^s3admin_rgw_access_key "lcf-down": create failed: RGW get user lcf-down failed: ECONNRESET/);
  expect(message).toContain('The admin API could not be reached after retries');
  fault = () => 'pass';
  const key = watch.kept((await keys.apply(null, keyConfig('lcf-down'))).state);
  expect((await rgw.getUser('lcf-down'))!.keys.map((k) => k.access_key)).toEqual([key.access_key_id]);
});

test("fails while S3 keeps answering 503 to the owner's calls, without the owner's secret in the message", async () => {
  // GIVEN a user with a key, and S3 (not the admin API) failing
  await users.apply(null, userConfig('lcf-s3down'));
  const key = watch.kept((await keys.apply(null, keyConfig('lcf-s3down'))).state);
  fault = (_n, req) => (req.url?.startsWith('/admin/') ? 'pass' : '503');

  // WHEN a bucket is applied with the owner's key
  const config = { bucket: 'lcf-s3down-bucket', owner_uid: 'lcf-s3down', owner_access_key_id: key.access_key_id, owner_secret_access_key: key.secret_access_key, purge_data: false };
  const message = await watch.failure(buckets.apply(null, config));

  // THEN
  expect(message).toMatch(/^s3admin_rgw_bucket "lcf-s3down-bucket": create failed: S3 create bucket lcf-s3down-bucket: the API answered HTTP 503 ServiceUnavailable/);
  expect(message).not.toContain(key.secret_access_key as string);
  expect(await rgw.bucketStats('lcf-s3down-bucket')).toBeUndefined();
  fault = () => 'pass';
});

describe('every write loses its first answer after RGW acted on it', () => {
  // RGW acts on each write, then the proxy drops the connection before the answer arrives
  const answered = new Set<string>();
  const lostCalls = () => proxy.records.filter((r) => r.fault === 'lost-answer').map((r) => `${r.method} ${r.url}`);
  let user: CtyObject;
  let key: CtyObject;

  beforeAll(() => {
    fault = (_n, req) => {
      const call = `${req.method} ${req.url}`;
      if (req.method === 'GET' || req.method === 'HEAD' || answered.has(call)) return 'pass';
      answered.add(call);
      return 'lost-answer';
    };
  });
  afterAll(() => (fault = () => 'pass'));

  test('create user: exactly one user, with its quota and caps', async () => {
    user = (await users.apply(null, userConfig('lcf-lossy'))).state!;

    const made = (await rgw.getUser('lcf-lossy'))!;
    expect(user).toMatchObject({ uid: 'lcf-lossy', user_quota: { max_objects: 10 }, caps: 'usage=read' });
    expect(made.user_quota.max_objects).toBe(10);
    expect(made.caps).toEqual([{ type: 'usage', perm: 'read' }]);
    expect(lostCalls()).toContainEqual(expect.stringMatching(/^PUT \/admin\/user\?display-name=lcf-lossy&.*uid=lcf-lossy/));
  });

  test('generate key: exactly one key, the one in the state, and it works', async () => {
    key = watch.kept((await keys.apply(null, keyConfig('lcf-lossy'))).state);

    expect((await rgw.getUser('lcf-lossy'))!.keys.map((k) => k.access_key)).toEqual([key.access_key_id]);
    expect(await listBucketsWith(ENDPOINT, key.access_key_id as string, key.secret_access_key as string)).toBe(200);
    expect(lostCalls()).toContainEqual(expect.stringMatching(/^PUT \/admin\/user\?format=json&generate-key=true&key=&key-type=s3&uid=lcf-lossy$/));
  });

  test('rotation (generate key, then remove key): exactly one key, the new one', async () => {
    answered.clear();
    const old = key;
    key = watch.kept((await keys.apply(old, keyConfig('lcf-lossy', 2))).state);

    expect(key.access_key_id).not.toBe(old.access_key_id);
    expect((await rgw.getUser('lcf-lossy'))!.keys.map((k) => k.access_key)).toEqual([key.access_key_id]);
    expect(await listBucketsWith(ENDPOINT, key.access_key_id as string, key.secret_access_key as string)).toBe(200);
    expect(lostCalls()).toContainEqual(`DELETE /admin/user?access-key=${old.access_key_id}&format=json&key=&key-type=s3&uid=lcf-lossy`);
  });

  test('remove key, then remove user: both gone', async () => {
    await keys.destroy(key);
    expect((await rgw.getUser('lcf-lossy'))!.keys).toEqual([]);
    await users.destroy(user);
    expect(await rgw.getUser('lcf-lossy')).toBeUndefined();
    expect(lostCalls()).toContainEqual(`DELETE /admin/user?access-key=${key.access_key_id}&format=json&key=&key-type=s3&uid=lcf-lossy`);
    expect(lostCalls()).toContainEqual('DELETE /admin/user?format=json&purge-data=true&uid=lcf-lossy');
  });
});

describe('secrets', () => {
  test('no key secret or admin secret appears in any log line or error message', () => {
    expect(connection.log.length).toBeGreaterThan(0);
    expect(watch.errors).toHaveLength(3);
    expect(watch.leaked(connection.log)).toEqual([]);
  });
});
