import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { VersityAdminClient } from '../../lib/admin-api/versity-admin-client';
import { listBucketsWith } from '../support/admin-clients';
import { E2eRun } from './e2e-run';

const LISTS = /^\/list-(users|buckets)/;

/**
 * stacks/versity-example.ts deployed with `cdktf deploy` on OpenTofu against the real versitygw, through a
 * proxy that counts the admin calls and can play an outage.
 */
describe('e2e: VersityGW example stack with cdktf and OpenTofu', () => {
  const root = { accessKeyId: process.env.VERSITY_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.VERSITY_ADMIN_SECRET_KEY! };
  const s3Url = process.env.VERSITY_S3_ENDPOINT!;
  const http = new SignedHttpClient({ endpoint: process.env.VERSITY_ADMIN_ENDPOINT!, credentials: root });
  const admin = new VersityAdminClient(http);
  const run = new E2eRun(process.env.VERSITY_ADMIN_ENDPOINT!, 'versity-example', 'VersityExampleStack');
  const deploy = run.deploy.bind(run);
  const user = async (access: string) => (await admin.listUsers()).find((u) => u.access === access);
  const aliceSecret = async () => (await run.project.showJson()).values.outputs.alice_secret_access_key.value as string;
  const listBucketsStatus = (secret: string) => listBucketsWith(s3Url, 'e2e-alice', secret);
  const writes = () => run.proxy.writes().filter((r) => !LISTS.test(r.url));

  beforeAll(async () => {
    const s3 = new SignedHttpClient({ endpoint: s3Url, credentials: root });
    await s3.send({ operation: 'create bucket', method: 'PUT', path: '/e2e-shared' });
    s3.close();
    await run.start({ tenant: 'e2e', sharedBucket: 'e2e-shared' });
  });
  afterAll(async () => {
    await run.stop('e2e VersityGW phases');
    http.close();
  });

  test('1. deploy: users with their roles, the bucket given to alice, and a key that works for real S3 calls', async () => {
    expect((await deploy('deploy')).code).toBe(0);
    expect(await user('e2e-alice')).toMatchObject({ role: 'user', userId: 1001, groupId: 1001 });
    expect((await admin.listBuckets()).find((b) => b.name === 'e2e-shared')?.owner).toBe('e2e-alice');
    expect(await listBucketsStatus(await aliceSecret())).toBe(200);
  });

  test('2. a changed role is applied keeping the same access key and secret', async () => {
    const secret = await aliceSecret();
    const result = await deploy('update in place (role)', { aliceRole: 'userplus' });
    expect(result.code).toBe(0);
    expect(result.log).not.toMatch(/_Object_\w+[^\n]*: Destroying/);
    expect(await user('e2e-alice')).toMatchObject({ role: 'userplus', userId: 1001 });
    expect(await aliceSecret()).toBe(secret);
    expect(await listBucketsStatus(secret)).toBe(200);
  });

  test('3. deploying again plans nothing and the server sees no write', async () => {
    const before = writes().length;
    expect((await deploy('re-deploy without a change')).code).toBe(0);
    expect(writes().length).toBe(before);
    expect((await run.clock.time('plan', () => run.project.plan())).code).toBe(0);
  });

  test('4. rotation: the new secret works, the old one is refused', async () => {
    const old = await aliceSecret();
    expect((await deploy('rotate the secret', { aliceKeyRotation: 2 })).code).toBe(0);
    const rotated = await aliceSecret();
    expect(rotated).not.toBe(old);
    expect(await listBucketsStatus(rotated)).toBe(200);
    expect(await listBucketsStatus(old)).toBe(403);
  });

  test('6. no secret in cdk.tf.json, in the deploy logs, or as a non-sensitive value of show -json', async () => {
    const secrets = await run.drawnSecrets();
    expect(secrets).toHaveLength(2);
    expect(await run.leakedSecrets(secrets)).toEqual([]);
  });

  test('7. an outage fails the deploy with a clear error; once the gateway is back the next deploy converges', async () => {
    run.outage = true;
    const failed = await deploy('deploy during an outage (503s)', { aliceRole: 'user' });
    run.outage = false;
    expect(failed.code).not.toBe(0);
    expect(failed.log).toMatch(/VersityGW list users failed: HTTP 503 ServiceUnavailable: injected by the fault proxy/);
    expect((await deploy('deploy after the outage')).code).toBe(0);
    expect(await user('e2e-alice')).toMatchObject({ role: 'user' });
    expect((await admin.listUsers()).filter((u) => u.access === 'e2e-alice')).toHaveLength(1);
  });

  test('5. destroy leaves nothing behind and gives the bucket back; a second destroy succeeds', async () => {
    expect((await run.clock.time('destroy', () => run.project.destroy())).code).toBe(0);
    expect(await admin.listUsers()).toEqual([]);
    expect((await admin.listBuckets()).find((b) => b.name === 'e2e-shared')?.owner).toBe(root.accessKeyId);
    expect((await run.clock.time('destroy again', () => run.project.destroy())).code).toBe(0);
  });
});
