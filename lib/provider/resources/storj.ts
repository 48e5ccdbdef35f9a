import { randomBytes } from 'node:crypto';
import { AdminApiError, ifFound } from '../../admin-api/admin-api-error';
import { PLACEMENT_OF_REGION, StorjAdminClient, StorjLimitsReport, StorjProjectLimits } from '../../admin-api/storj-admin-client';
import { StateOf } from '../../schema/attribute';
import { STORJ_API_KEY, STORJ_BUCKET_GEOFENCE, STORJ_PROJECT, STORJ_USER, StorjRegion } from '../../schema/storj';
import { ResourceContext, resourceType } from '../resource-type';

type UserState = StateOf<typeof STORJ_USER.attributes>;
type ProjectState = StateOf<typeof STORJ_PROJECT.attributes>;
type KeyState = StateOf<typeof STORJ_API_KEY.attributes>;

const storj = (ctx: ResourceContext) => new StorjAdminClient(ctx.endpoint.http, ctx.endpoint.pathPrefix);

/** The user as the satellite has it, or null when there is none with this email. */
async function readUser(ctx: ResourceContext, email: string, prior: Partial<UserState>): Promise<UserState | null> {
  const details = await storj(ctx).getUser(email);
  if (!details) return null;
  const { user } = details;
  return {
    email: user.email,
    full_name: user.fullName,
    short_name: user.shortName ? user.shortName : prior.short_name === '' ? '' : null,
    project_limit: user.projectLimit ?? prior.project_limit ?? null,
    frozen: await storj(ctx).isFrozen(user),
    user_id: user.id,
    password: prior.password ?? null,
  };
}

export const storjUser = resourceType({
  schema: STORJ_USER,

  async create(ctx, planned) {
    const email = planned.email!;
    let current = await readUser(ctx, email, {});
    // a first password for the console; the satellite stores only its hash
    const password = current ? null : randomBytes(18).toString('base64url');
    if (!current) {
      ctx.log(`creating Storj user ${email}`);
      await storj(ctx).createUser(email, planned.full_name!, password!);
      current = (await readUser(ctx, email, {}))!;
    }
    await applyUser(ctx, current, planned);
    return (await readUser(ctx, email, { ...planned, password }))!;
  },

  read: (ctx, state) => readUser(ctx, state.email!, state),

  async update(ctx, prior, planned) {
    await applyUser(ctx, prior, planned);
    const state = await readUser(ctx, planned.email!, { ...planned, password: prior.password });
    if (!state) throw new Error(`Storj user ${planned.email} disappeared during the update: run the command again`);
    return state;
  },

  async delete(ctx, state) {
    const details = await storj(ctx).getUser(state.email!);
    if (!details) return ctx.log(`Storj user ${state.email} is already gone`);
    const projects = await storj(ctx).activeProjects(details);
    if (projects.length) {
      throw new Error(`Storj user ${state.email} still owns ${projects.length} project(s): ${projects.map((p) => `${p.name} (${p.id})`).join(', ')}. Delete them first`);
    }
    ctx.log(`deleting Storj user ${state.email}`);
    await storj(ctx).deleteUser(state.email!);
  },

  async importState(ctx, id) {
    const state = await readUser(ctx, id, {});
    if (!state) throw new Error(`the satellite has no user '${id}'`);
    return state;
  },
});

/** Writes what differs: details (found by the email the user has now), then the freeze. */
async function applyUser(ctx: ResourceContext, current: Partial<UserState>, planned: UserState): Promise<void> {
  const changes: { email?: string; fullName?: string; shortName?: string; projectLimit?: number } = {};
  if (planned.email !== current.email) changes.email = planned.email!;
  if (planned.full_name !== current.full_name) changes.fullName = planned.full_name!;
  if (planned.short_name !== null && planned.short_name !== current.short_name) changes.shortName = planned.short_name;
  if (planned.project_limit !== null && planned.project_limit !== current.project_limit) changes.projectLimit = planned.project_limit;
  if (Object.keys(changes).length) {
    ctx.log(`updating ${Object.keys(changes).join(', ')} of Storj user ${current.email}`);
    await storj(ctx).updateUser(current.email!, changes);
  }
  if (Boolean(planned.frozen) !== Boolean(current.frozen)) {
    ctx.log(`${planned.frozen ? 'freezing' : 'unfreezing'} Storj user ${planned.email}`);
    await storj(ctx).setFrozen(planned.email!, Boolean(planned.frozen));
  }
}

function limitsOf(state: Partial<ProjectState>): StorjProjectLimits {
  return {
    usage: state.storage_bytes ?? undefined,
    bandwidth: state.bandwidth_bytes ?? undefined,
    segments: state.segments ?? undefined,
    buckets: state.buckets ?? undefined,
    rate: state.rate ?? undefined,
    burst: state.burst ?? undefined,
  };
}

function limitsState(report: StorjLimitsReport): Pick<ProjectState, 'storage_bytes' | 'bandwidth_bytes' | 'segments' | 'buckets' | 'rate' | 'burst'> {
  return {
    storage_bytes: report.usage?.bytes ?? null,
    bandwidth_bytes: report.bandwidth?.bytes ?? null,
    segments: report.maxSegments ?? null,
    buckets: report.maxBuckets ?? null,
    rate: typeof report.rate === 'number' ? report.rate : (report.rate?.rps ?? null),
    burst: report.burst ?? null,
  };
}

/** The limits the plan sets and the satellite does not have yet. */
function changedLimits(current: Partial<ProjectState>, planned: ProjectState): StorjProjectLimits {
  const wanted = limitsOf(planned);
  const have = limitsOf(current);
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => v !== undefined && v !== have[k as keyof StorjProjectLimits]));
}

/** The limits a freeze of the owner sets to zero, keeping the old ones for the unfreeze to restore. */
const FREEZE_HELD = ['storage_bytes', 'bandwidth_bytes', 'segments'] as const;

/** Is the project's owner frozen, so that the satellite holds its storage, bandwidth and segment limits? */
async function limitsHeldByFreeze(ctx: ResourceContext, state: Partial<ProjectState>): Promise<boolean> {
  return Boolean(state.owner_email) && FREEZE_HELD.every((k) => state[k] === 0) && (await storj(ctx).hasZeroLimits(state.owner_email!));
}

async function projectState(ctx: ResourceContext, id: string, prior: Partial<ProjectState>): Promise<ProjectState | null> {
  const project = await storj(ctx).getProject(id);
  if (!project) return null;
  const state: ProjectState = {
    owner_id: project.ownerId ?? prior.owner_id ?? null,
    owner_email: prior.owner_email ?? null,
    name: project.name,
    description: project.description ?? '',
    ...limitsState(await storj(ctx).getLimits(id)),
    project_id: id,
  };
  // the zeros of a freeze are not the project's limits: the unfreeze restores the ones the state has
  if (await limitsHeldByFreeze(ctx, state)) for (const k of FREEZE_HELD) state[k] = prior[k] ?? null;
  return state;
}

export const storjProject = resourceType({
  schema: STORJ_PROJECT,

  async create(ctx, planned) {
    ctx.log(`creating Storj project ${planned.name} for ${planned.owner_email}`);
    const id = await storj(ctx).createProject({ id: planned.owner_id!, email: planned.owner_email! }, planned.name!);
    if (planned.description) await storj(ctx).updateProject(id, planned.name!, planned.description);
    await storj(ctx).setLimits(id, changedLimits({}, planned));
    return (await projectState(ctx, id, planned))!;
  },

  read: (ctx, state) => projectState(ctx, state.project_id!, state),

  async update(ctx, prior, planned) {
    const id = prior.project_id!;
    if (planned.name !== prior.name || planned.description !== prior.description) {
      ctx.log(`updating name and description of Storj project ${id}`);
      await storj(ctx).updateProject(id, planned.name!, planned.description ?? '');
    }
    const limits = changedLimits(prior, planned);
    const held = FREEZE_HELD.filter((k) => planned[k] !== null && planned[k] !== prior[k]);
    if (held.length && (await storj(ctx).hasZeroLimits(planned.owner_email!))) {
      throw new Error(
        `Storj project ${planned.name} (${id}): its owner ${planned.owner_email} is frozen, and the satellite holds the project's storage, bandwidth and segment limits until the unfreeze. Unfreeze the owner (frozen: false, in this deploy or an earlier one) to change them`,
      );
    }
    if (Object.keys(limits).length) {
      ctx.log(`setting ${Object.keys(limits).join(', ')} of Storj project ${id}`);
      await storj(ctx).setLimits(id, limits);
    }
    const state = await projectState(ctx, id, planned);
    if (!state) throw new Error(`Storj project ${id} disappeared during the update: run the command again to create it anew`);
    return state;
  },

  async delete(ctx, state) {
    const id = state.project_id!;
    if (!(await storj(ctx).getProject(id))) return ctx.log(`Storj project ${id} is already gone`);
    try {
      await storj(ctx).checkNoUsage(id);
      ctx.log(`deleting Storj project ${id}`);
      await storj(ctx).deleteProject(id);
    } catch (e) {
      if (e instanceof AdminApiError && e.status === 409) {
        const advice = /bucket/i.test(e.apiMessage)
          ? 'Delete its buckets first (with an uplink or in the console: the admin API cannot), then run the command again'
          : "A project with usage this month can be deleted once the month's usage is invoiced";
        throw new Error(`Storj project ${state.name} (${id}) cannot be deleted now: the satellite says "${e.apiMessage}". ${advice}`);
      }
      throw e;
    }
  },

  /**
   * `projectId`, or `ownerEmail/projectId`: the satellite names a project's owner by id only, so with the
   * bare id the email comes from the config at the first apply (a plan line, no call).
   */
  async importState(ctx, id) {
    const [ownerEmail, projectId] = id.includes('/') ? splitId(id, 'ownerEmail/projectId') : [null, id];
    const state = await projectState(ctx, projectId, { owner_email: ownerEmail });
    if (!state) throw new Error(`the satellite has no project '${projectId}'`);
    if (ownerEmail !== null) {
      const owner = (await storj(ctx).getUser(ownerEmail))?.user;
      if (!owner) throw new Error(`the satellite has no user '${ownerEmail}', named as the owner of project ${projectId}`);
      if (owner.id !== state.owner_id) throw new Error(`Storj project ${projectId} belongs to the user with id ${state.owner_id}, not to ${ownerEmail} (id ${owner.id})`);
    }
    return state;
  },
});

/** The name the key has on the satellite: a new generation must not clash with the key it replaces. */
export function storjKeyName(name: string, rotation: number | null | undefined): string {
  return rotation && rotation > 1 ? `${name}-r${rotation}` : name;
}

export const storjApiKey = resourceType({
  schema: STORJ_API_KEY,

  modifyPlan(_prior, planned) {
    if (typeof planned.name === 'string' && (typeof planned.rotation === 'number' || planned.rotation === null)) planned.key_name = storjKeyName(planned.name, planned.rotation);
  },

  async create(ctx, planned) {
    const keyName = storjKeyName(planned.name!, planned.rotation);
    const projectId = planned.project_id!;
    if ((await storj(ctx).listApiKeys(projectId)).some((k) => k.name === keyName)) {
      throw new Error(`Storj project ${projectId} already has an API key named '${keyName}' whose secret cannot be read back: delete it, or import it`);
    }
    ctx.log(`creating API key ${keyName} in project ${projectId}`);
    const apiKey = await storj(ctx).createApiKey(projectId, keyName);
    return { ...planned, key_name: keyName, api_key: apiKey };
  },

  async read(ctx, state) {
    const exists = (await storj(ctx).listApiKeys(state.project_id!)).some((k) => k.name === state.key_name);
    return exists ? state : null;
  },

  async update(_ctx, prior, planned) {
    return { ...planned, key_name: prior.key_name, api_key: prior.api_key };
  },

  async delete(ctx, state) {
    // a 404 means the key (or its project) is gone already: what delete wanted
    const deleted = await ifFound(() => storj(ctx).deleteApiKey(state.project_id!, state.key_name!).then(() => true));
    ctx.log(deleted ? `deleted API key ${state.key_name} of project ${state.project_id}` : `API key ${state.key_name} is already gone`);
  },

  async importState(ctx, id) {
    const [projectId, keyName] = splitId(id, 'projectId/keyName');
    if (!(await storj(ctx).listApiKeys(projectId)).some((k) => k.name === keyName)) throw new Error(`Storj project ${projectId} has no API key '${keyName}'`);
    // the satellite never shows a key again: an imported key's api_key stays unknown to Terraform
    return { project_id: projectId, name: keyName, rotation: null, key_name: keyName, api_key: null } as KeyState;
  },
});

function splitId(id: string, form: string): [string, string] {
  const at = id.indexOf('/');
  if (at <= 0 || at === id.length - 1) throw new Error(`the import id has the form ${form}, got '${id}'`);
  return [id.slice(0, at), id.slice(at + 1)];
}

const REGION_OF_PLACEMENT = Object.fromEntries(Object.entries(PLACEMENT_OF_REGION).map(([region, id]) => [id, region as StorjRegion]));

/** The bucket's region: null when it has none, undefined when the satellite does not report placement. */
function regionOf(bucket: Record<string, unknown>): StorjRegion | null | undefined {
  const placement = bucket.placement ?? bucket.Placement;
  if (typeof placement === 'number') return REGION_OF_PLACEMENT[placement] ?? null;
  if (typeof placement === 'string') return placement === '' ? null : (placement as StorjRegion);
  return undefined;
}

async function setRegion(ctx: ResourceContext, projectId: string, bucket: string, region: StorjRegion): Promise<void> {
  try {
    await storj(ctx).setGeofence(projectId, bucket, region);
  } catch (e) {
    if (e instanceof AdminApiError && e.status >= 400 && e.status < 500) {
      throw new Error(`bucket ${bucket} cannot be geofenced to ${region}: the satellite says "${e.apiMessage || e.code}". Geofencing needs an empty bucket: set it before the first upload`);
    }
    throw e;
  }
}

export const storjBucketGeofence = resourceType({
  schema: STORJ_BUCKET_GEOFENCE,

  async create(ctx, planned) {
    const bucket = await storj(ctx).getBucket(planned.project_id!, planned.bucket!);
    if (!bucket) throw new Error(`Storj project ${planned.project_id} has no bucket ${planned.bucket}: create the bucket first`);
    ctx.log(`geofencing bucket ${planned.bucket} to ${planned.region}`);
    await setRegion(ctx, planned.project_id!, planned.bucket!, planned.region as StorjRegion);
    return planned;
  },

  async read(ctx, state) {
    const bucket = await storj(ctx).getBucket(state.project_id!, state.bucket!);
    if (!bucket) return null;
    const region = regionOf(bucket);
    // a bucket whose geofence was removed out of band is planned for a new geofence
    if (region === null) return null;
    return { ...state, region: region ?? state.region };
  },

  async update(ctx, _prior, planned) {
    await setRegion(ctx, planned.project_id!, planned.bucket!, planned.region as StorjRegion);
    return planned;
  },

  async delete(ctx, state) {
    if (!(await storj(ctx).getBucket(state.project_id!, state.bucket!))) return ctx.log(`bucket ${state.bucket} is gone: nothing to remove`);
    ctx.log(`removing the geofence of bucket ${state.bucket}`);
    await storj(ctx).setGeofence(state.project_id!, state.bucket!, null);
  },

  async importState(ctx, id) {
    const [projectId, name] = splitId(id, 'projectId/bucket');
    const bucket = await storj(ctx).getBucket(projectId, name);
    if (!bucket) throw new Error(`Storj project ${projectId} has no bucket '${name}'`);
    const region = regionOf(bucket);
    if (!region) throw new Error(`bucket '${name}' of Storj project ${projectId} has no geofence to import`);
    return { project_id: projectId, bucket: name, region };
  },
});
