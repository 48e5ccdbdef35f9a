import { randomBytes } from 'node:crypto';
import { AdminApiError } from '../../lib/admin-api/admin-api-error';
import { OstorAdminClient } from '../../lib/admin-api/ostor-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { NO_RETRY } from '../support/admin-clients';
import { OstorSimulator } from '../support/ostor-simulator';
import { Engine, engineVersions, ENGINES } from './cdktf-project';
import { e2eStackApp, E2eRun, expectCreateBeforeDestroy, expectSuccess, onEachEngine, planLine } from './e2e-run';
import { KeyProbe } from './key-probe';

const ADMIN_KEY = 'OSTORE2EADMIN0000001';
const ADMIN_SECRET = randomBytes(30).toString('base64');
const CLIENT = 'client@example.com';

interface Key {
  readonly id: string;
  readonly secret: string;
}

/**
 * Does the simulator take the key? A user's key authenticates, then the admin call is refused as not the
 * administrator's (AccessDenied); an unknown, revoked or disabled user's key is refused before
 * (InvalidAccessKeyId). This is as far as the simulator goes with user keys.
 */
async function ostorAuthenticates(url: string, key: Key): Promise<boolean> {
  const http = new SignedHttpClient({ endpoint: url, signing: 'v2', credentials: { accessKeyId: key.id, secretAccessKey: key.secret }, retry: NO_RETRY });
  try {
    await http.send({ operation: 'ostor list users with a user key', method: 'GET', path: '/', query: { 'ostor-users': '' } });
    throw new Error('a user key was let in as the administrator');
  } catch (e) {
    if (e instanceof AdminApiError) return e.code === 'AccessDenied' && /only the system administrator/.test(e.apiMessage);
    throw e;
  } finally {
    http.close();
  }
}

/**
 * stacks/ostor-example.ts (with an adopted user, test/e2e/stacks) deployed with `cdktf deploy` on OpenTofu
 * and on Terraform, at once, each against its own strict ostor simulator (started here, reached by the
 * provider process through a counting proxy). No CLI configuration.
 */
describe('e2e: ostor example stack with cdktf, on OpenTofu and Terraform', () => {
  interface Context {
    readonly engine: Engine;
    readonly simulator: OstorSimulator;
    /** The simulator's own URL (the stack reaches it through the run's proxy). */
    readonly url: string;
    readonly http: SignedHttpClient;
    readonly admin: OstorAdminClient;
    readonly run: E2eRun;
    readonly adopted: string;
  }
  /** One simulator per engine, started in beforeAll. */
  const contexts: Context[] = [];
  const each = (work: (c: Context) => Promise<void>) => onEachEngine(contexts, work);

  const stateKey = async (c: Context): Promise<Key & { email: string }> => {
    const [key] = c.run.resources('s3admin_ostor_access_key');
    return { id: key.values.access_key_id, secret: key.values.secret_access_key, email: key.values.email };
  };
  const stateUserId = async (c: Context) => c.run.resources('s3admin_ostor_user').find((r) => r.values.email === CLIENT)!.values.user_id as string;
  const serverKeyIds = async (c: Context, email = CLIENT) => ((await c.admin.getUser(email))?.AWSAccessKeys ?? []).map((k) => k.AWSAccessKeyId).sort();

  beforeAll(async () => {
    console.log(`e2e ostor on ${JSON.stringify(await engineVersions())}`);
    for (const engine of ENGINES) {
      const simulator = new OstorSimulator(ADMIN_KEY, ADMIN_SECRET);
      const url = await simulator.start();
      const http = new SignedHttpClient({ endpoint: url, signing: 'v2', credentials: { accessKeyId: ADMIN_KEY, secretAccessKey: ADMIN_SECRET }, retry: NO_RETRY });
      const run = new E2eRun({
        engine,
        system: 'ostor',
        target: url,
        stackName: `ostor-${engine.tag}`,
        app: e2eStackApp('OstorE2eStack'),
        env: { ...process.env, OSTOR_ADMIN_ACCESS_KEY: ADMIN_KEY, OSTOR_ADMIN_SECRET_KEY: ADMIN_SECRET },
      });
      await run.start({});
      contexts.push({ engine, simulator, url, http, admin: new OstorAdminClient(http), run, adopted: `adopted@e2e-${engine.tag}.example` });
    }
  });
  afterAll(async () => {
    for (const c of contexts) {
      await c.run.stop();
      c.http.close();
      await c.simulator.stop();
    }
  });

  test('1. deploy: the user and its key pair exist as declared, and the generated key authenticates', () =>
    each(async (c) => {
      const result = await c.run.deploy('deploy');
      expectSuccess(result, 'cdktf deploy');
      expect(c.run.flat(result)).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);
      const user = await c.admin.getUser(CLIENT);
      expect(user).toMatchObject({ UserEmail: CLIENT, State: 'enabled', UserId: await stateUserId(c) });
      // the pair ostor hands every new user is revoked: only the declared key is left
      const key = await stateKey(c);
      expect(await serverKeyIds(c)).toEqual([key.id]);
      expect(await ostorAuthenticates(c.url, key)).toBe(true);
      expect(await ostorAuthenticates(c.url, { id: key.id, secret: 'not-the-secret' })).toBe(false);
    }));

  test('2. re-plan: plan -detailed-exitcode exits 0 and the server sees no write', () =>
    each((c) => c.run.expectEmptyReplan()));

  test('3. disabling the user: the plan names enabled, the apply updates in place (same user id, same key), riding out a short outage (503 to the first two writes); the key stops working', () =>
    each(async (c) => {
      const [userId, key] = [await stateUserId(c), await stateKey(c)];
      const seen = c.run.proxy.records.length;
      const result = await c.run.deploy('update in place (disable; short outage)', { enabled: false }, { kind: 'short-outage', writes: 2 });
      expectSuccess(result, 'cdktf deploy');
      const refused = c.run.proxy.records.slice(seen).filter((r) => r.status === 503);
      expect(refused).toHaveLength(2);
      for (const r of refused) expect(r.url).toMatch(/[?&]disable(=|&|$)/);
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_ostor_user', 'Client', 'will be updated in-place'));
      expect(log).toMatch(/~ enabled += true -> false/);
      expect(log).toMatch(/Resources: 0 added, 1 changed, 0 destroyed/);
      expect(await c.admin.getUser(CLIENT)).toMatchObject({ State: 'disabled', UserId: userId });
      expect(await stateUserId(c)).toBe(userId);
      expect(await stateKey(c)).toEqual(key);
      expect(await serverKeyIds(c)).toEqual([key.id]);
      expect(await ostorAuthenticates(c.url, key)).toBe(false);
    }));

  test('4. changes behind the engine: plan exits 2 naming enabled and the revoked key; deploy converges', () =>
    each(async (c) => {
      const old = await stateKey(c);
      await c.admin.setEnabled(CLIENT, true);
      await c.admin.revokeKey(CLIENT, old.id);
      const plan = await c.run.plan('plan after out-of-band changes');
      expect(plan.code).toBe(2);
      const log = c.run.flat(plan);
      expect(log).toMatch(/~ enabled += true -> false/);
      expect(log).toMatch(planLine('s3admin_ostor_access_key', 'ClientKey', 'will be created'));
      expect(log).toMatch(/Plan: 1 to add, 1 to change, 0 to destroy/);

      expectSuccess(await c.run.deploy('deploy after out-of-band changes'), 'cdktf deploy');
      const key = await stateKey(c);
      expect(key.id).not.toBe(old.id);
      expect(await serverKeyIds(c)).toEqual([key.id]);
      expect(await c.admin.getUser(CLIENT)).toMatchObject({ State: 'disabled' });
      expect((await c.run.plan('plan after convergence')).code).toBe(0);
    }));

  test('5. a user made outside Terraform is adopted: deploy imports it (not made anew), the next plan is empty', () =>
    each(async (c) => {
      const made = await c.admin.createUser(c.adopted);
      // the client is enabled again in the same deploy, for the rotation that follows
      const result = await c.run.deploy('import an existing user (and enable the client)', { adoptEmail: c.adopted, enabled: true });
      expectSuccess(result, 'cdktf deploy');
      const log = c.run.flat(result);
      expect(log).toMatch(planLine('s3admin_ostor_user', 'Adopted', 'will be imported'));
      expect(log).toMatch(/Resources: 1 imported, 0 added, 1 changed, 0 destroyed/);
      expect(await c.admin.getUser(c.adopted)).toMatchObject({ UserId: made.UserId, State: 'enabled' });
      expect(await serverKeyIds(c, c.adopted)).toEqual(made.AWSAccessKeys!.map((k) => k.AWSAccessKeyId));
      expect(await ostorAuthenticates(c.url, await stateKey(c))).toBe(true);
      expect((await c.run.plan('plan after the import')).code).toBe(0);
    }));

  test('6. key rotation: the new key authenticates, the old one is refused, and at no moment was there no working key', () =>
    each(async (c) => {
      const old = await stateKey(c);
      const probe = new KeyProbe(
        async () => [
          { label: 'old', accessKeyId: old.id, secretAccessKey: old.secret },
          ...((await c.admin.getUser(CLIENT))?.AWSAccessKeys ?? [])
            .filter((k) => k.AWSAccessKeyId !== old.id)
            .map((k) => ({ label: 'new', accessKeyId: k.AWSAccessKeyId, secretAccessKey: k.AWSSecretAccessKey })),
        ],
        (k) => ostorAuthenticates(c.url, { id: k.accessKeyId, secret: k.secretAccessKey }),
      );
      const result = await c.run.deployProbing('rotate the key (probing)', { keyRotation: 2 }, probe);
      const log = c.run.flat(result);
      expectCreateBeforeDestroy(log, 's3admin_ostor_access_key', 'ClientKey');
      expect(log).toMatch(/Resources: 1 added, 0 changed, 1 destroyed/);
      const rotated = await stateKey(c);
      expect(rotated.id).not.toBe(old.id);
      expect(await serverKeyIds(c)).toEqual([rotated.id]);
      expect(await ostorAuthenticates(c.url, rotated)).toBe(true);
      expect(await ostorAuthenticates(c.url, old)).toBe(false);
    }));

  test('7a. fails with a clear error naming the operation during a long outage (every call 503); nothing changes', () =>
    each(async (c) => {
      const keys = await serverKeyIds(c);
      await c.run.expectOutageFailure({ keyRotation: 3 }, 'ostor query user (client@example\\.com|adopted@e2e-\\w+\\.example)');
      expect(await serverKeyIds(c)).toEqual(keys);
    }));

  test('7b. fails with a clear error when the server stops mid-apply; the next deploy converges with nothing lost and nothing made twice', () =>
    each(async (c) => {
      const adoptedKeys = await serverKeyIds(c, c.adopted);
      const old = await stateKey(c);
      const writes = c.run.writes().length;
      // the pending rotation is a genKey then a revoke of the old key: the server stops after the genKey
      const failed = await c.run.deploy('deploy while the server stops (fails)', {}, { kind: 'stop-after-first-write', loseAnswer: false, stopped: false });
      expect(failed.code).not.toBe(0);
      expect(c.run.writes().length).toBe(writes + 1);
      expect((await serverKeyIds(c)).length).toBe(2);
      expect(c.run.flat(failed)).toMatch(/ostor [\w@. -]+ failed: ECONNRESET: .* The admin API could not be reached after retries/);

      expectSuccess(await c.run.deploy('deploy after the server is back'), 'cdktf deploy');
      expect((await c.admin.listUsers()).map((u) => u.UserEmail).sort()).toEqual([c.adopted, CLIENT].sort());
      const key = await stateKey(c);
      expect(await serverKeyIds(c)).toEqual([key.id]);
      expect(key.id).not.toBe(old.id);
      expect(await serverKeyIds(c, c.adopted)).toEqual(adoptedKeys);
      expect(await c.admin.getUser(CLIENT)).toMatchObject({ State: 'enabled' });
      expect(await ostorAuthenticates(c.url, key)).toBe(true);
      expect(await ostorAuthenticates(c.url, old)).toBe(false);
      expect((await c.run.plan('plan after the server is back')).code).toBe(0);
    }));

  test('8. no key secret in cdk.tf.json, in any output, or as a non-sensitive value of show -json; the admin secret nowhere', () =>
    each(async (c) => {
      // the first key, the one made after the out-of-band revoke, and two rotations
      await c.run.expectSecretsHidden(4, ADMIN_SECRET, /"secret_key_env": ?"OSTOR_ADMIN_SECRET_KEY"/);
    }));

  test('9. destroy leaves nothing on the server; a second destroy succeeds', () =>
    each(async (c) => {
      const result = await c.run.destroy('destroy');
      expectSuccess(result, 'cdktf destroy');
      expect(c.run.flat(result)).toMatch(/Destroy complete! Resources: 3 destroyed/);
      expect(await c.admin.listUsers()).toEqual([]);
      const again = await c.run.destroy('destroy again');
      expectSuccess(again, 'second cdktf destroy');
      expect(c.run.flat(again)).toMatch(/Resources: 0 destroyed/);
      expect(await c.run.leaks(c.run.secrets)).toEqual([]);
    }));
});
