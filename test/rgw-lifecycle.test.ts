import { RgwExampleProps, RgwExampleStack } from '../stacks/rgw-example';
import { rgwAdmin, listBucketsWith } from './support/admin-clients';
import { synthToDir } from './support/stack-dir';
import { TerraformRunner } from './support/terraform-runner';
import { S3BucketClient } from '../lib/admin-api/s3-bucket-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { TfJson } from './support/synth';

/**
 * The RGW constructs against a real radosgw, driven by the commands in cdk.tf.json: create, update in place,
 * re-apply, key rotation, delete and delete again. Steps build on each other, so they run in order.
 */
describe('RGW constructs on a real RGW', () => {
  const endpoint = process.env.RGW_ENDPOINT!;
  const { rgw, http } = rgwAdmin();
  const runner = new TerraformRunner(process.env);
  const synth = (props: RgwExampleProps = {}) =>
    synthToDir('rgw-example', (app) => new RgwExampleStack(app, 'rgw-example', { url: endpoint, ...props }));
  let current: { stackDir: string; json: TfJson };

  afterAll(() => http.close());

  test('create: users, keys, bucket and its settings exist as declared, and the key works', async () => {
    current = synth();
    await runner.apply(current.stackDir, current.json);

    const owner = await rgw.getUser('foobar-owner');
    expect(owner).toMatchObject({ display_name: 'Foobar owner', email: 'owner@foobar.example', max_buckets: 10, suspended: 0 });
    expect(owner!.user_quota).toMatchObject({ enabled: true, max_size_kb: 10 * 1024 * 1024, max_objects: 100_000 });
    expect(owner!.keys).toHaveLength(1);
    expect((await rgw.getUser('foobar-analyst'))!.keys).toHaveLength(1);

    const stats = await rgw.bucketStats('foobar-data');
    expect(stats).toMatchObject({ owner: 'foobar-owner' });
    expect(stats!.bucket_quota).toMatchObject({ enabled: true, max_objects: 50_000 });

    const keyId = `${runner.drawn('OwnerKey_KeyPair_KeyFamily')}0001`;
    expect(keyId).toMatch(/^[0-9A-F]{16}0001$/);
    const secret = runner.drawn('OwnerKey_KeyPair_SecretKey');
    expect(owner!.keys[0].access_key).toBe(keyId);
    expect(await listBucketsWith(endpoint, keyId, secret)).toBe(200);

    const s3 = new S3BucketClient(new SignedHttpClient({ endpoint, credentials: { accessKeyId: keyId, secretAccessKey: secret } }));
    expect(await s3.getTags('foobar-data')).toEqual({ Application: 'HowToGet', CreatedBy: 'Big Bird' });
    expect(await s3.getPolicy('foobar-data')).toMatchObject({
      Statement: [{ Principal: { AWS: ['arn:aws:iam:::user/foobar-analyst'] }, Action: 's3:*' }],
    });
  });

  test('update: a changed display name, quota and bucket tags are applied in place, keys and bucket untouched', async () => {
    const keysBefore = (await rgw.getUser('foobar-owner'))!.keys.map((k) => k.access_key);
    const bucketId = (await rgw.bucketStats('foobar-data'))!.id;
    const next = synth({ displayName: 'Foobar owner (renamed)', quotaMaxObjects: 5, bucketTags: { Application: 'Renamed' } });
    const ran = await runner.apply(next.stackDir, next.json);
    current = next;

    expect(ran.map((c) => c.command.split(' ').pop())).toEqual(['reconcile', 'reconcile']);
    expect((await rgw.bucketStats('foobar-data'))!.id).toBe(bucketId);
    const owner0 = await rgw.getUser('foobar-owner');
    const s3 = new S3BucketClient(new SignedHttpClient({ endpoint, credentials: { accessKeyId: owner0!.keys[0].access_key, secretAccessKey: owner0!.keys[0].secret_key } }));
    expect(await s3.getTags('foobar-data')).toEqual({ Application: 'Renamed' });
    const owner = await rgw.getUser('foobar-owner');
    expect(owner!.display_name).toBe('Foobar owner (renamed)');
    expect(owner!.user_quota.max_objects).toBe(5);
    expect(owner!.keys.map((k) => k.access_key)).toEqual(keysBefore);
  });

  test('re-apply without a change plans and runs nothing', async () => {
    const same = synth({ displayName: 'Foobar owner (renamed)', quotaMaxObjects: 5, bucketTags: { Application: 'Renamed' } });
    expect(await runner.apply(same.stackDir, same.json)).toEqual([]);
    expect(same.json.resource!.terraform_data).toEqual(current.json.resource!.terraform_data);
  });

  test('rotation: the new key works, the old one is refused', async () => {
    const oldId = `${runner.drawn('OwnerKey_KeyPair_KeyFamily')}0001`;
    const oldSecret = runner.drawn('OwnerKey_KeyPair_SecretKey');
    const next = synth({ displayName: 'Foobar owner (renamed)', quotaMaxObjects: 5, bucketTags: { Application: 'Renamed' }, keyRotation: 2 });
    const ran = await runner.apply(next.stackDir, next.json);
    current = next;

    // one create: it adds the new key and then removes the old generation (a deposed object gets no
    // destroy-time provisioner, so nothing else would)
    expect(ran.map((c) => c.command.split(' ').pop())).toEqual(['create', 'reconcile']);
    // same family, next generation
    const newId = `${runner.drawn('OwnerKey_KeyPair_KeyFamily')}0002`;
    const newSecret = runner.drawn('OwnerKey_KeyPair_SecretKey');
    expect(newId).not.toBe(oldId);
    expect((await rgw.getUser('foobar-owner'))!.keys.map((k) => k.access_key)).toEqual([newId]);
    expect(await listBucketsWith(endpoint, newId, newSecret)).toBe(200);
    expect(await listBucketsWith(endpoint, oldId, oldSecret)).toBe(403);
  });

  test('destroy removes everything; a second destroy succeeds', async () => {
    await runner.apply(current.stackDir, undefined);
    expect(await rgw.getUser('foobar-owner')).toBeUndefined();
    expect(await rgw.getUser('foobar-analyst')).toBeUndefined();
    expect(await rgw.bucketStats('foobar-data')).toBeUndefined();

    // run every destroy command again, as a retried destroy would
    const again = new TerraformRunner(process.env);
    await again.apply(current.stackDir, current.json).catch(() => undefined);
  });
});
