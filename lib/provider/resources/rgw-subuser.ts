import { RgwAdminClient, RgwUserInfo, SUBUSER_ACCESS_OF_PERMISSION } from '../../admin-api/rgw-admin-client';
import { StateOf } from '../../schema/attribute';
import { RGW_SUBUSER } from '../../schema/rgw';
import { ResourceContext, resourceType } from '../resource-type';

type State = StateOf<typeof RGW_SUBUSER.attributes>;

const rgw = (ctx: ResourceContext) => new RgwAdminClient(ctx.endpoint.http);

function subuserState(user: RgwUserInfo, uid: string, name: string): State | null {
  const id = `${uid}:${name}`;
  const subuser = user.subusers?.find((s) => s.id === id);
  if (!subuser) return null;
  const key = user.keys.find((k) => k.user === id);
  return {
    uid,
    subuser: name,
    access: SUBUSER_ACCESS_OF_PERMISSION[subuser.permissions] ?? subuser.permissions,
    access_key_id: key?.access_key ?? null,
    secret_access_key: key?.secret_key ?? null,
  };
}

async function readSubuser(ctx: ResourceContext, uid: string, name: string): Promise<State | null> {
  const user = await rgw(ctx).getUser(uid);
  return user ? subuserState(user, uid, name) : null;
}

export const rgwSubuser = resourceType({
  schema: RGW_SUBUSER,

  async create(ctx, planned) {
    const { uid, subuser, access } = planned as Required<{ [K in keyof State]: string }>;
    const user = await rgw(ctx).getUser(uid);
    if (!user) throw new Error(`RGW user ${uid} does not exist: create it before its subusers`);
    if (!subuserState(user, uid, subuser)) {
      ctx.log(`creating subuser ${uid}:${subuser} (${access})`);
      await rgw(ctx).createSubuser(uid, `${uid}:${subuser}`, access);
    } else {
      await rgw(ctx).modifySubuser(uid, `${uid}:${subuser}`, access);
    }
    const made = await readSubuser(ctx, uid, subuser);
    if (!made?.access_key_id) throw new Error(`RGW made subuser ${uid}:${subuser} without an S3 key`);
    return made;
  },

  read: (ctx, state) => readSubuser(ctx, state.uid!, state.subuser!),

  async update(ctx, prior, planned) {
    ctx.log(`access of ${planned.uid}:${planned.subuser}: ${prior.access} -> ${planned.access}`);
    await rgw(ctx).modifySubuser(planned.uid!, `${planned.uid}:${planned.subuser}`, planned.access!);
    return { ...prior, access: planned.access };
  },

  async delete(ctx, state) {
    if (!(await readSubuser(ctx, state.uid!, state.subuser!))) return ctx.log(`subuser ${state.uid}:${state.subuser} is already gone`);
    await rgw(ctx).removeSubuser(state.uid!, `${state.uid}:${state.subuser}`);
  },

  async importState(ctx, id) {
    const [uid, name, extra] = id.split(':');
    if (!uid || !name || extra !== undefined) throw new Error(`the id of an RGW subuser is uid:subuser, got '${id}'`);
    const state = await readSubuser(ctx, uid, name);
    if (!state) throw new Error(`RGW has no subuser '${id}'`);
    return state;
  },
});
