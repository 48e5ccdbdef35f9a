import { ifFound } from '../../admin-api/admin-api-error';
import { OstorAdminClient, OstorUser } from '../../admin-api/ostor-admin-client';
import { StateOf } from '../../schema/attribute';
import { OSTOR_ACCESS_KEY, OSTOR_USER } from '../../schema/ostor';
import { ResourceContext, resourceType } from '../resource-type';

/** ostor keeps at most this many key pairs per user. */
export const OSTOR_MAX_KEYS = 2;

type UserState = StateOf<typeof OSTOR_USER.attributes>;
type KeyState = StateOf<typeof OSTOR_ACCESS_KEY.attributes>;

const ostor = (ctx: ResourceContext) => new OstorAdminClient(ctx.endpoint.http);

function userState(user: OstorUser, prior: Partial<UserState>): UserState {
  return { email: user.UserEmail, enabled: user.State !== 'disabled', purge_data: prior.purge_data ?? false, user_id: user.UserId };
}

async function requireUser(ctx: ResourceContext, email: string): Promise<OstorUser> {
  const user = await ostor(ctx).getUser(email);
  if (!user) throw new Error(`ostor user ${email} does not exist: create it before its keys`);
  return user;
}

export const ostorUser = resourceType({
  schema: OSTOR_USER,

  async create(ctx, planned) {
    const email = planned.email!;
    let user = await ostor(ctx).getUser(email);
    if (!user) {
      ctx.log(`creating ostor user ${email}`);
      const created = await ostor(ctx).createUser(email);
      // ostor hands every new user a key pair; keys are OstorAccessKey resources, so this one goes at once
      for (const key of created.AWSAccessKeys ?? []) await ostor(ctx).revokeKey(email, key.AWSAccessKeyId);
      user = (await ostor(ctx).getUser(email))!;
    }
    if ((user.State !== 'disabled') !== planned.enabled) {
      await ostor(ctx).setEnabled(email, Boolean(planned.enabled));
      user = { ...user, State: planned.enabled ? 'enabled' : 'disabled' };
    }
    return userState(user, planned);
  },

  async read(ctx, state) {
    const user = await ostor(ctx).getUser(state.email!);
    return user ? userState(user, state) : null;
  },

  async update(ctx, prior, planned) {
    if (prior.enabled !== planned.enabled) {
      ctx.log(`${planned.enabled ? 'enabling' : 'disabling'} ostor user ${planned.email}`);
      await ostor(ctx).setEnabled(planned.email!, Boolean(planned.enabled));
    }
    return { ...planned, user_id: prior.user_id };
  },

  async delete(ctx, state) {
    const email = state.email!;
    if (!(await ostor(ctx).getUser(email))) return ctx.log(`ostor user ${email} is already gone`);
    const buckets = (await ostor(ctx).listBuckets(email)).map((b) => b.name);
    if (buckets.length && !state.purge_data) {
      throw new Error(`ostor user ${email} still owns ${buckets.length} bucket(s): ${buckets.join(', ')}. Delete them first, or set purge_data (purgeData on OstorUser) to delete them with the user`);
    }
    for (const bucket of buckets) {
      ctx.log(`deleting bucket ${bucket} of ${email}`);
      await ostor(ctx).deleteBucket(bucket);
    }
    ctx.log(`deleting ostor user ${email}`);
    await ostor(ctx).deleteUser(email);
  },

  async importState(ctx, id) {
    const user = await ostor(ctx).getUser(id);
    if (!user) throw new Error(`ostor has no user '${id}'`);
    return userState(user, {});
  },
});

function keyState(email: string, pair: { AWSAccessKeyId: string; AWSSecretAccessKey: string }, prior: Partial<KeyState>): KeyState {
  return { email, rotation: prior.rotation ?? null, access_key_id: pair.AWSAccessKeyId, secret_access_key: pair.AWSSecretAccessKey };
}

/**
 * A key pair made by genKey. A rotation is a new resource made before the old one is revoked
 * (create_before_destroy), which ostor's limit of two pairs per user allows exactly.
 */
export const ostorAccessKey = resourceType({
  schema: OSTOR_ACCESS_KEY,

  async create(ctx, planned) {
    const email = planned.email!;
    const before = (await requireUser(ctx, email)).AWSAccessKeys ?? [];
    if (before.length >= OSTOR_MAX_KEYS) {
      throw new Error(
        `ostor user ${email} already has ${before.length} key pairs (${before.map((k) => k.AWSAccessKeyId).join(', ')}), the most ostor allows: revoke the one that is not in use, then run the command again`,
      );
    }
    const made = await ostor(ctx).generateKey(email, before.map((k) => k.AWSAccessKeyId));
    ctx.log(`generated key ${made.AWSAccessKeyId} for ${email}`);
    return keyState(email, made, planned);
  },

  async read(ctx, state) {
    const user = await ostor(ctx).getUser(state.email!);
    const pair = user?.AWSAccessKeys?.find((k) => k.AWSAccessKeyId === state.access_key_id);
    return pair ? keyState(state.email!, pair, state) : null;
  },

  async update(_ctx, _prior, planned) {
    return planned;
  },

  async delete(ctx, state) {
    // a 404 means the key or its user is gone already: what delete wanted
    const revoked = await ifFound(() => ostor(ctx).revokeKey(state.email!, state.access_key_id!).then(() => true));
    ctx.log(revoked ? `revoked key ${state.access_key_id} of ${state.email}` : `key ${state.access_key_id} of ${state.email} is already gone`);
  },

  // ostor names keys only under their user: the users are looked through for the one that holds it
  async importState(ctx, id) {
    for (const listed of await ostor(ctx).listUsers()) {
      const user = await ostor(ctx).getUser(listed.UserEmail);
      const pair = user?.AWSAccessKeys?.find((k) => k.AWSAccessKeyId === id);
      if (pair) return keyState(listed.UserEmail, pair, {});
    }
    throw new Error(`no ostor user holds the key '${id}'`);
  },
});
