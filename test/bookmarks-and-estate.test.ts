import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as plist from 'plist';
import { App, Testing } from 'cdktf';
import { duckBookmark } from '../lib/synth/bookmarks/duck-bookmark';
import { AwsEstateStack } from '../stacks/aws-estate';
import { countByType } from '../stacks/synth-summary';
import { resourcesOf, theResource, TfJson } from './support/synth';

function synthEstate(): { outdir: string; json: TfJson } {
  const app = Testing.stubVersion(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'estate-')) }));
  const stack = new AwsEstateStack(app, 'aws-estate');
  app.synth();
  return { outdir: app.outdir, json: JSON.parse(Testing.synth(stack)) };
}

describe('Cyberduck bookmarks', () => {
  test('a bookmark is an S3 plist pointing at the bucket, with no user name or secret', () => {
    const parsed = plist.parse(duckBookmark({ bucketName: 'foobarbucketname' })) as Record<string, string>;
    expect(parsed).toMatchObject({ Protocol: 's3', Hostname: 's3.amazonaws.com', Port: '443', Path: '/foobarbucketname' });
    expect(Object.keys(parsed).sort()).toEqual(['Hostname', 'Nickname', 'Port', 'Protocol', 'Provider', 'Path', 'UUID'].sort());
  });

  test('the same bucket always gets the same UUID, other buckets another', () => {
    const uuid = (b: string) => (plist.parse(duckBookmark({ bucketName: b })) as Record<string, string>).UUID;
    expect(uuid('a-bucket')).toBe(uuid('a-bucket'));
    expect(uuid('a-bucket')).not.toBe(uuid('b-bucket'));
    expect(uuid('a-bucket')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('escapes XML special characters instead of breaking the file', () => {
    const xml = duckBookmark({ bucketName: 'b', nickname: 'R&D <team>' });
    expect((plist.parse(xml) as Record<string, string>).Nickname).toBe('R&D <team>');
  });
});

describe('example estate (stacks/aws-estate.ts)', () => {
  const { outdir, json } = synthEstate();

  test('reproduces the reference bucket with its tags, deep-archive lifecycle and user', () => {
    const bucket = theResource(json, 'aws_s3_bucket', (b) => b.bucket === 'foobarbucketname');
    expect(bucket.tags).toEqual({ Application: 'HowToGet', COA: 'Take.My.Money.$$$$', CreatedBy: 'Big Bird' });
    expect(theResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].transition[0].storage_class).toBe('DEEP_ARCHIVE');
    expect(theResource(json, 'aws_iam_user', (u) => u.name === 'somebucketuser')).toBeDefined();
  });

  test('reproduces the reference website with geo whitelist US and a user in both groups', () => {
    const d = theResource(json, 'aws_cloudfront_distribution');
    expect(d.aliases).toEqual(['foobar.bulldogs.cloud']);
    expect(d.default_root_object).toBe('index.html');
    expect(d.restrictions.geo_restriction).toEqual({ restriction_type: 'whitelist', locations: ['US'] });
    const memberships = resourcesOf(json, 'aws_iam_user_group_membership');
    expect(memberships.map((m) => m.groups.length).sort()).toEqual([1, 2]);
    expect(resourcesOf(json, 'aws_iam_policy').map((p) => p.name).sort()).toEqual([
      'foobar.bulldogs.cloud-BktAdmPlc',
      'foobar.bulldogs.cloud-WebAdmPlc',
      'foobarbucketname-BktAdmPlc',
    ]);
  });

  test('writes one bookmark per bucket and website next to cdk.tf.json', () => {
    const dir = path.join(outdir, 'stacks', 'aws-estate', 'bookmarks');
    expect(fs.readdirSync(dir).sort()).toEqual(['foobar.bulldogs.cloud.duck', 'foobarbucketname.duck']);
    const site = plist.parse(fs.readFileSync(path.join(dir, 'foobar.bulldogs.cloud.duck'), 'utf8')) as Record<string, string>;
    expect(site.Path).toBe('/foobar.bulldogs.cloud');
  });

  test('the summary counts resources and data sources by type', () => {
    const counts = countByType(json as never);
    expect(counts.get('aws_s3_bucket')).toBe(2);
    expect(counts.get('aws_iam_user')).toBe(2);
    expect(counts.get('data.aws_route53_zone')).toBe(1);
    expect(counts.get('aws_iam_group')).toBe(3);
  });
});
