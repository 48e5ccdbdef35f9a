import { randomBytes } from 'node:crypto';
import { VersityAccount, VersityAdminClient, VersityRole } from '../../admin-api/versity-admin-client';
import { StateOf } from '../../schema/attribute';
import { VERSITY_BUCKET_OWNER, VERSITY_USER } from '../../schema/versity';
import { HalfDone, ResourceContext, resourceType } from '../resource-type';
import { generateSecret } from './rgw-access-key';
import { UNKNOWN } from '../protocol/cty-value';

type UserState = StateOf<typeof VERSITY_USER.attributes>;

/** The HalfDone note of a role change whose create did not happen. */
const RECREATE = 'recreate';

const versity = (ctx: ResourceContext) => new VersityAdminClient(ctx.endpoint.http);

/** 20 characters of capitals and digits, the shape of the access key ids S3 clients expect. */
function generateAccessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

function userState(account: VersityAccount, prior: Partial<UserState>): UserState {
  return {
    access_key_id: account.access,
    rotation: prior.rotation ?? null,
    role: account.role,
    user_id: account.userId ?? 0,
    group_id: account.groupId ?? 0,
    secret_access_key: account.secret,
  };
}

function accountOf(state: UserState): VersityAccount {
  return { access: state.access_key_id!, secret: state.secret_access_key!, role: state.role as VersityRole, userId: state.user_id ?? 0, groupId: state.group_id ?? 0 };
}

export const versityUser = resourceType({
  schema: VERSITY_USER,

  // a new rotation means a new secret, which the provider draws at apply; an imported user (no rotation
  // yet) keeps the secret its clients have
  modifyPlan(prior, planned) {
    if (prior && prior.rotation !== null && prior.rotation !== planned.rotation) planned.secret_access_key = UNKNOWN as never;
  },

  async create(ctx, planned) {
    const wanted = accountOf({ ...planned, access_key_id: planned.access_key_id ?? generateAccessKeyId(), secret_access_key: generateSecret() });
    const existing = await versity(ctx).findUser(wanted.access);
    if (existing) {
      ctx.log(`VersityGW user ${wanted.access} exists: taking it over with a new secret`);
      await versity(ctx).updateUser(wanted.access, { secret: wanted.secret, userId: wanted.userId, groupId: wanted.groupId });
    } else {
      ctx.log(`creating VersityGW user ${wanted.access} (${wanted.role})`);
      await versity(ctx).createUser(wanted);
    }
    return userState(wanted, planned);
  },

  async read(ctx, state, pending) {
    const account = await versity(ctx).findUser(state.access_key_id!);
    if (account) return userState(account, state);
    // a role change cut off between its delete and its create: the account is made again with the keys the
    // state holds (an empty role plans that update; null would read as the default), where a create would draw
    // a new secret and lock the clients out
    return pending === RECREATE ? { ...state, role: '' } : null;
  },

  async update(ctx, prior, planned) {
    const wanted = accountOf({ ...planned, secret_access_key: planned.secret_access_key ?? generateSecret() });
    if (prior.role !== planned.role) {
      // update-user cannot change a role: the account is made again with the same keys, so clients keep working
      ctx.log(prior.role ? `changing the role of ${wanted.access} from ${prior.role} to ${wanted.role}` : `making ${wanted.access} again (${wanted.role}) after a cut-off role change`);
      if (await versity(ctx).findUser(wanted.access)) await versity(ctx).deleteUser(wanted.access);
      try {
        await versity(ctx).createUser(wanted);
      } catch (e) {
        throw new HalfDone(RECREATE, e);
      }
    } else {
      const changes = {
        secret: wanted.secret !== prior.secret_access_key ? wanted.secret : undefined,
        userId: wanted.userId !== prior.user_id ? wanted.userId : undefined,
        groupId: wanted.groupId !== prior.group_id ? wanted.groupId : undefined,
      };
      const changed = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => k);
      if (changed.length) {
        ctx.log(`updating ${changed.join(', ')} of ${wanted.access}`);
        await versity(ctx).updateUser(wanted.access, changes);
      }
    }
    return userState(wanted, planned);
  },

  async delete(ctx, state) {
    const access = state.access_key_id!;
    if (!(await versity(ctx).findUser(access))) return ctx.log(`VersityGW user ${access} is already gone`);
    const owned = (await versity(ctx).listBuckets()).filter((b) => b.owner === access).map((b) => b.name);
    if (owned.length) throw new Error(`VersityGW user ${access} still owns bucket(s) ${owned.join(', ')}: give them to another user or delete them first`);
    ctx.log(`deleting VersityGW user ${access}`);
    await versity(ctx).deleteUser(access);
  },

  async importState(ctx, id) {
    const account = await versity(ctx).findUser(id);
    if (!account) throw new Error(`VersityGW has no user '${id}'`);
    return userState(account, {});
  },
});

async function findBucket(ctx: ResourceContext, name: string) {
  return (await versity(ctx).listBuckets()).find((b) => b.name === name);
}

async function giveBucket(ctx: ResourceContext, bucket: string, owner: string) {
  const found = await findBucket(ctx, bucket);
  if (!found) throw new Error(`VersityGW bucket ${bucket} does not exist`);
  if (found.owner === owner) return;
  ctx.log(`giving bucket ${bucket} to ${owner} (was ${found.owner})`);
  await versity(ctx).changeBucketOwner(bucket, owner);
}

export const versityBucketOwner = resourceType({
  schema: VERSITY_BUCKET_OWNER,

  async create(ctx, planned) {
    await giveBucket(ctx, planned.bucket!, planned.owner!);
    return planned;
  },

  async read(ctx, state) {
    const found = await findBucket(ctx, state.bucket!);
    return found ? { bucket: found.name, owner: found.owner } : null;
  },

  async update(ctx, _prior, planned) {
    await giveBucket(ctx, planned.bucket!, planned.owner!);
    return planned;
  },

  // a bucket always has an owner: released, it goes back to the admin account, so its user can be deleted
  async delete(ctx, state) {
    const found = await findBucket(ctx, state.bucket!);
    if (!found || found.owner !== state.owner) return ctx.log(`bucket ${state.bucket} is no longer ${state.owner}'s: nothing to give back`);
    ctx.log(`giving bucket ${state.bucket} back to the admin account`);
    await versity(ctx).changeBucketOwner(state.bucket!, ctx.endpoint.adminAccessKeyId);
  },

  async importState(ctx, id) {
    const found = await findBucket(ctx, id);
    if (!found) throw new Error(`VersityGW has no bucket '${id}'`);
    return { bucket: found.name, owner: found.owner };
  },
});
