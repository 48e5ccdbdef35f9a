/**
 * The RGW resource types of the provider against a real radosgw, with the engine's part played by
 * ResourceDriver: create, refresh, update in place, out-of-band changes, key rotation, import, delete and
 * delete again. Steps of one describe build on each other, so they run in order.
 */
import { S3BucketClient } from '../lib/admin-api/s3-bucket-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { SecretWatch } from './support/provider/secret-watch';
import { rgwAccessKey } from '../lib/provider/resources/rgw-access-key';
import { rgwBucket } from '../lib/provider/resources/rgw-bucket';
import { rgwSubuser } from '../lib/provider/resources/rgw-subuser';
import { rgwUser } from '../lib/provider/resources/rgw-user';
import { listBucketsWith, NO_RETRY, rgwAdmin } from './support/admin-clients';
import { FaultProxy } from './support/fault-proxy';
import { connect, Connection, ResourceDriver } from './support/provider/resource-driver';

const ENDPOINT = process.env.RGW_ENDPOINT!;
const PROVIDER_CONFIG = { access_key_env: 'RGW_ADMIN_ACCESS_KEY', secret_key_env: 'RGW_ADMIN_SECRET_KEY' };
const { rgw, http: adminHttp } = rgwAdmin();

/** Every uid and bucket this file makes: removed before (leftovers of a failed run) and after. */
const UIDS = ['lc-user', 'lc-keys', 'lc-sub', 'lc-owner', 'lc-heir', 'lc-imported'];
const BUCKETS = ['lc-data', 'lc-kept', 'lc-sub-made'];

/** Every secret the tests see; none may show in a log line or an error message. */
const watch = new SecretWatch([process.env.RGW_ADMIN_SECRET_KEY!]);

// every call of the provider goes through a pass-through proxy, which counts the writes that reach RGW
const proxy = new FaultProxy(ENDPOINT);
let connection: Connection;
let users: ResourceDriver;
let keys: ResourceDriver;
let subusers: ResourceDriver;
let buckets: ResourceDriver;

async function removeLeftovers(): Promise<void> {
  for (const bucket of BUCKETS) if (await rgw.bucketStats(bucket)) await rgw.removeBucket(bucket, true);
  for (const uid of UIDS) if (await rgw.getUser(uid)) await rgw.removeUser(uid, true);
}

beforeAll(async () => {
  await removeLeftovers();
  connection = connect({ endpoint: await proxy.start(), ...PROVIDER_CONFIG }, process.env);
  users = new ResourceDriver(rgwUser, connection);
  keys = new ResourceDriver(rgwAccessKey, connection, { createBeforeDestroy: true });
  subusers = new ResourceDriver(rgwSubuser, connection);
  buckets = new ResourceDriver(rgwBucket, connection);
});

afterAll(async () => {
  await removeLeftovers();
  connection.endpoint.close();
  for (const client of openClients) client.close();
  await proxy.stop();
  adminHttp.close();
});

const writesSince = (count: number) => proxy.writes().slice(count);

const openClients: SignedHttpClient[] = [];
/** A client signing S3 calls with a key of the tests (closed after all). */
function clientAs(accessKeyId: unknown, secretAccessKey: unknown): SignedHttpClient {
  const client = new SignedHttpClient({ endpoint: ENDPOINT, credentials: { accessKeyId: accessKeyId as string, secretAccessKey: secretAccessKey as string }, retry: NO_RETRY });
  openClients.push(client);
  return client;
}

/** A user of the tests, made with one key by the provider: the key's state. */
async function userWithKey(uid: string): Promise<CtyObject> {
  await users.apply(null, { uid, display_name: uid, suspended: false, purge_data: false });
  return watch.kept((await keys.apply(null, { uid, rotation: 1, max_keys: 4 })).state);
}

describe('s3admin_rgw_user', () => {
  const GIB = 1024 ** 3;
  const declared = {
    uid: 'lc-user',
    display_name: 'Lifecycle user',
    suspended: false,
    user_quota: { max_size_bytes: 10 * GIB, max_objects: 100_000 },
    bucket_quota: { max_objects: 50_000 },
    caps: 'usage=read;buckets=read',
    purge_data: false,
  };
  /** The config after the update in place. */
  const renamed = { ...declared, display_name: 'Renamed', user_quota: { max_objects: 5 }, bucket_quota: null, caps: 'usage=read' };
  let state: CtyObject;

  test('create: the declared attributes as declared, the server values of email and max_buckets left out', async () => {
    // GIVEN a config that leaves email and max_buckets out
    // WHEN applied with no prior state
    const applied = await users.apply(null, declared);
    state = applied.state!;

    // THEN the state holds the declared values, and RGW's own for what was left out
    expect(state).toEqual({ ...declared, bucket_quota: { max_size_bytes: null, max_objects: 50_000 }, email: '', max_buckets: 1000 });
    const user = (await rgw.getUser('lc-user'))!;
    expect(user).toMatchObject({ display_name: 'Lifecycle user', email: '', max_buckets: 1000, suspended: 0, keys: [] });
    expect(user.user_quota).toMatchObject({ enabled: true, max_size_kb: 10 * 1024 * 1024, max_objects: 100_000 });
    expect(user.bucket_quota).toMatchObject({ enabled: true, max_objects: 50_000 });
    expect(user.caps).toEqual(expect.arrayContaining([{ type: 'usage', perm: 'read' }, { type: 'buckets', perm: 'read' }]));
    expect(applied.log).toContain('creating RGW user lc-user');
  });

  test('a refresh reads the same state, and the re-plan has no change', async () => {
    // WHEN the state is read back and planned again with the same config
    const read = await users.read(state);
    const plan = users.plan(read, declared);

    // THEN
    expect(read).toEqual(state);
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('a re-apply of the same config writes nothing', async () => {
    const writes = proxy.writes().length;
    const applied = await users.apply(state, declared);
    expect(applied.changed).toEqual([]);
    expect(writesSince(writes)).toEqual([]);
  });

  test('update in place: display name, quotas and caps change; the uid and the keys stay', async () => {
    // GIVEN the user has a key (made outside, so the user's update must leave it alone)
    const key = await rgw.generateKey('lc-user');
    watch.secrets.add(key.secret_key);

    // WHEN
    const applied = await users.apply(state, renamed);
    state = applied.state!;

    // THEN only what changed is planned, in place
    expect(applied.replaced).toBe(false);
    expect(applied.changed.sort()).toEqual(['bucket_quota', 'caps', 'display_name', 'user_quota']);
    expect(state).toEqual({ ...renamed, user_quota: { max_size_bytes: null, max_objects: 5 }, email: '', max_buckets: 1000 });
    const user = (await rgw.getUser('lc-user'))!;
    expect(user).toMatchObject({ user_id: 'lc-user', display_name: 'Renamed', caps: [{ type: 'usage', perm: 'read' }] });
    expect(user.user_quota).toMatchObject({ enabled: true, max_objects: 5 });
    expect(user.user_quota.max_size_kb).toBeLessThanOrEqual(0); // no size limit
    expect(user.bucket_quota.enabled).toBe(false);
    expect(user.keys.map((k) => k.access_key)).toEqual([key.access_key]);
  });

  test('a declared attribute changed out of band shows in the refresh, and the next plan changes exactly it back', async () => {
    // GIVEN the display name changed with the admin API
    await rgw.modifyUser('lc-user', { displayName: 'Changed by hand' });

    // WHEN refreshed and planned
    const read = (await users.read(state))!;
    const plan = users.plan(read, renamed);

    // THEN
    expect(read.display_name).toBe('Changed by hand');
    expect(plan.changed).toEqual(['display_name']);
    expect(plan.requiresReplace).toEqual([]);
    state = (await users.apply(state, renamed)).state!;
    expect((await rgw.getUser('lc-user'))!.display_name).toBe('Renamed');
  });

  test('an attribute left out of config and changed out of band is taken as the server has it: no change planned', async () => {
    // GIVEN max_buckets and email (left out of config) changed with the admin API
    await rgw.modifyUser('lc-user', { maxBuckets: 7, email: 'lc-user@example.com' });

    // WHEN
    const read = (await users.read(state))!;
    const plan = users.plan(read, renamed);

    // THEN
    expect(read).toMatchObject({ max_buckets: 7, email: 'lc-user@example.com' });
    expect(plan.changed).toEqual([]);
    state = read;
  });

  test('import by uid: the next plan against the same config has no change', async () => {
    const imported = await users.import('lc-user');
    expect(imported).toEqual(state);
    const plan = users.plan(imported, renamed);
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('fails to import a uid RGW does not have, naming it', async () => {
    expect(await watch.failure(users.import('lc-nobody'))).toMatch(/s3admin_rgw_user "lc-nobody": import \(the id is the uid\) failed: RGW has no user 'lc-nobody'/);
  });

  test('deleted out of band: the refresh reads null, and the next apply makes the user again', async () => {
    // GIVEN a second user, removed with the admin API
    const otherConfig = { uid: 'lc-imported', display_name: 'Other', suspended: false, purge_data: false };
    const other = (await users.apply(null, otherConfig)).state!;
    await rgw.removeUser('lc-imported', false);

    // WHEN / THEN
    expect(await users.read(other)).toBeNull();
    const again = await users.apply(other, otherConfig);
    expect(again.state).toEqual(other);
    expect((await rgw.getUser('lc-imported'))!.display_name).toBe('Other');
  });

  test('fails to delete a user who owns buckets, naming them, unless purge_data is set', async () => {
    // GIVEN the user owns a bucket made with its own key
    const key = (await rgw.getUser('lc-user'))!.keys[0];
    const s3 = new S3BucketClient(clientAs(key.access_key, key.secret_key));
    await s3.createBucket('lc-kept');

    // WHEN deleted without purge_data
    const message = await watch.failure(users.destroy(state));

    // THEN it is refused, and the user and bucket stay
    expect(message).toMatch(/RGW user lc-user still owns 1 bucket\(s\): lc-kept\. Delete them first, or set purge_data/);
    expect(await rgw.getUser('lc-user')).toBeDefined();

    // WHEN purge_data is set (in place) and the user deleted again
    const purging = await users.apply(state, { ...renamed, purge_data: true });
    expect(purging.changed).toEqual(['purge_data']);
    state = purging.state!;
    await users.destroy(state);

    // THEN both are gone
    expect(await rgw.getUser('lc-user')).toBeUndefined();
    expect(await rgw.bucketStats('lc-kept')).toBeUndefined();
  });

  test('a second delete of the deleted user succeeds', async () => {
    await users.destroy(state);
    expect(await rgw.getUser('lc-user')).toBeUndefined();
  });
});

describe('s3admin_rgw_access_key', () => {
  const config = { uid: 'lc-keys', rotation: 1, max_keys: 4 };
  let key: CtyObject;

  beforeAll(async () => {
    await users.apply(null, { uid: 'lc-keys', display_name: 'Keys', suspended: false, purge_data: false });
  });

  test('create: RGW generates the pair, and it works for S3', async () => {
    const applied = await keys.apply(null, config);
    key = watch.kept(applied.state);

    expect(key).toMatchObject({ uid: 'lc-keys', rotation: 1, max_keys: 4, access_key_id: expect.stringMatching(/^[A-Z0-9]{20}$/), secret_access_key: expect.any(String) });
    expect((await rgw.getUser('lc-keys'))!.keys).toEqual([{ user: 'lc-keys', access_key: key.access_key_id, secret_key: key.secret_access_key }]);
    expect(await listBucketsWith(ENDPOINT, key.access_key_id as string, key.secret_access_key as string)).toBe(200);
  });

  test('a refresh reads the same state, and the re-plan has no change', async () => {
    const read = await keys.read(key);
    expect(read).toEqual(key);
    const plan = keys.plan(read, config);
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('rotation: the new pair is made before the old one goes; the new one works, the old one is refused', async () => {
    // GIVEN the key works
    const old = key;
    const works = (k: CtyObject) => listBucketsWith(ENDPOINT, k.access_key_id as string, k.secret_access_key as string);
    const steps: string[] = [];
    const rotating = new ResourceDriver(rgwAccessKey, connection, {
      createBeforeDestroy: true,
      afterOperation: async (operation) => {
        // between the steps, the user always has a key that works
        const current = (await rgw.getUser('lc-keys'))!.keys;
        const statuses = await Promise.all(current.map((k) => listBucketsWith(ENDPOINT, k.access_key, k.secret_key)));
        steps.push(`${operation}: ${current.length} key(s), ${statuses.filter((s) => s === 200).length} working`);
      },
    });

    // WHEN the rotation is raised
    const plan = rotating.plan(old, { ...config, rotation: 2 });
    const applied = await rotating.apply(old, { ...config, rotation: 2 });
    key = watch.kept(applied.state);

    // THEN it is a replacement, made create-first
    expect(plan.requiresReplace).toEqual(['rotation']);
    expect(applied.replaced).toBe(true);
    expect(steps).toEqual(['create: 2 key(s), 2 working', 'delete: 1 key(s), 1 working']);
    expect(key.access_key_id).not.toBe(old.access_key_id);
    expect((await rgw.getUser('lc-keys'))!.keys.map((k) => k.access_key)).toEqual([key.access_key_id]);
    expect(await works(key)).toBe(200);
    expect(await works(old)).toBe(403);
  });

  test('fails to add a key beyond max_keys, naming the keys the user has', async () => {
    // GIVEN the user has one key, and a second key resource allows one key per user
    // WHEN
    const message = await watch.failure(keys.apply(null, { uid: 'lc-keys', rotation: 1, max_keys: 1 }));

    // THEN nothing is made
    expect(message).toContain(`RGW user lc-keys already has 1 keys (${key.access_key_id}), the limit is 1: remove one, or raise max_keys (maxKeys)`);
    expect((await rgw.getUser('lc-keys'))!.keys).toHaveLength(1);
  });

  test('import by access key id: the state of the key, and the next plan only sets the rotation in place, writing nothing', async () => {
    // WHEN imported and planned against the config
    const imported = (await keys.import(key.access_key_id as string))!;
    const writes = proxy.writes().length;
    const applied = await keys.apply(imported, { ...config, rotation: 2 });

    // THEN the key is the same (its secret read from RGW); the rotation the import cannot know is taken as declared
    expect(imported).toEqual({ ...key, rotation: null });
    expect(applied.requiresReplace).toEqual([]);
    expect(applied.changed).toEqual(['rotation']);
    expect(applied.state).toEqual(key);
    expect(writesSince(writes)).toEqual([]);
  });

  test('delete removes the key and leaves the user; a second delete succeeds', async () => {
    await keys.destroy(key);
    expect((await rgw.getUser('lc-keys'))!.keys).toEqual([]);
    await keys.destroy(key);
    expect(await rgw.getUser('lc-keys')).toBeDefined();
    expect(await keys.read(key)).toBeNull();
  });
});

describe('s3admin_rgw_subuser', () => {
  let sub: CtyObject;
  /** The status RGW answers a write with the subuser's key: the creation of a bucket, or of an object in one. */
  const writeStatus = async (s: CtyObject, path: string) => {
    try {
      return (await clientAs(s.access_key_id, s.secret_access_key).send({ operation: 'write', method: 'PUT', path, body: path.includes('.') ? 'x' : undefined })).status;
    } catch (e) {
      return (e as { status?: number }).status ?? 0;
    }
  };

  beforeAll(async () => {
    await users.apply(null, { uid: 'lc-sub', display_name: 'Sub', suspended: false, purge_data: true });
  });

  test('create with access full: RGW generates a key, and it may write', async () => {
    sub = watch.kept((await subusers.apply(null, { uid: 'lc-sub', subuser: 'app', access: 'full' })).state);

    expect(sub).toMatchObject({ uid: 'lc-sub', subuser: 'app', access: 'full', access_key_id: expect.any(String), secret_access_key: expect.any(String) });
    expect((await rgw.getUser('lc-sub'))!.subusers).toEqual([{ id: 'lc-sub:app', permissions: 'full-control' }]);
    expect(await listBucketsWith(ENDPOINT, sub.access_key_id as string, sub.secret_access_key as string)).toBe(200);
    expect(await writeStatus(sub, '/lc-sub-made')).toBe(200);
    expect(await writeStatus(sub, '/lc-sub-made/full.txt')).toBe(200);
    expect(subusers.plan(await subusers.read(sub), { uid: 'lc-sub', subuser: 'app', access: 'full' }).changed).toEqual([]);
  });

  test('a change of access to read is made in place: the same key, now refused a write', async () => {
    const applied = await subusers.apply(sub, { uid: 'lc-sub', subuser: 'app', access: 'read' });

    expect(applied.replaced).toBe(false);
    expect(applied.changed).toEqual(['access']);
    expect(applied.state).toEqual({ ...sub, access: 'read' });
    expect((await rgw.getUser('lc-sub'))!.subusers).toEqual([{ id: 'lc-sub:app', permissions: 'read' }]);
    expect(await listBucketsWith(ENDPOINT, sub.access_key_id as string, sub.secret_access_key as string)).toBe(200);
    expect(await writeStatus(sub, '/lc-sub-made/read.txt')).toBe(403);
    sub = applied.state!;
  });

  test('import by uid:subuser: the next plan against the same config has no change', async () => {
    const imported = await subusers.import('lc-sub:app');
    expect(imported).toEqual(sub);
    const plan = subusers.plan(imported, { uid: 'lc-sub', subuser: 'app', access: 'read' });
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('delete removes the subuser and its key; a second delete succeeds', async () => {
    await subusers.destroy(sub);
    const user = (await rgw.getUser('lc-sub'))!;
    expect(user.subusers ?? []).toEqual([]);
    expect(user.keys.map((k) => k.access_key)).not.toContain(sub.access_key_id);
    await subusers.destroy(sub);
    expect(await subusers.read(sub)).toBeNull();
  });
});

describe('s3admin_rgw_bucket', () => {
  let owner: CtyObject;
  let heir: CtyObject;
  let bucket: CtyObject;
  const policyOf = (uid: string) => ({
    Version: '2012-10-17',
    Statement: [{ Sid: 'BucketUsers', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam:::user/${uid}`] }, Action: 's3:*', Resource: ['arn:aws:s3:::lc-data', 'arn:aws:s3:::lc-data/*'] }],
  });
  const configFor = (key: CtyObject, extra: Record<string, unknown> = {}) => ({
    bucket: 'lc-data',
    owner_uid: key.uid,
    owner_access_key_id: key.access_key_id,
    owner_secret_access_key: key.secret_access_key,
    tags: { Application: 'lifecycle', Team: 'storage' },
    quota: { max_objects: 500 },
    policy: JSON.stringify(policyOf('lc-heir')),
    purge_data: false,
    ...extra,
  });
  const s3As = (key: CtyObject) => new S3BucketClient(clientAs(key.access_key_id, key.secret_access_key));

  beforeAll(async () => {
    owner = await userWithKey('lc-owner');
    heir = await userWithKey('lc-heir');
  });

  test("create: the bucket with its tags, quota and policy, written with the owner's key", async () => {
    const applied = await buckets.apply(null, configFor(owner));
    bucket = applied.state!;

    expect(bucket).toEqual(configFor(owner, { quota: { max_size_bytes: null, max_objects: 500 } }));
    expect(await rgw.bucketStats('lc-data')).toMatchObject({ owner: 'lc-owner', bucket_quota: { enabled: true, max_objects: 500 } });
    const s3 = s3As(owner);
    expect(await s3.getTags('lc-data')).toEqual({ Application: 'lifecycle', Team: 'storage' });
    expect(await s3.getPolicy('lc-data')).toEqual(policyOf('lc-heir'));
  });

  test('a refresh reads the same state, and the re-plan has no change', async () => {
    const read = await buckets.read(bucket);
    expect(read).toEqual(bucket);
    const plan = buckets.plan(read, configFor(owner));
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('a policy the server holds with another key order and spacing is no change', async () => {
    // GIVEN the same policy written again by hand, its keys in another order
    const { Statement, Version } = policyOf('lc-heir');
    const reordered = { Statement: Statement.map(({ Resource, Action, Principal, Effect, Sid }) => ({ Resource, Action, Principal, Effect, Sid })), Version };
    await s3As(owner).putPolicy('lc-data', reordered);

    // WHEN refreshed and planned
    const read = await buckets.read(bucket);
    const plan = buckets.plan(read, configFor(owner));

    // THEN the declared spelling is kept
    expect(read!.policy).toBe(bucket.policy);
    expect(plan.changed).toEqual([]);
  });

  test('a declared policy spelled with another key order and spacing writes nothing', async () => {
    const writes = proxy.writes().length;
    const respelled = JSON.stringify({ Statement: policyOf('lc-heir').Statement, Version: '2012-10-17' }, null, 2);
    const applied = await buckets.apply(bucket, configFor(owner, { policy: respelled }));
    expect(applied.state!.policy).toBe(respelled);
    expect(writesSince(writes)).toEqual([]);
    bucket = applied.state!;
  });

  test('an owner change gives the same bucket to the new owner in place', async () => {
    // GIVEN
    const before = (await rgw.bucketStats('lc-data'))!;

    // WHEN the owner becomes lc-heir, with lc-heir's key
    const applied = await buckets.apply(bucket, configFor(heir));
    bucket = applied.state!;

    // THEN
    expect(applied.replaced).toBe(false);
    expect(applied.changed.sort()).toEqual(['owner_access_key_id', 'owner_secret_access_key', 'owner_uid', 'policy']);
    expect(await rgw.bucketStats('lc-data')).toMatchObject({ id: before.id, owner: 'lc-heir' });
    expect(await rgw.listBuckets('lc-heir')).toEqual(['lc-data']);
    expect(await rgw.listBuckets('lc-owner')).toEqual([]);
    expect(await s3As(heir).getTags('lc-data')).toEqual({ Application: 'lifecycle', Team: 'storage' });
    expect(buckets.plan(await buckets.read(bucket), configFor(heir)).changed).toEqual([]);
  });

  test("import by bucket name: the owner's key comes from the config, and after that apply nothing changes", async () => {
    // WHEN imported (the admin API knows no owner key), then applied with the config
    const imported = (await buckets.import('lc-data'))!;
    const applied = await buckets.apply(imported, configFor(heir));

    // THEN nothing is replaced, and the next plan is empty
    expect(imported).toMatchObject({ bucket: 'lc-data', owner_uid: 'lc-heir', quota: { max_size_bytes: null, max_objects: 500 }, purge_data: false });
    expect(applied.requiresReplace).toEqual([]);
    expect(applied.state).toEqual(bucket);
    expect(buckets.plan(await buckets.read(applied.state!), configFor(heir)).changed).toEqual([]);
  });

  test('fails to delete a bucket that holds objects, saying how, unless purge_data is set', async () => {
    // GIVEN an object in the bucket
    await clientAs(heir.access_key_id, heir.secret_access_key).send({ operation: 'put object', method: 'PUT', path: '/lc-data/hello.txt', body: 'hello' });

    // WHEN deleted without purge_data
    const message = await watch.failure(buckets.destroy(bucket));

    // THEN refused, the bucket stays; with purge_data (set in place) it goes
    expect(message).toMatch(/bucket lc-data is not empty: empty it first, or set purge_data \(purgeData on RgwBucket\)/);
    expect(await rgw.bucketStats('lc-data')).toBeDefined();
    const purging = await buckets.apply(bucket, configFor(heir, { purge_data: true }));
    expect(purging.changed).toEqual(['purge_data']);
    bucket = purging.state!;
    await buckets.destroy(bucket);
    expect(await rgw.bucketStats('lc-data')).toBeUndefined();
  });

  test('a second delete of the deleted bucket succeeds', async () => {
    await buckets.destroy(bucket);
    expect(await buckets.read(bucket)).toBeNull();
  });
});

describe('secrets', () => {
  test('no key secret or admin secret appears in any log line or error message', () => {
    expect(connection.log.length).toBeGreaterThan(0);
    expect(watch.errors.length).toBeGreaterThan(0);
    expect(watch.leaked(connection.log)).toEqual([]);
  });
});
