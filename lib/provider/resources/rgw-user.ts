import { RgwAdminClient, RgwQuota, RgwQuotaType, RgwUserInfo, RgwUserSettings } from '../../admin-api/rgw-admin-client';
import { StateOf } from '../../schema/attribute';
import { QuotaConfig, RGW_USER } from '../../schema/rgw';
import { ResourceContext, resourceType } from '../resource-type';
import { capMap, capsString, quotaState, sameCaps, toRgwQuota } from './rgw-values';

type State = StateOf<typeof RGW_USER.attributes>;

const rgw = (ctx: ResourceContext) => new RgwAdminClient(ctx.endpoint.http);

/** The state of a user as RGW reports it, with what only the config knows taken from `prior`. */
function userState(info: RgwUserInfo, prior: Partial<State>): State {
  const caps = capsString(info.caps);
  return {
    uid: info.user_id,
    display_name: info.display_name,
    email: info.email,
    max_buckets: info.max_buckets,
    suspended: Boolean(info.suspended),
    user_quota: quotaState(info.user_quota, prior.user_quota),
    bucket_quota: quotaState(info.bucket_quota, prior.bucket_quota),
    // the declared spelling is kept while it means the same caps, so a reordering is no change
    caps: caps === '' ? null : prior.caps && sameCaps(prior.caps, caps) ? prior.caps : caps,
    purge_data: prior.purge_data ?? false,
  };
}

function settingsChanges(prior: Partial<State>, planned: State): Partial<RgwUserSettings> {
  const changes: { -readonly [K in keyof RgwUserSettings]?: RgwUserSettings[K] } = {};
  if (planned.display_name !== prior.display_name) changes.displayName = planned.display_name!;
  if (planned.email !== null && planned.email !== prior.email) changes.email = planned.email;
  if (planned.max_buckets !== null && planned.max_buckets !== prior.max_buckets) changes.maxBuckets = planned.max_buckets;
  if (Boolean(planned.suspended) !== Boolean(prior.suspended)) changes.suspended = Boolean(planned.suspended);
  return changes;
}

async function applyQuota(ctx: ResourceContext, uid: string, type: RgwQuotaType, current: QuotaConfig | null | undefined, wanted: QuotaConfig | null) {
  const target: RgwQuota = toRgwQuota(wanted);
  if (JSON.stringify(toRgwQuota(current ?? null)) === JSON.stringify(target)) return;
  ctx.log(`setting ${type} quota of ${uid}`);
  await rgw(ctx).setUserQuota(uid, type, target);
}

async function applyCaps(ctx: ResourceContext, uid: string, current: string | null | undefined, wanted: string | null) {
  const have = capMap(current);
  const want = capMap(wanted);
  const remove = [...have].filter(([t, p]) => want.get(t) !== p).map(([t, p]) => `${t}=${p}`);
  const add = [...want].filter(([t, p]) => have.get(t) !== p).map(([t, p]) => `${t}=${p}`);
  if (remove.length) await rgw(ctx).removeCaps(uid, remove.join(';'));
  if (add.length) await rgw(ctx).addCaps(uid, add.join(';'));
}

/** Brings quotas and caps from `current` (what the server has) to what is planned. */
async function applyLimits(ctx: ResourceContext, current: Partial<State>, planned: State) {
  const uid = planned.uid!;
  await applyQuota(ctx, uid, 'user', current.user_quota, planned.user_quota);
  await applyQuota(ctx, uid, 'bucket', current.bucket_quota, planned.bucket_quota);
  await applyCaps(ctx, uid, current.caps, planned.caps);
}

export const rgwUser = resourceType({
  schema: RGW_USER,

  async create(ctx, planned) {
    const uid = planned.uid!;
    // a user left behind by an earlier apply that failed half-way is taken over, not made twice
    const existing = await rgw(ctx).getUser(uid);
    const settings = { displayName: planned.display_name!, email: planned.email ?? undefined, maxBuckets: planned.max_buckets ?? undefined, suspended: Boolean(planned.suspended) };
    let info: RgwUserInfo;
    if (existing) {
      const current = userState(existing, planned);
      const changes = settingsChanges(current, planned);
      if (Object.keys(changes).length) await rgw(ctx).modifyUser(uid, changes);
      await applyLimits(ctx, current, planned);
      info = (await rgw(ctx).getUser(uid))!;
    } else {
      ctx.log(`creating RGW user ${uid}`);
      info = await rgw(ctx).createUser(uid, settings);
      await applyLimits(ctx, {}, planned);
      if (planned.user_quota || planned.bucket_quota || planned.caps) info = (await rgw(ctx).getUser(uid))!;
    }
    return userState(info, planned);
  },

  async read(ctx, state) {
    const info = await rgw(ctx).getUser(state.uid!);
    return info ? userState(info, state) : null;
  },

  async update(ctx, prior, planned) {
    const changes = settingsChanges(prior, planned);
    if (Object.keys(changes).length) {
      ctx.log(`updating ${Object.keys(changes).join(', ')} of RGW user ${planned.uid}`);
      await rgw(ctx).modifyUser(planned.uid!, changes);
    }
    await applyLimits(ctx, prior, planned);
    const info = await rgw(ctx).getUser(planned.uid!);
    if (!info) throw new Error(`RGW user ${planned.uid} disappeared during the update: run the command again to create it anew`);
    return userState(info, planned);
  },

  async delete(ctx, state) {
    const uid = state.uid!;
    // RGW lists the buckets of an unknown uid as none, so whether the user exists is asked first
    if (!(await rgw(ctx).getUser(uid))) return ctx.log(`RGW user ${uid} is already gone`);
    const buckets = await rgw(ctx).listBuckets(uid);
    if (buckets.length > 0 && !state.purge_data) {
      throw new Error(
        `RGW user ${uid} still owns ${buckets.length} bucket(s): ${buckets.join(', ')}. Delete them first, or set purge_data (purgeData on RgwUser) to delete them and their objects with the user`,
      );
    }
    ctx.log(`removing RGW user ${uid}${state.purge_data ? ' with its buckets and objects' : ''}`);
    await rgw(ctx).removeUser(uid, Boolean(state.purge_data));
  },

  async importState(ctx, id) {
    const info = await rgw(ctx).getUser(id);
    if (!info) throw new Error(`RGW has no user '${id}'`);
    return userState(info, {});
  },
});
