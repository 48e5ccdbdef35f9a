import { AddUserToGroupCommand, CreateUserCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutBucketLifecycleConfigurationCommand, PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import { App, TerraformStack } from 'cdktf';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { awsClients } from '../lib/day2/aws-clients';
import { runCli } from '../lib/day2/cli';
import { startMoto, stopMoto } from './support/moto/moto-server';
import { repoRoot } from './support/repo-root';
import { SEEDED_TAGS, SeededWebsite, seedBucket, seedDeepArchive, seedUser, seedWebsite } from './support/seed-estate';
import { synthToDir } from './support/stack-dir';
import { TfJson } from './support/synth';
import { typeCheck } from './support/type-check';

/**
 * `s3-admin adopt` and `s3-admin drift` against an account of their own (a moto server just for this file,
 * since adopt scans everything), seeded the way the replaced REST service made buckets, users and websites.
 */
describe('adopt and drift (moto)', () => {
  let env: Record<string, string>;
  let clients: ReturnType<typeof awsClients>;
  let site: SeededWebsite;
  const workDir = path.join(repoRoot(), '.cache', 'test-adopt');
  const stackFile = path.join(workDir, 'adopted-estate.ts');
  let synthesized: { stackDir: string; json: TfJson };
  let emptyAccount: { code: number; out: string; err: string };
  /** stdout as one text; stderr both as one text and as lines (the progress) */
  const cli = async (argv: string[]) => {
    const out: string[] = [];
    const progress: string[] = [];
    const code = await runCli([...argv, '--endpoint', env.MOTO_ENDPOINT], { stdout: (t) => out.push(t), stderr: (t) => progress.push(t) });
    return { code, out: out.join('\n'), err: progress.join('\n'), progress };
  };

  beforeAll(async () => {
    env = await startMoto();
    process.env.AWS_ACCESS_KEY_ID ??= 'testing';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
    clients = awsClients({ endpoint: env.MOTO_ENDPOINT });
    fs.rmSync(workDir, { recursive: true, force: true });
    emptyAccount = await cli(['adopt', '--out', stackFile]);
    await seedBucket(clients, 'foobarbucketname', { users: 2, keys: true });
    await seedDeepArchive(clients, 'foobarbucketname');
    await seedBucket(clients, 'reports-bucket', { settings: false, adminPolicy: false, region: 'eu-west-1' });
    site = await seedWebsite(clients, 'foobar.bulldogs.cloud', 'bulldogs.cloud');
    await seedUser(clients, 'foobar-webadmin', ['foobar.bulldogs.cloud-BktAdmGrp', 'foobar.bulldogs.cloud-WebAdmGrp'], true);
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'unrelated-bucket' }));
  }, 120_000);
  afterAll(() => stopMoto(env));

  test('adopt in an account without an estate says so and writes nothing', () => {
    expect(emptyAccount).toMatchObject({ code: 4, out: '', err: expect.stringMatching(/^s3-admin: nothing to adopt: no bucket has a <name>-BktAdmPlc policy/) });
    expect(fs.existsSync(stackFile)).toBe(false);
  });

  test('adopt writes a stack that declares what it found, and reports progress', async () => {
    const result = await cli(['adopt', '--out', stackFile]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/wrote .*adopted-estate.ts: 2 bucket\(s\), 1 website\(s\), 3 user\(s\), 6 importExisting call\(s\)/);
    expect(result.progress).toEqual(expect.arrayContaining(['[s3-admin] scanned 3/3 buckets', '[s3-admin] scanned 1/1 websites', '[s3-admin] scanned 3/3 users']));
    const source = fs.readFileSync(stackFile, 'utf8');
    expect(source).toContain("import { AdminBucket, BucketUser, StaticWebsite } from 'cdktf-s3-admin';");
    expect(source).not.toContain('unrelated-bucket');
    expect(source).toContain('// the bucket is in eu-west-1, not us-east-1: deploy it from a stack whose provider has that region');
    expect(source.match(/the bucket is in /g)).toHaveLength(1);
  });

  test('adopt keeps a file that exists unless told --force', async () => {
    const before = fs.readFileSync(stackFile, 'utf8');
    fs.appendFileSync(stackFile, '// edited by hand\n');
    expect(await cli(['adopt', '--out', stackFile])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/exists: adopt writes a new file \(--out\) and overwrites one only with --force\nusage: s3-admin adopt/) });
    expect(fs.readFileSync(stackFile, 'utf8')).toContain('// edited by hand');
    expect((await cli(['adopt', '--out', stackFile, '--force'])).code).toBe(0);
    expect(fs.readFileSync(stackFile, 'utf8')).toBe(before);
  });

  test('the written stack type-checks against the library', () => {
    const problems = typeCheck(stackFile);
    expect(problems).toEqual([]);
  }, 120_000);

  test('its synthesized resources carry the seeded names and settings, with one import per existing object', async () => {
    const { AdoptedEstateStack } = require(stackFile) as { AdoptedEstateStack: new (scope: App, id: string) => TerraformStack };
    synthesized = synthToDir('adopted', (app) => new AdoptedEstateStack(app, 'adopted'));
    const resource = synthesized.json.resource!;
    const byName = (type: string, key = 'bucket') => Object.fromEntries(Object.entries(resource[type] ?? {}).map(([id, c]: [string, any]) => [c[key], { id, ...c }]));
    const buckets = byName('aws_s3_bucket');
    expect(Object.keys(buckets).sort()).toEqual(['foobar.bulldogs.cloud', 'foobarbucketname', 'reports-bucket']);
    expect(buckets.foobarbucketname.tags).toEqual(SEEDED_TAGS);
    const rules = Object.values(resource.aws_s3_bucket_lifecycle_configuration) as any[];
    expect(rules).toHaveLength(1);
    expect(rules[0].rule[0]).toMatchObject({ id: 'deep-archive', transition: [{ days: 0, storage_class: 'DEEP_ARCHIVE' }] });
    expect(Object.values(resource.aws_s3_bucket_logging)).toEqual([expect.objectContaining({ target_bucket: 'foobarbucketname-logs', target_prefix: 's3/foobarbucketname/' })]);
    expect(Object.values(resource.aws_s3_bucket_versioning)).toHaveLength(1);
    const distribution = Object.values(resource.aws_cloudfront_distribution)[0] as any;
    expect(distribution).toMatchObject({ aliases: ['foobar.bulldogs.cloud'], price_class: 'PriceClass_100', restrictions: { geo_restriction: { restriction_type: 'whitelist', locations: ['US'] } } });
    expect(distribution.viewer_certificate.acm_certificate_arn).toBe(site.certificateArn);
    expect(Object.keys(byName('aws_iam_user', 'name')).sort()).toEqual(['foobar-webadmin', 'foobarbucketname-user-0', 'foobarbucketname-user-1']);

    // one import per object that exists, addressed to the resource that declares it
    const imports = synthesized.json.import ?? [];
    expect(new Set(imports.map((i) => i.to)).size).toBe(imports.length);
    const importOf = (type: string, id: string) => imports.filter((i) => i.to.startsWith(`${type}.`) && i.id === id);
    const policyArn = (name: string) => `arn:aws:iam::123456789012:policy/${name}`;
    const keyOf = async (user: string) => (await clients.iam.send(new ListAccessKeysCommand({ UserName: user }))).AccessKeyMetadata![0].AccessKeyId!;
    const expected: Array<[string, string]> = [
      ...['foobarbucketname', 'reports-bucket', 'foobar.bulldogs.cloud'].map((b): [string, string] => ['aws_s3_bucket', b]),
      ['aws_s3_bucket_website_configuration', 'foobar.bulldogs.cloud'],
      ['aws_iam_policy', policyArn('foobarbucketname-BktAdmPlc')],
      ['aws_iam_policy', policyArn('foobar.bulldogs.cloud-BktAdmPlc')],
      ['aws_iam_policy', policyArn('foobar.bulldogs.cloud-WebAdmPlc')],
      ...['foobarbucketname', 'reports-bucket', 'foobar.bulldogs.cloud'].map((b): [string, string] => ['aws_iam_group', `${b}-BktAdmGrp`]),
      ['aws_iam_group', 'foobar.bulldogs.cloud-WebAdmGrp'],
      ['aws_iam_group_policy_attachment', `foobarbucketname-BktAdmGrp/${policyArn('foobarbucketname-BktAdmPlc')}`],
      ['aws_iam_group_policy_attachment', `foobar.bulldogs.cloud-BktAdmGrp/${policyArn('foobar.bulldogs.cloud-BktAdmPlc')}`],
      ['aws_iam_group_policy_attachment', `foobar.bulldogs.cloud-WebAdmGrp/${policyArn('foobar.bulldogs.cloud-WebAdmPlc')}`],
      ...['foobar-webadmin', 'foobarbucketname-user-0', 'foobarbucketname-user-1'].map((u): [string, string] => ['aws_iam_user', u]),
      ['aws_iam_user_group_membership', 'foobar-webadmin/foobar.bulldogs.cloud-BktAdmGrp/foobar.bulldogs.cloud-WebAdmGrp'],
      ['aws_iam_user_group_membership', 'foobarbucketname-user-0/foobarbucketname-BktAdmGrp'],
      ['aws_iam_user_group_membership', 'foobarbucketname-user-1/foobarbucketname-BktAdmGrp'],
      ...(await Promise.all(['foobar-webadmin', 'foobarbucketname-user-0', 'foobarbucketname-user-1'].map(async (u): Promise<[string, string]> => ['aws_iam_access_key', await keyOf(u)]))),
      ['aws_cloudfront_distribution', site.distributionId],
      ['aws_route53_record', `${site.zoneId}_foobar.bulldogs.cloud_A`],
      ['aws_route53_record', `${site.zoneId}_foobar.bulldogs.cloud_AAAA`],
    ];
    for (const [type, id] of expected) expect({ type, id, found: importOf(type, id).length }).toEqual({ type, id, found: 1 });
    const settingImports = imports.filter((i) => i.id === 'foobarbucketname' && !i.to.startsWith('aws_s3_bucket.')).map((i) => i.to.split('.')[0]).sort();
    expect(settingImports).toEqual([
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_logging',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_versioning',
    ]);
    expect(imports).toHaveLength(expected.length + settingImports.length);
    // what does not exist is created, not imported: reports-bucket has no admin policy
    const reportsPolicy = Object.entries(resource.aws_iam_policy).find(([, c]: [string, any]) => c.name === 'reports-bucket-BktAdmPlc')!;
    expect(imports.some((i) => i.to === `aws_iam_policy.${reportsPolicy[0]}`)).toBe(false);
  });

  test('drift on the adopted stack reports only what the first deploy would change', async () => {
    const result = await cli(['drift', path.join(synthesized.stackDir, 'cdk.tf.json'), '--json']);
    const report = JSON.parse(result.out);
    // moto gives new buckets no default encryption (AWS does since 2023); the seed blocked nothing on reports-bucket
    // and the website, and made reports-bucket without its admin policy
    // and set no object ownership anywhere; the deep-archive lifecycle it set is the preset adopt declared
    expect(report.drifts.map((d: any) => `${d.object} ${d.field}`).sort()).toEqual([
      'bucket foobar.bulldogs.cloud encryption',
      'bucket foobar.bulldogs.cloud objectOwnership',
      'bucket foobar.bulldogs.cloud publicAccessBlock',
      'bucket foobarbucketname objectOwnership',
      'bucket reports-bucket encryption',
      'bucket reports-bucket objectOwnership',
      'bucket reports-bucket publicAccessBlock',
      'policy reports-bucket-BktAdmPlc exists',
    ]);
    expect(result.code).toBe(5);
  });

  test('drift reports a tag, a lifecycle rule and a group member changed behind its back', async () => {
    await clients.s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'foobarbucketname',
        LifecycleConfiguration: { Rules: [{ ID: 'deep-archive', Status: 'Enabled', Filter: { Prefix: '' }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }] }] },
      }),
    );
    await clients.s3.send(new PutBucketTaggingCommand({ Bucket: 'foobarbucketname', Tagging: { TagSet: [{ Key: 'Application', Value: 'HowToGet' }, { Key: 'CreatedBy', Value: 'Oscar' }] } }));
    await clients.iam.send(new CreateUserCommand({ UserName: 'intruder' }));
    await clients.iam.send(new AddUserToGroupCommand({ GroupName: 'foobarbucketname-BktAdmGrp', UserName: 'intruder' }));
    const result = await cli(['drift', path.join(synthesized.stackDir, 'cdk.tf.json')]);
    expect(result.code).toBe(5);
    expect(result.out).toMatch(/^bucket foobarbucketname\s+tags\.CreatedBy\s+Big Bird\s+Oscar$/m);
    expect(result.out).toMatch(/^group foobarbucketname-BktAdmGrp\s+member intruder\s+-\s+member$/m);
    expect(JSON.parse((await cli(['drift', path.join(synthesized.stackDir, 'cdk.tf.json'), '--json'])).out).drifts).toContainEqual({
      object: 'bucket foobarbucketname',
      field: 'lifecycle',
      declared: ["deep-archive (prefix ''): 0d DEEP_ARCHIVE; noncurrent 0d DEEP_ARCHIVE"],
      actual: ["deep-archive (prefix ''): 30d GLACIER; noncurrent none"],
    });
    expect(result.out).toMatch(/^11 difference\(s\) in \d+ declared object\(s\), \d+ API calls$/m);
  });

  test('drift of a stack that was never synthesized names the stacks that were', async () => {
    const outdir = path.dirname(path.dirname(synthesized.stackDir));
    const result = await cli(['drift', 'nope', '--out', outdir]);
    expect(result).toMatchObject({ code: 4, out: '', err: expect.stringMatching(/^s3-admin: no synthesized stack 'nope' in .*stacks there: adopted/) });
  });

  test('every command has its own --help', async () => {
    for (const argv of [['adopt'], ['drift'], ['inspect', 'bucket'], ['inspect', 'website'], ['inspect', 'user']]) {
      const help = await cli([...argv, '--help']);
      expect(help.code).toBe(0);
      expect(help.out).toMatch(new RegExp(`^usage: s3-admin ${argv.join(' ')}`));
    }
    expect(await cli(['drift'])).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^s3-admin: drift takes STACK, got none\nusage: s3-admin drift STACK/) });
  });
});
