import { SecretWatch } from './support/provider/secret-watch';
/**
 * The VersityGW resource types of the provider against a real versitygw, with the engine's part played by
 * ResourceDriver: create, rotation, role change, bucket ownership, import, delete and delete again, and the
 * same with every write losing its answer. Steps of one describe build on each other, so they run in order.
 */
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { VersityAdminClient } from '../lib/admin-api/versity-admin-client';
import { CtyObject, isUnknown } from '../lib/provider/protocol/cty-value';
import { versityBucketOwner, versityUser } from '../lib/provider/resources/versity';
import { listBucketsWith, NO_RETRY } from './support/admin-clients';
import { Fault, FaultProxy } from './support/fault-proxy';
import { connect, Connection, ResourceDriver } from './support/provider/resource-driver';

const ADMIN_URL = process.env.VERSITY_ADMIN_ENDPOINT!;
const S3_URL = process.env.VERSITY_S3_ENDPOINT!;
const ROOT = { accessKeyId: process.env.VERSITY_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.VERSITY_ADMIN_SECRET_KEY! };
const PROVIDER_CONFIG = { access_key_env: 'VERSITY_ADMIN_ACCESS_KEY', secret_key_env: 'VERSITY_ADMIN_SECRET_KEY' };
const BUCKETS = ['lc-versity-shared', 'lc-versity-lossy'];

const adminHttp = new SignedHttpClient({ endpoint: ADMIN_URL, credentials: ROOT, retry: NO_RETRY });
const admin = new VersityAdminClient(adminHttp);
const ownerOf = async (bucket: string) => (await admin.listBuckets()).find((b) => b.name === bucket)?.owner;
const works = (state: CtyObject, secret = state.secret_access_key) => listBucketsWith(S3_URL, state.access_key_id as string, secret as string);

/** Every secret the tests see; none may show in a log line or an error message. */
const watch = new SecretWatch([ROOT.secretAccessKey]);
const connections: Connection[] = [];
/** The users this file made (their ids are generated). */
const made = new Set<string>();

/** The state, with its secrets remembered and its user recorded for the clean-up. */
function kept(state: CtyObject | null): CtyObject {
  if (typeof state?.access_key_id === 'string') made.add(state.access_key_id);
  return watch.kept(state);
}

function connectTo(url: string): Connection {
  const connection = connect({ endpoint: url, ...PROVIDER_CONFIG }, process.env);
  connections.push(connection);
  return connection;
}

/** The users of this file go (their buckets back to root first); the buckets stay, for the next run. */
async function removeLeftovers(): Promise<void> {
  for (const bucket of BUCKETS) {
    const owner = await ownerOf(bucket);
    if (owner && owner !== ROOT.accessKeyId) await admin.changeBucketOwner(bucket, ROOT.accessKeyId);
  }
  for (const user of await admin.listUsers()) if (user.access.startsWith('lc-') || made.has(user.access)) await admin.deleteUser(user.access);
}

beforeAll(async () => {
  await removeLeftovers();
  const s3 = new SignedHttpClient({ endpoint: S3_URL, credentials: ROOT, retry: NO_RETRY });
  for (const bucket of BUCKETS) if (!(await ownerOf(bucket))) await s3.send({ operation: 'create bucket', method: 'PUT', path: `/${bucket}` });
  s3.close();
});

afterAll(async () => {
  await removeLeftovers();
  for (const connection of connections) connection.endpoint.close();
  adminHttp.close();
});

describe('s3admin_versity_user and s3admin_versity_bucket_owner', () => {
  const connection = connectTo(ADMIN_URL);
  const users = new ResourceDriver(versityUser, connection);
  const owners = new ResourceDriver(versityBucketOwner, connection);
  const config = { rotation: 1, role: 'user', user_id: 1001, group_id: 1001 };
  let user: CtyObject;
  let ownership: CtyObject;

  test('create: the provider generates the access key id and secret, and they work for S3', async () => {
    // GIVEN a config that leaves the access key id out
    // WHEN
    const applied = await users.apply(null, config);
    user = kept(applied.state);

    // THEN
    expect(user).toEqual({ ...config, access_key_id: expect.stringMatching(/^[A-Z0-9]{20}$/), secret_access_key: expect.stringMatching(/^.{40}$/) });
    expect(await admin.findUser(user.access_key_id as string)).toEqual({ access: user.access_key_id, secret: user.secret_access_key, role: 'user', userId: 1001, groupId: 1001 });
    expect(await works(user)).toBe(200);
  });

  test('a refresh reads the same state, and the re-plan has no change', async () => {
    const read = await users.read(user);
    expect(read).toEqual(user);
    const plan = users.plan(read, config);
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('rotation: a new secret in place, the same access key id; the new secret works, the old one is refused', async () => {
    // GIVEN
    const old = user;

    // WHEN the rotation is raised
    const plan = users.plan(old, { ...config, rotation: 2 });
    const applied = await users.apply(old, { ...config, rotation: 2 });
    user = kept(applied.state);

    // THEN the plan leaves the secret to the apply, which sets a new one in place
    expect(isUnknown(plan.planned!.secret_access_key)).toBe(true);
    expect(plan.requiresReplace).toEqual([]);
    expect(applied.replaced).toBe(false);
    expect(user.access_key_id).toBe(old.access_key_id);
    expect(user.secret_access_key).not.toBe(old.secret_access_key);
    expect(await works(user)).toBe(200);
    expect(await works(old)).toBe(403);
  });

  test('a role change re-creates the account with the same keys, which keep working', async () => {
    const applied = await users.apply(user, { ...config, rotation: 2, role: 'userplus' });

    expect(applied.changed).toEqual(['role']);
    expect(applied.state).toEqual({ ...user, role: 'userplus' });
    expect(await admin.findUser(user.access_key_id as string)).toEqual({ access: user.access_key_id, secret: user.secret_access_key, role: 'userplus', userId: 1001, groupId: 1001 });
    expect(await works(user)).toBe(200);
    user = applied.state!;
  });

  test('bucket owner: the bucket is given to the user, and the re-plan has no change', async () => {
    const applied = await owners.apply(null, { bucket: 'lc-versity-shared', owner: user.access_key_id });
    ownership = applied.state!;

    expect(ownership).toEqual({ bucket: 'lc-versity-shared', owner: user.access_key_id });
    expect(await ownerOf('lc-versity-shared')).toBe(user.access_key_id);
    expect(owners.plan(await owners.read(ownership), { bucket: 'lc-versity-shared', owner: user.access_key_id }).changed).toEqual([]);
  });

  test('bucket owner: import by bucket name, and the next plan has no change', async () => {
    const imported = await owners.import('lc-versity-shared');
    expect(imported).toEqual(ownership);
    const plan = owners.plan(imported, { bucket: 'lc-versity-shared', owner: user.access_key_id });
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('fails to delete a user who still owns a bucket, naming it', async () => {
    const message = await watch.failure(users.destroy(user));

    expect(message).toContain(`VersityGW user ${user.access_key_id} still owns bucket(s) lc-versity-shared: give them to another user or delete them first`);
    expect(await admin.findUser(user.access_key_id as string)).toBeDefined();
  });

  test('bucket owner: delete gives the bucket back to the admin account; a second delete succeeds', async () => {
    await owners.destroy(ownership);
    expect(await ownerOf('lc-versity-shared')).toBe(ROOT.accessKeyId);
    await owners.destroy(ownership);
    expect(await ownerOf('lc-versity-shared')).toBe(ROOT.accessKeyId);
  });

  test('import by access key id: the state of the user, and applying the config keeps its secret', async () => {
    // WHEN imported (the import cannot know the rotation) and applied with the config
    const imported = (await users.import(user.access_key_id as string))!;
    const applied = await users.apply(imported, { ...config, rotation: 2, role: 'userplus' });

    // THEN the user is adopted as it is: its clients' secret keeps working
    expect(imported).toEqual({ ...user, rotation: null });
    expect(applied.requiresReplace).toEqual([]);
    expect(applied.state).toEqual(user);
    expect(await works(user)).toBe(200);
  });

  test('delete removes the user; a second delete succeeds', async () => {
    await users.destroy(user);
    expect(await admin.findUser(user.access_key_id as string)).toBeUndefined();
    expect(await works(user)).toBe(403);
    await users.destroy(user);
    expect(await users.read(user)).toBeNull();
  });
});

describe('VersityGW resources when every write loses its first answer', () => {
  // the gateway acts on each write, then the proxy drops the connection before its answer arrives
  const answered = new Set<string>();
  const proxy = new FaultProxy(ADMIN_URL, (_n, req): Fault => {
    const call = req.url ?? '';
    if (/^\/list-/.test(call) || answered.has(call)) return 'pass';
    answered.add(call);
    return 'lost-answer';
  });
  let users: ResourceDriver;
  let owners: ResourceDriver;
  const config = { access_key_id: 'lc-lossy', rotation: 1, role: 'user', user_id: 0, group_id: 0 };
  let user: CtyObject;
  let ownership: CtyObject;

  beforeAll(async () => {
    const connection = connectTo(await proxy.start());
    users = new ResourceDriver(versityUser, connection);
    owners = new ResourceDriver(versityBucketOwner, connection);
  });
  afterAll(() => proxy.stop());

  test('create of the user and the ownership converge: one user whose secret works, the bucket given', async () => {
    user = kept((await users.apply(null, config)).state);
    ownership = (await owners.apply(null, { bucket: 'lc-versity-lossy', owner: 'lc-lossy' })).state!;

    expect((await admin.listUsers()).filter((u) => u.access === 'lc-lossy')).toEqual([expect.objectContaining({ secret: user.secret_access_key, role: 'user' })]);
    expect(await works(user)).toBe(200);
    expect(await ownerOf('lc-versity-lossy')).toBe('lc-lossy');
  });

  test('a rotation converges: the new secret of the state works', async () => {
    const old = user;
    user = kept((await users.apply(user, { ...config, rotation: 2 })).state);

    expect(await admin.findUser('lc-lossy')).toMatchObject({ role: 'user', secret: user.secret_access_key });
    expect(user.secret_access_key).not.toBe(old.secret_access_key);
    expect(await works(user)).toBe(200);
  });

  test('a role change converges: one account, with the role and the same secret', async () => {
    answered.clear();
    user = kept((await users.apply(user, { ...config, rotation: 2, role: 'admin' })).state);

    expect((await admin.listUsers()).filter((u) => u.access === 'lc-lossy')).toEqual([expect.objectContaining({ role: 'admin', secret: user.secret_access_key })]);
    expect(await works(user)).toBe(200);
  });

  test('delete converges: the bucket back to the admin account, the user gone', async () => {
    answered.clear();
    await owners.destroy(ownership);
    await users.destroy(user);

    expect(await ownerOf('lc-versity-lossy')).toBe(ROOT.accessKeyId);
    expect(await admin.findUser('lc-lossy')).toBeUndefined();
    const lost = proxy.records.filter((r) => r.fault === 'lost-answer').map((r) => r.url.replace(/\?.*/, ''));
    expect(new Set(lost)).toEqual(new Set(['/create-user', '/update-user', '/delete-user', '/change-bucket-owner']));
  });
});

describe('secrets', () => {
  test('no user secret or admin secret appears in any log line or error message', () => {
    const lines = connections.flatMap((c) => c.log);
    expect(lines.length).toBeGreaterThan(0);
    expect(watch.errors.length).toBeGreaterThan(0);
    expect(watch.leaked(lines)).toEqual([]);
  });
});
