import { listBucketsWith, NO_RETRY, rgwAdmin } from '../support/admin-clients';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { E2eRun } from './e2e-run';

/**
 * stacks/rgw-example.ts deployed with `cdktf deploy` on OpenTofu against the real RGW, through a proxy that
 * counts the admin calls and can play an outage.
 */
describe('e2e: RGW example stack with cdktf and OpenTofu', () => {
  const { rgw, http } = rgwAdmin();
  const run = new E2eRun(process.env.RGW_ENDPOINT!, 'rgw-example', 'RgwExampleStack');
  const deploy = run.deploy.bind(run);
  const ownerKey = async () => {
    const outputs = (await run.project.showJson()).values.outputs;
    return { id: outputs.owner_access_key_id.value as string, secret: outputs.owner_secret_access_key.value as string };
  };
  const s3As = (key: { id: string; secret: string }) =>
    new SignedHttpClient({ endpoint: process.env.RGW_ENDPOINT!, credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, retry: NO_RETRY });
  const listBucketsStatus = (key: { id: string; secret: string }) => listBucketsWith(process.env.RGW_ENDPOINT!, key.id, key.secret);

  beforeAll(() => run.start({ tenant: 'e2e', displayName: 'Foobar owner', quotaMaxObjects: 1000 }));
  afterAll(async () => {
    await run.stop('e2e RGW phases');
    http.close();
  });

  test('1. deploy: everything exists as declared and the new key works for real S3 calls', async () => {
    const result = await deploy('deploy');
    expect(result.code).toBe(0);
    expect(result.log).toMatch(/Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/);
    expect(await rgw.getUser('e2e-owner')).toMatchObject({ display_name: 'Foobar owner', max_buckets: 10 });
    expect((await rgw.bucketStats('e2e-data'))!.owner).toBe('e2e-owner');
    const s3 = s3As(await ownerKey());
    expect((await s3.send({ operation: 'list', method: 'GET', path: '/' })).status).toBe(200);
    expect((await s3.send({ operation: 'put', method: 'PUT', path: '/e2e-data/hello.txt', body: 'hello' })).status).toBe(200);
    await s3.send({ operation: 'delete', method: 'DELETE', path: '/e2e-data/hello.txt' });
    s3.close();
  });

  test('2. a changed display name and quota are updated in place: same user, same keys', async () => {
    const before = await ownerKey();
    const result = await deploy('update in place', { displayName: 'Foobar owner (renamed)', quotaMaxObjects: 5 });
    expect(result.code).toBe(0);
    // only the state-keyed Properties resources are replaced; no object is destroyed
    expect(result.log).toMatch(/Owner_Object_\w+ \(Owner\/Resource\/Object\) will be updated in-place/);
    expect(result.log).toMatch(/Owner_Properties_\w+ \(Owner\/Resource\/Properties\) will be replaced/);
    expect(result.log).not.toMatch(/_Object_\w+[^\n]*: Destroying/);
    const owner = await rgw.getUser('e2e-owner');
    expect(owner).toMatchObject({ display_name: 'Foobar owner (renamed)' });
    expect(owner!.user_quota.max_objects).toBe(5);
    expect(owner!.keys.map((k) => k.access_key)).toEqual([before.id]);
  });

  test('3. deploying again plans nothing and the server sees no write', async () => {
    const writesBefore = run.proxy.writes().length;
    const result = await deploy('re-deploy without a change');
    expect(result.code).toBe(0);
    expect(run.proxy.writes().length).toBe(writesBefore);
    expect((await run.clock.time('plan', () => run.project.plan())).code).toBe(0);
  });

  test('4. rotation: the new key works, the old one is refused', async () => {
    const old = await ownerKey();
    const rotation = await deploy('rotate the key', { keyRotation: 2 });
    expect(rotation.code).toBe(0);
    const rotated = await ownerKey();
    expect(rotated.id).not.toBe(old.id);
    expect(await listBucketsStatus(rotated)).toBe(200);
    expect(await listBucketsStatus(old)).toBe(403);
  });

  test('6. no secret in cdk.tf.json, in the deploy logs, or as a non-sensitive value of show -json', async () => {
    const secrets = await run.drawnSecrets();
    expect(secrets).toHaveLength(2);
    expect(await run.leakedSecrets(secrets)).toEqual([]);
  });

  test('7. an outage fails the deploy with a clear error; once the server is back the next deploy converges', async () => {
    run.outage = true;
    const failed = await deploy('deploy during an outage (503s)', { quotaMaxObjects: 7 });
    run.outage = false;
    expect(failed.code).not.toBe(0);
    expect(failed.log).toMatch(/RGW get user e2e-owner failed: HTTP 503 ServiceUnavailable: injected by the fault proxy/);
    const healed = await deploy('deploy after the outage');
    expect(healed.code).toBe(0);
    const owner = await rgw.getUser('e2e-owner');
    expect(owner!.user_quota.max_objects).toBe(7);
    expect(owner!.keys).toHaveLength(1);
    expect(await rgw.listBuckets('e2e-owner')).toEqual(['e2e-data']);
  });

  test('5. destroy leaves nothing behind; a second destroy succeeds', async () => {
    const result = await run.clock.time('destroy', () => run.project.destroy());
    expect(result.code).toBe(0);
    expect(await rgw.getUser('e2e-owner')).toBeUndefined();
    expect(await rgw.getUser('e2e-analyst')).toBeUndefined();
    expect(await rgw.bucketStats('e2e-data')).toBeUndefined();
    expect((await run.clock.time('destroy again', () => run.project.destroy())).code).toBe(0);
  });
});
