import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { listBucketsWith, NO_RETRY, rgwAdmin } from '../support/admin-clients';
import { engineVersions, ENGINES } from './cdktf-project';
import { e2eStackApp, E2eRun, expectCreateBeforeDestroy, expectSuccess, onEachEngine, planLine } from './e2e-run';
import { KeyProbe, ProbeKey } from './key-probe';

const RGW = process.env.RGW_ENDPOINT!;

interface Key {
  readonly id: string;
  readonly secret: string;
}

/** An S3 call signed with `key`, straight to RGW (not through the proxy); its HTTP status. */
async function s3Status(key: Key, method: 'GET' | 'PUT', path: string, query?: Record<string, string>): Promise<{ status: number; body: string }> {
  const http = new SignedHttpClient({ endpoint: RGW, credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, retry: NO_RETRY });
  try {
    const res = await http.send({ operation: 'S3 call', method, path, query });
    return { status: res.status, body: res.body };
  } catch (e) {
    return { status: (e as { status?: number }).status ?? 0, body: (e as Error).message };
  } finally {
    http.close();
  }
}

const radosgwAdmin = (...args: string[]) => promisify(execFile)('radosgw-admin', ['--conf', process.env.CEPH_CONF!, '-n', 'client.admin', ...args]);

/**
 * stacks/rgw-example.ts (with an adopted user, test/e2e/stacks) deployed with `cdktf deploy` on OpenTofu
 * and on Terraform, at once, against the real radosgw, each through its own proxy that counts the admin
 * calls and plays faults. No CLI configuration: the engines find the provider in the stack's implied mirror.
 */
describe('e2e: RGW example stack with cdktf, on OpenTofu and Terraform', () => {
  const { rgw, http } = rgwAdmin();
  const contexts = ENGINES.map((engine) => {
    const tenant = `e2e-rgw-${engine.tag}`;
    const run = new E2eRun({ engine, system: 'RGW', target: RGW, stackName: `rgw-${engine.tag}`, app: e2eStackApp('RgwE2eStack') });
    return { engine, run, tenant, owner: `${tenant}-owner`, analyst: `${tenant}-analyst`, adopted: `${tenant}-adopted`, bucket: `${tenant}-data` };
  });
  type Context = (typeof contexts)[number];
  const each = (work: (c: Context) => Promise<void>) => onEachEngine(contexts, work);

  /** The keys in the state, by uid. */
  const stateKeys = async (c: Context): Promise<Record<string, Key[]>> => {
    const keys: Record<string, Key[]> = {};
    for (const r of c.run.resources('s3admin_rgw_access_key')) (keys[r.values.uid] ??= []).push({ id: r.values.access_key_id, secret: r.values.secret_access_key });
    return keys;
  };
  const serverKeyIds = async (uid: string) => (await rgw.getUser(uid))?.keys.map((k) => k.access_key).sort();
  const ourUsers = async (c: Context) => (await rgw.listUserIds()).filter((u) => u.startsWith(`${c.tenant}-`)).sort();

  beforeAll(async () => {
    console.log(`e2e RGW on ${JSON.stringify(await engineVersions())}`);
    // a server kept from an earlier run (S3ADMIN_KEEP_SERVERS) may hold what a failed run left
    for (const c of contexts) for (const uid of [c.owner, c.analyst, c.adopted]) if (await rgw.getUser(uid)) await rgw.removeUser(uid, true);
    await Promise.all(contexts.map((c) => c.run.start({ tenant: c.tenant, displayName: 'Foobar owner', quotaMaxObjects: 100 })));
  });
  afterAll(async () => {
    for (const c of contexts) await c.run.stop();
    http.close();
  });

  test('1. deploy: users, key pairs and bucket exist as declared, and every generated key works for real S3 calls', () =>
    each(async (c) => {
      const result = await c.run.deploy('deploy');
      expectSuccess(result, 'cdktf deploy');
      expect(c.run.flat(result)).toMatch(/Apply complete! Resources: 5 added, 0 changed, 0 destroyed/);
      const owner = await rgw.getUser(c.owner);
      expect(owner).toMatchObject({ display_name: 'Foobar owner', email: `owner@${c.tenant}.example`, max_buckets: 10, suspended: 0 });
      expect(owner!.user_quota).toMatchObject({ enabled: true, max_objects: 100 });
      expect(await rgw.getUser(c.analyst)).toMatchObject({ display_name: 'Foobar analyst' });
      expect((await rgw.bucketStats(c.bucket))!.owner).toBe(c.owner);
      const keys = await stateKeys(c);
      expect(Object.keys(keys).sort()).toEqual([c.analyst, c.owner]);
      for (const uid of [c.owner, c.analyst]) {
        expect(keys[uid]).toHaveLength(1);
        expect(await serverKeyIds(uid)).toEqual([keys[uid][0].id]);
        expect(await listBucketsWith(RGW, keys[uid][0].id, keys[uid][0].secret)).toBe(200);
      }
      // the tags were written with the owner's key, and the bucket policy lets the analyst in
      const tagging = await s3Status(keys[c.owner][0], 'GET', `/${c.bucket}`, { tagging: '' });
      expect(tagging.status).toBe(200);
      expect(tagging.body).toMatch(/<Key>Application<\/Key>\s*<Value>HowToGet<\/Value>/);
      expect((await s3Status(keys[c.analyst][0], 'GET', `/${c.bucket}`)).status).toBe(200);
    }));

  test('2. re-plan: plan -detailed-exitcode exits 0 and the server sees no write', () =>
    each((c) => c.run.expectEmptyReplan()));

  test('3. a changed display name and quota: the plan names them, the apply updates in place (same user, same keys), riding out a short outage (503 to the first two writes)', () =>
    each(async (c) => {
      const before = await stateKeys(c);
      const seen = c.run.proxy.records.length;
      const result = await c.run.deploy('update in place (short outage)', { displayName: 'Foobar owner (renamed)', quotaMaxObjects: 200 }, { kind: 'short-outage', writes: 2 });
      expectSuccess(result, 'cdktf deploy');
      // the retries went through the 503s
      expect(c.run.proxy.records.slice(seen).filter((r) => r.status === 503)).toHaveLength(2);
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_rgw_user', 'Owner', 'will be updated in-place'));
      expect(log).toMatch(/~ display_name = "Foobar owner" -> "Foobar owner \(renamed\)"/);
      expect(log).toMatch(/~ max_objects += 100 -> 200/);
      expect(log).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
      const owner = await rgw.getUser(c.owner);
      expect(owner).toMatchObject({ display_name: 'Foobar owner (renamed)' });
      expect(owner!.user_quota.max_objects).toBe(200);
      expect(await stateKeys(c)).toEqual(before);
      expect(await serverKeyIds(c.owner)).toEqual([before[c.owner][0].id]);
    }));

  test('4. changes behind the engine: plan exits 2 naming the drifted attribute and the deleted user; deploy converges', () =>
    each(async (c) => {
      await radosgwAdmin('user', 'modify', `--uid=${c.owner}`, '--display-name=Changed by hand');
      await rgw.setUserQuota(c.owner, 'user', { enabled: true, max_size_kb: 10 * 1024 * 1024, max_objects: 999 });
      await rgw.removeUser(c.analyst, false);
      const plan = await c.run.plan('plan after out-of-band changes');
      expect(plan.code).toBe(2);
      const log = c.run.flat(plan);
      expect(log).toMatch(/~ display_name = "Changed by hand" -> "Foobar owner \(renamed\)"/);
      expect(log).toMatch(/~ max_objects += 999 -> 200/);
      expect(log).toMatch(planLine('s3admin_rgw_user', 'Analyst', 'will be created'));
      expect(log).toMatch(planLine('s3admin_rgw_access_key', 'AnalystKey', 'will be created'));
      expect(log).toMatch(/Plan: 2 to add, 1 to change, 0 to destroy/);

      expectSuccess(await c.run.deploy('deploy after out-of-band changes'), 'cdktf deploy');
      const owner = await rgw.getUser(c.owner);
      expect(owner).toMatchObject({ display_name: 'Foobar owner (renamed)' });
      expect(owner!.user_quota.max_objects).toBe(200);
      const keys = await stateKeys(c);
      expect(await serverKeyIds(c.analyst)).toEqual([keys[c.analyst][0].id]);
      expect(await listBucketsWith(RGW, keys[c.analyst][0].id, keys[c.analyst][0].secret)).toBe(200);
      expect((await c.run.plan('plan after convergence')).code).toBe(0);
    }));

  test('5. a user made outside Terraform is adopted: deploy imports it (not made anew), the next plan is empty', () =>
    each(async (c) => {
      await rgw.createUser(c.adopted, { displayName: 'Made by hand' });
      await rgw.createKey(c.adopted, `${c.tenant.toUpperCase().replace(/-/g, '')}HANDKEY`, 'hand-made-secret-0123456789abcdefghijklmn');
      const handKeys = await serverKeyIds(c.adopted);
      const result = await c.run.deploy('import an existing user', { adoptUid: c.adopted, adoptDisplayName: 'Adopted by the stack' });
      expectSuccess(result, 'cdktf deploy');
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_rgw_user', 'Adopted', 'will be updated in-place'));
      expect(log).toMatch(new RegExp(`# \\(imported from "${c.adopted}"\\)`));
      expect(log).toMatch(/~ display_name = "Made by hand" -> "Adopted by the stack"/);
      expect(log).toMatch(/Resources: 1 imported, 0 added, 1 changed, 0 destroyed/);
      // the same user, updated: the key made by hand is still there
      expect(await rgw.getUser(c.adopted)).toMatchObject({ display_name: 'Adopted by the stack' });
      expect(await serverKeyIds(c.adopted)).toEqual(handKeys);
      const plan = await c.run.plan('plan after the import');
      expect(plan.code).toBe(0);
    }));

  test('6. key rotation: the new key works, the old one is refused, and at no moment was there no working key', () =>
    each(async (c) => {
      const [old] = (await stateKeys(c))[c.owner];
      const known: ProbeKey[] = [{ label: 'old', accessKeyId: old.id, secretAccessKey: old.secret }];
      const probe = new KeyProbe(
        async () => [
          ...known,
          ...((await rgw.getUser(c.owner))?.keys ?? []).filter((k) => k.access_key !== old.id).map((k) => ({ label: 'new', accessKeyId: k.access_key, secretAccessKey: k.secret_key })),
        ],
        async (k) => (await listBucketsWith(RGW, k.accessKeyId, k.secretAccessKey)) === 200,
      );
      const result = await c.run.deployProbing('rotate the key (probing)', { keyRotation: 2 }, probe);
      const log = c.run.flat(result);
      expectCreateBeforeDestroy(log, 's3admin_rgw_access_key', 'OwnerKey');
      expect(log).toMatch(/Resources: 1 added, \d+ changed, 1 destroyed/);
      const [rotated] = (await stateKeys(c))[c.owner];
      expect(rotated.id).not.toBe(old.id);
      expect(await serverKeyIds(c.owner)).toEqual([rotated.id]);
      expect(await listBucketsWith(RGW, rotated.id, rotated.secret)).toBe(200);
      expect(await listBucketsWith(RGW, old.id, old.secret)).toBe(403);
    }));

  test('7a. fails with a clear error naming the operation during a long outage (every call 503); nothing changes', () =>
    each(async (c) => {
      await c.run.expectOutageFailure({ displayName: 'After the outage' }, `RGW get user ${c.tenant}-(owner|analyst|adopted)`);
      expect((await rgw.getUser(c.owner))!.display_name).toBe('Foobar owner (renamed)');
    }));

  test('7b. fails with a clear error when the server stops mid-apply; the next deploy converges with nothing lost and nothing made twice', () =>
    each(async (c) => {
      const usersBefore = await ourUsers(c);
      const fault = { kind: 'stop-after-first-write', loseAnswer: false, stopped: false } as const;
      const writes = c.run.writes().length;
      const seen = c.run.proxy.records.length;
      const failed = await c.run.deploy('deploy while the server stops (fails)', { keyRotation: 3, quotaMaxObjects: 400 }, { ...fault });
      expect(failed.code).not.toBe(0);
      // one write went through, then the server was gone
      expect(c.run.writes().length).toBe(writes + 1);
      expect(c.run.proxy.records.slice(seen).filter((r) => r.fault === 'reset').length).toBeGreaterThan(0);
      expect(c.run.flat(failed)).toMatch(/RGW [\w -]+ failed: ECONNRESET: .* The admin API could not be reached after retries: check the endpoint URL and that the server is up/);

      const healed = await c.run.deploy('deploy after the server is back');
      expectSuccess(healed, 'cdktf deploy');
      expect(await ourUsers(c)).toEqual(usersBefore);
      const keys = await stateKeys(c);
      expect(keys[c.owner]).toHaveLength(1);
      expect(keys[c.analyst]).toHaveLength(1);
      expect(await serverKeyIds(c.owner)).toEqual([keys[c.owner][0].id]);
      expect(await serverKeyIds(c.analyst)).toEqual([keys[c.analyst][0].id]);
      expect(await listBucketsWith(RGW, keys[c.owner][0].id, keys[c.owner][0].secret)).toBe(200);
      const owner = await rgw.getUser(c.owner);
      expect(owner).toMatchObject({ display_name: 'After the outage' });
      expect(owner!.user_quota.max_objects).toBe(400);
      expect(await rgw.listBuckets(c.owner)).toEqual([c.bucket]);
      expect((await c.run.plan('plan after the server is back')).code).toBe(0);
    }));

  /** Keys on the server that the state does not know, after 7c (by engine). */
  const strayKeys = new Map<string, number>();

  test('7c. fails with a clear error when the server makes the new key but stops before answering; the next deploy converges', () =>
    each(async (c) => {
      const before = (await serverKeyIds(c.owner))!;
      expect(before).toHaveLength(1);
      const failed = await c.run.deploy('deploy while the server stops after acting (fails)', { keyRotation: 4 }, { kind: 'stop-after-first-write', loseAnswer: true, stopped: false });
      expect(failed.code).not.toBe(0);
      expect(c.run.flat(failed)).toMatch(new RegExp(`RGW [\\w -]+ ${c.owner} failed: ECONNRESET: .* The admin API could not be reached after retries`));
      // RGW did make the key: its answer was lost
      expect(c.run.proxy.records.filter((r) => r.fault === 'lost-answer').map((r) => r.url)).toContainEqual(expect.stringMatching(/generate-key=true/));
      expect(await serverKeyIds(c.owner)).toHaveLength(2);

      expectSuccess(await c.run.deploy('deploy after the server is back'), 'cdktf deploy');
      const [key] = (await stateKeys(c))[c.owner];
      expect(before).not.toContain(key.id);
      expect(await serverKeyIds(c.owner)).toContain(key.id);
      expect(await listBucketsWith(RGW, key.id, key.secret)).toBe(200);
      const old = before[0];
      expect(await serverKeyIds(c.owner)).not.toContain(old);
      strayKeys.set(c.engine.name, (await serverKeyIds(c.owner))!.length - 1);
      console.log(`RGW on ${c.engine.name}: after the lost answer and the next deploy, ${c.owner} has ${strayKeys.get(c.engine.name)} key(s) the state does not know`);
      expect((await c.run.plan('plan after the server is back')).code).toBe(0);
    }));

  /*
   * Known gap (lib/admin-api/rgw-admin-client.ts generateKey, lib/provider/resources/rgw-access-key.ts
   * create): the key RGW made for the lost call is found only by retries within the same apply; once that
   * apply has failed, the next deploy generates another key and the first stays on the user, unknown to
   * the state (and counted against max_keys). This passes while the gap is there.
   */
  test.failing('fails to leave no stray key when the server stops after generating a key and before answering (known gap)', () => {
    // when 7c did not get as far as to count, this returns, and jest reports this test (it expects a failure)
    if (strayKeys.size < contexts.length) return;
    for (const c of contexts) expect(strayKeys.get(c.engine.name)).toBe(0);
  });

  test('8. no key secret in cdk.tf.json, in any output, or as a non-sensitive value of show -json; the admin secret nowhere', () =>
    each(async (c) => {
      // owner keys of three rotations, the analyst's two keys (one made again in phase 4)
      // only the names of the variables that hold the admin credentials are synthesized
      await c.run.expectSecretsHidden(5, process.env.RGW_ADMIN_SECRET_KEY!, /"secret_key_env": ?"RGW_ADMIN_SECRET_KEY"/);
    }));

  test('9. destroy leaves nothing of the stack on the server; a second destroy succeeds', () =>
    each(async (c) => {
      const result = await c.run.destroy('destroy');
      expectSuccess(result, 'cdktf destroy');
      expect(c.run.flat(result)).toMatch(/Destroy complete! Resources: 6 destroyed/);
      expect(await ourUsers(c)).toEqual([]);
      expect(await rgw.bucketStats(c.bucket)).toBeUndefined();
      const again = await c.run.destroy('destroy again');
      expectSuccess(again, 'second cdktf destroy');
      expect(c.run.flat(again)).toMatch(/Resources: 0 destroyed/);
      expect(await c.run.leaks(c.run.secrets)).toEqual([]);
    }));
});
