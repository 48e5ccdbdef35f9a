/**
 * The ostor resource types of the provider against the strict ostor simulator (Signature V2, the documented
 * shapes and limits), with the engine's part played by ResourceDriver: create, enable and disable, key
 * rotation, the two-pair limit, import, delete and delete again, and lost answers. Steps of one describe
 * build on each other, so they run in order.
 */
import { IncomingMessage } from 'node:http';
import { AdminApiError } from '../lib/admin-api/admin-api-error';
import { OstorAdminClient } from '../lib/admin-api/ostor-admin-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { SecretWatch } from './support/provider/secret-watch';
import { ostorAccessKey, ostorUser } from '../lib/provider/resources/ostor';
import { NO_RETRY } from './support/admin-clients';
import { Fault, FaultProxy } from './support/fault-proxy';
import { OstorSimulator } from './support/ostor-simulator';
import { connect, Connection, ResourceDriver } from './support/provider/resource-driver';

const ADMIN = { accessKeyId: 'OSTORADMINKEY0000001', secretAccessKey: 'ostorAdminSecret0123456789abcdefABCDEFGH' };
const ENV = { OSTOR_ADMIN_ACCESS_KEY: ADMIN.accessKeyId, OSTOR_ADMIN_SECRET_KEY: ADMIN.secretAccessKey };
const PROVIDER_CONFIG = { signing: 'v2', access_key_env: 'OSTOR_ADMIN_ACCESS_KEY', secret_key_env: 'OSTOR_ADMIN_SECRET_KEY' };
const EMAIL = 'lc-client@example.com';

/** 'works' when ostor authenticates the pair (an ordinary user is then refused the admin service), 'refused' otherwise. */
async function keyStatus(url: string, accessKeyId: string, secretAccessKey: string): Promise<'works' | 'refused' | 'admin'> {
  const http = new SignedHttpClient({ endpoint: url, signing: 'v2', credentials: { accessKeyId, secretAccessKey }, retry: NO_RETRY });
  try {
    await http.send({ operation: 'probe', method: 'GET', path: '/', query: { 'ostor-users': '' } });
    return 'admin';
  } catch (e) {
    return (e as AdminApiError).code === 'AccessDenied' ? 'works' : 'refused';
  } finally {
    http.close();
  }
}

const statusOf = (url: string, key: CtyObject) => keyStatus(url, key.access_key_id as string, key.secret_access_key as string);

/** Every secret the tests see; none may show in a log line or an error message. */
const watch = new SecretWatch([ADMIN.secretAccessKey]);
const connections: Connection[] = [];

function connectTo(url: string): Connection {
  const connection = connect({ endpoint: url, ...PROVIDER_CONFIG }, ENV);
  connections.push(connection);
  return connection;
}

afterAll(() => {
  for (const connection of connections) connection.endpoint.close();
});

describe('s3admin_ostor_user and s3admin_ostor_access_key on the ostor simulator', () => {
  const sim = new OstorSimulator(ADMIN.accessKeyId, ADMIN.secretAccessKey);
  let url = '';
  let users: ResourceDriver;
  let keys: ResourceDriver;
  const userConfig = { email: EMAIL, enabled: true, purge_data: false };
  const keyConfig = { email: EMAIL, rotation: 1 };
  let user: CtyObject;
  let key: CtyObject;
  const simKeys = () => sim.users.get(EMAIL)?.keys.map((k) => k.AWSAccessKeyId) ?? [];

  beforeAll(async () => {
    url = await sim.start();
    const connection = connectTo(url);
    users = new ResourceDriver(ostorUser, connection);
    keys = new ResourceDriver(ostorAccessKey, connection, { createBeforeDestroy: true });
  });
  afterAll(() => sim.stop());

  test('create: the user is enabled with the id ostor gave, and the key pair ostor hands a new user is revoked at once', async () => {
    user = (await users.apply(null, userConfig)).state!;

    const made = sim.users.get(EMAIL)!;
    expect(user).toEqual({ ...userConfig, user_id: made.id });
    expect(made.state).toBe('enabled');
    expect(made.keys).toEqual([]);
    const signup = sim.issued.filter((k) => k.email === EMAIL);
    expect(signup).toHaveLength(1);
    watch.secrets.add(signup[0].AWSSecretAccessKey);
    expect(await keyStatus(url, signup[0].AWSAccessKeyId, signup[0].AWSSecretAccessKey)).toBe('refused');
  });

  test('a refresh reads the same state, and the re-plan has no change', async () => {
    const read = await users.read(user);
    expect(read).toEqual(user);
    const plan = users.plan(read, userConfig);
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('key: genKey makes a pair that ostor authenticates, and the re-plan has no change', async () => {
    key = watch.kept((await keys.apply(null, keyConfig)).state);

    expect(key).toEqual({ ...keyConfig, access_key_id: expect.stringMatching(new RegExp(`^${user.user_id}`)), secret_access_key: expect.any(String) });
    expect(simKeys()).toEqual([key.access_key_id]);
    expect(await statusOf(url, key)).toBe('works');
    expect(keys.plan(await keys.read(key), keyConfig).changed).toEqual([]);
  });

  test('disable and enable in place: the same user and key; a disabled user cannot authenticate', async () => {
    const disabled = await users.apply(user, { ...userConfig, enabled: false });
    expect(disabled.changed).toEqual(['enabled']);
    expect(disabled.state).toEqual({ ...user, enabled: false });
    expect(sim.users.get(EMAIL)).toMatchObject({ id: user.user_id, state: 'disabled' });
    expect(await statusOf(url, key)).toBe('refused');

    const enabled = await users.apply(disabled.state, userConfig);
    expect(enabled.state).toEqual(user);
    expect(sim.users.get(EMAIL)!.state).toBe('enabled');
    expect(simKeys()).toEqual([key.access_key_id]);
    expect(await statusOf(url, key)).toBe('works');
  });

  test('rotation: the new pair is generated before the old one is revoked; two pairs for a moment, then one', async () => {
    // GIVEN
    const old = key;
    const steps: string[] = [];
    const rotating = new ResourceDriver(ostorAccessKey, connections[0], {
      createBeforeDestroy: true,
      afterOperation: async (operation) => void steps.push(`${operation}: ${simKeys().length} pair(s)`),
    });

    // WHEN the rotation is raised
    const applied = await rotating.apply(old, { ...keyConfig, rotation: 2 });
    key = watch.kept(applied.state);

    // THEN
    expect(applied.requiresReplace).toEqual(['rotation']);
    expect(steps).toEqual(['create: 2 pair(s)', 'delete: 1 pair(s)']);
    expect(simKeys()).toEqual([key.access_key_id]);
    expect(await statusOf(url, key)).toBe('works');
    expect(await statusOf(url, old)).toBe('refused');
  });

  test('fails to generate a third pair, naming the two the user has', async () => {
    // GIVEN a second key resource of the user, so it has the two pairs ostor allows
    const second = watch.kept((await keys.apply(null, keyConfig)).state);

    // WHEN a third one is applied
    const message = await watch.failure(keys.apply(null, keyConfig));

    // THEN it is refused without a genKey, and the two stay
    expect(message).toContain(`ostor user ${EMAIL} already has 2 key pairs (${key.access_key_id}, ${second.access_key_id}), the most ostor allows`);
    expect(simKeys()).toEqual([key.access_key_id, second.access_key_id]);
    await keys.destroy(second);
    expect(simKeys()).toEqual([key.access_key_id]);
  });

  test('import of the user by email: the next plan against the same config has no change', async () => {
    const imported = await users.import(EMAIL);
    expect(imported).toEqual(user);
    const plan = users.plan(imported, userConfig);
    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
  });

  test('import of the key by access key id: the same pair; the next apply only takes the rotation, making no key', async () => {
    const imported = (await keys.import(key.access_key_id as string))!;
    const applied = await keys.apply(imported, { ...keyConfig, rotation: 2 });

    expect(imported).toEqual({ ...key, rotation: null });
    expect(applied.requiresReplace).toEqual([]);
    expect(applied.changed).toEqual(['rotation']);
    expect(applied.state).toEqual(key);
    expect(simKeys()).toEqual([key.access_key_id]);
  });

  test('fails to import a key no user holds', async () => {
    expect(await watch.failure(keys.import('NOSUCHKEY'))).toMatch(/import \(the id is the access key id\) failed: no ostor user holds the key 'NOSUCHKEY'/);
  });

  test('fails to delete a user who owns buckets, naming them, unless purge_data is set', async () => {
    // GIVEN a user with an (empty) bucket
    const owner = (await users.apply(null, { email: 'lc-owner@example.com', enabled: true, purge_data: false })).state!;
    sim.addBucket('lc-data', 'lc-owner@example.com');

    // WHEN deleted without purge_data, THEN refused, nothing removed
    expect(await watch.failure(users.destroy(owner))).toMatch(/ostor user lc-owner@example.com still owns 1 bucket\(s\): lc-data\. Delete them first, or set purge_data/);
    expect(sim.users.has('lc-owner@example.com')).toBe(true);
    expect(sim.buckets.has('lc-data')).toBe(true);

    // WHEN purge_data is set in place and the user deleted, THEN both go
    const purging = await users.apply(owner, { email: 'lc-owner@example.com', enabled: true, purge_data: true });
    expect(purging.changed).toEqual(['purge_data']);
    await users.destroy(purging.state!);
    expect(sim.users.has('lc-owner@example.com')).toBe(false);
    expect(sim.buckets.has('lc-data')).toBe(false);
  });

  test('delete of the key revokes it; a second delete succeeds', async () => {
    await keys.destroy(key);
    expect(simKeys()).toEqual([]);
    expect(await statusOf(url, key)).toBe('refused');
    await keys.destroy(key);
    expect(await keys.read(key)).toBeNull();
  });

  test('delete of the user removes it; a second delete succeeds, and so does one of a key of the deleted user', async () => {
    await users.destroy(user);
    expect(sim.users.has(EMAIL)).toBe(false);
    await users.destroy(user);
    await keys.destroy(key);
    expect(await users.read(user)).toBeNull();
  });
});

describe('ostor resources when answers are lost', () => {
  const sim = new OstorSimulator(ADMIN.accessKeyId, ADMIN.secretAccessKey);
  /** Which calls lose their answer: the next one of each kind, after the server acted on it. */
  const losing = new Set<string>();
  const lost: string[] = [];
  const kindOf = (method: string, url: string) =>
    method === 'PUT' && /ostor-users/.test(url) ? 'create user' : /genKey/.test(url) ? 'genKey' : /revokeKey/.test(url) ? 'revokeKey' : method === 'DELETE' && /ostor-users/.test(url) ? 'delete user' : undefined;
  const loseChosen = (_n: number, req: IncomingMessage): Fault => {
    const kind = kindOf(req.method ?? '', req.url ?? '');
    if (!kind || !losing.delete(kind)) return 'pass';
    lost.push(kind);
    return 'lost-answer';
  };
  let simUrl = '';
  let proxy: FaultProxy;
  let users: ResourceDriver;
  let keys: ResourceDriver;
  let user: CtyObject;
  let key: CtyObject;
  const simKeys = () => sim.users.get(EMAIL)?.keys.map((k) => k.AWSAccessKeyId) ?? [];

  beforeAll(async () => {
    simUrl = await sim.start();
    proxy = new FaultProxy(simUrl, loseChosen);
    const connection = connectTo(await proxy.start());
    users = new ResourceDriver(ostorUser, connection);
    keys = new ResourceDriver(ostorAccessKey, connection, { createBeforeDestroy: true });
  });
  afterAll(async () => {
    await proxy.stop();
    await sim.stop();
  });

  test('create user (and the revoke of its first pair) and genKey: one user with one working pair', async () => {
    ['create user', 'genKey', 'revokeKey'].forEach((k) => losing.add(k));
    user = (await users.apply(null, { email: EMAIL, enabled: true, purge_data: false })).state!;
    key = watch.kept((await keys.apply(null, { email: EMAIL, rotation: 1 })).state);

    expect(lost).toEqual(['create user', 'revokeKey', 'genKey']);
    expect([...sim.users.keys()]).toEqual([EMAIL]);
    expect(user.user_id).toBe(sim.users.get(EMAIL)!.id);
    expect(simKeys()).toEqual([key.access_key_id]);
    expect(await statusOf(simUrl, key)).toBe('works');
  });

  test('rotation with genKey and revokeKey losing their answers: one pair, the new one, working', async () => {
    const old = key;
    ['genKey', 'revokeKey'].forEach((k) => losing.add(k));
    key = watch.kept((await keys.apply(old, { email: EMAIL, rotation: 2 })).state);

    expect(lost.slice(3)).toEqual(['genKey', 'revokeKey']);
    expect(simKeys()).toEqual([key.access_key_id]);
    expect(key.access_key_id).not.toBe(old.access_key_id);
    expect(await statusOf(simUrl, key)).toBe('works');
  });

  test('delete of the user losing its answer: the user is gone', async () => {
    losing.add('delete user');
    await keys.destroy(key);
    await users.destroy(user);

    expect(lost.slice(5)).toEqual(['delete user']);
    expect(sim.users.size).toBe(0);
  });
});

describe('ostor simulator strictness', () => {
  const sim = new OstorSimulator(ADMIN.accessKeyId, ADMIN.secretAccessKey);
  let url = '';
  beforeAll(async () => (url = await sim.start()));
  afterAll(() => sim.stop());
  const clientWith = (credentials: typeof ADMIN, now?: () => Date) =>
    new OstorAdminClient(new SignedHttpClient({ endpoint: url, signing: 'v2', credentials, retry: NO_RETRY, now }));

  test('refuses a wrong signature', async () => {
    await expect(clientWith({ ...ADMIN, secretAccessKey: 'wrong' }).listUsers()).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  test('refuses an unknown access key and a skewed clock', async () => {
    await expect(clientWith({ accessKeyId: 'NOPE', secretAccessKey: 'x' }).listUsers()).rejects.toMatchObject({ code: 'InvalidAccessKeyId' });
    await expect(clientWith(ADMIN, () => new Date(Date.now() - 3_600_000)).listUsers()).rejects.toMatchObject({ code: 'RequestTimeTooSkewed' });
  });

  test('answers the documented shapes: create returns the first key pair, query lists them', async () => {
    const c = clientWith(ADMIN);
    const created = await c.createUser('shape@example.com');
    expect(created).toMatchObject({
      UserEmail: 'shape@example.com',
      UserId: expect.stringMatching(/^[0-9a-f]{16}$/),
      AWSAccessKeys: [expect.objectContaining({ AWSAccessKeyId: expect.stringMatching(new RegExp(`^${created.UserId}`)) })],
    });
    expect((await c.getUser('shape@example.com'))!.State).toBe('enabled');
    expect(await c.listUsers()).toEqual([expect.objectContaining({ UserEmail: 'shape@example.com', State: 'enabled', OwnerId: '0000000000000000' })]);
  });

  test('refuses a third key pair, an unknown email, and the revoke of an unknown key', async () => {
    const c = clientWith(ADMIN);
    await c.generateKey('shape@example.com', []);
    await expect(c.generateKey('shape@example.com', [])).rejects.toMatchObject({ status: 409, code: 'TooManyKeys' });
    expect(await c.getUser('nobody@example.com')).toBeUndefined();
    await expect(c.revokeKey('shape@example.com', 'NOSUCHKEY')).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' });
  });
});

describe('secrets', () => {
  test('no key secret or admin secret appears in any log line or error message', () => {
    const lines = connections.flatMap((c) => c.log);
    expect(lines.length).toBeGreaterThan(0);
    expect(watch.errors.length).toBeGreaterThan(0);
    expect(watch.leaked(lines)).toEqual([]);
  });
});
