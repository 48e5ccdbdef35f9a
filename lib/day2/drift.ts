import { paginateGetGroup, paginateListGroupsForUser, paginateListPolicies } from '@aws-sdk/client-iam';
import { isDeepStrictEqual } from 'node:util';
import { mapConcurrently } from './concurrency';
import { AwsClients, Calls } from './aws-clients';
import { DeclaredBucket, DeclaredEstate, lifecycleSummary } from './declared-estate';
import { readBucketControls, readBucketSettings } from './inspect-bucket';
import { distributionsByAlias } from './inspect-website';

/** One difference: `declared` or `actual` is undefined when that side has nothing. */
export interface Drift {
  readonly object: string;
  readonly field: string;
  readonly declared?: unknown;
  readonly actual?: unknown;
}

export interface DriftReport {
  readonly drifts: Drift[];
  /** Objects compared. */
  readonly checked: number;
  readonly denied: string[];
  readonly calls: number;
}

const NOT_FOUND = ['NoSuchEntity', 'NoSuchEntityException', 'NoSuchBucket'];
const CONCURRENCY = 8;

/**
 * Compares what a synthesized stack declares with what the account has, field by field: a quick check
 * outside Terraform (no state, no plan), for the fields this library's constructs manage.
 */
export async function findDrift(clients: AwsClients, declared: DeclaredEstate): Promise<DriftReport> {
  const calls = new Calls();
  const drifts: Drift[] = [];
  const differ = (object: string, field: string, want: unknown, have: unknown) => {
    if (want !== undefined && !isDeepStrictEqual(want, have)) drifts.push({ object, field, declared: want, actual: have });
  };
  const missing = (object: string) => drifts.push({ object, field: 'exists', declared: true, actual: false });

  const policyNames = new Set(
    (await calls.all('iam:ListPolicies', paginateListPolicies({ client: clients.iam }, { Scope: 'Local' }), (p) => p.Policies)).map((p) => p.PolicyName),
  );
  for (const name of declared.policies) if (!policyNames.has(name)) missing(`policy ${name}`);

  const members = new Map<string, string[]>();
  for (const [user, groups] of declared.users) for (const g of groups) members.set(g, [...(members.get(g) ?? []), user]);

  // one listing serves every declared website
  const compareWebsites = async () => {
    if (declared.websites.length === 0) return;
    const served = await distributionsByAlias(clients, calls);
    for (const site of declared.websites) {
      const d = served.get(site.domain);
      if (!d) {
        missing(`distribution for ${site.domain}`);
        continue;
      }
      const object = `distribution ${d.Id} (${site.domain})`;
      differ(object, 'priceClass', site.priceClass, d.PriceClass);
      differ(object, 'minimumProtocolVersion', site.minimumProtocolVersion, d.ViewerCertificate?.MinimumProtocolVersion);
      const geo = d.Restrictions?.GeoRestriction;
      differ(object, 'geoRestriction', site.geoRestriction, { type: geo?.RestrictionType ?? 'none', locations: geo?.Items ?? [] });
    }
  };

  await Promise.all([
    mapConcurrently(declared.buckets, CONCURRENCY, (bucket) => compareBucket(clients, calls, bucket, differ, missing)),
    mapConcurrently(declared.groups, CONCURRENCY, async (group) => {
      const found = await calls.allIfFound('iam:GetGroup', paginateGetGroup({ client: clients.iam }, { GroupName: group }), (p) => p.Users, NOT_FOUND);
      if (!found) {
        missing(`group ${group}`);
        return;
      }
      const users = found.map((u) => u.UserName!);
      // memberships are not exclusive in Terraform, yet an undeclared member of an admin group is worth a look
      for (const user of users) if (!declared.users.has(user)) drifts.push({ object: `group ${group}`, field: `member ${user}`, actual: 'member' });
      for (const user of members.get(group) ?? []) if (!users.includes(user)) drifts.push({ object: `group ${group}`, field: `member ${user}`, declared: 'member' });
    }),
    mapConcurrently([...declared.users.keys()], CONCURRENCY, async (user) => {
      const groups = await calls.allIfFound('iam:ListGroupsForUser', paginateListGroupsForUser({ client: clients.iam }, { UserName: user }), (p) => p.Groups, NOT_FOUND);
      if (!groups) missing(`user ${user}`);
    }),
    compareWebsites(),
  ]);
  drifts.sort((a, b) => a.object.localeCompare(b.object) || a.field.localeCompare(b.field));
  const checked = declared.buckets.length + declared.policies.length + declared.groups.length + declared.users.size + declared.websites.length;
  return { drifts, checked, denied: [...new Set(calls.denied)], calls: calls.count };
}

async function compareBucket(
  clients: AwsClients,
  calls: Calls,
  bucket: DeclaredBucket,
  differ: (object: string, field: string, want: unknown, have: unknown) => void,
  missing: (object: string) => void,
): Promise<void> {
  const object = `bucket ${bucket.name}`;
  // each bucket counts its own calls, so that a field whose read was denied is skipped rather than reported as drifted
  const own = new Calls();
  let actual;
  let controls;
  try {
    [actual, controls] = await Promise.all([readBucketSettings(clients.s3, own, bucket.name), readBucketControls(clients.s3, own, bucket.name)]);
  } catch (e) {
    if (NOT_FOUND.includes((e as { name?: string }).name ?? '')) {
      missing(object);
      return;
    }
    throw e;
  } finally {
    calls.absorb(own);
  }
  const readable = (action: string) => !own.denied.includes(action);
  const check = (action: string, field: string, want: unknown, have: unknown) => readable(action) && differ(object, field, want, have);
  if (readable('s3:GetBucketTagging')) {
    for (const key of new Set([...Object.keys(bucket.tags), ...Object.keys(actual.tags)])) differ(object, `tags.${key}`, bucket.tags[key] ?? null, actual.tags[key] ?? null);
  }
  check('s3:GetBucketVersioning', 'versioning', bucket.versioning, actual.versioning);
  check('s3:GetEncryptionConfiguration', 'encryption', bucket.encryption, actual.encryption?.algorithm);
  check('s3:GetBucketLogging', 'logging', bucket.logging, actual.logging);
  check('s3:GetBucketPublicAccessBlock', 'publicAccessBlock', bucket.publicAccessBlock, actual.publicAccessBlock);
  check('s3:GetBucketOwnershipControls', 'objectOwnership', bucket.objectOwnership, controls.objectOwnership);
  const actualRules = controls.lifecycleRules.map((r) =>
    lifecycleSummary({
      id: r.ID,
      prefix: r.Filter?.Prefix ?? r.Prefix,
      transitions: (r.Transitions ?? []).map((t) => ({ days: t.Days, storageClass: t.StorageClass })),
      noncurrent: (r.NoncurrentVersionTransitions ?? []).map((t) => ({ days: t.NoncurrentDays, storageClass: t.StorageClass })),
      expirationDays: r.Expiration?.Days,
    }),
  );
  check('s3:GetLifecycleConfiguration', 'lifecycle', bucket.lifecycle?.sort(), actualRules.sort());
}
