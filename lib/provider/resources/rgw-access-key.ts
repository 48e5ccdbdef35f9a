import { randomBytes } from 'node:crypto';
import { ifFound } from '../../admin-api/admin-api-error';
import { RgwAdminClient, RgwKey } from '../../admin-api/rgw-admin-client';
import { StateOf } from '../../schema/attribute';
import { RGW_ACCESS_KEY } from '../../schema/rgw';
import { ResourceContext, resourceType } from '../resource-type';

type State = StateOf<typeof RGW_ACCESS_KEY.attributes>;

const rgw = (ctx: ResourceContext) => new RgwAdminClient(ctx.endpoint.http);

function keyState(key: RgwKey, uid: string, prior: Partial<State>): State {
  return { uid, rotation: prior.rotation ?? null, max_keys: prior.max_keys ?? 4, access_key_id: key.access_key, secret_access_key: key.secret_key };
}

/** 40 characters from 30 random bytes, the length of the secrets RGW and AWS hand out. */
export function generateSecret(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

export const rgwAccessKey = resourceType({
  schema: RGW_ACCESS_KEY,

  validate(config) {
    const id = config.access_key_id;
    if (config.secret_access_key !== null && (id === null || id === undefined)) {
      return [{ attribute: 'secret_access_key', message: "'secret_access_key' needs 'access_key_id': give both, the id alone, or neither (RGW then generates both)" }];
    }
    return [];
  },

  async create(ctx, planned) {
    const uid = planned.uid!;
    const user = await rgw(ctx).getUser(uid);
    if (!user) throw new Error(`RGW user ${uid} does not exist: create it before its keys`);
    const given = typeof planned.access_key_id === 'string' ? planned.access_key_id : undefined;
    const existing = given ? user.keys.find((k) => k.access_key === given) : undefined;
    if (existing) return keyState(existing, uid, planned);
    const limit = planned.max_keys ?? 4;
    if (user.keys.length >= limit) {
      throw new Error(
        `RGW user ${uid} already has ${user.keys.length} keys (${user.keys.map((k) => k.access_key).join(', ')}), the limit is ${limit}: remove one, or raise max_keys (maxKeys); a rotation needs room for one more key while both exist`,
      );
    }
    if (given) {
      const secret = typeof planned.secret_access_key === 'string' ? planned.secret_access_key : generateSecret();
      ctx.log(`adding key ${given} to ${uid}`);
      await rgw(ctx).createKey(uid, given, secret);
      return keyState({ user: uid, access_key: given, secret_key: secret }, uid, planned);
    }
    const made = await rgw(ctx).generateKey(uid);
    ctx.log(`generated key ${made.access_key} for ${uid}`);
    return keyState(made, uid, planned);
  },

  async read(ctx, state) {
    const user = await rgw(ctx).getUser(state.uid!);
    const key = user?.keys.find((k) => k.access_key === state.access_key_id);
    return key ? keyState(key, state.uid!, state) : null;
  },

  // every attribute that RGW holds forces a new key; only max_keys, a rule of this provider, changes in place
  async update(_ctx, _prior, planned) {
    return planned;
  },

  async delete(ctx, state) {
    const uid = state.uid!;
    const user = await rgw(ctx).getUser(uid);
    if (!user?.keys.some((k) => k.access_key === state.access_key_id)) return ctx.log(`key ${state.access_key_id} of ${uid} is already gone`);
    ctx.log(`removing key ${state.access_key_id} of ${uid}`);
    await ifFound(() => rgw(ctx).removeKey(uid, state.access_key_id!));
  },

  async importState(ctx, id) {
    const user = await rgw(ctx).getUserByAccessKey(id);
    const key = user?.keys.find((k) => k.access_key === id);
    if (!user || !key) throw new Error(`RGW has no S3 key '${id}'`);
    return keyState(key, user.user_id, {});
  },
});
