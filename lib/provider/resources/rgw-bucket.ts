import { isDeepStrictEqual } from 'node:util';
import { AdminApiError } from '../../admin-api/admin-api-error';
import { RgwAdminClient } from '../../admin-api/rgw-admin-client';
import { S3BucketClient } from '../../admin-api/s3-bucket-client';
import { StateOf } from '../../schema/attribute';
import { RGW_BUCKET } from '../../schema/rgw';
import { ResourceContext, resourceType } from '../resource-type';
import { quotaState, toRgwQuota } from './rgw-values';

type State = StateOf<typeof RGW_BUCKET.attributes>;

const rgw = (ctx: ResourceContext) => new RgwAdminClient(ctx.endpoint.http);
/** S3 calls on the bucket are made as its owner: RGW's admin account has no rights on other users' buckets. */
const s3 = (ctx: ResourceContext, state: State) => new S3BucketClient(ctx.endpoint.clientAs(state.owner_access_key_id!, state.owner_secret_access_key!));

/** A policy as declared is kept while the server's means the same, so key order and spacing are no change. */
function samePolicy(declared: string | null | undefined, current: unknown): boolean {
  if (!declared) return current === undefined;
  try {
    return isDeepStrictEqual(JSON.parse(declared), current);
  } catch {
    return false;
  }
}

async function bucketState(ctx: ResourceContext, state: State): Promise<State | null> {
  const stats = await rgw(ctx).bucketStats(state.bucket!);
  if (!stats) return null;
  const read = { ...state, owner_uid: stats.owner, quota: quotaState(stats.bucket_quota, state.quota) };
  const settings = await readOwnerSettings(ctx, state);
  if (!settings) return read;
  const { tags, policy } = settings;
  return {
    ...read,
    tags: Object.keys(tags).length === 0 && state.tags === null ? null : tags,
    policy: samePolicy(state.policy, policy) ? state.policy : policy === undefined ? null : JSON.stringify(policy),
  };
}

/**
 * Tags and policy, read as the owner. The key in the state may be gone (the owner's key rotated since the
 * last apply, or an import that knows no key yet): then they stay as the state has them, and the next apply
 * writes them with the key the config names.
 */
async function readOwnerSettings(ctx: ResourceContext, state: State): Promise<{ tags: Record<string, string>; policy: unknown } | undefined> {
  if (!state.owner_access_key_id || !state.owner_secret_access_key) return undefined;
  const client = s3(ctx, state);
  try {
    return { tags: await client.getTags(state.bucket!), policy: await client.getPolicy(state.bucket!) };
  } catch (e) {
    if (e instanceof AdminApiError && e.status === 403) {
      ctx.log(`tags and policy of ${state.bucket} not read: the owner key in the state was refused (${e.code})`);
      return undefined;
    }
    throw e;
  }
}

async function applySettings(ctx: ResourceContext, current: State, planned: State): Promise<void> {
  const bucket = planned.bucket!;
  const client = s3(ctx, planned);
  if (!isDeepStrictEqual(current.tags ?? {}, planned.tags ?? {})) {
    ctx.log(`setting ${Object.keys(planned.tags ?? {}).length} tag(s) on ${bucket}`);
    if (Object.keys(planned.tags ?? {}).length) await client.putTags(bucket, planned.tags!);
    else await client.deleteTags(bucket);
  }
  if (!samePolicy(planned.policy, current.policy ? JSON.parse(current.policy) : undefined)) {
    ctx.log(`${planned.policy ? 'setting' : 'removing'} the policy of ${bucket}`);
    if (planned.policy) await client.putPolicy(bucket, JSON.parse(planned.policy));
    else await client.deletePolicy(bucket);
  }
  if (JSON.stringify(toRgwQuota(current.quota)) !== JSON.stringify(toRgwQuota(planned.quota))) {
    ctx.log(`setting the quota of ${bucket}`);
    await rgw(ctx).setBucketQuota(planned.owner_uid!, bucket, toRgwQuota(planned.quota));
  }
}

/** Gives the bucket to the planned owner through the admin API (link needs the bucket's id). */
async function transferOwnership(ctx: ResourceContext, bucket: string, from: string, to: string): Promise<void> {
  const stats = (await rgw(ctx).bucketStats(bucket))!;
  ctx.log(`giving bucket ${bucket} to ${to} (was ${from})`);
  await rgw(ctx).unlinkBucket(bucket, from);
  await rgw(ctx).linkBucket(bucket, stats.id, to);
}

export const rgwBucket = resourceType({
  schema: RGW_BUCKET,

  validate(config) {
    if (typeof config.policy !== 'string') return [];
    try {
      JSON.parse(config.policy);
      return [];
    } catch {
      return [{ attribute: 'policy', message: "'policy' must be a JSON document" }];
    }
  },

  async create(ctx, planned) {
    const bucket = planned.bucket!;
    const stats = await rgw(ctx).bucketStats(bucket);
    if (stats && stats.owner !== planned.owner_uid) {
      throw new Error(`bucket ${bucket} exists and belongs to ${stats.owner}, not ${planned.owner_uid}: choose another name, or import it`);
    }
    if (!stats) {
      ctx.log(`creating bucket ${bucket} for ${planned.owner_uid}`);
      await s3(ctx, planned).createBucket(bucket);
    }
    const current = (await bucketState(ctx, { ...planned, tags: null, policy: null, quota: null }))!;
    await applySettings(ctx, current, planned);
    return { ...planned, purge_data: planned.purge_data ?? false };
  },

  read: bucketState,

  async update(ctx, prior, planned) {
    if (prior.owner_uid !== planned.owner_uid) await transferOwnership(ctx, planned.bucket!, prior.owner_uid!, planned.owner_uid!);
    await applySettings(ctx, prior, planned);
    return planned;
  },

  // through the admin API: it needs no owner key, and purges objects when asked
  async delete(ctx, state) {
    const bucket = state.bucket!;
    if (!(await rgw(ctx).bucketStats(bucket))) return ctx.log(`bucket ${bucket} is already gone`);
    ctx.log(`removing bucket ${bucket}${state.purge_data ? ' with its objects' : ''}`);
    try {
      await rgw(ctx).removeBucket(bucket, Boolean(state.purge_data));
    } catch (e) {
      if (e instanceof AdminApiError && e.code === 'BucketNotEmpty') {
        throw new Error(`bucket ${bucket} is not empty: empty it first, or set purge_data (purgeData on RgwBucket) to delete it with its objects`);
      }
      throw e;
    }
  },

  // the owner's key comes from the config at the next plan; until then only what the admin API tells
  async importState(ctx, id) {
    const stats = await rgw(ctx).bucketStats(id);
    if (!stats) throw new Error(`RGW has no bucket '${id}'`);
    return {
      bucket: id,
      owner_uid: stats.owner,
      owner_access_key_id: null,
      owner_secret_access_key: null,
      tags: null,
      quota: quotaState(stats.bucket_quota, null),
      policy: null,
      purge_data: false,
    };
  },
});
