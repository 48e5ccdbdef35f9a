import { App, TerraformStack } from 'cdktf';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OstorAdminClient } from '../lib/admin-api/ostor-admin-client';
import { RgwAdminClient, RgwKey } from '../lib/admin-api/rgw-admin-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { StorjAdminClient } from '../lib/admin-api/storj-admin-client';
import { VersityAdminClient } from '../lib/admin-api/versity-admin-client';
import { runCli } from '../lib/day2/cli';
import { EXIT } from '../lib/day2/exit-codes';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { storjProject, storjUser } from '../lib/provider/resources/storj';
import { NO_RETRY } from './support/admin-clients';
import { OstorSimulator } from './support/ostor-simulator';
import { connect, ResourceDriver } from './support/provider/resource-driver';
import { repoRoot } from './support/repo-root';
import { synthToDir } from './support/stack-dir';
import { TfJson } from './support/synth';
import { typeCheck } from './support/type-check';

/**
 * `s3-admin adopt --target` against the real RGW and VersityGW of the test run and the ostor simulator. The
 * servers are shared with other test files, so the checks look only at the objects seeded here (names start
 * with a prefix of this run); the written stack holds the others too, and must type-check and synthesize all
 * the same.
 */
const prefix = `adopt-${randomBytes(3).toString('hex')}`;
const workDir = path.join(repoRoot(), '.cache', 'test-adopt-target');

async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function client(endpoint: string, accessKeyId: string, secretAccessKey: string, signing: 'v2' | 'v4' = 'v4'): SignedHttpClient {
  return new SignedHttpClient({ endpoint, credentials: { accessKeyId, secretAccessKey }, signing, retry: NO_RETRY });
}

/** A synthesized stack with its provider configurations. */
type Synthesized = TfJson & { provider?: Record<string, Array<Record<string, unknown>>> };

/** Loads the written file as a user's app would (jest maps `cdktf-s3-admin` to lib/index.ts) and synthesizes it. */
function synthesize(file: string, className: string, name: string): Synthesized {
  const StackClass = (require(file) as Record<string, new (scope: App, id: string) => TerraformStack>)[className];
  return synthToDir(name, (app) => new StackClass(app, name)).json;
}

/** The resources of a type, by their logical id. */
const resources = (json: TfJson, type: string) => Object.entries(json.resource?.[type] ?? {});

/** The logical ids of the resources of `type` whose `field` is one of `values`, and the import ids addressed to each. */
function seeded(json: TfJson, type: string, field: string, values: string[]) {
  const found = resources(json, type).filter(([, config]) => values.includes(config[field]));
  return found.map(([id, config]) => ({ config, imports: (json.import ?? []).filter((i) => i.to === `${type}.${id}`).map((i) => i.id), ref: `${type}.${id}` }));
}

/** Every import block addressed to one of the given resources (`type.logicalId`). */
const importsTo = (json: TfJson, refs: string[]) => (json.import ?? []).filter((i) => refs.includes(i.to));

function expectNoSecret(texts: string[], secrets: string[]): void {
  for (const secret of secrets) for (const text of texts) expect(text.includes(secret)).toBe(false);
}

beforeAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
});

describe('adopt --target rgw (the real RGW)', () => {
  const endpoint = process.env.RGW_ENDPOINT!;
  const adminSecret = process.env.RGW_ADMIN_SECRET_KEY!;
  const admin = client(endpoint, process.env.RGW_ADMIN_ACCESS_KEY!, adminSecret);
  const rgw = new RgwAdminClient(admin);
  const alice = `${prefix}-alice`;
  const bob = `${prefix}-bob`;
  const photos = `${prefix}-photos`;
  const bobData = `${prefix}-bob-data`;
  const adminBucket = `${prefix}-admin-bucket`;
  const file = path.join(workDir, 'adopted-rgw.ts');
  const secrets: string[] = [adminSecret];
  let aliceKeys: RgwKey[];
  let subuserKeyId: string;
  let result: { code: number; out: string; err: string };
  let json: Synthesized;

  /** A bucket made with S3 as the given key, the way a client makes one. */
  async function makeBucket(name: string, key: { access_key: string; secret_key: string }): Promise<void> {
    const s3 = client(endpoint, key.access_key, key.secret_key);
    await s3.send({ operation: `create bucket ${name}`, method: 'PUT', path: `/${name}` });
    s3.close();
  }

  beforeAll(async () => {
    await rgw.createUser(alice, { displayName: 'Alice Adopted', email: `${alice}@example.com`, maxBuckets: 12 });
    await rgw.setUserQuota(alice, 'user', { enabled: true, max_size_kb: 2048, max_objects: 500 });
    await rgw.setUserQuota(alice, 'bucket', { enabled: true, max_size_kb: -1, max_objects: 50 });
    await rgw.addCaps(alice, 'usage=read;buckets=read');
    aliceKeys = [await rgw.generateKey(alice), await rgw.generateKey(alice)];
    await rgw.createSubuser(alice, `${alice}:app`, 'readwrite');
    const subuserKey = (await rgw.getUser(alice))!.keys.find((k) => k.user === `${alice}:app`)!;
    subuserKeyId = subuserKey.access_key;
    await makeBucket(photos, aliceKeys[0]);
    await rgw.setBucketQuota(alice, photos, { enabled: true, max_size_kb: 4096, max_objects: 1000 });
    // bob owns a bucket but keeps no key, and is suspended
    await rgw.createUser(bob, { displayName: 'Bob Adopted' });
    const bobKey = await rgw.generateKey(bob);
    await makeBucket(bobData, bobKey);
    await rgw.removeKey(bob, bobKey.access_key);
    await rgw.modifyUser(bob, { suspended: true });
    await makeBucket(adminBucket, { access_key: process.env.RGW_ADMIN_ACCESS_KEY!, secret_key: adminSecret });
    secrets.push(...aliceKeys.map((k) => k.secret_key), subuserKey.secret_key, bobKey.secret_key);

    result = await cli(['adopt', '--target', 'rgw', endpoint, '--out', file]);
    json = synthesize(file, 'AdoptedRgwStack', 'adopted-rgw');
  }, 120_000);

  afterAll(async () => {
    await rgw.removeBucket(adminBucket, true);
    await rgw.removeUser(alice, true);
    await rgw.removeUser(bob, true);
    admin.close();
  });

  test('writes the stack, reports what it wrote and what it skipped on stdout, progress on stderr', () => {
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toMatch(/^wrote .*adopted-rgw\.ts: \d+ user\(s\), \d+ key\(s\), \d+ subuser\(s\), \d+ bucket\(s\), \d+ importExisting call\(s\); \d+ API calls$/m);
    expect(result.out).toContain(`  user ${process.env.RGW_ADMIN_UID}: the admin account this scan runs as`);
    expect(result.out).toContain(`  bucket ${adminBucket}: owned by the admin account ${process.env.RGW_ADMIN_UID}`);
    expect(result.out).toMatch(/^next: add `new AdoptedRgwStack\(app, '<stack name>'\)` .* with RGW_ADMIN_ACCESS_KEY and RGW_ADMIN_SECRET_KEY \(or RGW_ADMIN_CREDENTIALS_FILE\) set$/m);
    expect(result.err).toMatch(new RegExp(`^\\[s3-admin\\] scanning Ceph RGW at ${endpoint}$`, 'm'));
    expect(result.err).toMatch(/^\[s3-admin\] scanned (\d+)\/\1 users$/m);
  });

  test('the stack declares the endpoint and imports the constructs from cdktf-s3-admin', () => {
    const source = fs.readFileSync(file, 'utf8');
    expect(source).toContain(`const endpoint = new RgwEndpoint({ url: '${endpoint}' });`);
    expect(source).toContain("import { RgwAccessKey, RgwBucket, RgwEndpoint, RgwSubuser, RgwUser } from 'cdktf-s3-admin';");
    expect(source).toContain(`// ${bob} owns buckets but has no S3 key of its own, and RgwBucket needs one: the first deploy makes this key`);
    expect(source).toContain("// buckets: tags and policy are not read: RGW shows them only to the owner's key");
    expect(json.provider).toMatchObject({ s3admin: [expect.objectContaining({ endpoint, access_key_env: 'RGW_ADMIN_ACCESS_KEY', secret_key_env: 'RGW_ADMIN_SECRET_KEY' })] });
  });

  test('the stack type-checks against the library', () => {
    expect(typeCheck(file)).toEqual([]);
  }, 120_000);

  test('one user per seeded user, with the values read, each imported once by its uid', () => {
    const users = seeded(json, 's3admin_rgw_user', 'uid', [alice, bob]);
    expect(users.map((u) => u.config.uid).sort()).toEqual([alice, bob]);
    const [a, b] = [alice, bob].map((uid) => users.find((u) => u.config.uid === uid)!);
    expect(a.config).toMatchObject({
      display_name: 'Alice Adopted',
      email: `${alice}@example.com`,
      max_buckets: 12,
      suspended: false,
      user_quota: { max_size_bytes: 2048 * 1024, max_objects: 500 },
      bucket_quota: { max_objects: 50 },
      caps: 'buckets=read;usage=read',
    });
    expect(a.config.bucket_quota.max_size_bytes).toBeUndefined();
    expect(b.config).toMatchObject({ display_name: 'Bob Adopted', suspended: true });
    expect(b.config.user_quota).toBeUndefined();
    expect(a.imports).toEqual([alice]);
    expect(b.imports).toEqual([bob]);
  });

  test("the user's own keys are imported by their ids, the subuser's key is not a user key, and a key is declared for an owner without one", () => {
    const keys = seeded(json, 's3admin_rgw_access_key', 'uid', [alice, bob]);
    const aliceKeyRefs = keys.filter((k) => k.config.uid === alice);
    expect(aliceKeyRefs.flatMap((k) => k.imports).sort()).toEqual(aliceKeys.map((k) => k.access_key).sort());
    expect(aliceKeyRefs.every((k) => k.imports.length === 1)).toBe(true);
    const bobKeys = keys.filter((k) => k.config.uid === bob);
    expect(bobKeys).toHaveLength(1);
    expect(bobKeys[0].imports).toEqual([]);
    expect((json.import ?? []).some((i) => i.id === subuserKeyId)).toBe(false);
    const subusers = seeded(json, 's3admin_rgw_subuser', 'uid', [alice]);
    expect(subusers).toHaveLength(1);
    expect(subusers[0].config).toMatchObject({ uid: alice, subuser: 'app', access: 'readwrite' });
    expect(subusers[0].imports).toEqual([`${alice}:app`]);
  });

  test("one bucket per seeded bucket with its quota and its owner's key, imported by name; the admin's bucket is left out", async () => {
    const buckets = seeded(json, 's3admin_rgw_bucket', 'bucket', [photos, bobData, adminBucket]);
    expect(buckets.map((b) => b.config.bucket).sort()).toEqual([bobData, photos]);
    const photosBucket = buckets.find((b) => b.config.bucket === photos)!;
    expect(photosBucket.config).toMatchObject({ owner_uid: alice, quota: { max_size_bytes: 4096 * 1024, max_objects: 1000 } });
    expect(photosBucket.imports).toEqual([photos]);
    // the owner's first key as RGW lists them (not the order they were made in), by reference: the secret comes
    // from the state, never from the file
    const listedFirst = (await rgw.getUser(alice))!.keys.find((k) => k.user === alice)!.access_key;
    const firstKey = seeded(json, 's3admin_rgw_access_key', 'uid', [alice]).find((k) => k.imports[0] === listedFirst)!;
    expect(photosBucket.config.owner_access_key_id).toBe(`\${${firstKey.ref}.access_key_id}`);
    expect(photosBucket.config.owner_secret_access_key).toBe(`\${${firstKey.ref}.secret_access_key}`);
    const bobBucket = buckets.find((b) => b.config.bucket === bobData)!;
    expect(bobBucket.config).toMatchObject({ owner_uid: bob });
    expect(bobBucket.config.quota).toBeUndefined();
    expect(bobBucket.imports).toEqual([bobData]);
  });

  test('exactly one import block per seeded object, with its id and type', () => {
    const refs = ['s3admin_rgw_user', 's3admin_rgw_access_key', 's3admin_rgw_subuser', 's3admin_rgw_bucket'].flatMap((type) =>
      seeded(json, type, type === 's3admin_rgw_bucket' ? 'bucket' : 'uid', type === 's3admin_rgw_bucket' ? [photos, bobData] : [alice, bob]).map((r) => r.ref),
    );
    const blocks = importsTo(json, refs).map((i) => `${i.to.split('.')[0]} ${i.id}`).sort();
    expect(blocks).toEqual(
      [
        `s3admin_rgw_user ${alice}`,
        `s3admin_rgw_user ${bob}`,
        ...aliceKeys.map((k) => `s3admin_rgw_access_key ${k.access_key}`),
        `s3admin_rgw_subuser ${alice}:app`,
        `s3admin_rgw_bucket ${photos}`,
        `s3admin_rgw_bucket ${bobData}`,
      ].sort(),
    );
    expect(new Set((json.import ?? []).map((i) => i.to)).size).toBe((json.import ?? []).length);
  });

  test('no secret in the file, the output or the JSON scan', async () => {
    const scan = await cli(['adopt', '--target', 'rgw', endpoint, '--out', path.join(workDir, 'adopted-rgw-json.ts'), '--json']);
    expect(scan.code).toBe(EXIT.ok);
    // with --json the result is JSON on stdout, and the progress stays on stderr
    expect(scan.err).toMatch(/^\[s3-admin\] scanning Ceph RGW at /);
    const parsed = JSON.parse(scan.out);
    expect(parsed.users.find((u: { uid: string }) => u.uid === alice)).toMatchObject({ accessKeyIds: expect.arrayContaining(aliceKeys.map((k) => k.access_key)), subusers: [{ name: 'app', access: 'readwrite' }] });
    expect(parsed.users.some((u: { uid: string }) => u.uid === process.env.RGW_ADMIN_UID)).toBe(false);
    expectNoSecret([fs.readFileSync(file, 'utf8'), result.out, result.err, scan.out, scan.err, JSON.stringify(json)], secrets);
  });
});

describe('adopt --target versity (the real VersityGW)', () => {
  const endpoint = process.env.VERSITY_ADMIN_ENDPOINT!;
  const rootKey = process.env.VERSITY_ADMIN_ACCESS_KEY!;
  const rootSecret = process.env.VERSITY_ADMIN_SECRET_KEY!;
  const admin = client(endpoint, rootKey, rootSecret);
  const versity = new VersityAdminClient(admin);
  const s3 = client(process.env.VERSITY_S3_ENDPOINT!, rootKey, rootSecret);
  const carol = { access: `${prefix}-carol`, secret: randomBytes(20).toString('hex'), role: 'user' as const, userId: 2001, groupId: 2002 };
  const dave = { access: `${prefix}-dave`, secret: randomBytes(20).toString('hex'), role: 'userplus' as const, userId: 0, groupId: 0 };
  const carolBucket = `${prefix}-carol-data`;
  const rootBucket = `${prefix}-root-data`;
  const file = path.join(workDir, 'adopted-versity.ts');
  let result: { code: number; out: string; err: string };
  let json: Synthesized;

  beforeAll(async () => {
    await versity.createUser(carol);
    await versity.createUser(dave);
    for (const bucket of [carolBucket, rootBucket]) await s3.send({ operation: `create bucket ${bucket}`, method: 'PUT', path: `/${bucket}` });
    await versity.changeBucketOwner(carolBucket, carol.access);
    result = await cli(['adopt', '--target', 'versity', endpoint, '--out', file, '--class', 'GatewayStack']);
    json = synthesize(file, 'GatewayStack', 'adopted-versity');
  }, 120_000);

  afterAll(async () => {
    await versity.changeBucketOwner(carolBucket, rootKey);
    for (const bucket of [carolBucket, rootBucket]) await s3.send({ operation: `delete bucket ${bucket}`, method: 'DELETE', path: `/${bucket}` });
    await versity.deleteUser(carol.access);
    await versity.deleteUser(dave.access);
    admin.close();
    s3.close();
  });

  test('writes the stack (class from --class) and says what it left out', () => {
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toMatch(/^wrote .*adopted-versity\.ts: \d+ user\(s\), \d+ bucket owner\(s\), \d+ importExisting call\(s\); 2 API calls$/m);
    expect(result.out).toContain(`  bucket ${rootBucket}: owned by the admin account`);
    const source = fs.readFileSync(file, 'utf8');
    expect(source).toContain('export class GatewayStack extends TerraformStack {');
    expect(source).toContain(`const endpoint = new VersityEndpoint({ url: '${endpoint}' });`);
  });

  test('the stack type-checks against the library', () => {
    expect(typeCheck(file)).toEqual([]);
  }, 120_000);

  test('one user per seeded user with role, user id and group id, imported by its access key id', () => {
    const users = seeded(json, 's3admin_versity_user', 'access_key_id', [carol.access, dave.access]);
    expect(users.map((u) => u.config.access_key_id).sort()).toEqual([carol.access, dave.access]);
    for (const seededUser of [carol, dave]) {
      const user = users.find((u) => u.config.access_key_id === seededUser.access)!;
      expect(user.config).toMatchObject({ role: seededUser.role, user_id: seededUser.userId, group_id: seededUser.groupId });
      expect(user.imports).toEqual([seededUser.access]);
    }
  });

  test("one bucket owner per bucket of an adopted user, imported by the bucket's name; the root's bucket is left out", () => {
    const owners = seeded(json, 's3admin_versity_bucket_owner', 'bucket', [carolBucket, rootBucket]);
    expect(owners).toHaveLength(1);
    const carolRef = seeded(json, 's3admin_versity_user', 'access_key_id', [carol.access])[0].ref;
    expect(owners[0].config).toMatchObject({ bucket: carolBucket, owner: `\${${carolRef}.access_key_id}` });
    expect(owners[0].imports).toEqual([carolBucket]);
    const refs = [...seeded(json, 's3admin_versity_user', 'access_key_id', [carol.access, dave.access]), ...owners].map((r) => r.ref);
    expect(importsTo(json, refs).map((i) => `${i.to.split('.')[0]} ${i.id}`).sort()).toEqual(
      [`s3admin_versity_bucket_owner ${carolBucket}`, `s3admin_versity_user ${carol.access}`, `s3admin_versity_user ${dave.access}`].sort(),
    );
  });

  test('no secret in the file or the output (the admin API lists every secret)', () => {
    expectNoSecret([fs.readFileSync(file, 'utf8'), result.out, result.err, JSON.stringify(json)], [carol.secret, dave.secret, rootSecret]);
  });
});

describe('adopt --target ostor (the simulator)', () => {
  const adminKey = 'OSTORADMINKEY0000001';
  const adminSecret = randomBytes(20).toString('hex');
  const sim = new OstorSimulator(adminKey, adminSecret);
  const env = { ...process.env, OSTOR_ADMIN_ACCESS_KEY: adminKey, OSTOR_ADMIN_SECRET_KEY: adminSecret };
  const [erin, frank, grace] = ['erin', 'frank', 'grace'].map((n) => `${prefix}-${n}@example.com`);
  const file = path.join(workDir, 'adopted-ostor.ts');
  let url: string;
  let http: SignedHttpClient;
  let erinKey: string;
  let frankKeys: string[];
  let result: { code: number; out: string; err: string };
  let json: Synthesized;

  beforeAll(async () => {
    url = await sim.start();
    http = client(url, adminKey, adminSecret, 'v2');
    const ostor = new OstorAdminClient(http);
    erinKey = (await ostor.createUser(erin)).AWSAccessKeys![0].AWSAccessKeyId;
    const frankFirst = (await ostor.createUser(frank)).AWSAccessKeys![0].AWSAccessKeyId;
    frankKeys = [frankFirst, (await ostor.generateKey(frank, [frankFirst])).AWSAccessKeyId];
    await ostor.setEnabled(frank, false);
    const graceKey = (await ostor.createUser(grace)).AWSAccessKeys![0].AWSAccessKeyId;
    await ostor.revokeKey(grace, graceKey);
    result = await cli(['adopt', '--target', 'ostor', url, '--out', file, '--module', 'cdktf-s3-admin'], env);
    json = synthesize(file, 'AdoptedOstorStack', 'adopted-ostor');
  }, 120_000);

  afterAll(async () => {
    http.close();
    await sim.stop();
  });

  test('writes the stack with an OstorEndpoint, signing V2 as ostor does', () => {
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toMatch(/^wrote .*adopted-ostor\.ts: 3 user\(s\), 2 key\(s\), 5 importExisting call\(s\); 4 API calls$/m);
    expect(result.err).toMatch(/^\[s3-admin\] scanned 3\/3 users$/m);
    expect(fs.readFileSync(file, 'utf8')).toContain(`const endpoint = new OstorEndpoint({ url: '${url}' });`);
    expect(json.provider).toMatchObject({ s3admin: [expect.objectContaining({ endpoint: url, signing: 'v2', access_key_env: 'OSTOR_ADMIN_ACCESS_KEY' })] });
  });

  test('the stack type-checks against the library', () => {
    expect(typeCheck(file)).toEqual([]);
  }, 120_000);

  test('one user per seeded user with its state, imported by email; one key per user that has one, imported by id', () => {
    const users = seeded(json, 's3admin_ostor_user', 'email', [erin, frank, grace]);
    expect(Object.fromEntries(users.map((u) => [u.config.email, { enabled: u.config.enabled, imports: u.imports }]))).toEqual({
      [erin]: { enabled: true, imports: [erin] },
      [frank]: { enabled: false, imports: [frank] },
      [grace]: { enabled: true, imports: [grace] },
    });
    const keys = seeded(json, 's3admin_ostor_access_key', 'email', [erin, frank, grace]);
    expect(Object.fromEntries(keys.map((k) => [k.config.email, k.imports]))).toEqual({ [erin]: [erinKey], [frank]: [frankKeys[0]] });
    // ostor allows two pairs and a rotation needs the second: the other key stays out, and the file says so
    expect(fs.readFileSync(file, 'utf8')).toContain(`// also has the key ${frankKeys[1]}, left unmanaged: one OstorAccessKey per user`);
    expect(json.import).toHaveLength(5);
  });

  test('no secret in the file or the output', () => {
    const secrets = [...sim.users.values()].flatMap((u) => u.keys.map((k) => k.AWSSecretAccessKey));
    expect(secrets.length).toBe(3);
    expectNoSecret([fs.readFileSync(file, 'utf8'), result.out, result.err, JSON.stringify(json)], [...secrets, adminSecret]);
  });

  test('fails with exit 4 and writes nothing when there is nothing to adopt; --json prints the empty scan', async () => {
    const empty = new OstorSimulator(adminKey, adminSecret);
    const emptyUrl = await empty.start();
    try {
      const nothing = path.join(workDir, 'adopted-nothing.ts');
      const text = await cli(['adopt', '--target', 'ostor', emptyUrl, '--out', nothing], env);
      expect(text).toMatchObject({ code: EXIT.notFound, out: '' });
      expect(text.err).toMatch(new RegExp(`^s3-admin: nothing to adopt: ostor at ${emptyUrl} has no object the constructs declare \\(1 API calls\\)$`, 'm'));
      const asJson = await cli(['adopt', '--target', 'ostor', emptyUrl, '--out', nothing, '--json'], env);
      expect(asJson.code).toBe(EXIT.notFound);
      expect(JSON.parse(asJson.out)).toEqual({ target: 'ostor', endpoint: emptyUrl, users: [], skipped: [], calls: 1 });
      expect(fs.existsSync(nothing)).toBe(false);
    } finally {
      await empty.stop();
    }
  });
});

describe('adopt --target storj (the real satellite)', () => {
  const env = process.env as Record<string, string>;
  const endpoint = env.STORJ_ADMIN_ENDPOINT;
  const http = new SignedHttpClient({ endpoint, token: env.STORJ_ADMIN_TOKEN, retry: NO_RETRY });
  const storj = new StorjAdminClient(http, env.STORJ_ADMIN_PATH_PREFIX);
  const erin = `${prefix}-erin@storj.example`;
  const frank = `${prefix}-frank@storj.example`;
  const nobody = `${prefix}-nobody@storj.example`;
  const file = path.join(workDir, 'adopted-storj.ts');
  const secrets: string[] = [env.STORJ_ADMIN_TOKEN];
  const projects: Record<string, string> = {};
  let result: { code: number; out: string; err: string };
  let json: Synthesized;

  beforeAll(async () => {
    for (const [email, name] of [[erin, 'Erin Adopted'], [frank, 'Frank Adopted']]) {
      const password = randomBytes(12).toString('hex');
      secrets.push(password);
      await storj.createUser(email, name, password);
    }
    const [erinId, frankId] = [(await storj.getUser(erin))!.user.id, (await storj.getUser(frank))!.user.id];
    await storj.updateUser(erin, { projectLimit: 5 });
    projects.erin = await storj.createProject({ id: erinId, email: erin }, 'erin-data');
    await storj.updateProject(projects.erin, 'erin-data', 'Erin files');
    await storj.setLimits(projects.erin, { usage: 7_000_000_000, buckets: 4 });
    secrets.push(await storj.createApiKey(projects.erin, 'ci'));
    projects.frank = await storj.createProject({ id: frankId, email: frank }, 'frank-x');
    await storj.setFrozen(frank, true);
    result = await cli(['adopt', '--target', 'storj', endpoint, '--email', erin, '--email', frank, '--email', nobody, '--out', file]);
    json = synthesize(file, 'AdoptedStorjStack', 'adopted-storj');
  }, 120_000);

  afterAll(async () => {
    await storj.setFrozen(frank, false);
    await storj.deleteApiKey(projects.erin, 'ci');
    for (const id of Object.values(projects)) await storj.deleteProject(id);
    for (const email of [erin, frank]) await storj.deleteUser(email);
    http.close();
  });

  test('writes the stack for the users named by --email, and says what it left out: an unknown email, an API key', () => {
    expect(result.code).toBe(EXIT.ok);
    expect(result.out).toMatch(/^wrote .*adopted-storj\.ts: 2 user\(s\), 2 project\(s\), 4 importExisting call\(s\); \d+ API calls$/m);
    expect(result.out).toContain(`  user ${nobody}: the satellite has no such user`);
    expect(result.out).toMatch(new RegExp(`  API key 'ci' of project erin-data \\(${projects.erin}\\): the satellite never shows a key again`));
    expect(result.out).toMatch(/with STORJ_ADMIN_TOKEN \(or STORJ_ADMIN_TOKEN_FILE\) set$/m);
    expect(fs.readFileSync(file, 'utf8')).toContain(`const endpoint = new StorjEndpoint({ url: '${endpoint}' });`);
  });

  test('the stack type-checks against the library', () => {
    expect(typeCheck(file)).toEqual([]);
  }, 120_000);

  test("users with their names, project limit and freeze, imported by email; projects with description and limits, imported by the owner's email and id", () => {
    const users = seeded(json, 's3admin_storj_user', 'email', [erin, frank]);
    expect(users.find((u) => u.config.email === erin)).toMatchObject({ config: { full_name: 'Erin Adopted', project_limit: 5, frozen: false }, imports: [erin] });
    expect(users.find((u) => u.config.email === frank)).toMatchObject({ config: { full_name: 'Frank Adopted', frozen: true }, imports: [frank] });
    const [erinData] = seeded(json, 's3admin_storj_project', 'name', ['erin-data']);
    expect(erinData.config).toMatchObject({ owner_email: erin, description: 'Erin files', storage_bytes: 7_000_000_000, buckets: 4 });
    expect(erinData.imports).toEqual([`${erin}/${projects.erin}`]);
    // frozen: the satellite holds the real limits until the unfreeze, so the zeros it shows are not written
    const [frankX] = seeded(json, 's3admin_storj_project', 'name', ['frank-x']);
    expect(frankX.config).not.toHaveProperty('storage_bytes');
    expect(frankX.config).not.toHaveProperty('segments');
    expect(frankX.imports).toEqual([`${frank}/${projects.frank}`]);
  });

  test('the first plan after the import is empty: each object imported by the provider and planned against its written config', async () => {
    const connection = connect({ endpoint, path_prefix: env.STORJ_ADMIN_PATH_PREFIX, token_env: 'STORJ_ADMIN_TOKEN' }, process.env);
    try {
      const userIds: Record<string, unknown> = {};
      for (const user of seeded(json, 's3admin_storj_user', 'email', [erin, frank])) {
        const driver = new ResourceDriver(storjUser, connection);
        const imported = (await driver.import(user.imports[0]))!;
        userIds[user.ref] = imported.user_id;
        expect(driver.plan(imported, configOf(user.config)).changed).toEqual([]);
      }
      for (const project of seeded(json, 's3admin_storj_project', 'name', ['erin-data', 'frank-x'])) {
        const driver = new ResourceDriver(storjProject, connection);
        const imported = (await driver.import(project.imports[0]))!;
        const owner = /^\$\{(.+)\.user_id\}$/.exec(project.config.owner_id)![1];
        expect(driver.plan(imported, configOf({ ...project.config, owner_id: userIds[owner] })).changed).toEqual([]);
      }
    } finally {
      connection.endpoint.close();
    }
  });

  test('no secret (API key, passwords, admin token) in the file, the output or the synthesized stack', () => {
    expectNoSecret([fs.readFileSync(file, 'utf8'), result.out, result.err, JSON.stringify(json)], secrets);
  });

  test('refuses --target storj without --email, and --email with another target', async () => {
    const without = await cli(['adopt', '--target', 'storj', endpoint, '--out', path.join(workDir, 'never.ts')]);
    expect(without.code).toBe(EXIT.usage);
    expect(without.err).toMatch(/adopt --target storj needs --email EMAIL \(one per user to adopt\): the satellite admin API cannot list its users/);
    const other = await cli(['adopt', '--target', 'rgw', endpoint, '--email', erin]);
    expect(other.code).toBe(EXIT.usage);
    expect(other.err).toMatch(/option --email does not apply to adopt --target/);
    const bad = await cli(['adopt', '--target', 'storj', endpoint, '--email', 'not-an-email']);
    expect(bad.err).toMatch(/--email "not-an-email" must be an email address/);
    expect(fs.existsSync(path.join(workDir, 'never.ts'))).toBe(false);
  });
});

/** A resource's synthesized config as the provider gets it: the attributes only, without the meta-arguments. */
function configOf(config: Record<string, any>): CtyObject {
  const { provider: _provider, lifecycle: _lifecycle, depends_on: _dependsOn, ...attributes } = config;
  return attributes as CtyObject;
}
