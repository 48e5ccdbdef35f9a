import { isDeepStrictEqual } from 'node:util';
import { AdminApiError } from '../../admin-api/admin-api-error';
import { RgwAdminClient } from '../../admin-api/rgw-admin-client';
import { S3BucketClient } from '../../admin-api/s3-bucket-client';
import { OperationContext } from '../context';
import { OWNER_SECRET_KEY_ENV } from '../request';
import { ObjectLifecycle } from './operation';
import { QuotaSpec, sameQuota, toRgwQuota } from './rgw-user';

export interface RgwBucketProps {
  readonly bucket: string;
  readonly ownerUid: string;
  /** The owner's key id; its secret comes from OWNER_SECRET_KEY_ENV. */
  readonly ownerAccessKey: string;
  readonly tags?: Record<string, string>;
  readonly quota?: QuotaSpec;
  /** The complete bucket policy; absent means no policy. */
  readonly policy?: unknown;
  readonly purgeData?: boolean;
}

function setup(ctx: OperationContext) {
  const p = ctx.request.props as unknown as RgwBucketProps;
  const s3 = new S3BucketClient(ctx.clientAs(p.ownerAccessKey, ctx.secret(OWNER_SECRET_KEY_ENV)));
  return { p, s3, rgw: new RgwAdminClient(ctx.http) };
}

async function ensureBucket(ctx: OperationContext) {
  const { p, s3, rgw } = setup(ctx);
  const stats = await rgw.bucketStats(p.bucket);
  if (stats && stats.owner !== p.ownerUid) {
    throw new Error(`bucket ${p.bucket} exists and belongs to ${stats.owner}, not ${p.ownerUid}: choose another name`);
  }
  if (!stats) {
    ctx.log(`creating bucket ${p.bucket} for ${p.ownerUid}`);
    await s3.createBucket(p.bucket);
  }
  return { p, s3, rgw, stats: stats ?? (await rgw.bucketStats(p.bucket))! };
}

export const rgwBucket: ObjectLifecycle = {
  async create(ctx) {
    await ensureBucket(ctx);
  },

  async reconcile(ctx) {
    const { p, s3, rgw, stats } = await ensureBucket(ctx);
    const tags = p.tags ?? {};
    if (!isDeepStrictEqual(await s3.getTags(p.bucket), tags)) {
      ctx.log(`setting ${Object.keys(tags).length} tag(s) on ${p.bucket}`);
      if (Object.keys(tags).length) await s3.putTags(p.bucket, tags);
      else await s3.deleteTags(p.bucket);
    }
    if (!isDeepStrictEqual(await s3.getPolicy(p.bucket), p.policy)) {
      ctx.log(`${p.policy ? 'setting' : 'removing'} the policy of ${p.bucket}`);
      if (p.policy) await s3.putPolicy(p.bucket, p.policy);
      else await s3.deletePolicy(p.bucket);
    }
    const quota = toRgwQuota(p.quota);
    if (!sameQuota(stats.bucket_quota, quota)) {
      ctx.log(`setting the quota of ${p.bucket}`);
      await rgw.setBucketQuota(p.ownerUid, p.bucket, quota);
    }
  },

  // Through the admin API: a destroy-time provisioner only sees the stored request, never the owner's secret.
  async delete(ctx) {
    const p = ctx.request.props as unknown as RgwBucketProps;
    const rgw = new RgwAdminClient(ctx.http);
    if (!(await rgw.bucketStats(p.bucket))) {
      ctx.log(`bucket ${p.bucket} is already gone`);
      return;
    }
    ctx.log(`removing bucket ${p.bucket}${p.purgeData ? ' with its objects' : ''}`);
    try {
      await rgw.removeBucket(p.bucket, Boolean(p.purgeData));
    } catch (e) {
      if (e instanceof AdminApiError && e.code === 'BucketNotEmpty') {
        throw new Error(`bucket ${p.bucket} is not empty: empty it first, or set purgeData: true to delete it with its objects`);
      }
      throw e;
    }
  },
};
