import { VersityAccount, VersityAdminClient, VersityRole } from '../../admin-api/versity-admin-client';
import { OperationContext } from '../context';
import { SECRET_KEY_ENV } from '../request';
import { ObjectLifecycle } from './operation';

export interface VersityUserProps {
  readonly accessKey: string;
  readonly role: VersityRole;
  readonly userId?: number;
  readonly groupId?: number;
}

export interface VersityBucketOwnerProps {
  readonly bucket: string;
  readonly owner: string;
}

function wantedAccount(ctx: OperationContext): VersityAccount {
  const p = ctx.request.props as unknown as VersityUserProps;
  return { access: p.accessKey, secret: ctx.secret(SECRET_KEY_ENV), role: p.role, userId: p.userId ?? 0, groupId: p.groupId ?? 0 };
}

export const versityUser: ObjectLifecycle = {
  async create(ctx) {
    const client = new VersityAdminClient(ctx.http);
    const wanted = wantedAccount(ctx);
    if (await client.findUser(wanted.access)) return;
    ctx.log(`creating VersityGW user ${wanted.access} (${wanted.role})`);
    await client.createUser(wanted);
  },

  async reconcile(ctx) {
    const client = new VersityAdminClient(ctx.http);
    const wanted = wantedAccount(ctx);
    const current = await client.findUser(wanted.access);
    if (!current) {
      ctx.log(`creating VersityGW user ${wanted.access} (${wanted.role})`);
      await client.createUser(wanted);
      return;
    }
    if (current.role !== wanted.role) {
      // update-user cannot change a role: re-create the account with the same access key and secret,
      // so clients keep working with the keys they have
      ctx.log(`changing the role of ${wanted.access} from ${current.role} to ${wanted.role}`);
      await client.deleteUser(wanted.access);
      await client.createUser(wanted);
      return;
    }
    const changes = {
      secret: current.secret !== wanted.secret ? wanted.secret : undefined,
      userId: (current.userId ?? 0) !== wanted.userId ? wanted.userId : undefined,
      groupId: (current.groupId ?? 0) !== wanted.groupId ? wanted.groupId : undefined,
    };
    const changed = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (changed.length) {
      ctx.log(`updating ${changed.join(', ')} of ${wanted.access}`);
      await client.updateUser(wanted.access, changes);
    }
  },

  async delete(ctx) {
    const client = new VersityAdminClient(ctx.http);
    const { accessKey } = ctx.request.props as unknown as VersityUserProps;
    if (!(await client.findUser(accessKey))) {
      ctx.log(`VersityGW user ${accessKey} is already gone`);
      return;
    }
    const owned = (await client.listBuckets()).filter((b) => b.owner === accessKey).map((b) => b.name);
    if (owned.length) {
      throw new Error(`VersityGW user ${accessKey} still owns bucket(s) ${owned.join(', ')}: give them to another user or delete them first`);
    }
    ctx.log(`deleting VersityGW user ${accessKey}`);
    await client.deleteUser(accessKey);
  },
};

async function findBucket(client: VersityAdminClient, name: string) {
  return (await client.listBuckets()).find((b) => b.name === name);
}

async function reconcileOwner(ctx: OperationContext) {
  const client = new VersityAdminClient(ctx.http);
  const p = ctx.request.props as unknown as VersityBucketOwnerProps;
  const bucket = await findBucket(client, p.bucket);
  if (!bucket) throw new Error(`VersityGW bucket ${p.bucket} does not exist`);
  if (bucket.owner === p.owner) return;
  ctx.log(`giving bucket ${p.bucket} to ${p.owner} (was ${bucket.owner})`);
  await client.changeBucketOwner(p.bucket, p.owner);
}

export const versityBucketOwner: ObjectLifecycle = {
  create: reconcileOwner,
  reconcile: reconcileOwner,
  // a bucket always has an owner: released, it goes back to the admin account, so its user can be deleted
  async delete(ctx) {
    const client = new VersityAdminClient(ctx.http);
    const p = ctx.request.props as unknown as VersityBucketOwnerProps;
    const bucket = await findBucket(client, p.bucket);
    if (!bucket || bucket.owner !== p.owner) {
      ctx.log(`bucket ${p.bucket} is no longer ${p.owner}'s: nothing to give back`);
      return;
    }
    ctx.log(`giving bucket ${p.bucket} back to the admin account`);
    await client.changeBucketOwner(p.bucket, ctx.adminAccessKeyId);
  },
};
