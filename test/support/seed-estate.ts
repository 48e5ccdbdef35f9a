import { CreateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { AddUserToGroupCommand, AttachGroupPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreatePolicyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand } from '@aws-sdk/client-route-53';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutBucketWebsiteCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { AwsClients } from '../../lib/day2/aws-clients';
import { mapConcurrently } from '../../lib/day2/concurrency';
import { bucketAdminPolicy } from '../../lib/synth/policies/bucket-admin-policy';
import { websiteAdminPolicy } from '../../lib/synth/policies/website-admin-policy';

/*
 * An estate made with plain SDK calls, the way the replaced REST service made it (its POST /buckets,
 * POST .../users and POST /websites), for the day-2 commands to find.
 */

export const SEEDED_TAGS = { Application: 'HowToGet', CreatedBy: 'Big Bird' };

export interface SeedBucketOptions {
  /** Users created in the admin group. @default 0 */
  readonly users?: number;
  readonly objects?: number;
  /** Settings beyond the tags; off gives a bucket with tags and admin policy/group only. @default true */
  readonly settings?: boolean;
  /** Give each user an access key. @default false */
  readonly keys?: boolean;
  /** @default true */
  readonly adminPolicy?: boolean;
  /** @default - the client's region */
  readonly region?: string;
}

export async function seedBucket(clients: AwsClients, name: string, options: SeedBucketOptions = {}): Promise<void> {
  const { s3, iam } = clients;
  await s3.send(new CreateBucketCommand({ Bucket: name, ...(options.region ? { CreateBucketConfiguration: { LocationConstraint: options.region as 'eu-west-1' } } : {}) }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: Object.entries(SEEDED_TAGS).map(([Key, Value]) => ({ Key, Value })) } }));
  if (options.settings ?? true) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: name, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    await s3.send(new CreateBucketCommand({ Bucket: `${name}-logs` }));
    // as on AWS, the logging service must be allowed to write to the target bucket
    const logWriter = { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${name}-logs/*` };
    await s3.send(new PutBucketPolicyCommand({ Bucket: `${name}-logs`, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [logWriter] }) }));
    await s3.send(new PutBucketLoggingCommand({ Bucket: name, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: `${name}-logs`, TargetPrefix: `s3/${name}/` } } }));
  }
  const group = `${name}-BktAdmGrp`;
  await iam.send(new CreateGroupCommand({ GroupName: group }));
  if (options.adminPolicy ?? true) {
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: `${name}-BktAdmPlc`, PolicyDocument: bucketAdminPolicy(name) }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: policy.Policy!.Arn }));
  }
  await mapConcurrently(
    Array.from({ length: options.users ?? 0 }, (_, i) => `${name}-user-${i}`),
    10,
    (user) => seedUser(clients, user, [group], options.keys ?? false),
  );
  const keys = Array.from({ length: options.objects ?? 0 }, (_, i) => `obj/${i}`);
  await mapConcurrently(keys, 50, (Key) => s3.send(new PutObjectCommand({ Bucket: name, Key, Body: 'x' })));
}

/** The replaced service's `"Lifecycle": "deep-archive"`: everything to Deep Archive on the day it is written. */
export async function seedDeepArchive(clients: AwsClients, bucket: string): Promise<void> {
  await clients.s3.send(
    new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: {
        Rules: [
          {
            ID: 'deep-archive',
            Status: 'Enabled',
            Filter: { Prefix: '' },
            Transitions: [{ Days: 0, StorageClass: 'DEEP_ARCHIVE' }],
            NoncurrentVersionTransitions: [{ NoncurrentDays: 0, StorageClass: 'DEEP_ARCHIVE' }],
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
          },
        ],
      },
    }),
  );
}

export async function seedUser(clients: AwsClients, user: string, groups: string[], key: boolean): Promise<string | undefined> {
  await clients.iam.send(new CreateUserCommand({ UserName: user }));
  for (const group of groups) await clients.iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: user }));
  return key ? (await clients.iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!.AccessKeyId : undefined;
}

export interface SeededWebsite {
  readonly distributionId: string;
  readonly distributionDomain: string;
  readonly zoneId: string;
  readonly certificateArn: string;
}

/** A website the way the reference made it: public bucket + website endpoint origin + A/AAAA aliases + WebAdmPlc/WebAdmGrp. */
export async function seedWebsite(clients: AwsClients, domain: string, zoneName: string): Promise<SeededWebsite> {
  await seedBucket(clients, domain, { settings: false });
  await clients.s3.send(new PutBucketWebsiteCommand({ Bucket: domain, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }));
  const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0e7ad2b4-6a1c-4a5e-9d57-1f0b6a1c2d3e';
  const created = await clients.cloudfront.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        CallerReference: `seed-${domain}`,
        Comment: domain,
        Enabled: true,
        Aliases: { Quantity: 1, Items: [domain] },
        DefaultRootObject: 'index.html',
        PriceClass: 'PriceClass_100',
        Origins: { Quantity: 1, Items: [{ Id: domain, DomainName: `${domain}.s3-website-us-east-1.amazonaws.com`, CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' } }] },
        DefaultCacheBehavior: { TargetOriginId: domain, ViewerProtocolPolicy: 'redirect-to-https', ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } }, MinTTL: 0, TrustedSigners: { Enabled: false, Quantity: 0 } },
        Restrictions: { GeoRestriction: { RestrictionType: 'whitelist', Quantity: 1, Items: ['US'] } },
        ViewerCertificate: { ACMCertificateArn: certificateArn, SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      },
    }),
  );
  const distributionDomain = created.Distribution!.DomainName!;
  const zone = await clients.route53.send(new CreateHostedZoneCommand({ Name: zoneName, CallerReference: `seed-${zoneName}` }));
  const zoneId = zone.HostedZone!.Id!.replace(/^\/hostedzone\//, '');
  await clients.route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: ['A', 'AAAA'].map((Type) => ({
          Action: 'CREATE' as const,
          ResourceRecordSet: { Name: domain, Type: Type as 'A' | 'AAAA', AliasTarget: { DNSName: distributionDomain, HostedZoneId: 'Z2FDTNDATAQYW2', EvaluateTargetHealth: false } },
        })),
      },
    }),
  );
  const webPolicy = await clients.iam.send(new CreatePolicyCommand({ PolicyName: `${domain}-WebAdmPlc`, PolicyDocument: websiteAdminPolicy(created.Distribution!.ARN!) }));
  await clients.iam.send(new CreateGroupCommand({ GroupName: `${domain}-WebAdmGrp` }));
  await clients.iam.send(new AttachGroupPolicyCommand({ GroupName: `${domain}-WebAdmGrp`, PolicyArn: webPolicy.Policy!.Arn }));
  return { distributionId: created.Distribution!.Id!, distributionDomain, zoneId, certificateArn };
}
