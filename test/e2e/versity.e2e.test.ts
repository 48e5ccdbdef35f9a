import { randomBytes } from 'node:crypto';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { VersityAdminClient } from '../../lib/admin-api/versity-admin-client';
import { listBucketsWith, NO_RETRY } from '../support/admin-clients';
import { engineVersions, ENGINES } from './cdktf-project';
import { e2eStackApp, E2eRun, expectSuccess, onEachEngine, planLine } from './e2e-run';
import { KeyProbe } from './key-probe';

/** VersityGW's admin API is all PATCH: its list calls are the reads. */
const isWrite = (method: string, url: string) => method !== 'GET' && !/^\/list-(users|buckets)/.test(url);

/**
 * stacks/versity-example.ts (with an adopted user, test/e2e/stacks) deployed with `cdktf deploy` on
 * OpenTofu and on Terraform, at once, against the real versitygw, each through its own proxy that counts
 * the admin calls and plays faults. No CLI configuration.
 */
describe('e2e: VersityGW example stack with cdktf, on OpenTofu and Terraform', () => {
  const root = { accessKeyId: process.env.VERSITY_ADMIN_ACCESS_KEY!, secretAccessKey: process.env.VERSITY_ADMIN_SECRET_KEY! };
  const s3Url = process.env.VERSITY_S3_ENDPOINT!;
  const http = new SignedHttpClient({ endpoint: process.env.VERSITY_ADMIN_ENDPOINT!, credentials: root, retry: NO_RETRY });
  const admin = new VersityAdminClient(http);
  const contexts = ENGINES.map((engine) => {
    const tenant = `e2e-vgw-${engine.tag}`;
    const run = new E2eRun({ engine, system: 'VersityGW', target: process.env.VERSITY_ADMIN_ENDPOINT!, stackName: `vgw-${engine.tag}`, app: e2eStackApp('VersityE2eStack'), isWrite });
    return { engine, run, tenant, alice: `${tenant}-alice`, adopted: `${tenant}-adopted`, bucket: `${tenant}-shared` };
  });
  type Context = (typeof contexts)[number];
  const each = (work: (c: Context) => Promise<void>) => onEachEngine(contexts, work);

  const account = async (access: string) => (await admin.listUsers()).find((u) => u.access === access);
  const bucketOwner = async (name: string) => (await admin.listBuckets()).find((b) => b.name === name)?.owner;
  /** The users in the state: access key id and secret, by resource name (Alice, Bob, Adopted). */
  const stateUsers = async (c: Context): Promise<Record<string, { access: string; secret: string }>> =>
    Object.fromEntries(
      c.run.resources('s3admin_versity_user').map((r) => [r.name.replace(/_[0-9A-F]+$/, ''), { access: r.values.access_key_id, secret: r.values.secret_access_key }]),
    );
  const works = async (user: { access: string; secret: string }) => (await listBucketsWith(s3Url, user.access, user.secret)) === 200;

  beforeAll(async () => {
    console.log(`e2e VersityGW on ${JSON.stringify(await engineVersions())}`);
    const s3 = new SignedHttpClient({ endpoint: s3Url, credentials: root, retry: NO_RETRY });
    for (const c of contexts) {
      // a gateway kept from an earlier run (S3ADMIN_KEEP_SERVERS) may hold what a failed run left
      for (const access of [c.alice, c.adopted]) if (await account(access)) await admin.deleteUser(access);
      const owner = await bucketOwner(c.bucket);
      if (owner === undefined) await s3.send({ operation: 'create bucket', method: 'PUT', path: `/${c.bucket}` });
      else if (owner !== root.accessKeyId) await admin.changeBucketOwner(c.bucket, root.accessKeyId);
    }
    s3.close();
    await Promise.all(contexts.map((c) => c.run.start({ tenant: c.tenant, sharedBucket: c.bucket })));
  });
  afterAll(async () => {
    for (const c of contexts) await c.run.stop();
    http.close();
  });

  test('1. deploy: users with their roles and ids, the bucket given to alice, and every generated key works for real S3 calls', () =>
    each(async (c) => {
      const result = await c.run.deploy('deploy');
      expectSuccess(result, 'cdktf deploy');
      expect(c.run.flat(result)).toMatch(/Apply complete! Resources: 3 added, 0 changed, 0 destroyed/);
      const users = await stateUsers(c);
      expect(users.Alice.access).toBe(c.alice);
      expect(users.Bob.access).toMatch(/^[A-Z0-9]{20}$/);
      expect(await account(c.alice)).toEqual({ access: c.alice, secret: users.Alice.secret, role: 'user', userId: 1001, groupId: 1001 });
      expect(await account(users.Bob.access)).toMatchObject({ secret: users.Bob.secret, role: 'userplus' });
      expect(await bucketOwner(c.bucket)).toBe(c.alice);
      expect(await works(users.Alice)).toBe(true);
      expect(await works(users.Bob)).toBe(true);
    }));

  test('2. re-plan: plan -detailed-exitcode exits 0 and the gateway sees no write', () =>
    each((c) => c.run.expectEmptyReplan()));

  test('3. a changed role: the plan names it, the apply updates in place, alice keeps her access key and secret, riding out a short outage (503 to the first two writes)', () =>
    each(async (c) => {
      const before = await stateUsers(c);
      const seen = c.run.proxy.records.length;
      // a role change is a delete-user and a create-user with the same keys: the first two attempts get a 503
      const result = await c.run.deploy('update in place (role; short outage)', { aliceRole: 'userplus' }, { kind: 'short-outage', writes: 2 });
      expectSuccess(result, 'cdktf deploy');
      const refused = c.run.proxy.records.slice(seen).filter((r) => r.status === 503);
      expect(refused).toHaveLength(2);
      for (const r of refused) expect(r.url).toMatch(/^\/(delete|create)-user/);
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_versity_user', 'Alice', 'will be updated in-place'));
      expect(log).toMatch(/~ role += "user" -> "userplus"/);
      expect(log).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
      expect(await stateUsers(c)).toEqual(before);
      expect(await account(c.alice)).toEqual({ access: c.alice, secret: before.Alice.secret, role: 'userplus', userId: 1001, groupId: 1001 });
      expect(await works(before.Alice)).toBe(true);
    }));

  test('4. changes behind the engine: plan exits 2 naming the drifted attributes and the deleted user; deploy converges', () =>
    each(async (c) => {
      const before = await stateUsers(c);
      await admin.updateUser(c.alice, { userId: 4242 });
      await admin.changeBucketOwner(c.bucket, root.accessKeyId);
      await admin.deleteUser(before.Bob.access);
      const plan = await c.run.plan('plan after out-of-band changes');
      expect(plan.code).toBe(2);
      const log = c.run.flat(plan);
      expect(log).toMatch(/~ user_id += 4242 -> 1001/);
      expect(log).toMatch(new RegExp(`~ owner += "${root.accessKeyId}" -> "${c.alice}"`));
      expect(log).toMatch(planLine('s3admin_versity_user', 'Bob', 'will be created'));
      expect(log).toMatch(/Plan: 1 to add, 2 to change, 0 to destroy/);

      expectSuccess(await c.run.deploy('deploy after out-of-band changes'), 'cdktf deploy');
      const after = await stateUsers(c);
      expect(await account(c.alice)).toMatchObject({ userId: 1001, secret: before.Alice.secret });
      expect(await bucketOwner(c.bucket)).toBe(c.alice);
      expect(after.Bob.access).not.toBe(before.Bob.access);
      expect(await works(after.Bob)).toBe(true);
      expect((await c.run.plan('plan after convergence')).code).toBe(0);
    }));

  test('5. a user made outside Terraform is adopted: deploy imports it with its secret, the next plan is empty', () =>
    each(async (c) => {
      const handMade = { access: c.adopted, secret: randomBytes(30).toString('base64').replace(/[+/]/g, 'x') };
      await admin.createUser({ access: handMade.access, secret: handMade.secret, role: 'user', userId: 0, groupId: 0 });
      const result = await c.run.deploy('import an existing user', { adoptAccessKeyId: c.adopted });
      expectSuccess(result, 'cdktf deploy');
      const log = c.run.flat(result);
      // the import is followed by an update in place: the declared rotation (1) is set where the server has none
      expect(log).toMatch(planLine('s3admin_versity_user', 'Adopted', 'will be updated in-place'));
      expect(log).toMatch(new RegExp(`# \\(imported from "${c.adopted}"\\)`));
      expect(log).toMatch(/\+ rotation += 1/);
      expect(log).toMatch(/Resources: 1 imported, 0 added, 1 changed, 0 destroyed/);
      // adopted, not made anew: its clients keep working with the secret they have
      expect(await account(c.adopted)).toMatchObject({ secret: handMade.secret, role: 'user' });
      expect(await works(handMade)).toBe(true);
      expect((await c.run.plan('plan after the import')).code).toBe(0);
    }));

  test('6. secret rotation: the new secret works, the old one is refused, and at no moment had alice no working secret', () =>
    each(async (c) => {
      const old = (await stateUsers(c)).Alice;
      const labels = new Map([[old.secret, 'old']]);
      const probe = new KeyProbe(
        async () => {
          const now = await account(c.alice);
          const held = now ? [now.secret] : [];
          for (const s of held) if (!labels.has(s)) labels.set(s, 'new');
          return [old.secret, ...held].map((s) => ({ label: labels.get(s)!, accessKeyId: c.alice, secretAccessKey: s }));
        },
        async (k) => (await listBucketsWith(s3Url, k.accessKeyId, k.secretAccessKey)) === 200,
      );
      const result = await c.run.deployProbing('rotate the secret (probing)', { aliceKeyRotation: 2 }, probe);
      const log = c.run.flat(result);
      // VersityGW keeps one secret per user: a rotation sets the new one in place (update-user)
      expect(log).toMatch(planLine('s3admin_versity_user', 'Alice', 'will be updated in-place'));
      expect(log).toMatch(/~ rotation += 1 -> 2/);
      expect(log).not.toMatch(/forces replacement/);
      expect(log).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
      const rotated = (await stateUsers(c)).Alice;
      expect(rotated.access).toBe(c.alice);
      expect(rotated.secret).not.toBe(old.secret);
      expect(await account(c.alice)).toMatchObject({ secret: rotated.secret, role: 'userplus', userId: 1001 });
      expect(await works(rotated)).toBe(true);
      expect(await listBucketsWith(s3Url, old.access, old.secret)).toBe(403);
    }));

  test('7a. fails with a clear error naming the operation during a long outage (every call 503); nothing changes', () =>
    each(async (c) => {
      await c.run.expectOutageFailure({ aliceRole: 'user' }, 'VersityGW list (users|buckets)');
      expect(await account(c.alice)).toMatchObject({ role: 'userplus' });
    }));

  /** Did alice keep her secret through the stop of 7b? (By engine.) */
  const keptSecret = new Map<string, boolean>();

  test('7b. fails with a clear error when the gateway stops mid-apply; the next deploy converges with nothing made twice', () =>
    each(async (c) => {
      const before = await stateUsers(c);
      const writes = c.run.writes().length;
      // the pending role change is a delete-user then a create-user with the same keys: the stop falls between them
      const failed = await c.run.deploy('deploy while the gateway stops (fails)', {}, { kind: 'stop-after-first-write', loseAnswer: false, stopped: false });
      expect(failed.code).not.toBe(0);
      expect(c.run.writes().length).toBe(writes + 1);
      expect(c.run.flat(failed)).toMatch(/VersityGW [\w -]+ failed: ECONNRESET: .* The admin API could not be reached after retries/);

      expectSuccess(await c.run.deploy('deploy after the gateway is back'), 'cdktf deploy');
      const after = await stateUsers(c);
      expect(Object.keys(after).sort()).toEqual(['Adopted', 'Alice', 'Bob']);
      const ours = (await admin.listUsers()).filter((u) => Object.values(after).some((s) => s.access === u.access));
      expect(ours).toHaveLength(3);
      expect(await account(c.alice)).toMatchObject({ role: 'user', userId: 1001, groupId: 1001 });
      expect(await bucketOwner(c.bucket)).toBe(c.alice);
      for (const user of Object.values(after)) expect(await works(user)).toBe(true);
      // bob and the adopted user are untouched
      expect(after.Bob).toEqual(before.Bob);
      expect(after.Adopted).toEqual(before.Adopted);
      keptSecret.set(c.engine.name, after.Alice.secret === before.Alice.secret);
      expect((await c.run.plan('plan after the gateway is back')).code).toBe(0);
    }));

  // a role change cut off between its delete and its create keeps alice's secret (the HalfDone note of the failed apply)
  test('alice keeps her secret through the stop between the delete-user and create-user of a role change', () => {
    expect(keptSecret.size).toBe(contexts.length);
    for (const c of contexts) expect(keptSecret.get(c.engine.name)).toBe(true);
  });

  test('8. no secret in cdk.tf.json, in any output, or as a non-sensitive value of show -json; the admin secret nowhere', () =>
    each(async (c) => {
      // alice's two secrets, both bobs', the adopted user's
      await c.run.expectSecretsHidden(5, root.secretAccessKey, /"secret_key_env": ?"VERSITY_ADMIN_SECRET_KEY"/);
    }));

  test('9. destroy leaves no user of the stack and gives the bucket back; a second destroy succeeds', () =>
    each(async (c) => {
      const users = Object.values(await stateUsers(c)).map((u) => u.access);
      const result = await c.run.destroy('destroy');
      expectSuccess(result, 'cdktf destroy');
      expect(c.run.flat(result)).toMatch(/Destroy complete! Resources: 4 destroyed/);
      expect((await admin.listUsers()).filter((u) => users.includes(u.access) || u.access.startsWith(c.tenant))).toEqual([]);
      expect(await bucketOwner(c.bucket)).toBe(root.accessKeyId);
      const again = await c.run.destroy('destroy again');
      expectSuccess(again, 'second cdktf destroy');
      expect(c.run.flat(again)).toMatch(/Resources: 0 destroyed/);
      expect(await c.run.leaks(c.run.secrets)).toEqual([]);
    }));
});
