import { DistributionSummary } from '@aws-sdk/client-cloudfront';
import { paginateGetGroup, paginateListAccessKeys, paginateListAttachedGroupPolicies, paginateListGroups, paginateListGroupsForUser, paginateListPolicies } from '@aws-sdk/client-iam';
import { HostedZone, paginateListHostedZones } from '@aws-sdk/client-route-53';
import {
  GetBucketLocationCommand,
  GetBucketWebsiteCommand,
  LifecycleRule as S3LifecycleRule,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { isDeepStrictEqual } from 'node:util';
import type { BucketSetting } from '../../constructs/admin-bucket';
import { mapConcurrently } from './concurrency';
import { LIFECYCLE_PRESETS, LifecyclePreset, LifecycleRule, LifecycleSetting, lifecycleRules, renderLifecycleRules, TransitionStorageClass } from '../synth/lifecycle';
import { AwsClients, Calls } from './aws-clients';
import { ABSENT_BUCKET_CONFIGURATION, BucketSettings, readBucketControls, readBucketSettings } from './inspect-bucket';
import { aliasRecordSets, distributionsByAlias, mostSpecificZone } from './inspect-website';
import { bucketAdminGroupName, bucketAdminPolicyName, websiteAdminGroupName, websiteAdminPolicyName } from '../rules/conventions';

export interface ScannedBucket extends BucketSettings {
  readonly name: string;
  /** Where the bucket lives (undefined when that could not be read). */
  readonly region?: string;
  readonly lifecycle: LifecycleSetting;
  /** Setting objects the bucket has, which the declaration adopts instead of creating. */
  readonly existingSettings: BucketSetting[];
  readonly adminPolicyArn?: string;
  readonly adminGroup: boolean;
  readonly adminPolicyAttached: boolean;
  readonly members: string[];
  readonly objectOwnership?: string;
  readonly hasBucketPolicy: boolean;
}

export interface ScannedWebsite {
  readonly domain: string;
  readonly bucket: ScannedBucket;
  readonly websiteConfiguration: boolean;
  readonly indexDocument?: string;
  readonly errorDocument?: string;
  readonly distribution?: {
    id: string;
    certificateArn?: string;
    priceClass?: string;
    geoRestriction?: { type: 'whitelist' | 'blacklist'; locations: string[] };
    origin: 'website-endpoint' | 'origin-access-control';
    originAccessControlId?: string;
  };
  readonly hostedZoneId?: string;
  readonly records: Array<'A' | 'AAAA'>;
  readonly webAdminPolicyArn?: string;
  readonly webAdminGroup: boolean;
  readonly webAdminPolicyAttached: boolean;
  readonly members: string[];
}

export interface ScannedUser {
  readonly name: string;
  readonly groups: string[];
  /** Key ids, newest first (IAM never hands out a secret again). */
  readonly accessKeyIds: string[];
}

export interface ScannedEstate {
  readonly buckets: ScannedBucket[];
  readonly websites: ScannedWebsite[];
  readonly users: ScannedUser[];
  readonly denied: string[];
  readonly calls: number;
}

export type ScanKind = 'bucket' | 'website' | 'user';

/** Progress of a scan: `done` of `total` items of one kind. */
export type ScanProgress = (kind: ScanKind, done: number, total: number) => void;

const CONCURRENCY = 8;

/**
 * Finds what the replaced service (or a hand) made: buckets that have a `<name>-BktAdmPlc` or
 * `<name>-BktAdmGrp`, websites (such buckets whose name a distribution serves, or that have a
 * `-WebAdmPlc`/`-WebAdmGrp`), and the users in their groups. Account-wide listings are read once; the
 * per-bucket calls run a few at a time.
 */
export async function scanEstate(clients: AwsClients, progress: ScanProgress = () => undefined): Promise<ScannedEstate> {
  const calls = new Calls();
  const [policies, groups, bucketNames, served, zones] = await Promise.all([
    calls.all('iam:ListPolicies', paginateListPolicies({ client: clients.iam }, { Scope: 'Local' }), (p) => p.Policies),
    calls.all('iam:ListGroups', paginateListGroups({ client: clients.iam }, {}), (p) => p.Groups),
    calls.all('s3:ListAllMyBuckets', paginateListBuckets({ client: clients.s3 }, {}), (p) => p.Buckets),
    distributionsByAlias(clients, calls),
    calls.all('route53:ListHostedZones', paginateListHostedZones({ client: clients.route53 }, {}), (p) => p.HostedZones),
  ]);
  const policyArns = new Map(policies.map((p) => [p.PolicyName!, p.Arn!]));
  const groupNames = new Set(groups.map((g) => g.GroupName!));
  const isWebsite = (name: string) => served.has(name) || policyArns.has(websiteAdminPolicyName(name)) || groupNames.has(websiteAdminGroupName(name));
  const regions = new Map(bucketNames.map((b) => [b.Name!, b.BucketRegion]));
  const adopted = bucketNames.map((b) => b.Name!).filter((name) => policyArns.has(bucketAdminPolicyName(name)) || groupNames.has(bucketAdminGroupName(name)) || isWebsite(name));

  const adminPair = (policyName: string, groupName: string) => adminPairOf(clients, calls, policyArns.get(policyName), groupNames.has(groupName) ? groupName : undefined);
  // a few at a time, each kind reporting how far it got
  const each = <T, R>(kind: ScanKind, items: T[], work: (item: T) => Promise<R>) => {
    let done = 0;
    return mapConcurrently(items, CONCURRENCY, async (item) => {
      const result = await work(item);
      progress(kind, ++done, items.length);
      return result;
    });
  };

  const buckets = await each('bucket', adopted, async (name) =>
    scanBucket(clients, calls, name, regions.get(name), await adminPair(bucketAdminPolicyName(name), bucketAdminGroupName(name))),
  );
  const websites = await each('website', buckets.filter((b) => isWebsite(b.name)), async (bucket) =>
    scanWebsite(clients, calls, bucket, served.get(bucket.name), zones, await adminPair(websiteAdminPolicyName(bucket.name), websiteAdminGroupName(bucket.name))),
  );
  const userNames = [...new Set([...buckets, ...websites].flatMap((o) => o.members))].sort();
  const users = await each('user', userNames, (name) => scanUser(clients, calls, name));

  const websiteNames = new Set(websites.map((w) => w.domain));
  return { buckets: buckets.filter((b) => !websiteNames.has(b.name)), websites, users, denied: [...new Set(calls.denied)], calls: calls.count };
}

interface AdminPair {
  policyArn?: string;
  group: boolean;
  attached: boolean;
  members: string[];
}

async function adminPairOf(clients: AwsClients, calls: Calls, policyArn: string | undefined, group: string | undefined): Promise<AdminPair> {
  if (!group) return { policyArn, group: false, attached: false, members: [] };
  const [members, attachedPolicies] = await Promise.all([
    calls.all('iam:GetGroup', paginateGetGroup({ client: clients.iam }, { GroupName: group }), (p) => p.Users),
    calls.all('iam:ListAttachedGroupPolicies', paginateListAttachedGroupPolicies({ client: clients.iam }, { GroupName: group }), (p) => p.AttachedPolicies),
  ]);
  return {
    policyArn,
    group: true,
    attached: policyArn !== undefined && attachedPolicies.some((p) => p.PolicyArn === policyArn),
    members: members.map((u) => u.UserName!),
  };
}

async function scanBucket(clients: AwsClients, calls: Calls, name: string, listedRegion: string | undefined, admin: AdminPair): Promise<ScannedBucket> {
  const s3 = clients.s3;
  const [settings, controls, location] = await Promise.all([
    readBucketSettings(s3, calls, name),
    readBucketControls(s3, calls, name),
    // ListBuckets names the region on AWS; where it does not (older APIs, emulators), ask the bucket
    listedRegion ? undefined : calls.run('s3:GetBucketLocation', () => s3.send(new GetBucketLocationCommand({ Bucket: name }))),
  ]);
  const rules = controls.lifecycleRules;
  const present: Array<[BucketSetting, unknown]> = [
    ['publicAccessBlock', settings.publicAccessBlock],
    ['ownershipControls', controls.objectOwnership],
    ['encryption', settings.encryption],
    ['versioning', settings.versioning === 'Enabled' ? true : undefined],
    ['lifecycle', rules.length ? true : undefined],
    ['logging', settings.logging],
    ['policy', controls.policy],
  ];
  return {
    name,
    region: listedRegion ?? (location ? regionOfLocation(location.LocationConstraint) : undefined),
    ...settings,
    lifecycle: lifecycleSetting(rules),
    existingSettings: present.filter(([, value]) => value !== undefined).map(([setting]) => setting),
    adminPolicyArn: admin.policyArn,
    adminGroup: admin.group,
    adminPolicyAttached: admin.attached,
    members: admin.members,
    objectOwnership: controls.objectOwnership,
    hasBucketPolicy: Boolean(controls.policy),
  };
}

/** GetBucketLocation's answer as a region: empty means us-east-1, and `EU` is eu-west-1's legacy name. */
function regionOfLocation(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

/** The existing lifecycle as a preset when it is one, else as rules in this library's terms. */
function lifecycleSetting(rules: S3LifecycleRule[]): LifecycleSetting {
  if (rules.length === 0) return 'none';
  const mapped = rules.map(toLifecycleRule);
  const rendered = renderLifecycleRules(mapped);
  const preset = (Object.keys(LIFECYCLE_PRESETS) as LifecyclePreset[]).find((p) => p !== 'none' && isDeepStrictEqual(renderLifecycleRules(lifecycleRules(p)), rendered));
  return preset ?? mapped;
}

function toLifecycleRule(rule: S3LifecycleRule, index: number): LifecycleRule {
  const transitions = (rule.Transitions ?? []).map((t) => ({ days: t.Days ?? 0, storageClass: t.StorageClass as TransitionStorageClass }));
  return {
    id: rule.ID ?? `rule-${index + 1}`,
    ...(rule.Filter?.Prefix || rule.Prefix ? { prefix: rule.Filter?.Prefix ?? rule.Prefix } : {}),
    transitions,
    noncurrentVersionTransitions: (rule.NoncurrentVersionTransitions ?? []).map((t) => ({ days: t.NoncurrentDays ?? 0, storageClass: t.StorageClass as TransitionStorageClass })),
    ...(rule.Expiration?.Days !== undefined ? { expirationDays: rule.Expiration.Days } : {}),
    ...(rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined ? { noncurrentVersionExpirationDays: rule.NoncurrentVersionExpiration.NoncurrentDays } : {}),
    ...(rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined
      ? { abortIncompleteMultipartUploadDays: rule.AbortIncompleteMultipartUpload.DaysAfterInitiation }
      : {}),
  };
}

async function scanWebsite(
  clients: AwsClients,
  calls: Calls,
  bucket: ScannedBucket,
  distribution: DistributionSummary | undefined,
  zones: HostedZone[],
  admin: AdminPair,
): Promise<ScannedWebsite> {
  const domain = bucket.name;
  const zone = mostSpecificZone(zones, domain);
  const [website, records] = await Promise.all([
    calls.run('s3:GetBucketWebsite', () => clients.s3.send(new GetBucketWebsiteCommand({ Bucket: domain })), ABSENT_BUCKET_CONFIGURATION),
    zone ? aliasRecordSets(clients, calls, zone.id, domain) : [],
  ]);
  const origin = distribution?.Origins?.Items?.[0];
  const geo = distribution?.Restrictions?.GeoRestriction;
  return {
    domain,
    bucket,
    websiteConfiguration: Boolean(website),
    indexDocument: website?.IndexDocument?.Suffix,
    errorDocument: website?.ErrorDocument?.Key,
    distribution: distribution && {
      id: distribution.Id!,
      certificateArn: distribution.ViewerCertificate?.ACMCertificateArn,
      priceClass: distribution.PriceClass,
      geoRestriction: geo && geo.RestrictionType !== 'none' ? { type: geo.RestrictionType as 'whitelist' | 'blacklist', locations: geo.Items ?? [] } : undefined,
      origin: origin?.DomainName?.includes('.s3-website') ? 'website-endpoint' : 'origin-access-control',
      originAccessControlId: origin?.OriginAccessControlId || undefined,
    },
    hostedZoneId: zone?.id,
    records: records.map((r) => r.Type as 'A' | 'AAAA'),
    webAdminPolicyArn: admin.policyArn,
    webAdminGroup: admin.group,
    webAdminPolicyAttached: admin.attached,
    members: admin.members,
  };
}

async function scanUser(clients: AwsClients, calls: Calls, name: string): Promise<ScannedUser> {
  const [groups, keys] = await Promise.all([
    calls.all('iam:ListGroupsForUser', paginateListGroupsForUser({ client: clients.iam }, { UserName: name }), (p) => p.Groups),
    calls.all('iam:ListAccessKeys', paginateListAccessKeys({ client: clients.iam }, { UserName: name }), (p) => p.AccessKeyMetadata),
  ]);
  return {
    name,
    groups: groups.map((g) => g.GroupName!).sort(),
    accessKeyIds: keys.sort((a, b) => (b.CreateDate?.getTime() ?? 0) - (a.CreateDate?.getTime() ?? 0)).map((k) => k.AccessKeyId!),
  };
}
