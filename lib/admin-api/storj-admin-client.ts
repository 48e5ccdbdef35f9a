import { ifFound } from './admin-api-error';
import { StorjRegion } from '../schema/storj';
import { SignedHttpClient } from './signed-http-client';

export interface StorjUser {
  readonly id: string;
  readonly email: string;
  readonly fullName: string;
  readonly shortName?: string;
  readonly projectLimit?: number;
  /** Present on satellites that report it. */
  readonly status?: number | string;
}

export interface StorjProject {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly ownerId?: string;
  /** 1 active, 0 deleted: a deleted project stays readable on current satellites. */
  readonly status?: number;
}

export interface StorjUserDetails {
  readonly user: StorjUser;
  readonly projects: StorjProject[] | null;
}

/** Limits in the satellite's terms; absent means the satellite's default. */
export interface StorjProjectLimits {
  readonly usage?: number;
  readonly bandwidth?: number;
  readonly segments?: number;
  readonly buckets?: number;
  readonly rate?: number;
  readonly burst?: number;
}

export interface StorjLimitsReport {
  readonly usage?: { readonly bytes: number };
  readonly bandwidth?: { readonly bytes: number };
  /** `{rps}` in the reference document, a plain number on current satellites. */
  readonly rate?: { readonly rps: number | null } | number | null;
  readonly burst?: number | null;
  readonly maxBuckets?: number | null;
  readonly maxSegments?: number | null;
}

export interface StorjUserLimits {
  readonly storage: number;
  readonly bandwidth: number;
  readonly segment: number;
}

export interface StorjApiKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly ownerId?: string;
  readonly createdAt?: string;
}


const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const enc = encodeURIComponent;

/** Placement constraints as satellites number them (storj.io/common/storj): 0 is none. */
export const PLACEMENT_OF_REGION: Record<StorjRegion, number> = { EU: 1, EEA: 2, US: 3, DE: 4 };

/**
 * Where the two generations of the API differ. The reference document describes `/api` (older satellites);
 * satellites that serve `/legacy/api` (about v1.145 on; checked against v1.162.3) set limits with PUT, delete
 * keys by a `name` query, set a bucket's placement by number, and have several kinds of freeze, of which the
 * violation freeze is the one that stops uploads and downloads.
 */
interface Routes {
  readonly limitsMethod: 'PUT' | 'POST';
  deleteKey(projectId: string, name: string): { path: string; query?: Record<string, string> };
  geofence(projectId: string, bucket: string, region: StorjRegion | null): { method: 'PUT' | 'POST' | 'DELETE'; path: string; query?: Record<string, string> };
  readonly freeze: string;
}

const CURRENT: Routes = {
  limitsMethod: 'PUT',
  deleteKey: (p, name) => ({ path: `/projects/${enc(p)}/apikeys`, query: { name } }),
  geofence: (p, b, region) => ({ method: 'PUT', path: `/projects/${enc(p)}/buckets/${enc(b)}/placement`, query: { id: String(region ? PLACEMENT_OF_REGION[region] : 0) } }),
  freeze: 'violation-freeze',
};

const REFERENCE: Routes = {
  limitsMethod: 'POST',
  deleteKey: (p, name) => ({ path: `/projects/${enc(p)}/apikeys/${enc(name)}` }),
  geofence: (p, b, region) => ({ method: region ? 'POST' : 'DELETE', path: `/projects/${enc(p)}/buckets/${enc(b)}/geofence`, query: region ? { region } : undefined }),
  freeze: 'freeze',
};

/**
 * The Storj satellite admin API: token in `Authorization`, JSON bodies, `{error, detail}` on failure.
 * Current satellites serve it under `/legacy/api`, older ones under `/api` (`prefix`).
 * @see https://github.com/storj/storj/tree/main/satellite/admin
 */
export class StorjAdminClient {
  private readonly routes: Routes;

  constructor(private readonly http: SignedHttpClient, private readonly prefix: string) {
    this.routes = prefix.startsWith('/legacy') ? CURRENT : REFERENCE;
  }

  private path(rest: string): string {
    return `${this.prefix}${rest}`;
  }

  /** Creates the user; the satellite refuses a second create, so a lost answer is looked up instead. */
  async createUser(email: string, fullName: string, password: string): Promise<StorjUser> {
    return this.http.sendNotRepeatable(
      { operation: `Storj create user ${email}`, method: 'POST', path: this.path('/users'), ...json({ email, fullName, password }) },
      (res) => JSON.parse(res.body),
      async () => (await this.getUser(email))?.user,
    );
  }

  /** The user and its projects, or undefined when the satellite knows no such email. */
  async getUser(email: string): Promise<StorjUserDetails | undefined> {
    return ifFound(async () => JSON.parse((await this.http.send({ operation: `Storj get user ${email}`, method: 'GET', path: this.path(`/users/${enc(email)}`) })).body));
  }

  async updateUser(email: string, changes: { email?: string; fullName?: string; shortName?: string; projectLimit?: number }): Promise<void> {
    await this.http.send({ operation: `Storj update user ${email}`, method: 'PUT', path: this.path(`/users/${enc(email)}`), ...json(changes) });
  }

  async deleteUser(email: string): Promise<void> {
    await this.http.sendUnlessDone({ operation: `Storj delete user ${email}`, method: 'DELETE', path: this.path(`/users/${enc(email)}`) }, async () => !(await this.getUser(email)));
  }

  /** The limits a user's new projects get; a freeze sets them all to zero (and keeps the old ones until the unfreeze). */
  async getUserLimits(email: string): Promise<StorjUserLimits | undefined> {
    return ifFound(async () => JSON.parse((await this.http.send({ operation: `Storj limits of user ${email}`, method: 'GET', path: this.path(`/users/${enc(email)}/limits`) })).body));
  }

  /**
   * Is the account frozen? Satellites that report a user's status use 1 for active. Current ones report no
   * status; a freeze (of any kind) sets the user's new-project limits to zero and the unfreeze restores them,
   * so all-zero limits read as frozen.
   */
  async isFrozen(user: StorjUser): Promise<boolean> {
    if (user.status !== undefined && user.status !== null) return user.status !== 1 && user.status !== 'active' && user.status !== 'Active';
    return this.hasZeroLimits(user.email);
  }

  async hasZeroLimits(email: string): Promise<boolean> {
    const limits = await this.getUserLimits(email);
    return limits !== undefined && limits.storage === 0 && limits.bandwidth === 0 && limits.segment === 0;
  }

  async setFrozen(email: string, frozen: boolean): Promise<void> {
    await this.http.send({ operation: `Storj ${frozen ? 'freeze' : 'unfreeze'} user ${email}`, method: frozen ? 'PUT' : 'DELETE', path: this.path(`/users/${enc(email)}/${this.routes.freeze}`) });
  }

  /** Creates a project; not repeatable (a second create makes a second project), so a lost answer is looked up by name. */
  async createProject(owner: { id: string; email: string }, name: string): Promise<string> {
    return this.http.sendNotRepeatable(
      { operation: `Storj create project ${name}`, method: 'POST', path: this.path('/projects'), ...json({ ownerId: owner.id, projectName: name }) },
      (res) => (JSON.parse(res.body) as { projectId: string }).projectId,
      async () => (await this.getUser(owner.email))?.projects?.find((p) => p.name === name)?.id,
    );
  }

  /** The project, or undefined when it does not exist or was deleted (current satellites keep it with status 0). */
  async getProject(id: string): Promise<StorjProject | undefined> {
    const project: StorjProject | undefined = await ifFound(async () =>
      JSON.parse((await this.http.send({ operation: `Storj get project ${id}`, method: 'GET', path: this.path(`/projects/${enc(id)}`) })).body),
    );
    return project && project.status !== 0 ? project : undefined;
  }

  /** The user's projects that are not deleted. */
  async activeProjects(details: StorjUserDetails): Promise<StorjProject[]> {
    const found = await Promise.all((details.projects ?? []).map((p) => this.getProject(p.id)));
    return found.filter((p): p is StorjProject => p !== undefined);
  }

  async updateProject(id: string, name: string, description: string): Promise<void> {
    await this.http.send({ operation: `Storj update project ${id}`, method: 'PUT', path: this.path(`/projects/${enc(id)}`), ...json({ projectName: name, description }) });
  }

  /** Fails with the satellite's own reason when the project has usage this month. */
  async deleteProject(id: string): Promise<void> {
    await this.http.sendUnlessDone({ operation: `Storj delete project ${id}`, method: 'DELETE', path: this.path(`/projects/${enc(id)}`) }, async () => !(await this.getProject(id)));
  }

  /** Throws the satellite's 409 ("usage for the current month exists") when the project has usage. */
  async checkNoUsage(id: string): Promise<void> {
    await this.http.send({ operation: `Storj usage of project ${id}`, method: 'GET', path: this.path(`/projects/${enc(id)}/usage`) });
  }

  async getLimits(id: string): Promise<StorjLimitsReport> {
    return JSON.parse((await this.http.send({ operation: `Storj limits of project ${id}`, method: 'GET', path: this.path(`/projects/${enc(id)}/limit`) })).body);
  }

  async setLimits(id: string, limits: StorjProjectLimits): Promise<void> {
    const query = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    if (Object.keys(query).length === 0) return;
    await this.http.send({ operation: `Storj set limits of project ${id}`, method: this.routes.limitsMethod, path: this.path(`/projects/${enc(id)}/limit`), query });
  }

  async listApiKeys(projectId: string): Promise<StorjApiKeyInfo[]> {
    const res = await this.http.send({ operation: `Storj list API keys of project ${projectId}`, method: 'GET', path: this.path(`/projects/${enc(projectId)}/apikeys`) });
    return JSON.parse(res.body) ?? [];
  }

  /** Creates a key; the serialized key is in this answer only, so a lost answer cannot be recovered: the half-made key is deleted and made again. */
  async createApiKey(projectId: string, name: string): Promise<string> {
    return this.http.sendNotRepeatable(
      { operation: `Storj create API key ${name}`, method: 'POST', path: this.path(`/projects/${enc(projectId)}/apikeys`), ...json({ name }) },
      (res) => (JSON.parse(res.body) as { apikey: string }).apikey,
      async () => {
        if ((await this.listApiKeys(projectId)).some((k) => k.name === name)) await this.deleteApiKey(projectId, name);
        return undefined;
      },
    );
  }

  async deleteApiKey(projectId: string, name: string): Promise<void> {
    const route = this.routes.deleteKey(projectId, name);
    await this.http.sendUnlessDone(
      { operation: `Storj delete API key ${name}`, method: 'DELETE', path: this.path(route.path), query: route.query },
      async () => !(await this.listApiKeys(projectId)).some((k) => k.name === name),
    );
  }

  async getBucket(projectId: string, bucket: string): Promise<Record<string, unknown> | undefined> {
    return ifFound(async () =>
      JSON.parse((await this.http.send({ operation: `Storj get bucket ${bucket}`, method: 'GET', path: this.path(`/projects/${enc(projectId)}/buckets/${enc(bucket)}`) })).body),
    );
  }

  /** Sets (or, with null, removes) the bucket's region; the satellite refuses a change for a bucket that holds objects. */
  async setGeofence(projectId: string, bucket: string, region: StorjRegion | null): Promise<void> {
    const route = this.routes.geofence(projectId, bucket, region);
    const what = region ? `geofence bucket ${bucket} to ${region}` : `remove the geofence of bucket ${bucket}`;
    await this.http.send({ operation: `Storj ${what}`, method: route.method, path: this.path(route.path), query: route.query });
  }
}
