import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AdminBucket } from '../constructs/admin-bucket';
import { StaticWebsite } from '../constructs/static-website';

/**
 * The estate of the replaced REST service's own examples, declared once: copy this file to start yours.
 * The region comes from the environment (AWS_REGION) at deploy time, like every other AWS tool.
 */
export class AwsEstateStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', {});

    const tags = { Application: 'HowToGet', COA: 'Take.My.Money.$$$$', CreatedBy: 'Big Bird' };
    const bucket = new AdminBucket(this, 'FoobarBucket', {
      bucketName: 'foobarbucketname',
      tags,
      lifecycle: 'deep-archive',
      accessLogs: { targetBucket: 'foobar-buckets-access-logs' },
    });
    bucket.addUser('somebucketuser');

    const site = new StaticWebsite(this, 'FoobarWebsite', {
      domainName: 'foobar.bulldogs.cloud',
      hostedZoneName: 'bulldogs.cloud',
      indexDocument: 'index.html',
      geoRestriction: { type: 'whitelist', locations: ['US'] },
      accessLogs: { targetBucket: 'foobar-sites-access-logs' },
      tags,
    });
    site.addUser('foobar-webadmin', { groups: ['BktAdmGrp', 'WebAdmGrp'] });
  }
}
