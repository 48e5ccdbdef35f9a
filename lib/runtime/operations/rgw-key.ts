import { RgwAdminClient } from '../../admin-api/rgw-admin-client';
import { OperationContext } from '../context';
import { SECRET_KEY_ENV } from '../request';
import { ObjectLifecycle, nothingToReconcile } from './operation';

export interface RgwKeyProps {
  readonly uid: string;
  readonly accessKey: string;
  /** The id's prefix shared by all generations of this key; older generations are removed after create. */
  readonly keyFamily?: string;
  /** Refuse to add a key beyond this many per user (a rotation's old key does not count). */
  readonly maxKeys: number;
}

function props(ctx: OperationContext): RgwKeyProps {
  return ctx.request.props as unknown as RgwKeyProps;
}

export const rgwKey: ObjectLifecycle = {
  /**
   * Creates the key, then removes the keys of its older generations: Terraform runs no destroy-time
   * provisioner for the object a create-before-destroy replacement deposes, so the new key retires the old.
   */
  async create(ctx) {
    const p = props(ctx);
    const rgw = new RgwAdminClient(ctx.http);
    const user = await rgw.getUser(p.uid);
    if (!user) throw new Error(`RGW user ${p.uid} does not exist: create it before its keys`);
    const older = user.keys.filter((k) => p.keyFamily !== undefined && k.access_key !== p.accessKey && k.access_key.startsWith(p.keyFamily));
    if (user.keys.some((k) => k.access_key === p.accessKey)) {
      ctx.log(`key ${p.accessKey} of ${p.uid} exists`);
    } else {
      const counted = user.keys.length - older.length;
      if (counted >= p.maxKeys) {
        throw new Error(
          `RGW user ${p.uid} already has ${counted} keys (${user.keys.map((k) => k.access_key).join(', ')}), the limit is ${p.maxKeys}: remove one, or raise maxKeys`,
        );
      }
      ctx.log(`creating key ${p.accessKey} for ${p.uid}`);
      await rgw.createKey(p.uid, p.accessKey, ctx.secret(SECRET_KEY_ENV));
    }
    for (const key of older) {
      ctx.log(`removing ${key.access_key}, an older generation of the same key`);
      await rgw.removeKey(p.uid, key.access_key);
    }
  },

  reconcile: nothingToReconcile,

  async delete(ctx) {
    const p = props(ctx);
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
