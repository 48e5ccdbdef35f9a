import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { VersityAdminClient } from '../lib/admin-api/versity-admin-client';
import { VersityExampleProps, VersityExampleStack } from '../stacks/versity-example';
import { listBucketsWith } from './support/admin-clients';
import { FaultProxy } from './support/fault-proxy';
import { synthToDir } from './support/stack-dir';
import { TfJson } from './support/synth';
import { TerraformRunner } from './support/terraform-runner';

/** The VersityGW constructs against a real versitygw, driven by the commands in cdk.tf.json. */
describe('VersityGW constructs on a real versitygw', () => {
  const adminUrl = process.env.VERSITY_ADMIN_ENDPOINT!;
  const s3Url = process.env.VERSITY_S3_ENDPOINT!;
  const root = { accessKeyId: process.env.VERSITY_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.VERSITY_ADMIN_SECRET_KEY! };
  const http = new SignedHttpClient({ endpoint: adminUrl, credentials: root });
  const admin = new VersityAdminClient(http);
  const runner = new TerraformRunner(process.env);
  const synth = (props: VersityExampleProps = {}) => synthToDir('versity-example', (app) => new VersityExampleStack(app, 'versity-example', { url: adminUrl, ...props }));
  const secretOf = (_json: TfJson, prefix: string) => runner.drawn(`${prefix}_KeyPair_SecretKey`);
  const user = (access: string) => admin.findUser(access);
  let current: { stackDir: string; json: TfJson };

  beforeAll(async () => {
    const s3 = new SignedHttpClient({ endpoint: s3Url, credentials: root });
    await s3.send({ operation: 'create shared bucket', method: 'PUT', path: '/foobar-shared' });
    s3.close();
  });
  afterAll(() => http.close());

  test('create: users with their roles and ids, a working key, and the bucket given to alice', async () => {
    current = synth();
    await runner.apply(current.stackDir, current.json);
    expect(await user('foobar-alice')).toMatchObject({ role: 'user', userId: 1001, groupId: 1001 });
    const bobId = runner.drawn('Bob_KeyPair_AccessKeyId');
    expect(await user(bobId)).toMatchObject({ role: 'userplus' });
    expect((await admin.listBuckets()).find((b) => b.name === 'foobar-shared')?.owner).toBe('foobar-alice');
    expect(await listBucketsWith(s3Url, 'foobar-alice', secretOf(current.json, 'Alice'))).toBe(200);
  });

  test('update: a new role is applied with the same access key and secret', async () => {
    const next = synth({ aliceRole: 'userplus' });
    const ran = await runner.apply(next.stackDir, next.json);
    current = next;
    expect(ran.map((c) => c.command.split(' ').pop())).toEqual(['reconcile']);
    expect(await user('foobar-alice')).toMatchObject({ role: 'userplus', userId: 1001 });
    expect(await listBucketsWith(s3Url, 'foobar-alice', secretOf(next.json, 'Alice'))).toBe(200);
  });

  test('re-apply without a change runs nothing', async () => {
    const same = synth({ aliceRole: 'userplus' });
    expect(await runner.apply(same.stackDir, same.json)).toEqual([]);
  });

  test('rotation: the new secret works, the old one is refused, the access key id stays', async () => {
    const oldSecret = secretOf(current.json, 'Alice');
    const next = synth({ aliceRole: 'userplus', aliceKeyRotation: 2 });
    await runner.apply(next.stackDir, next.json);
    current = next;
    const newSecret = secretOf(next.json, 'Alice');
    expect(newSecret).not.toBe(oldSecret);
    expect(await listBucketsWith(s3Url, 'foobar-alice', newSecret)).toBe(200);
    expect(await listBucketsWith(s3Url, 'foobar-alice', oldSecret)).toBe(403);
  });

  test('destroy removes the users and gives the bucket back; a second destroy succeeds', async () => {
    await runner.apply(current.stackDir, undefined);
    expect((await admin.listUsers()).map((u) => u.access)).toEqual([]);
    expect((await admin.listBuckets()).find((b) => b.name === 'foobar-shared')?.owner).toBe(root.accessKeyId);
    await new TerraformRunner(process.env).replay(current.stackDir).catch(() => undefined);
  });

  test('every write loses its first answer after the gateway acted on it: create, role change, rotation and destroy still converge', async () => {
    const answered = new Set<string>();
    const proxy = new FaultProxy(adminUrl, (_n, req) => {
      const call = req.url ?? '';
      if (/^\/list-/.test(call) || answered.has(call)) return 'pass';
      answered.add(call);
      return 'lost-answer';
    });
    const url = await proxy.start();
    const lossy = (props: VersityExampleProps) => synthToDir('versity-lossy', (app) => new VersityExampleStack(app, 'versity-lossy', { url, tenant: 'lossy', ...props }));
    try {
      const first = lossy({});
      await runner.apply(first.stackDir, first.json);
      expect(await user('lossy-alice')).toMatchObject({ role: 'user' });
      expect((await admin.listBuckets()).find((b) => b.name === 'foobar-shared')?.owner).toBe('lossy-alice');

      answered.clear();
      const changed = lossy({ aliceRole: 'admin', aliceKeyRotation: 2 });
      await runner.apply(changed.stackDir, changed.json);
      expect(await user('lossy-alice')).toMatchObject({ role: 'admin', secret: secretOf(changed.json, 'Alice') });

      answered.clear();
      await runner.apply(changed.stackDir, undefined);
      expect((await admin.listUsers()).map((u) => u.access)).toEqual([]);
      expect((await admin.listBuckets()).find((b) => b.name === 'foobar-shared')?.owner).toBe(root.accessKeyId);
      const lost = proxy.records.filter((r) => r.fault === 'lost-answer').map((r) => r.url.replace(/\?.*/, ''));
      expect(new Set(lost)).toEqual(new Set(['/create-user', '/change-bucket-owner', '/delete-user']));
    } finally {
      await proxy.stop();
    }
  });
});
