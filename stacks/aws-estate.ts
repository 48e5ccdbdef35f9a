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
      // the files of stacks/example-site/ (relative to where the app runs: the project folder) become the site's
      // objects; a deploy that changed them flushes CloudFront's cache
      content: {
        directory: 'stacks/example-site',
        cacheControl: [{ pattern: 'robots.txt', value: 'public, max-age=3600' }],
      },
      singlePageApp: true,
      // the default security headers, with a policy that also allows images from the site's CDN
      securityHeaders: { contentSecurityPolicy: "default-src 'self'; img-src 'self' https://cdn.bulldogs.cloud" },
      // a log bucket made elsewhere, with ACLs on (object ownership BucketOwnerPreferred)
      distributionLogs: { bucket: 'foobar-sites-access-logs' },
      tags,
    });
    // admin of the bucket and the website (site.bucket.grantAdmin(user) + site.grantWebAdmin(user))
    site.addUser('foobar-webadmin');
  }
}
