// A user's own cdktf app (excluded from this repository's tsconfig: it imports the package by name) that installs the packed library and composes every construct. Copied into a
// scratch project by consumer.test.ts; it is never compiled as part of this repository.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import {
  AdminBucket,
  BucketUser,
  CacheInvalidation,
  OstorAccessKey,
  OstorEndpoint,
  OstorUser,
  RgwAccessKey,
  RgwBucket,
  RgwEndpoint,
  RgwSubuser,
  RgwUser,
  StaticWebsite,
  StorjApiKey,
  StorjBucketGeofence,
  StorjEndpoint,
  StorjProject,
  StorjUser,
  VersityBucketOwner,
  VersityEndpoint,
  VersityUser,
} from 'cdktf-s3-admin';

const app = new App();

const aws = new TerraformStack(app, 'aws');
new AwsProvider(aws, 'aws', { region: 'eu-west-1' });
const bucket = new AdminBucket(aws, 'Data', { bucketName: 'consumer-data-1234', tags: { Team: 'storage' } });
bucket.grantAdmin(new BucketUser(aws, 'Alice', { userName: 'consumer-alice' }));
const site = new StaticWebsite(aws, 'Site', { domainName: 'www.consumer.example', hostedZoneId: 'Z0123456789' });
new CacheInvalidation(aws, 'Flush', { distributionId: site.distributionId, contentVersion: 'build-1' });

const storage = new TerraformStack(app, 'storage');
const rgw = new RgwEndpoint({ url: 'https://rgw.consumer.example' });
const owner = new RgwUser(storage, 'Owner', { endpoint: rgw, uid: 'consumer-owner', displayName: 'Owner' });
const ownerKey = new RgwAccessKey(storage, 'OwnerKey', { user: owner });
new RgwBucket(storage, 'Bucket', { bucketName: 'consumer-rgw', owner: ownerKey });
new RgwSubuser(storage, 'App', { user: owner, name: 'app', access: 'read' });
const ostorUser = new OstorUser(storage, 'Client', { endpoint: new OstorEndpoint({ url: 'https://ostor.consumer.example' }), email: 'client@consumer.example' });
new OstorAccessKey(storage, 'ClientKey', { user: ostorUser });
const versity = new VersityEndpoint({ url: 'https://gw.consumer.example:7070' });
const bob = new VersityUser(storage, 'Bob', { endpoint: versity, role: 'userplus' });
new VersityBucketOwner(storage, 'Shared', { endpoint: versity, bucketName: 'consumer-shared', owner: bob });
const customer = new StorjUser(storage, 'Customer', { endpoint: new StorjEndpoint({ url: 'https://satellite.consumer.example' }), email: 'c@consumer.example', fullName: 'Customer' });
const project = new StorjProject(storage, 'Project', { owner: customer, name: 'consumer', limits: { storageBytes: 10 ** 12 } });
new StorjApiKey(storage, 'Key', { project, name: 'app' });
new StorjBucketGeofence(storage, 'Eu', { project, bucketName: 'consumer-eu', region: 'EU' });

app.synth();
