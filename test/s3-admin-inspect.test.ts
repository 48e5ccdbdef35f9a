import { AddUserToGroupCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { awsClients } from '../lib/day2/aws-clients';
import { inspectBucket } from '../lib/day2/inspect-bucket';
import { seedBucket, seedWebsite } from './support/seed-estate';

/** Against moto's server, seeded with plain SDK calls the way the replaced REST service made a bucket. */
describe('inspect bucket (moto)', () => {
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  const clients = awsClients({ endpoint: process.env.MOTO_ENDPOINT });
  const { s3 } = clients;

  test('shows tags, logging, versioning, encryption, public access block, emptiness, admin policy and group', async () => {
    await seedBucket(clients, 'foobarbucketname', { users: 2 });
    const report = await inspectBucket(clients, 'foobarbucketname');
    expect(report).toMatchObject({
      tags: { Application: 'HowToGet', CreatedBy: 'Big Bird' },
      logging: { targetBucket: 'foobarbucketname-logs', targetPrefix: 's3/foobarbucketname/' },
      versioning: 'Enabled',
      encryption: { algorithm: 'AES256' },
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      empty: true,
      adminPolicy: { name: 'foobarbucketname-BktAdmPlc', attachments: 1 },
      adminGroup: { name: 'foobarbucketname-BktAdmGrp', users: ['foobarbucketname-user-0', 'foobarbucketname-user-1'] },
      denied: [],
    });
    expect(report.adminPolicy!.arn).toMatch(/:policy\/foobarbucketname-BktAdmPlc$/);
  });

  test('pages through 250 group users and 1,500 objects, and tells emptiness with a single listing call', async () => {
    await seedBucket(clients, 'large-bucket', { users: 250, objects: 1500 });
    const report = await inspectBucket(clients, 'large-bucket');
    expect(report.adminGroup!.users).toHaveLength(250);
    expect(new Set(report.adminGroup!.users).size).toBe(250);
    expect(report.empty).toBe(false);
    // 5 S3 settings + 1 listing + policy pages + 3 group pages (100 users a page)
    expect(report.calls).toBeLessThan(15);
  }, 300_000);

  test('a bucket without the optional settings reports them absent rather than failing', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'bare-bucket' }));
    const report = await inspectBucket(clients, 'bare-bucket');
    expect(report).toMatchObject({ tags: {}, versioning: 'Disabled', empty: true, denied: [] });
    expect(report.logging).toBeUndefined();
    expect(report.adminGroup).toBeUndefined();
    expect(report.adminPolicy).toBeUndefined();
  });
});

describe('permission reporting', () => {
  test('a denied call is recorded under its IAM action and the report goes on; other errors still fail', async () => {
    const { Calls } = await import('../lib/day2/aws-clients');
    const calls = new Calls();
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' });
    expect(await calls.run('s3:GetBucketLogging', () => Promise.reject(denied))).toBeUndefined();
    expect(await calls.run('s3:GetBucketTagging', () => Promise.reject(Object.assign(new Error('none'), { name: 'NoSuchTagSet' })), ['NoSuchTagSet'])).toBeUndefined();
    await expect(calls.run('s3:ListBucket', () => Promise.reject(Object.assign(new Error('boom'), { name: 'InternalError' })))).rejects.toThrow('boom');
    expect(calls.denied).toEqual(['s3:GetBucketLogging']);
    expect(calls.count).toBe(3);
  });
});

describe('s3-admin command', () => {
  const run = async (argv: string[]) => {
    const { runCli } = await import('../lib/day2/cli');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('--help lists the commands; no command is a usage error', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: expect.stringMatching(/inspect bucket NAME \[--endpoint URL\] \[--json\]/), err: '' });
    expect(await run([])).toMatchObject({ code: 2, out: '' });
    expect(await run(['frobnicate'])).toEqual({ code: 2, out: '', err: expect.stringMatching(/^s3-admin: unknown command: frobnicate\n/) });
  });

  test('inspect bucket prints a table, or the report as JSON', async () => {
    const table = await run(['inspect', 'bucket', 'foobarbucketname', '--endpoint', process.env.MOTO_ENDPOINT!]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^tags\s+Application=HowToGet, CreatedBy=Big Bird$/m);
    expect(table.out).toMatch(/^admin group\s+arn:aws:iam::\d+:group\/foobarbucketname-BktAdmGrp: 2 user\(s\)/m);
    const json = await run(['inspect', 'bucket', 'foobarbucketname', '--json', '--endpoint', process.env.MOTO_ENDPOINT!]);
    expect(JSON.parse(json.out)).toMatchObject({ bucket: 'foobarbucketname', versioning: 'Enabled', empty: true });
  });
});

describe('inspect user (moto)', () => {
  const clients = awsClients({ endpoint: process.env.MOTO_ENDPOINT });

  test("shows the user's key ids with status and age, its groups and their policies, never a secret", async () => {
    const { iam } = clients;
    const { CreateAccessKeyCommand, UpdateAccessKeyCommand } = await import('@aws-sdk/client-iam');
    const { inspectUser } = await import('../lib/day2/inspect-user');
    await iam.send(new CreateUserCommand({ UserName: 'somebucketuser' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'foobarbucketname-BktAdmGrp', UserName: 'somebucketuser' }));
    const first = await iam.send(new CreateAccessKeyCommand({ UserName: 'somebucketuser' }));
    const second = await iam.send(new CreateAccessKeyCommand({ UserName: 'somebucketuser' }));
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'somebucketuser', AccessKeyId: first.AccessKey!.AccessKeyId, Status: 'Inactive' }));

    const report = await inspectUser(clients, 'somebucketuser', new Date(Date.now() + 3 * 86_400_000));
    expect(report.arn).toMatch(/:user\/somebucketuser$/);
    expect(report.accessKeys).toEqual(
      expect.arrayContaining([
        { id: first.AccessKey!.AccessKeyId, status: 'Inactive', ageDays: 3 },
        { id: second.AccessKey!.AccessKeyId, status: 'Active', ageDays: 3 },
      ]),
    );
    expect(report.groups).toEqual(['foobarbucketname-BktAdmGrp']);
    expect(report.policies).toEqual([expect.objectContaining({ name: 'foobarbucketname-BktAdmPlc', via: 'group foobarbucketname-BktAdmGrp' })]);
    expect(JSON.stringify(report)).not.toContain(second.AccessKey!.SecretAccessKey);
  });

  test('a missing user is reported as not found, and the command exits 4', async () => {
    const { inspectUser } = await import('../lib/day2/inspect-user');
    const report = await inspectUser(clients, 'nobody');
    expect(report).toMatchObject({ user: 'nobody', accessKeys: [], groups: [], policies: [] });
    expect(report.arn).toBeUndefined();
    const { runCli } = await import('../lib/day2/cli');
    const lines: string[] = [];
    expect(await runCli(['inspect', 'user', 'nobody', '--endpoint', process.env.MOTO_ENDPOINT!], { stdout: (t) => lines.push(t), stderr: () => undefined })).toBe(4);
    expect(lines.join('\n')).toMatch(/^user\s+nobody \(not found\)$/m);
  });
});

describe('inspect website (moto)', () => {
  const clients = awsClients({ endpoint: process.env.MOTO_ENDPOINT });

  test('shows the bucket, the distribution with its aliases, certificate, geo restriction and origin, and the alias records', async () => {
    const { inspectWebsite } = await import('../lib/day2/inspect-website');
    const domain = 'foobar.bulldogs.cloud';
    const seeded = await seedWebsite(clients, domain, 'bulldogs.cloud');
    const report = await inspectWebsite(clients, domain);
    expect(report).toMatchObject({
      bucket: domain,
      tags: { Application: 'HowToGet' },
      distribution: {
        id: seeded.distributionId,
        aliases: [domain],
        certificateArn: seeded.certificateArn,
        geoRestriction: { type: 'whitelist', locations: ['US'] },
        origins: [`${domain}.s3-website-us-east-1.amazonaws.com`],
      },
      records: [
        { type: 'A', target: seeded.distributionDomain },
        { type: 'AAAA', target: seeded.distributionDomain },
      ],
      denied: [],
    });
  });
});

describe('CacheInvalidation', () => {

  test('a retried create sends the same CallerReference (CloudFront then returns the first invalidation; moto does not model that)', async () => {
    const { callerReference } = await import('../lib/provider/resources/cloudfront-invalidation');
    const base = { distribution_id: 'E1', paths: ['/*'], content_version: 'build-1' };
    expect(callerReference(base)).toBe(callerReference({ ...base }));
    expect(callerReference(base)).not.toBe(callerReference({ ...base, content_version: 'build-2' }));
    expect(callerReference(base)).not.toBe(callerReference({ ...base, paths: ['/index.html'] }));
  });

  test('fails for paths CloudFront would refuse', async () => {
    const { CacheInvalidation } = await import('../constructs/cache-invalidation');
    const { newStack } = await import('./support/synth');
    expect(() => new CacheInvalidation(newStack(), 'F', { distributionId: 'E1', contentVersion: 'v', paths: ['index.html', '/a*/b'] })).toThrow(
      /\[test\/F\] 'paths' is invalid, got .*\n {2}- 'index.html' must start with '\/'\n {2}- '\/a\*\/b' may use '\*' only as its last character/,
    );
  });
});
