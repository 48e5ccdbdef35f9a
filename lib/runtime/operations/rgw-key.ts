import { RgwAdminClient } from '../../admin-api/rgw-admin-client';
import { SECRET_KEY_ENV } from '../request';
import { ObjectLifecycle, nothingToReconcile } from './operation';

export interface RgwKeyProps {
  readonly uid: string;
  readonly accessKey: string;
  /** Refuse to add a key beyond this many per user. */
  readonly maxKeys: number;
}

export const rgwKey: ObjectLifecycle = {
  async create(ctx) {
    const p = ctx.request.props as unknown as RgwKeyProps;
    const rgw = new RgwAdminClient(ctx.http);
    const user = await rgw.getUser(p.uid);
    if (!user) throw new Error(`RGW user ${p.uid} does not exist: create it before its keys`);
    if (user.keys.some((k) => k.access_key === p.accessKey)) {
      ctx.log(`key ${p.accessKey} of ${p.uid} exists`);
      return;
    }
    if (user.keys.length >= p.maxKeys) {
      throw new Error(
        `RGW user ${p.uid} already has ${user.keys.length} keys (${user.keys.map((k) => k.access_key).join(', ')}), the limit is ${p.maxKeys}: remove one, or raise maxKeys`,
      );
    }
    ctx.log(`creating key ${p.accessKey} for ${p.uid}`);
    await rgw.createKey(p.uid, p.accessKey, ctx.secret(SECRET_KEY_ENV));
  },

  reconcile: nothingToReconcile,

  async delete(ctx) {
    const p = ctx.request.props as unknown as RgwKeyProps;
    const rgw = new RgwAdminClient(ctx.http);
    const user = await rgw.getUser(p.uid);
    if (!user?.keys.some((k) => k.access_key === p.accessKey)) {
      ctx.log(`key ${p.accessKey} of ${p.uid} is already gone`);
      return;
    }
    ctx.log(`removing key ${p.accessKey} of ${p.uid}`);
    await rgw.removeKey(p.uid, p.accessKey);
  },
};
