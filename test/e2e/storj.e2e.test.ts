import { randomBytes } from 'node:crypto';
import { AdminApiError } from '../../lib/admin-api/admin-api-error';
import { StorjAdminClient } from '../../lib/admin-api/storj-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { NO_RETRY } from '../support/admin-clients';
import { bucketFixtures } from '../support/storj/bucket-fixtures';
import { Engine, engineVersions, ENGINES } from './cdktf-project';
import { e2eStackApp, E2eRun, expectCreateBeforeDestroy, expectSuccess, onEachEngine, planLine } from './e2e-run';
import { KeyProbe } from './key-probe';

const env = process.env as Record<string, string>;
const { createBucketRows, putObjectRow, dropBucketRows } = bucketFixtures(() => env);

/** What the satellite says about a serialized API key: its project and owner, or undefined when it does not know it. */
interface KeyInfo {
  readonly api_key: { readonly name: string };
  readonly project: { readonly id: string };
  readonly owner: { readonly email: string };
}

/**
 * stacks/storj-example.ts (with an adopted project and more geofences, test/e2e/stacks) deployed with
 * `cdktf deploy` on OpenTofu and on Terraform, at once, against the real satellite the test setup runs
 * (each engine as its own tenant), reached by the provider through a counting proxy. No CLI configuration.
 */
describe('e2e: Storj example stack with cdktf, on OpenTofu and Terraform', () => {
  interface Context {
    readonly engine: Engine;
    /** Prefix of the stack's emails, project and bucket names: the engines share one satellite. */
    readonly tenant: string;
    readonly email: string;
    readonly http: SignedHttpClient;
    readonly admin: StorjAdminClient;
    readonly run: E2eRun;
    /** Set by step 5: the project made outside Terraform. */
    adoptedId?: string;
  }
  const contexts: Context[] = [];
  const each = (work: (c: Context) => Promise<void>) => onEachEngine(contexts, work);

  const state = (c: Context, type: string) => c.run.resources(`s3admin_storj_${type}`).map((r) => r.values);
  const projectId = (c: Context) => state(c, 'project').find((p) => p.name === `${c.tenant}-data`)!.project_id as string;
  const stateKey = (c: Context) => state(c, 'api_key')[0] as { key_name: string; api_key: string };
  /** The project's keys by name; give the project id while a deploy runs (the engine rewrites the state file then). */
  const keyNames = async (c: Context, id = projectId(c)) => (await c.admin.listApiKeys(id)).map((k) => k.name).sort();
  /** The satellite's own lookup of a serialized key (GET apikeys/{apikey}). */
  const keyInfo = async (c: Context, apiKey: string): Promise<KeyInfo | undefined> => {
    try {
      const res = await c.http.send({ operation: 'Storj get API key', method: 'GET', path: `${env.STORJ_ADMIN_PATH_PREFIX}/apikeys/${encodeURIComponent(apiKey)}` });
      return JSON.parse(res.body) as KeyInfo;
    } catch (e) {
      if (e instanceof AdminApiError && e.status >= 400 && e.status < 500) return undefined;
      throw e;
    }
  };
  const placement = async (c: Context, bucket: string) => (await c.admin.getBucket(projectId(c), bucket))?.Placement;

  beforeAll(async () => {
    console.log(`e2e Storj (satellite ${env.STORJ_SATELLITE_VERSION}) on ${JSON.stringify(await engineVersions())}`);
    for (const engine of ENGINES) {
      const tenant = `${engine.tag}-${randomBytes(2).toString('hex')}`;
      const http = new SignedHttpClient({ endpoint: env.STORJ_ADMIN_ENDPOINT, token: env.STORJ_ADMIN_TOKEN, retry: NO_RETRY });
      const run = new E2eRun({
        engine,
        system: 'Storj',
        target: env.STORJ_ADMIN_ENDPOINT,
        stackName: `storj-${engine.tag}`,
        app: e2eStackApp('StorjE2eStack'),
        secretAttributes: /^(api_key|password)$/,
      });
      await run.start({ tenant, apiLayout: env.STORJ_ADMIN_PATH_PREFIX === '/api' ? 'api' : 'legacy' });
      contexts.push({ engine, tenant, email: `owner@${tenant}.example`, http, admin: new StorjAdminClient(http, env.STORJ_ADMIN_PATH_PREFIX), run });
    }
  });
  afterAll(async () => {
    for (const c of contexts) {
      await c.run.stop();
      c.http.close();
    }
  });

  test('1. deploy: the user, the project with its limits and the API key exist as declared; the satellite knows the key', () =>
    each(async (c) => {
      const result = await c.run.deploy('deploy');
      expectSuccess(result, 'cdktf deploy');
      expect(c.run.flat(result)).toMatch(/Apply complete! Resources: 3 added, 0 changed, 0 destroyed/);
      const [user] = state(c, 'user');
      expect((await c.admin.getUser(c.email))!.user).toMatchObject({ id: user.user_id, fullName: 'Foobar owner', projectLimit: 3 });
      expect(await c.admin.getProject(projectId(c))).toMatchObject({ name: `${c.tenant}-data`, description: 'What HowToGet stores', ownerId: user.user_id });
      expect(await c.admin.getLimits(projectId(c))).toMatchObject({ usage: { bytes: 50e9 }, bandwidth: { bytes: 100e9 }, maxBuckets: 10 });
      expect(await keyNames(c)).toEqual(['app']);
      expect(await keyInfo(c, stateKey(c).api_key)).toMatchObject({ api_key: { name: 'app' }, project: { id: projectId(c) }, owner: { email: c.email } });
      expect(await keyInfo(c, `${stateKey(c).api_key.slice(0, -4)}xxxx`)).toBeUndefined();
      expect(user.password).toMatch(/^.{20,}$/);
    }));

  test('2. re-plan: plan -detailed-exitcode exits 0 and the satellite sees no write', () => each((c) => c.run.expectEmptyReplan()));

  test('3. a new storage limit: the plan names it, the apply updates the project in place (same id, same key)', () =>
    each(async (c) => {
      const [id, key] = [projectId(c), stateKey(c)];
      const result = await c.run.deploy('update in place (storage limit)', { storageBytes: 60e9 });
      expectSuccess(result, 'cdktf deploy');
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_storj_project', 'Project', 'will be updated in-place'));
      expect(log).toMatch(/~ storage_bytes += 50000000000 -> 60000000000/);
      expect(log).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
      expect(projectId(c)).toBe(id);
      expect(stateKey(c)).toEqual(key);
      expect(await c.admin.getLimits(id)).toMatchObject({ usage: { bytes: 60e9 }, bandwidth: { bytes: 100e9 }, maxBuckets: 10 });
    }));

  test('4. changes behind the engine: plan exits 2 naming the full name and the bucket limit; deploy converges', () =>
    each(async (c) => {
      await c.admin.updateUser(c.email, { fullName: 'Changed By Hand' });
      await c.admin.setLimits(projectId(c), { buckets: 99 });
      const plan = await c.run.plan('plan after out-of-band changes');
      expect(plan.code).toBe(2);
      const log = c.run.flat(plan);
      expect(log).toMatch(/~ full_name += "Changed By Hand" -> "Foobar owner"/);
      expect(log).toMatch(/~ buckets += 99 -> 10/);
      expect(log).toMatch(/Plan: 0 to add, 2 to change, 0 to destroy/);

      expectSuccess(await c.run.deploy('deploy after out-of-band changes'), 'cdktf deploy');
      expect((await c.admin.getUser(c.email))!.user.fullName).toBe('Foobar owner');
      expect((await c.admin.getLimits(projectId(c))).maxBuckets).toBe(10);
      await c.run.expectEmptyReplan('plan after convergence');
    }));

  test('5. a project made outside Terraform is adopted: deploy imports it (not made anew), the next plan is empty', () =>
    each(async (c) => {
      const ownerId = state(c, 'user')[0].user_id as string;
      c.adoptedId = await c.admin.createProject({ id: ownerId, email: c.email }, `${c.tenant}-old`);
      const result = await c.run.deploy('import an existing project', { adopt: { projectId: c.adoptedId, name: `${c.tenant}-old` } });
      expectSuccess(result, 'cdktf deploy');
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_storj_project', 'Adopted', 'will be imported'));
      expect(log).toMatch(/Resources: 1 imported, 0 added, 0 changed, 0 destroyed/);
      expect(state(c, 'project').map((p) => p.project_id)).toContain(c.adoptedId);
      expect((await c.admin.activeProjects((await c.admin.getUser(c.email))!)).map((p) => p.name).sort()).toEqual([`${c.tenant}-data`, `${c.tenant}-old`]);
      await c.run.expectEmptyReplan('plan after the import');
    }));

  test('6. key rotation: the new key is made before the old one goes, so the project always has a key; the satellite knows the new key', () =>
    each(async (c) => {
      const [old, id] = [stateKey(c), projectId(c)];
      // a key is there while the project lists it (by value, the satellite's peers answer from a cache for a while after a delete)
      const probe = new KeyProbe(
        async () => (await keyNames(c, id)).map((name) => ({ label: name === old.key_name ? 'old' : 'new', accessKeyId: name, secretAccessKey: '' })),
        async () => true,
      );
      const result = await c.run.deployProbing('rotate the key (probing)', { keyRotation: 2 }, probe);
      const log = c.run.flat(result);
      expectCreateBeforeDestroy(log, 's3admin_storj_api_key', 'AppKey');
      expect(log).toMatch(/Resources: 1 added, 0 changed, 1 destroyed/);
      const rotated = stateKey(c);
      expect(rotated.key_name).toBe('app-r2');
      expect(rotated.api_key).not.toBe(old.api_key);
      expect(await keyNames(c)).toEqual(['app-r2']);
      expect(await keyInfo(c, rotated.api_key)).toMatchObject({ api_key: { name: 'app-r2' }, project: { id: projectId(c) } });
    }));

  test('7. a geofence on an empty bucket is applied; on a bucket that holds objects it fails with the satellite reason and nothing of it is applied or recorded', () =>
    each(async (c) => {
      const [eu, full] = [`${c.tenant}-eu`, `${c.tenant}-full`];
      createBucketRows(projectId(c), eu);
      createBucketRows(projectId(c), full);
      putObjectRow(projectId(c), full, 'report.csv');

      const fenced = await c.run.deploy('geofence an empty bucket', { euBucket: eu });
      expectSuccess(fenced, 'cdktf deploy');
      expect(c.run.flat(fenced)).toMatch(/Resources: 1 added, 0 changed, 0 destroyed/);
      expect(await placement(c, eu)).toBe(1);

      const refused = await c.run.deploy('geofence a full bucket (fails)', { moreGeofences: { [full]: 'US' } });
      expect(refused.code).not.toBe(0);
      expect(c.run.flat(refused)).toMatch(new RegExp(`bucket ${full} cannot be geofenced to US: the satellite says "bucket must be empty"\\. Geofencing needs an empty bucket: set it before the first upload`));
      expect(await placement(c, full)).toBe(0);
      expect(state(c, 'bucket_geofence').map((g) => g.bucket)).toEqual([eu]);

      const withdrawn = await c.run.deploy('withdraw the full bucket geofence', { moreGeofences: {} });
      expectSuccess(withdrawn, 'cdktf deploy');
      expect(c.run.flat(withdrawn)).toMatch(/No changes\. Your infrastructure matches the configuration/);
      expect(await placement(c, eu)).toBe(1);
    }));

  test('8. freezing the owner changes the user in place; the satellite holds the project limits at zero and the next plan is empty; the unfreeze restores them', () =>
    each(async (c) => {
      const [userId, id] = [state(c, 'user')[0].user_id, projectId(c)];
      const result = await c.run.deploy('freeze the owner', { frozen: true });
      expectSuccess(result, 'cdktf deploy');
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_storj_user', 'Owner', 'will be updated in-place'));
      expect(log).toMatch(/~ frozen += false -> true/);
      expect(log).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
      expect((await c.admin.getUser(c.email))!.user.id).toBe(userId);
      expect(await c.admin.getLimits(id)).toMatchObject({ usage: { bytes: 0 }, bandwidth: { bytes: 0 }, maxSegments: 0 });
      await c.run.expectEmptyReplan('plan after the freeze');

      const thawed = await c.run.deploy('unfreeze the owner', { frozen: false });
      expectSuccess(thawed, 'cdktf deploy');
      expect(c.run.flat(thawed)).toMatch(/~ frozen += true -> false/);
      expect(await c.admin.getLimits(id)).toMatchObject({ usage: { bytes: 60e9 }, bandwidth: { bytes: 100e9 }, maxBuckets: 10 });
    }));

  test('9. no API key or first password in cdk.tf.json, in any output, or as a non-sensitive value of show -json; the admin token nowhere', () =>
    each(async (c) => {
      // the first password, the first key and the rotated one
      await c.run.expectSecretsHidden(3, env.STORJ_ADMIN_TOKEN, /"token_env": ?"STORJ_ADMIN_TOKEN"/);
    }));

  test('10. destroy fails naming the buckets still in the project, and deletes what it can; once they are gone it leaves nothing; a second destroy succeeds', () =>
    each(async (c) => {
      const id = projectId(c);
      const blocked = await c.run.destroy('destroy with buckets left (fails)');
      expect(blocked.code).not.toBe(0);
      expect(c.run.flat(blocked)).toMatch(
        new RegExp(`Storj project ${c.tenant}-data \\(${id}\\) cannot be deleted now: the satellite says "buckets still exist: \\[${c.tenant}-(eu|full)\\b[^\\]]*\\]"\\. Delete its buckets first`),
      );
      expect(await c.admin.getProject(id)).toBeDefined();
      expect(await c.admin.getProject(c.adoptedId!)).toBeUndefined();
      expect(await placement(c, `${c.tenant}-eu`)).toBe(0);
      expect(c.run.resources().map((r) => r.type).sort()).toEqual(['s3admin_storj_project', 's3admin_storj_user']);

      dropBucketRows(id);
      const result = await c.run.destroy('destroy');
      expectSuccess(result, 'cdktf destroy');
      expect(c.run.flat(result)).toMatch(/Destroy complete! Resources: 2 destroyed/);
      expect(await c.admin.getUser(c.email)).toBeUndefined();
      expect(await c.admin.getProject(id)).toBeUndefined();
      const again = await c.run.destroy('destroy again');
      expectSuccess(again, 'second cdktf destroy');
      expect(c.run.flat(again)).toMatch(/Resources: 0 destroyed/);
      expect(await c.run.leaks(c.run.secrets)).toEqual([]);
    }));
});
