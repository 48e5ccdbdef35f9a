import { RgwAdminClient, RgwQuota, RgwQuotaType, RgwUserInfo, RgwUserSettings } from '../../admin-api/rgw-admin-client';
import { OperationContext } from '../context';
import { ObjectLifecycle } from './operation';

/** A quota in the construct's terms; absent limits are unlimited. */
export interface QuotaSpec {
  readonly maxSizeBytes?: number;
  readonly maxObjects?: number;
}

export interface RgwUserProps extends RgwUserSettings {
  readonly uid: string;
  readonly userQuota?: QuotaSpec;
  readonly bucketQuota?: QuotaSpec;
  /** Caps such as `usage=read;buckets=*`. */
  readonly caps?: string;
  readonly purgeData?: boolean;
}

/** RGW quota form: disabled when no quota is declared, -1 for an unlimited dimension. */
export function toRgwQuota(spec: QuotaSpec | undefined): RgwQuota {
  if (!spec) return { enabled: false, max_size_kb: -1, max_objects: -1 };
  return {
    enabled: true,
    max_size_kb: spec.maxSizeBytes === undefined ? -1 : Math.ceil(spec.maxSizeBytes / 1024),
    max_objects: spec.maxObjects ?? -1,
  };
}

export function sameQuota(a: RgwQuota, b: RgwQuota): boolean {
  if (!a.enabled && !b.enabled) return true;
  const size = (q: RgwQuota) => (q.max_size_kb <= 0 ? -1 : q.max_size_kb);
  return a.enabled === b.enabled && size(a) === size(b) && a.max_objects === b.max_objects;
}

/** Caps as a set of `type=perm` strings, in RGW's own spelling. */
export function parseCaps(caps: string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  for (const cap of (caps ?? '').split(';').map((c) => c.trim()).filter(Boolean)) {
    const [type, perm] = cap.split('=').map((s) => s.trim());
    result.set(type, perm === 'read,write' || perm === 'write,read' ? '*' : perm);
  }
  return result;
}

function props(ctx: OperationContext): RgwUserProps {
  return ctx.request.props as unknown as RgwUserProps;
}

async function ensureUser(ctx: OperationContext, rgw: RgwAdminClient): Promise<RgwUserInfo> {
  const p = props(ctx);
  const existing = await rgw.getUser(p.uid);
  if (existing) return existing;
  ctx.log(`creating RGW user ${p.uid}`);
  return rgw.createUser(p.uid, p);
}

async function reconcileQuota(ctx: OperationContext, rgw: RgwAdminClient, type: RgwQuotaType, current: RgwQuota, spec: QuotaSpec | undefined) {
  const wanted = toRgwQuota(spec);
  if (sameQuota(current, wanted)) return;
  ctx.log(`setting ${type} quota of ${props(ctx).uid}`);
  await rgw.setUserQuota(props(ctx).uid, type, wanted);
}

async function reconcileCaps(ctx: OperationContext, rgw: RgwAdminClient, user: RgwUserInfo) {
  const wanted = parseCaps(props(ctx).caps);
  const current = new Map(user.caps.map((c) => [c.type, c.perm]));
  const remove = [...current].filter(([t, perm]) => wanted.get(t) !== perm);
  const add = [...wanted].filter(([t, perm]) => current.get(t) !== perm);
  if (remove.length) await rgw.removeCaps(user.user_id, remove.map(([t, perm]) => `${t}=${perm}`).join(';'));
  if (add.length) await rgw.addCaps(user.user_id, add.map(([t, perm]) => `${t}=${perm}`).join(';'));
  if (remove.length || add.length) ctx.log(`caps of ${user.user_id} set to '${props(ctx).caps ?? ''}'`);
}

export const rgwUser: ObjectLifecycle = {
  async create(ctx) {
    await ensureUser(ctx, new RgwAdminClient(ctx.http));
  },

  async reconcile(ctx) {
    const rgw = new RgwAdminClient(ctx.http);
    const p = props(ctx);
    const user = await ensureUser(ctx, rgw);
    const changes: Partial<RgwUserSettings> = {};
    if (user.display_name !== p.displayName) Object.assign(changes, { displayName: p.displayName });
    if (p.email !== undefined && user.email !== p.email) Object.assign(changes, { email: p.email });
    if (p.maxBuckets !== undefined && user.max_buckets !== p.maxBuckets) Object.assign(changes, { maxBuckets: p.maxBuckets });
    if (Boolean(user.suspended) !== Boolean(p.suspended)) Object.assign(changes, { suspended: Boolean(p.suspended) });
    if (Object.keys(changes).length) {
      ctx.log(`updating ${Object.keys(changes).join(', ')} of RGW user ${p.uid}`);
      await rgw.modifyUser(p.uid, changes);
    }
    await reconcileQuota(ctx, rgw, 'user', user.user_quota, p.userQuota);
    await reconcileQuota(ctx, rgw, 'bucket', user.bucket_quota, p.bucketQuota);
    await reconcileCaps(ctx, rgw, user);
  },

  async delete(ctx) {
    const rgw = new RgwAdminClient(ctx.http);
    const p = props(ctx);
    if (!(await rgw.getUser(p.uid))) {
      ctx.log(`RGW user ${p.uid} is already gone`);
      return;
    }
    const buckets = await rgw.listBuckets(p.uid);
    if (buckets.length > 0 && !p.purgeData) {
      throw new Error(
        `RGW user ${p.uid} still owns ${buckets.length} bucket(s): ${buckets.join(', ')}. Delete them first, or set purgeData: true on the user to delete them and their objects with it`,
      );
    }
    ctx.log(`removing RGW user ${p.uid}${p.purgeData ? ' with its buckets and objects' : ''}`);
    await rgw.removeUser(p.uid, Boolean(p.purgeData));
  },
};
