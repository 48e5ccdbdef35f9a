import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { AwsClients } from '../lib/day2/aws-clients';
import { findDrift } from '../lib/day2/drift';

const named = (name: string) => Object.assign(new Error(name), { name });

/**
 * A denied read must not pass for a difference. moto enforces no IAM policy, so the clients here answer from
 * a table: tagging is denied, versioning is suspended, every other bucket setting is absent.
 */
test('drift skips a field whose read was denied, names the action, and still reports the fields it could read', async () => {
  const s3 = new S3Client({ region: 'us-east-1' });
  s3.send = (async (command: object) => {
    switch (command.constructor.name) {
      case 'GetBucketTaggingCommand':
        throw named('AccessDenied');
      case 'GetBucketVersioningCommand':
        return { Status: 'Suspended' };
      case 'GetBucketLifecycleConfigurationCommand':
        throw named('NoSuchLifecycleConfiguration');
      case 'GetBucketOwnershipControlsCommand':
        throw named('OwnershipControlsNotFoundError');
      case 'GetBucketPolicyCommand':
        throw named('NoSuchBucketPolicy');
      default:
        return {};
    }
  }) as S3Client['send'];
  const iam = new IAMClient({ region: 'us-east-1' });
  iam.send = (async () => ({ Policies: [] })) as IAMClient['send'];
  const clients: AwsClients = { s3, iam, cloudfront: new CloudFrontClient({ region: 'us-east-1' }), route53: new Route53Client({ region: 'us-east-1' }) };

  const report = await findDrift(clients, {
    buckets: [{ name: 'acme-data', tags: { Team: 'data' }, versioning: 'Enabled' }],
    websites: [],
    policies: [],
    groups: [],
    users: new Map(),
  });
  expect(report.drifts).toEqual([{ object: 'bucket acme-data', field: 'versioning', declared: 'Enabled', actual: 'Suspended' }]);
  expect(report.denied).toEqual(['s3:GetBucketTagging']);
  expect(report.calls).toBe(9);
});
