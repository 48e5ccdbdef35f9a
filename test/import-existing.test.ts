import { AdminBucket } from '../constructs/admin-bucket';
import { BucketUser } from '../constructs/bucket-user';
import { StaticWebsite } from '../constructs/static-website';
import { synthJson, TfJson } from './support/synth';

/** The import id each adopted object gets, keyed by the Terraform type it is imported into. */
function importsByType(json: TfJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of json.import ?? []) (out[i.to.split('.')[0]] ??= []).push(i.id);
  return out;
}

const POLICY_ARN = 'arn:aws:iam::123456789012:policy/acme-data-BktAdmPlc';

describe('importExisting', () => {
  test('AdminBucket imports the bucket, exactly the named settings, and its policy, group and attachment', () => {
    const { json } = synthJson((s) =>
      new AdminBucket(s, 'B', { bucketName: 'acme-data', versioning: true, lifecycle: 'glacier' }).importExisting({
        settings: ['versioning', 'publicAccessBlock'],
        adminPolicyArn: POLICY_ARN,
        adminGroup: true,
        adminPolicyAttached: true,
      }),
    );
    expect(importsByType(json)).toEqual({
      aws_s3_bucket: ['acme-data'],
      aws_s3_bucket_versioning: ['acme-data'],
      aws_s3_bucket_public_access_block: ['acme-data'],
      aws_iam_policy: [POLICY_ARN],
      aws_iam_group: ['acme-data-BktAdmGrp'],
      aws_iam_group_policy_attachment: [`acme-data-BktAdmGrp/${POLICY_ARN}`],
    });
  });

  test('a bucket without importExisting writes no import block', () => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }));
    expect(json.import).toBeUndefined();
  });

  test('fails for a setting the bucket does not declare, naming it', () => {
    expect(() => synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }).importExisting({ settings: ['lifecycle'] }))).toThrow(
      /\[test\/B\] 'settings' of importExisting names 'lifecycle', which this bucket does not declare/,
    );
  });

  test('fails to adopt an attachment without both of its ends', () => {
    expect(() => synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }).importExisting({ adminGroup: true, adminPolicyAttached: true }))).toThrow(
      /'adminPolicyAttached' of importExisting needs 'adminPolicyArn' and 'adminGroup'/,
    );
  });

  test('BucketUser imports the user, its membership by literal group names, and the given key', () => {
    const { json } = synthJson((s) => {
      const bucket = new AdminBucket(s, 'B', { bucketName: 'acme-data' });
      new BucketUser(s, 'U', { userName: 'uploader', groups: [bucket.adminGroupName] }).importExisting({ groups: ['acme-data-BktAdmGrp'], accessKeyId: 'AKIAEXAMPLE0000001' });
    });
    expect(importsByType(json)).toMatchObject({
      aws_iam_user: ['uploader'],
      aws_iam_user_group_membership: ['uploader/acme-data-BktAdmGrp'],
      aws_iam_access_key: ['AKIAEXAMPLE0000001'],
    });
  });

  test('fails to adopt a membership for a user that declares no group', () => {
    expect(() => synthJson((s) => new BucketUser(s, 'U', { userName: 'uploader' }).importExisting({ groups: ['g'] }))).toThrow(/\[test\/U\] 'groups' of importExisting/);
  });

  test('StaticWebsite imports its distribution, alias records (by zone, name and type) and website objects', () => {
    const { json } = synthJson((s) =>
      new StaticWebsite(s, 'W', { domainName: 'www.acme.example', hostedZoneId: 'Z123', certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x', origin: 'website-endpoint' }).importExisting({
        websiteConfiguration: true,
        distributionId: 'E2EXAMPLE',
        records: ['A', 'AAAA'],
        webAdminPolicyArn: 'arn:aws:iam::1:policy/www.acme.example-WebAdmPlc',
        webAdminGroup: true,
        webAdminPolicyAttached: true,
      }),
    );
    expect(importsByType(json)).toEqual({
      aws_s3_bucket: ['www.acme.example'],
      aws_s3_bucket_website_configuration: ['www.acme.example'],
      aws_cloudfront_distribution: ['E2EXAMPLE'],
      aws_route53_record: ['Z123_www.acme.example_A', 'Z123_www.acme.example_AAAA'],
      aws_iam_policy: ['arn:aws:iam::1:policy/www.acme.example-WebAdmPlc'],
      aws_iam_group: ['www.acme.example-WebAdmGrp'],
      aws_iam_group_policy_attachment: ['www.acme.example-WebAdmGrp/arn:aws:iam::1:policy/www.acme.example-WebAdmPlc'],
    });
  });

  test('fails to adopt records of a looked-up zone, naming hostedZoneId', () => {
    expect(() =>
      synthJson((s) => new StaticWebsite(s, 'W', { domainName: 'www.acme.example', hostedZoneName: 'acme.example' }).importExisting({ records: ['A'] })),
    ).toThrow(/\[test\/W\] 'hostedZoneId' must be a literal string to import an existing object/);
  });

  test('fails to adopt an origin access control for a website-endpoint origin', () => {
    expect(() =>
      synthJson((s) =>
        new StaticWebsite(s, 'W', { domainName: 'www.acme.example', hostedZoneId: 'Z1', origin: 'website-endpoint' }).importExisting({ originAccessControlId: 'OAC1' }),
      ),
    ).toThrow(/'originAccessControlId' of importExisting is given, but the website's origin is 'website-endpoint'/);
  });
});
