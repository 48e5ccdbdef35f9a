import { IncomingMessage } from 'node:http';
import { AdminApiError } from '../lib/admin-api/admin-api-error';
import { OstorAdminClient } from '../lib/admin-api/ostor-admin-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { OstorExampleProps, OstorExampleStack } from '../stacks/ostor-example';
import { NO_RETRY } from './support/admin-clients';
import { Fault, FaultProxy } from './support/fault-proxy';
import { OstorSimulator } from './support/ostor-simulator';
import { synthToDir } from './support/stack-dir';
import { TfJson } from './support/synth';
import { TerraformRunner } from './support/terraform-runner';

const ADMIN = { accessKeyId: 'OSTORADMINKEY0000001', secretAccessKey: 'ostorAdminSecret0123456789abcdefABCDEFGH' };

describe('ostor constructs on the ostor simulator', () => {
  const sim = new OstorSimulator(ADMIN.accessKeyId, ADMIN.secretAccessKey);
  let url = '';
  let runner: TerraformRunner;
  let current: { stackDir: string; json: TfJson };
  const synth = (props: OstorExampleProps = {}) => synthToDir('ostor-example', (app) => new OstorExampleStack(app, 'ostor-example', { url, ...props }));
  const client = () => new OstorAdminClient(new SignedHttpClient({ endpoint: url, signing: 'v2', credentials: ADMIN, retry: NO_RETRY }));
  /** 'works' when ostor authenticates the key (an ordinary user is then refused the admin service), 'refused' otherwise. */
  const keyStatus = async (accessKeyId: string, secretAccessKey: string) => {
    const http = new SignedHttpClient({ endpoint: url, signing: 'v2', credentials: { accessKeyId, secretAccessKey }, retry: NO_RETRY });
    try {
      await http.send({ operation: 'probe', method: 'GET', path: '/', query: { 'ostor-users': '' } });
      return 'admin';
    } catch (e) {
      return (e as AdminApiError).code === 'AccessDenied' ? 'works' : 'refused';
    } finally {
      http.close();
    }
  };
  const keys = () => sim.users.get('client@example.com')?.keys ?? [];

  beforeAll(async () => {
    url = await sim.start();
    runner = new TerraformRunner({ ...process.env, OSTOR_ADMIN_ACCESS_KEY: ADMIN.accessKeyId, OSTOR_ADMIN_SECRET_KEY: ADMIN.secretAccessKey });
  });
  afterAll(() => sim.stop());

  test('create: the user exists, enabled, with exactly one working key pair (the one ostor gave at signup is revoked)', async () => {
    current = synth();
    await runner.apply(current.stackDir, current.json);
    expect(sim.users.get('client@example.com')?.state).toBe('enabled');
    expect(keys()).toHaveLength(1);
    expect(await keyStatus(keys()[0].AWSAccessKeyId, keys()[0].AWSSecretAccessKey)).toBe('works');
  });

  test('update: disabling keeps the same user id and key', async () => {
    const { id } = sim.users.get('client@example.com')!;
    const keyId = keys()[0].AWSAccessKeyId;
    current = synth({ enabled: false });
    const ran = await runner.apply(current.stackDir, current.json);
    expect(ran.map((c) => c.command.split(' ').pop())).toEqual(['reconcile']);
    expect(sim.users.get('client@example.com')).toMatchObject({ id, state: 'disabled' });
    expect(keys().map((k) => k.AWSAccessKeyId)).toEqual([keyId]);
    current = synth({ enabled: true });
    await runner.apply(current.stackDir, current.json);
  });

  test('re-apply without a change runs nothing', async () => {
    const same = synth({ enabled: true });
    expect(await runner.apply(same.stackDir, same.json)).toEqual([]);
  });

  test('rotation: genKey before revokeKey; the new pair works, the old one is refused', async () => {
    const old = keys()[0];
    const requestsBefore = sim.requests.length;
    current = synth({ enabled: true, keyRotation: 2 });
    await runner.apply(current.stackDir, current.json);
    const calls = sim.requests.slice(requestsBefore).map((r) => r.query).filter((q) => /genKey|revokeKey/.test(q));
    expect(calls[0]).toMatch(/genKey/);
    expect(calls[1]).toMatch(new RegExp(`revokeKey=${old.AWSAccessKeyId}`));
    expect(keys()).toHaveLength(1);
    expect(keys()[0].AWSAccessKeyId).not.toBe(old.AWSAccessKeyId);
    expect(await keyStatus(keys()[0].AWSAccessKeyId, keys()[0].AWSSecretAccessKey)).toBe('works');
    expect(await keyStatus(old.AWSAccessKeyId, old.AWSSecretAccessKey)).toBe('refused');
  });

  test('destroy removes user and key; a second destroy succeeds', async () => {
    await runner.apply(current.stackDir, undefined);
    expect(sim.users.size).toBe(0);
    await new TerraformRunner({ ...process.env, OSTOR_ADMIN_ACCESS_KEY: ADMIN.accessKeyId, OSTOR_ADMIN_SECRET_KEY: ADMIN.secretAccessKey }).replay(current.stackDir).catch(() => undefined);
  });

  test('fails to delete a user who owns buckets, naming them; purgeData deletes the empty buckets with it', async () => {
    const c = client();
    await c.createUser('owner@example.com');
    sim.addBucket('data', 'owner@example.com');
    const ctxEnv = { ...process.env, OSTOR_ADMIN_ACCESS_KEY: ADMIN.accessKeyId, OSTOR_ADMIN_SECRET_KEY: ADMIN.secretAccessKey };
    const { runHandler } = await import('../lib/runtime/handler');
    const request = (purgeData: boolean) =>
      JSON.stringify({ kind: 'ostor-user', endpoint: { url, signing: 'v2', credentials: { accessKeyEnv: 'OSTOR_ADMIN_ACCESS_KEY', secretKeyEnv: 'OSTOR_ADMIN_SECRET_KEY' } }, props: { email: 'owner@example.com', enabled: true, purgeData } });
    const lines: string[] = [];
    const io = { log: (l: string) => lines.push(l), readInput: async () => '', write: () => undefined };
    expect(await runHandler(['delete'], { ...ctxEnv, S3ADMIN_REQUEST: request(false) }, io)).toBe(1);
    expect(lines.join('\n')).toMatch(/ostor user owner@example.com still owns 1 bucket\(s\): data\. Delete them first, or set purgeData: true/);
    expect(await runHandler(['delete'], { ...ctxEnv, S3ADMIN_REQUEST: request(true) }, io)).toBe(0);
    expect(sim.users.has('owner@example.com')).toBe(false);
    expect(sim.buckets.size).toBe(0);
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
    expect(created).toMatchObject({ UserEmail: 'shape@example.com', UserId: expect.stringMatching(/^[0-9a-f]{16}$/), AWSAccessKeys: [expect.objectContaining({ AWSAccessKeyId: expect.stringMatching(new RegExp(`^${created.UserId}`)) })] });
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

describe('ostor constructs when answers are lost', () => {
  const sim = new OstorSimulator(ADMIN.accessKeyId, ADMIN.secretAccessKey);
  /** Which calls lose their answer: the first of each kind after the server acted on it. */
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
  let proxy: FaultProxy;
  let runner: TerraformRunner;
  let proxyUrl = '';
  const keys = () => sim.users.get('client@example.com')?.keys ?? [];

  beforeAll(async () => {
    proxy = new FaultProxy(await sim.start(), loseChosen);
    proxyUrl = await proxy.start();
    runner = new TerraformRunner({ ...process.env, OSTOR_ADMIN_ACCESS_KEY: ADMIN.accessKeyId, OSTOR_ADMIN_SECRET_KEY: ADMIN.secretAccessKey });
  });
  afterAll(async () => {
    await proxy.stop();
    await sim.stop();
  });

  test('a lost answer to create user, genKey or revokeKey: the apply converges to one user with one working key', async () => {
    ['create user', 'genKey', 'revokeKey'].forEach((k) => losing.add(k));
    const first = synthToDir('ostor-example', (app) => new OstorExampleStack(app, 'ostor-example', { url: proxyUrl }));
    await runner.apply(first.stackDir, first.json);
    expect(lost).toEqual(['create user', 'revokeKey', 'genKey']);
    expect(sim.users.size).toBe(1);
    expect(keys()).toHaveLength(1);

    losing.add('genKey');
    losing.add('revokeKey');
    const rotated = synthToDir('ostor-example', (app) => new OstorExampleStack(app, 'ostor-example', { url: proxyUrl, keyRotation: 2 }));
    const old = keys()[0].AWSAccessKeyId;
    await runner.apply(rotated.stackDir, rotated.json);
    expect(lost.slice(3)).toEqual(['genKey', 'revokeKey']);
    expect(keys()).toHaveLength(1);
    expect(keys()[0].AWSAccessKeyId).not.toBe(old);

    losing.add('delete user');
    await runner.apply(rotated.stackDir, undefined);
    expect(lost.slice(5)).toEqual(['delete user']);
    expect(sim.users.size).toBe(0);
  });
});
