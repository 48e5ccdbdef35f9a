import { paginateGetGroup, paginateListPolicies } from '@aws-sdk/client-iam';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  LifecycleRule as S3LifecycleRule,
  GetBucketLoggingCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { AwsClients, Calls } from './aws-clients';
import { bucketAdminGroupName, bucketAdminPolicyName } from '../rules/conventions';

export interface BucketReport {
  readonly bucket: string;
  readonly tags: Record<string, string>;
  readonly logging?: { targetBucket: string; targetPrefix: string };
  readonly versioning: string;
  readonly encryption?: { algorithm: string; kmsKeyId?: string };
  readonly publicAccessBlock?: Record<string, boolean>;
  /** Whether the bucket holds no object: one ListObjectsV2 call for one key, whatever its size. */
  readonly empty?: boolean;
  readonly adminPolicy?: { name: string; arn: string; attachments: number };
  /** The admin group with its users, sorted by name. */
  readonly adminGroup?: { name: string; arn: string; users: string[] };
  /** IAM actions that were denied, so the report says what it could not see. */
  readonly denied: string[];
  /** API calls made. */
  readonly calls: number;
}

async function findPolicy(clients: AwsClients, calls: Calls, name: string) {
  return calls.run('iam:ListPolicies', async () => {
    for await (const page of paginateListPolicies({ client: clients.iam }, { Scope: 'Local' })) {
      calls.count++;
      const hit = page.Policies?.find((p) => p.PolicyName === name);
      if (hit) return { name, arn: hit.Arn!, attachments: hit.AttachmentCount ?? 0 };
    }
    return undefined;
  }, [], true);
}

async function findGroup(clients: AwsClients, calls: Calls, name: string) {
  const pages = await calls.allIfFound('iam:GetGroup', paginateGetGroup({ client: clients.iam }, { GroupName: name }), (page) => [page], ['NoSuchEntityException', 'NoSuchEntity']);
  if (!pages) return undefined;
  return { name, arn: pages[0].Group!.Arn!, users: pages.flatMap((p) => (p.Users ?? []).map((u) => u.UserName!)).sort() };
}

/** The settings every bucket report shows, in five parallel calls. */
export type BucketSettings = Pick<BucketReport, 'tags' | 'logging' | 'versioning' | 'encryption' | 'publicAccessBlock'>;

export async function readBucketSettings(s3: S3Client, calls: Calls, bucket: string): Promise<BucketSettings> {
  const [tagging, logging, versioning, encryption, block] = await Promise.all([
    calls.run('s3:GetBucketTagging', () => s3.send(new GetBucketTaggingCommand({ Bucket: bucket })), ['NoSuchTagSet', 'NoSuchTagSetError']),
    calls.run('s3:GetBucketLogging', () => s3.send(new GetBucketLoggingCommand({ Bucket: bucket }))),
    calls.run('s3:GetBucketVersioning', () => s3.send(new GetBucketVersioningCommand({ Bucket: bucket }))),
    calls.run('s3:GetEncryptionConfiguration', () => s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })), ['ServerSideEncryptionConfigurationNotFoundError']),
    calls.run('s3:GetBucketPublicAccessBlock', () => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })), ['NoSuchPublicAccessBlockConfiguration']),
  ]);
  const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  const loggingEnabled = logging?.LoggingEnabled;
  return {
    tags: Object.fromEntries((tagging?.TagSet ?? []).map((t) => [t.Key!, t.Value ?? ''])),
    logging: loggingEnabled ? { targetBucket: loggingEnabled.TargetBucket!, targetPrefix: loggingEnabled.TargetPrefix ?? '' } : undefined,
    versioning: versioning?.Status ?? 'Disabled',
    encryption: rule ? { algorithm: rule.SSEAlgorithm!, kmsKeyId: rule.KMSMasterKeyID } : undefined,
    publicAccessBlock: block?.PublicAccessBlockConfiguration as Record<string, boolean> | undefined,
  };
}

/** What a bucket's lifecycle, ownership and policy are: what adopt declares and drift compares beyond the settings. */
export interface BucketControls {
  /** Enabled rules only: a disabled rule does nothing. */
  readonly lifecycleRules: S3LifecycleRule[];
  readonly objectOwnership?: string;
  readonly policy?: string;
}

export const ABSENT_BUCKET_CONFIGURATION = ['NoSuchLifecycleConfiguration', 'OwnershipControlsNotFoundError', 'NoSuchBucketPolicy', 'NoSuchWebsiteConfiguration'];

export async function readBucketControls(s3: S3Client, calls: Calls, bucket: string): Promise<BucketControls> {
  const absent = ABSENT_BUCKET_CONFIGURATION;
  const [lifecycle, ownership, policy] = await Promise.all([
    calls.run('s3:GetLifecycleConfiguration', () => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })), absent),
    calls.run('s3:GetBucketOwnershipControls', () => s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })), absent),
    calls.run('s3:GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })), absent),
  ]);
  return {
    lifecycleRules: (lifecycle?.Rules ?? []).filter((r) => r.Status === 'Enabled'),
    objectOwnership: ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership,
    policy: policy?.Policy,
  };
}

/** The replaced service's `GET /buckets/{bucket}` view, and more: settings, emptiness, admin policy and group. */
export async function inspectBucket(clients: AwsClients, bucket: string): Promise<BucketReport> {
  const calls = new Calls();
  const [settings, listing, adminPolicy, adminGroup] = await Promise.all([
    readBucketSettings(clients.s3, calls, bucket),
    calls.run('s3:ListBucket', () => clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }))),
    findPolicy(clients, calls, bucketAdminPolicyName(bucket)),
    findGroup(clients, calls, bucketAdminGroupName(bucket)),
  ]);
  return {
    bucket,
    ...settings,
    empty: listing ? (listing.KeyCount ?? 0) === 0 : undefined,
    adminPolicy: adminPolicy ?? undefined,
    adminGroup: adminGroup ?? undefined,
    denied: calls.denied,
    calls: calls.count,
  };
}
