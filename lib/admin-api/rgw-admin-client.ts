import { AdminApiError, ifFound } from './admin-api-error';
import { SignedHttpClient } from './signed-http-client';

/** A quota as RGW reports it; -1 means unlimited. */
export interface RgwQuota {
  readonly enabled: boolean;
  readonly max_size_kb: number;
  readonly max_objects: number;
}

export interface RgwKey {
  readonly user: string;
  readonly access_key: string;
  readonly secret_key: string;
}

export interface RgwCap {
  readonly type: string;
  readonly perm: string;
}

export interface RgwUserInfo {
  readonly user_id: string;
  readonly display_name: string;
  readonly email: string;
  readonly suspended: number;
  readonly max_buckets: number;
  readonly keys: RgwKey[];
  /** `uid:name` and permissions such as `full-control`. */
  readonly subusers?: Array<{ readonly id: string; readonly permissions: string }>;
  readonly caps: RgwCap[];
  readonly bucket_quota: RgwQuota;
  readonly user_quota: RgwQuota;
}

export interface RgwUserSettings {
  readonly displayName: string;
  readonly email?: string;
  readonly maxBuckets?: number;
  readonly suspended?: boolean;
}

export type RgwQuotaType = 'user' | 'bucket';

/** A bucket as `GET /admin/bucket?stats` reports it (only the fields read here). */
export interface RgwBucketStats {
  readonly bucket: string;
  readonly owner: string;
  readonly id: string;
  readonly bucket_quota: RgwQuota;
}

/**
 * RGW reports a subuser's permissions in words of its own; its API takes the short forms (`access=`).
 * `<none>` has no short form: a subuser without rights cannot be made through the API.
 */
export const SUBUSER_ACCESS_OF_PERMISSION: Readonly<Record<string, string>> = { read: 'read', write: 'write', 'read-write': 'readwrite', 'full-control': 'full' };

/**
 * The Ceph RGW Admin Ops API, one method per call.
 * @see https://docs.ceph.com/en/latest/radosgw/adminops/
 */
export class RgwAdminClient {
  constructor(private readonly http: SignedHttpClient) {}

  /** The user, or undefined when RGW answers NoSuchUser. */
  async getUser(uid: string): Promise<RgwUserInfo | undefined> {
    return ifFound(async () =>
      JSON.parse((await this.http.send({ operation: `RGW get user ${uid}`, method: 'GET', path: '/admin/user', query: { uid, format: 'json' } })).body),
    );
  }

  /** The user who holds the S3 key, or undefined when no user does (RGW answers AccessDenied for an unknown key). */
  async getUserByAccessKey(accessKey: string): Promise<RgwUserInfo | undefined> {
    try {
      const res = await this.http.send({ operation: `RGW find the user of key ${accessKey}`, method: 'GET', path: '/admin/user', query: { 'access-key': accessKey, format: 'json' } });
      return JSON.parse(res.body);
    } catch (e) {
      if (e instanceof AdminApiError && (e.status === 404 || e.code === 'AccessDenied')) return undefined;
      throw e;
    }
  }

  /** Adds a subuser `uid:name` with an S3 key pair that RGW generates; `access` in RGW's terms (read, write, readwrite, full). */
  async createSubuser(uid: string, subuser: string, access: string): Promise<void> {
    await this.http.sendUnlessDone(
      {
        operation: `RGW create subuser ${subuser}`,
        method: 'PUT',
        path: '/admin/user',
        query: { subuser, uid, access, 'key-type': 's3', 'generate-secret': 'true', 'gen-access-key': 'true', format: 'json' },
      },
      async () => Boolean((await this.getUser(uid))?.subusers?.some((s) => s.id === subuser)),
    );
  }

  async modifySubuser(uid: string, subuser: string, access: string): Promise<void> {
    await this.http.send({ operation: `RGW modify subuser ${subuser}`, method: 'POST', path: '/admin/user', query: { subuser, uid, access, format: 'json' } });
  }

  /** Removes the subuser and its keys. */
  async removeSubuser(uid: string, subuser: string): Promise<void> {
    await this.http.sendUnlessDone(
      { operation: `RGW remove subuser ${subuser}`, method: 'DELETE', path: '/admin/user', query: { subuser, uid, 'purge-keys': 'true', format: 'json' } },
      async () => !(await this.getUser(uid))?.subusers?.some((s) => s.id === subuser),
    );
  }

  /** Creates the user; RGW refuses a second create (UserAlreadyExists), so a lost answer is looked up instead. */
  async createUser(uid: string, settings: RgwUserSettings): Promise<RgwUserInfo> {
    return this.http.sendNotRepeatable(
      {
        operation: `RGW create user ${uid}`,
        method: 'PUT',
        path: '/admin/user',
        query: { uid, ...userQuery(settings), 'generate-key': 'false', format: 'json' },
      },
      (res) => JSON.parse(res.body),
      () => this.getUser(uid),
    );
  }

  async modifyUser(uid: string, settings: Partial<RgwUserSettings>): Promise<void> {
    await this.http.send({ operation: `RGW modify user ${uid}`, method: 'POST', path: '/admin/user', query: { uid, ...userQuery(settings), format: 'json' } });
  }

  /** Removes the user; `purgeData` also deletes its buckets and objects. */
  async removeUser(uid: string, purgeData: boolean): Promise<void> {
    await this.http.sendUnlessDone(
      { operation: `RGW remove user ${uid}`, method: 'DELETE', path: '/admin/user', query: { uid, 'purge-data': String(purgeData), format: 'json' } },
      async () => !(await this.getUser(uid)),
    );
  }

  /** Adds an S3 key with the given id and secret (RGW generates neither, so a retry cannot make a second key). */
  async createKey(uid: string, accessKey: string, secretKey: string): Promise<void> {
    await this.http.send({
      operation: `RGW create key ${accessKey} for ${uid}`,
      method: 'PUT',
      path: '/admin/user',
      query: { key: '', uid, 'access-key': accessKey, 'secret-key': secretKey, 'key-type': 's3', format: 'json' },
    });
  }

  /** Adds an S3 key that RGW generates; returns it (the only time its secret is handed out by this call). */
  async generateKey(uid: string): Promise<RgwKey> {
    const before = new Set((await this.getUser(uid))?.keys.map((k) => k.access_key));
    const made = (keys: RgwKey[] | undefined) => keys?.find((k) => !before.has(k.access_key));
    return this.http.sendNotRepeatable(
      {
        operation: `RGW generate key for ${uid}`,
        method: 'PUT',
        path: '/admin/user',
        query: { key: '', uid, 'generate-key': 'true', 'key-type': 's3', format: 'json' },
      },
      (res) => made(JSON.parse(res.body) as RgwKey[])!,
      async () => made((await this.getUser(uid))?.keys),
    );
  }

  async removeKey(uid: string, accessKey: string): Promise<void> {
    await this.http.sendUnlessDone(
      {
        operation: `RGW remove key ${accessKey} of ${uid}`,
        method: 'DELETE',
        path: '/admin/user',
        query: { key: '', uid, 'access-key': accessKey, 'key-type': 's3', format: 'json' },
      },
      async () => !(await this.getUser(uid))?.keys.some((k) => k.access_key === accessKey),
    );
  }

  async setUserQuota(uid: string, type: RgwQuotaType, quota: RgwQuota): Promise<void> {
    await this.http.send({
      operation: `RGW set ${type} quota of ${uid}`,
      method: 'PUT',
      path: '/admin/user',
      query: { quota: '', uid, 'quota-type': type, ...quotaQuery(quota) },
    });
  }

  async addCaps(uid: string, caps: string): Promise<void> {
    await this.http.send({ operation: `RGW add caps of ${uid}`, method: 'PUT', path: '/admin/user', query: { caps: '', uid, 'user-caps': caps, format: 'json' } });
  }

  async removeCaps(uid: string, caps: string): Promise<void> {
    await this.http.send({ operation: `RGW remove caps of ${uid}`, method: 'DELETE', path: '/admin/user', query: { caps: '', uid, 'user-caps': caps, format: 'json' } });
  }

  /**
   * Every user id, through the metadata API (the admin needs the `metadata=read` cap), a page at a time:
   * RGW answers `{keys, truncated, marker}` once `max-entries` is given, with `truncated` as a string.
   */
  async listUserIds(pageSize = 1000): Promise<string[]> {
    const ids: string[] = [];
    let marker: string | undefined;
    do {
      const query: Record<string, string> = { 'max-entries': String(pageSize), ...(marker ? { marker } : {}), format: 'json' };
      const res = await this.http.send({ operation: 'RGW list users', method: 'GET', path: '/admin/metadata/user', query });
      const page = JSON.parse(res.body) as { keys: string[]; truncated?: boolean | string; marker?: string };
      ids.push(...page.keys);
      marker = String(page.truncated) === 'true' ? page.marker : undefined;
    } while (marker);
    return ids;
  }

  /** Every bucket with its owner and quota, in one call (the admin needs the `buckets=read` cap). */
  async listBucketStats(): Promise<RgwBucketStats[]> {
    const res = await this.http.send({ operation: 'RGW list buckets with stats', method: 'GET', path: '/admin/bucket', query: { stats: 'true', format: 'json' } });
    return JSON.parse(res.body);
  }

  /** Names of the buckets the user owns. */
  async listBuckets(uid: string): Promise<string[]> {
    const res = await this.http.send({ operation: `RGW list buckets of ${uid}`, method: 'GET', path: '/admin/bucket', query: { uid, format: 'json' } });
    return JSON.parse(res.body);
  }

  /** Bucket statistics, or undefined when the bucket does not exist. */
  async bucketStats(bucket: string): Promise<{ bucket: string; owner: string; id: string; bucket_quota: RgwQuota } | undefined> {
    return ifFound(async () =>
      JSON.parse((await this.http.send({ operation: `RGW stats of bucket ${bucket}`, method: 'GET', path: '/admin/bucket', query: { bucket, stats: 'true', format: 'json' } })).body),
    );
  }

  async setBucketQuota(uid: string, bucket: string, quota: RgwQuota): Promise<void> {
    await this.http.send({
      operation: `RGW set quota of bucket ${bucket}`,
      method: 'PUT',
      path: '/admin/bucket',
      query: { quota: '', uid, bucket, ...quotaQuery(quota) },
    });
  }

  /** Gives the bucket to `uid` (link); RGW needs the bucket id for it. */
  async linkBucket(bucket: string, bucketId: string, uid: string): Promise<void> {
    await this.http.send({ operation: `RGW link bucket ${bucket} to ${uid}`, method: 'PUT', path: '/admin/bucket', query: { bucket, 'bucket-id': bucketId, uid, format: 'json' } });
  }

  /** Takes the bucket away from `uid` (it keeps its data, with no owner until linked again). */
  async unlinkBucket(bucket: string, uid: string): Promise<void> {
    await this.http.send({ operation: `RGW unlink bucket ${bucket} from ${uid}`, method: 'POST', path: '/admin/bucket', query: { bucket, uid, format: 'json' } });
  }

  async removeBucket(bucket: string, purgeObjects: boolean): Promise<void> {
    await this.http.sendUnlessDone(
      { operation: `RGW remove bucket ${bucket}`, method: 'DELETE', path: '/admin/bucket', query: { bucket, 'purge-objects': String(purgeObjects), format: 'json' } },
      async () => !(await this.bucketStats(bucket)),
    );
  }
}

function quotaQuery(quota: RgwQuota): Record<string, string> {
  return { enabled: String(quota.enabled), 'max-size-kb': String(quota.max_size_kb), 'max-objects': String(quota.max_objects) };
}

function userQuery(settings: Partial<RgwUserSettings>): Record<string, string> {
  const q: Record<string, string> = {};
  if (settings.displayName !== undefined) q['display-name'] = settings.displayName;
  if (settings.email !== undefined) q.email = settings.email;
  if (settings.maxBuckets !== undefined) q['max-buckets'] = String(settings.maxBuckets);
  if (settings.suspended !== undefined) q.suspended = settings.suspended ? '1' : '0';
  return q;
}
