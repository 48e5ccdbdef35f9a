import { STORJ_API_PREFIXES, StorjApiLayout } from '../admin-api/endpoint-rules';
import { OstorAdminClient } from '../admin-api/ostor-admin-client';
import { RgwAdminClient, RgwQuota, RgwUserInfo, SUBUSER_ACCESS_OF_PERMISSION } from '../admin-api/rgw-admin-client';
import { StorjAdminClient, StorjLimitsReport } from '../admin-api/storj-admin-client';
import { VersityAdminClient, VersityRole } from '../admin-api/versity-admin-client';
import { mapConcurrently } from './concurrency';
import { bucketNameViolations } from '../rules/bucket-name';
import { emailViolations } from '../rules/contact';
import { QuotaSpec, rgwUidViolations } from '../rules/rgw-rules';
import { capsString, quotaState } from '../provider/resources/rgw-values';
import { StorjProjectLimits } from '../schema/storj';
import { versityAccessKeyViolations } from '../schema/versity';
import { AdminConnection, AdminTarget } from './admin-targets';

/*
 * What `s3-admin adopt --target` reads from an admin API. Only ids and settings are kept: the admin APIs
 * hand out every user's secrets with the rest, and none of them leaves this module.
 */

export interface RgwScannedUser {
  readonly uid: string;
  readonly displayName: string;
  readonly email?: string;
  readonly maxBuckets: number;
  readonly suspended: boolean;
  readonly userQuota?: QuotaSpec;
  readonly bucketQuota?: QuotaSpec;
  readonly caps?: string;
  /** The user's own S3 keys (not its subusers'), as RGW lists them. */
  readonly accessKeyIds: string[];
  /** Names after the colon of `uid:name`, with the access in the construct's terms. */
  readonly subusers: Array<{ readonly name: string; readonly access: string }>;
}

export interface RgwScannedBucket {
  readonly name: string;
  readonly owner: string;
  readonly quota?: QuotaSpec;
}

interface ScanBase {
  readonly endpoint: string;
  /** Objects not adopted, each with the reason. */
  readonly skipped: string[];
  readonly calls: number;
}

export interface RgwScan extends ScanBase {
  readonly target: 'rgw';
  readonly users: RgwScannedUser[];
  readonly buckets: RgwScannedBucket[];
}

export interface OstorScan extends ScanBase {
  readonly target: 'ostor';
  readonly users: Array<{ readonly email: string; readonly enabled: boolean; readonly accessKeyIds: string[] }>;
}

export interface VersityScan extends ScanBase {
  readonly target: 'versity';
  readonly users: Array<{ readonly accessKeyId: string; readonly role: VersityRole; readonly userId: number; readonly groupId: number }>;
  readonly bucketOwners: Array<{ readonly bucket: string; readonly owner: string }>;
}

export interface StorjScannedProject {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** In the construct's terms; a limit the satellite holds because of a freeze is left out. */
  readonly limits: StorjProjectLimits;
}

export interface StorjScan extends ScanBase {
  readonly target: 'storj';
  readonly apiLayout: StorjApiLayout;
  readonly users: Array<{
    readonly email: string;
    readonly fullName: string;
    readonly shortName?: string;
    readonly projectLimit: number;
    readonly frozen: boolean;
    readonly projects: StorjScannedProject[];
  }>;
}

export type TargetScan = RgwScan | OstorScan | VersityScan | StorjScan;

/** What the scan of a target needs besides its endpoint: a Storj satellite cannot list its users. */
export interface TargetScanOptions {
  /** The Storj users to adopt, with their projects. */
  readonly emails?: readonly string[];
  /** @default 'legacy' */
  readonly apiLayout?: StorjApiLayout;
}

/** Progress of a scan: `done` of `total` objects of one kind read. */
export type TargetScanProgress = (kind: string, done: number, total: number) => void;

/** The number of objects a scan found to adopt. */
export function adoptableCount(scan: TargetScan): number {
  if (scan.target === 'rgw') return scan.users.length + scan.buckets.length;
  if (scan.target === 'ostor') return scan.users.length;
  if (scan.target === 'storj') return scan.users.length;
  return scan.users.length + scan.bucketOwners.length;
}

const CONCURRENCY = 8;

/** Objects in name order, so that the written stack and the JSON do not change with the server's listing order. */
const byName = <T>(name: (item: T) => string) => (a: T, b: T) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/** Counts the admin API calls (not their retries), which the summary reports. */
class Calls {
  count = 0;

  run<T>(call: () => Promise<T>): Promise<T> {
    this.count++;
    return call();
  }

  /** Reads each item with `read`, a few at a time, telling progress. */
  each<T, R>(items: readonly T[], kind: string, progress: TargetScanProgress, read: (item: T) => Promise<R>): Promise<R[]> {
    let done = 0;
    return mapConcurrently(items, CONCURRENCY, async (item) => {
      const result = await this.run(() => read(item));
      progress(kind, ++done, items.length);
      return result;
    });
  }
}

export function scanTarget(target: AdminTarget, endpoint: string, admin: AdminConnection, progress: TargetScanProgress, options: TargetScanOptions = {}): Promise<TargetScan> {
  switch (target) {
    case 'storj': {
      const apiLayout = options.apiLayout ?? 'legacy';
      return scanStorj(new StorjAdminClient(admin.http, STORJ_API_PREFIXES[apiLayout]), endpoint, apiLayout, options.emails ?? [], progress);
    }
    case 'rgw':
      return scanRgw(new RgwAdminClient(admin.http), endpoint, admin.adminAccessKeyId, progress);
    case 'ostor':
      return scanOstor(new OstorAdminClient(admin.http), endpoint, admin.adminAccessKeyId, progress);
    case 'versity':
      return scanVersity(new VersityAdminClient(admin.http), endpoint, admin.adminAccessKeyId);
  }
}

/** A quota in the constructs' terms, read the way the provider reads it (so the first plan shows no change). */
function quotaSpec(quota: RgwQuota): QuotaSpec | undefined {
  const read = quotaState(quota, null);
  return read ? { maxSizeBytes: read.max_size_bytes ?? undefined, maxObjects: read.max_objects ?? undefined } : undefined;
}

function rgwUser(info: RgwUserInfo, skipped: string[]): RgwScannedUser {
  const subusers = (info.subusers ?? []).flatMap((s) => {
    const access = SUBUSER_ACCESS_OF_PERMISSION[s.permissions];
    if (!access) skipped.push(`subuser ${s.id}: its permission '${s.permissions}' has no counterpart in RgwSubuser (read, write, readwrite, full)`);
    return access ? [{ name: s.id.slice(info.user_id.length + 1), access }] : [];
  });
  const caps = capsString(info.caps);
  return {
    uid: info.user_id,
    displayName: info.display_name,
    email: info.email || undefined,
    maxBuckets: info.max_buckets,
    suspended: Boolean(info.suspended),
    userQuota: quotaSpec(info.user_quota),
    bucketQuota: quotaSpec(info.bucket_quota),
    caps: caps || undefined,
    // RGW lists the subusers' keys with the user's, each under its own `user`
    accessKeyIds: info.keys.filter((k) => k.user === info.user_id).map((k) => k.access_key),
    subusers,
  };
}

/**
 * Users (the metadata listing, then each user), then all buckets with their stats in one call. The admin
 * account is recognised by its key; users the constructs cannot name (tenant users, `tenant$uid`) and
 * buckets of users not adopted are skipped.
 */
export async function scanRgw(rgw: RgwAdminClient, endpoint: string, adminAccessKeyId: string, progress: TargetScanProgress): Promise<RgwScan> {
  const calls = new Calls();
  const skipped: string[] = [];
  const uids = await calls.run(() => rgw.listUserIds());
  const infos = await calls.each(uids, 'user', progress, (uid) => rgw.getUser(uid));
  const users: RgwScannedUser[] = [];
  let adminUid: string | undefined;
  for (const info of infos) {
    // undefined: removed between the listing and the read
    if (!info) continue;
    if (info.keys.some((k) => k.access_key === adminAccessKeyId)) {
      adminUid = info.user_id;
      skipped.push(`user ${info.user_id}: the admin account this scan runs as`);
      continue;
    }
    const broken = rgwUidViolations(info.user_id);
    if (broken.length) skipped.push(`user ${info.user_id}: not a uid RgwUser accepts (${broken.join('; ')})`);
    else users.push(rgwUser(info, skipped));
  }
  const adopted = new Set(users.map((u) => u.uid));
  const buckets: RgwScannedBucket[] = [];
  for (const stats of await calls.run(() => rgw.listBucketStats())) {
    const broken = bucketNameViolations(stats.bucket);
    if (stats.owner === adminUid) skipped.push(`bucket ${stats.bucket}: owned by the admin account ${adminUid}`);
    else if (!adopted.has(stats.owner)) skipped.push(`bucket ${stats.bucket}: its owner ${stats.owner} is not adopted`);
    else if (broken.length) skipped.push(`bucket ${stats.bucket}: not a name RgwBucket accepts (${broken.join('; ')})`);
    else buckets.push({ name: stats.bucket, owner: stats.owner, quota: quotaSpec(stats.bucket_quota) });
  }
  return { target: 'rgw', endpoint, users: users.sort(byName((u) => u.uid)), buckets: buckets.sort(byName((b) => b.name)), skipped, calls: calls.count };
}

/** Users (the listing has no keys: each user is read for its key ids). ostor buckets have no construct. */
export async function scanOstor(ostor: OstorAdminClient, endpoint: string, adminAccessKeyId: string, progress: TargetScanProgress): Promise<OstorScan> {
  const calls = new Calls();
  const skipped: string[] = [];
  const listed = await calls.run(() => ostor.listUsers());
  const read = await calls.each(listed, 'user', progress, (u) => ostor.getUser(u.UserEmail));
  const users: OstorScan['users'] = [];
  for (const user of read) {
    if (!user) continue;
    const keys = (user.AWSAccessKeys ?? []).map((k) => k.AWSAccessKeyId);
    const broken = emailViolations(user.UserEmail);
    if (keys.includes(adminAccessKeyId)) skipped.push(`user ${user.UserEmail}: the admin account this scan runs as`);
    else if (broken.length) skipped.push(`user ${user.UserEmail}: not an email OstorUser accepts`);
    else users.push({ email: user.UserEmail, enabled: user.State !== 'disabled', accessKeyIds: keys });
  }
  return { target: 'ostor', endpoint, users: users.sort(byName((u) => u.email)), skipped, calls: calls.count };
}

/** Users and bucket owners: two listings. Buckets of the admin account (or of no adopted user) stay as they are. */
export async function scanVersity(versity: VersityAdminClient, endpoint: string, adminAccessKeyId: string): Promise<VersityScan> {
  const calls = new Calls();
  const skipped: string[] = [];
  const users: VersityScan['users'] = [];
  for (const account of await calls.run(() => versity.listUsers())) {
    const broken = versityAccessKeyViolations(account.access);
    if (account.access === adminAccessKeyId) skipped.push(`user ${account.access}: the admin account this scan runs as`);
    else if (broken.length) skipped.push(`user ${account.access}: not an access key id VersityUser accepts`);
    else users.push({ accessKeyId: account.access, role: account.role, userId: account.userId ?? 0, groupId: account.groupId ?? 0 });
  }
  const adopted = new Set(users.map((u) => u.accessKeyId));
  const bucketOwners: VersityScan['bucketOwners'] = [];
  for (const b of await calls.run(() => versity.listBuckets())) {
    if (b.owner === adminAccessKeyId) skipped.push(`bucket ${b.name}: owned by the admin account`);
    else if (!adopted.has(b.owner)) skipped.push(`bucket ${b.name}: its owner ${b.owner} is not adopted`);
    else if (bucketNameViolations(b.name).length) skipped.push(`bucket ${b.name}: not a name VersityBucketOwner accepts`);
    else bucketOwners.push({ bucket: b.name, owner: b.owner });
  }
  return { target: 'versity', endpoint, users: users.sort(byName((u) => u.accessKeyId)), bucketOwners: bucketOwners.sort(byName((b) => b.bucket)), skipped, calls: calls.count };
}

/** A project's limits in StorjProject's terms; with `frozen`, storage, bandwidth and segments are the freeze's zeros and left out. */
function storjLimits(report: StorjLimitsReport, frozen: boolean): StorjProjectLimits {
  const rate = typeof report.rate === 'number' ? report.rate : report.rate?.rps;
  const limits: Record<string, number | null | undefined> = {
    storageBytes: frozen ? undefined : report.usage?.bytes,
    bandwidthBytes: frozen ? undefined : report.bandwidth?.bytes,
    segments: frozen ? undefined : report.maxSegments,
    buckets: report.maxBuckets,
    rate,
    burst: report.burst,
  };
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => typeof v === 'number')) as StorjProjectLimits;
}

/**
 * The named users, each with its projects and their limits. The satellite admin API lists neither users nor
 * buckets, so users are named on the command line and geofences are not scanned; API keys are listed to be
 * named in the summary only (the satellite never shows a key again, so an adopted key would have no value).
 */
export async function scanStorj(storj: StorjAdminClient, endpoint: string, apiLayout: StorjApiLayout, emails: readonly string[], progress: TargetScanProgress): Promise<StorjScan> {
  const calls = new Calls();
  const skipped: string[] = [];
  const read = await calls.each(emails, 'user', progress, async (email) => {
    const details = await storj.getUser(email);
    if (!details) return undefined;
    const frozen = await calls.run(() => storj.isFrozen(details.user));
    // listed projects include deleted ones (status 0), which getProject leaves out
    const listed = await Promise.all((details.projects ?? []).map((p) => calls.run(() => storj.getProject(p.id))));
    const active = listed.filter((p) => p !== undefined);
    const projects = await Promise.all(
      active.map(async (p): Promise<StorjScannedProject> => {
        const [report, keys] = await Promise.all([calls.run(() => storj.getLimits(p.id)), calls.run(() => storj.listApiKeys(p.id))]);
        for (const k of keys) skipped.push(`API key '${k.name}' of project ${p.name} (${p.id}): the satellite never shows a key again; declare a StorjApiKey for a new one and delete this one once clients use it`);
        return { id: p.id, name: p.name, description: p.description ?? '', limits: storjLimits(report, frozen) };
      }),
    );
    const { user } = details;
    return { email: user.email, fullName: user.fullName, shortName: user.shortName || undefined, projectLimit: user.projectLimit ?? 0, frozen, projects: projects.sort(byName((p) => p.name)) };
  });
  const users: StorjScan['users'] = [];
  read.forEach((user, i) => (user ? users.push(user) : skipped.push(`user ${emails[i]}: the satellite has no such user`)));
  return { target: 'storj', endpoint, apiLayout, users: users.sort(byName((u) => u.email)), skipped: skipped.sort(), calls: calls.count };
}
