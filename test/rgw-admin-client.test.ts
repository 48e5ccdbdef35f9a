import { S3BucketClient } from '../lib/admin-api/s3-bucket-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { rgwAdmin } from './support/admin-clients';

/** Admin Ops calls the constructs do not make on every path, checked against the real RGW. */
describe('RgwAdminClient on a real RGW', () => {
  const { rgw, http } = rgwAdmin();
  afterAll(async () => {
    for (const uid of ['client-a', 'client-b']) if (await rgw.getUser(uid)) await rgw.removeUser(uid, true);
    http.close();
  });

  test('generateKey returns the key RGW made, and it signs requests', async () => {
    await rgw.createUser('client-a', { displayName: 'A' });
    const key = await rgw.generateKey('client-a');
    expect(key.access_key).toMatch(/^[A-Z0-9]{20}$/);
    const own = new SignedHttpClient({ endpoint: process.env.RGW_ENDPOINT!, credentials: { accessKeyId: key.access_key, secretAccessKey: key.secret_key } });
    expect((await own.send({ operation: 'list', method: 'GET', path: '/' })).status).toBe(200);
    own.close();
  });

  test('a bucket unlinked from one user and linked to another changes owner', async () => {
    await rgw.createUser('client-b', { displayName: 'B' });
    const key = (await rgw.getUser('client-a'))!.keys[0];
    const s3 = new S3BucketClient(new SignedHttpClient({ endpoint: process.env.RGW_ENDPOINT!, credentials: { accessKeyId: key.access_key, secretAccessKey: key.secret_key } }));
    await s3.createBucket('client-a-moving');
    const stats = (await rgw.bucketStats('client-a-moving'))!;
    await rgw.unlinkBucket('client-a-moving', 'client-a');
    await rgw.linkBucket('client-a-moving', stats.id, 'client-b');
    expect((await rgw.bucketStats('client-a-moving'))!.owner).toBe('client-b');
    expect(await rgw.listBuckets('client-b')).toEqual(['client-a-moving']);
    expect(await rgw.listBuckets('client-a')).toEqual([]);
  });

  test('errors carry the API code: a missing user is NoSuchUser', async () => {
    await expect(rgw.modifyUser('no-such-user', { displayName: 'x' })).rejects.toMatchObject({ status: 404, code: 'NoSuchUser' });
  });
});
