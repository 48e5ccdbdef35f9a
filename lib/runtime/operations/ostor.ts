import { OstorAdminClient } from '../../admin-api/ostor-admin-client';
import { ifFound } from '../../admin-api/admin-api-error';
import { OperationContext } from '../context';
import { ObjectLifecycle, nothingToReconcile } from './operation';

export interface OstorUserProps {
  readonly email: string;
  readonly enabled: boolean;
  readonly purgeData?: boolean;
}

export interface OstorKeyProps {
  readonly email: string;
  /** The key binding only: the key this resource revokes when it goes. */
  readonly accessKeyId?: string;
}

/** ostor keeps at most this many key pairs per user. */
export const OSTOR_MAX_KEYS = 2;

function client(ctx: OperationContext) {
  return new OstorAdminClient(ctx.http);
}

async function requireUser(ctx: OperationContext, email: string) {
  const user = await client(ctx).getUser(email);
  if (!user) throw new Error(`ostor user ${email} does not exist: create it before its keys`);
  return user;
}

export const ostorUser: ObjectLifecycle = {
  async create(ctx) {
    const { email } = ctx.request.props as unknown as OstorUserProps;
    if (await client(ctx).getUser(email)) return;
    ctx.log(`creating ostor user ${email}`);
    const created = await client(ctx).createUser(email);
    // ostor hands every new user a key pair; keys belong to OstorAccessKey, so this one goes at once
    for (const key of created.AWSAccessKeys ?? []) await client(ctx).revokeKey(email, key.AWSAccessKeyId);
  },

  async reconcile(ctx) {
    const p = ctx.request.props as unknown as OstorUserProps;
    const user = await requireUser(ctx, p.email);
    const enabled = user.State !== 'disabled';
    if (enabled === p.enabled) return;
    ctx.log(`${p.enabled ? 'enabling' : 'disabling'} ostor user ${p.email}`);
    await client(ctx).setEnabled(p.email, p.enabled);
  },

  async delete(ctx) {
    const p = ctx.request.props as unknown as OstorUserProps;
    if (!(await client(ctx).getUser(p.email))) {
      ctx.log(`ostor user ${p.email} is already gone`);
      return;
    }
    const buckets = (await client(ctx).listBuckets(p.email)).map((b) => b.name);
    if (buckets.length && !p.purgeData) {
      throw new Error(`ostor user ${p.email} still owns ${buckets.length} bucket(s): ${buckets.join(', ')}. Delete them first, or set purgeData: true to delete them with the user`);
    }
    for (const bucket of buckets) {
      ctx.log(`deleting bucket ${bucket} of ${p.email}`);
      await client(ctx).deleteBucket(bucket);
    }
    ctx.log(`deleting ostor user ${p.email}`);
    await client(ctx).deleteUser(p.email);
  },
};

/**
 * The key itself: created with genKey, after which every older pair of the user is revoked, so a rotation
 * makes the new pair before the old one goes and the user never has more than the one managed key.
 */
export const ostorKey: ObjectLifecycle & { read(ctx: OperationContext): Promise<Record<string, string>> } = {
  async create(ctx) {
    const { email } = ctx.request.props as unknown as OstorKeyProps;
    const before = (await requireUser(ctx, email)).AWSAccessKeys ?? [];
    if (before.length >= OSTOR_MAX_KEYS) {
      throw new Error(
        `ostor user ${email} already has ${before.length} key pairs (${before.map((k) => k.AWSAccessKeyId).join(', ')}), the most ostor allows: revoke the one that is not in use, then deploy again`,
      );
    }
    const created = await client(ctx).generateKey(email, before.map((k) => k.AWSAccessKeyId));
    ctx.log(`generated key ${created.AWSAccessKeyId} for ${email}`);
    for (const old of before) {
      ctx.log(`revoking the older key ${old.AWSAccessKeyId}`);
      await client(ctx).revokeKey(email, old.AWSAccessKeyId);
    }
  },

  reconcile: nothingToReconcile,

  async delete(ctx) {
    ctx.log('the key pair is revoked by its binding');
  },

  /** For the data source: the user's one key pair. */
  async read(ctx) {
    const { email } = ctx.request.props as unknown as OstorKeyProps;
    const keys = (await requireUser(ctx, email)).AWSAccessKeys ?? [];
    if (keys.length !== 1) {
      throw new Error(`ostor user ${email} has ${keys.length} key pairs; an OstorAccessKey manages exactly one (revoke the extra, or deploy to create it)`);
    }
    return { accessKeyId: keys[0].AWSAccessKeyId, secretAccessKey: keys[0].AWSSecretAccessKey };
  },
};

/** Remembers which key the Terraform state holds, so that destroying it revokes exactly that pair. */
export const ostorKeyBinding: ObjectLifecycle = {
  async create(ctx) {
    const { email, accessKeyId } = ctx.request.props as unknown as OstorKeyProps;
    const keys = (await requireUser(ctx, email)).AWSAccessKeys ?? [];
    if (!keys.some((k) => k.AWSAccessKeyId === accessKeyId)) throw new Error(`ostor user ${email} has no key ${accessKeyId}`);
  },

  reconcile: nothingToReconcile,

  async delete(ctx) {
    const { email, accessKeyId } = ctx.request.props as unknown as OstorKeyProps;
    ctx.log(`revoking key ${accessKeyId} of ${email}`);
    // a 404 means already revoked (by a rotation) or the user is gone: what delete wanted
    await ifFound(() => client(ctx).revokeKey(email, accessKeyId!));
  },
};
