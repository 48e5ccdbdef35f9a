/**
 * The Storj resource types of the provider against a real satellite (v1.162.3, its admin peer on loopback,
 * started by the global setup), with the engine's part played by ResourceDriver: users (freeze, refusal to
 * delete an owner of projects), projects with limits (the usage refusal), API keys with rotation, bucket
 * geofences on an empty and a full bucket, import, delete twice. Steps of one describe build on each other.
 */
import { StorjAdminClient } from '../lib/admin-api/storj-admin-client';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { storjApiKey, storjBucketGeofence, storjProject, storjUser } from '../lib/provider/resources/storj';
import { connect, ResourceDriver } from './support/provider/resource-driver';
import { SecretWatch } from './support/provider/secret-watch';
import { bucketFixtures } from './support/storj/bucket-fixtures';

const env = process.env as Record<string, string>;
const CONFIG = { endpoint: env.STORJ_ADMIN_ENDPOINT, path_prefix: env.STORJ_ADMIN_PATH_PREFIX, token_env: 'STORJ_ADMIN_TOKEN' };
const EMAIL = `lc-${Date.now()}@storj.test`;
const watch = new SecretWatch([env.STORJ_ADMIN_TOKEN]);
const connection = connect(CONFIG, process.env);
const admin = () => new StorjAdminClient(connection.endpoint.http, connection.endpoint.pathPrefix);
const { sql, createBucketRows, putObjectRow, dropBucketRows } = bucketFixtures(() => env);

const users = new ResourceDriver(storjUser, connection);
const projects = new ResourceDriver(storjProject, connection);
const keys = new ResourceDriver(storjApiKey, connection, { createBeforeDestroy: true });
const fences = new ResourceDriver(storjBucketGeofence, connection);

let user: CtyObject;
let project: CtyObject;

afterAll(() => connection.endpoint.close());

describe('StorjUser and StorjProject on a real satellite', () => {
  const projectConfig = () => ({ owner_id: user.user_id, owner_email: EMAIL, name: 'lc-data', description: 'first', storage_bytes: 5_000_000, buckets: 7 });

  test('create: the user exists as declared, with a generated first password', async () => {
    user = watch.kept((await users.apply(null, { email: EMAIL, full_name: 'Lifecycle', project_limit: 3 })).state);
    expect(user).toMatchObject({ email: EMAIL, full_name: 'Lifecycle', project_limit: 3, frozen: false, user_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(user.password).toMatch(/^.{20,}$/);
    expect((await admin().getUser(EMAIL))!.user).toMatchObject({ id: user.user_id, fullName: 'Lifecycle', projectLimit: 3 });
    expect(users.plan(await users.read(user), { email: EMAIL, full_name: 'Lifecycle', project_limit: 3 }).changed).toEqual([]);
  });

  test('update in place: full name and project limit; a freeze and an unfreeze', async () => {
    const renamed = await users.apply(user, { email: EMAIL, full_name: 'Lifecycle Renamed', project_limit: 4, frozen: true });
    expect(renamed.replaced).toBe(false);
    expect((await admin().getUser(EMAIL))!.user).toMatchObject({ id: user.user_id, fullName: 'Lifecycle Renamed', projectLimit: 4 });
    user = (await users.apply(renamed.state, { email: EMAIL, full_name: 'Lifecycle Renamed', project_limit: 4, frozen: false })).state!;
    expect(user.frozen).toBe(false);
  });

  test('an out-of-band change shows as that attribute in the next plan', async () => {
    await admin().updateUser(EMAIL, { fullName: 'Changed By Hand' });
    const plan = users.plan(await users.read(user), { email: EMAIL, full_name: 'Lifecycle Renamed', project_limit: 4, frozen: false });
    expect(plan.changed).toEqual(['full_name']);
    user = (await users.apply(user, { email: EMAIL, full_name: 'Lifecycle Renamed', project_limit: 4, frozen: false })).state!;
  });

  test('a project with limits, read back; name, description and a limit change in place', async () => {
    project = (await projects.apply(null, projectConfig())).state!;
    expect(project).toMatchObject({ name: 'lc-data', description: 'first', storage_bytes: 5_000_000, buckets: 7, project_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(projects.plan(await projects.read(project), projectConfig()).changed).toEqual([]);
    const changed = await projects.apply(project, { ...projectConfig(), name: 'lc-data-2', description: 'second', storage_bytes: 9_000_000 });
    expect(changed.replaced).toBe(false);
    expect(changed.state).toMatchObject({ project_id: project.project_id, name: 'lc-data-2', description: 'second', storage_bytes: 9_000_000, buckets: 7 });
    project = changed.state!;
    expect(await admin().getLimits(project.project_id as string)).toMatchObject({ usage: { bytes: 9_000_000 }, maxBuckets: 7 });
  });

  test('a freeze zeroes the project limits on the satellite: the read keeps the declared ones, a change is refused until the unfreeze restores them', async () => {
    const userConfig = { email: EMAIL, full_name: 'Lifecycle Renamed', project_limit: 4 };
    const config = { ...projectConfig(), name: 'lc-data-2', description: 'second', storage_bytes: 9_000_000 };
    const id = project.project_id as string;
    user = (await users.apply(user, { ...userConfig, frozen: true })).state!;
    expect(user.frozen).toBe(true);
    expect(await admin().getLimits(id)).toMatchObject({ usage: { bytes: 0 }, bandwidth: { bytes: 0 }, maxSegments: 0 });
    expect(users.plan(await users.read(user), { ...userConfig, frozen: true }).changed).toEqual([]);
    expect(projects.plan(await projects.read(project), config).changed).toEqual([]);
    expect(await watch.failure(projects.apply(project, { ...config, storage_bytes: 8_000_000 }))).toMatch(
      new RegExp(`Storj project lc-data-2 \\(${id}\\): its owner ${EMAIL} is frozen, and the satellite holds the project's storage, bandwidth and segment limits until the unfreeze`),
    );
    // an unfreeze behind the engine's back shows in the next plan
    await admin().setFrozen(EMAIL, false);
    expect(users.plan(await users.read(user), { ...userConfig, frozen: true }).changed).toEqual(['frozen']);
    user = (await users.apply(user, { ...userConfig, frozen: false })).state!;
    expect(await admin().getLimits(id)).toMatchObject({ usage: { bytes: 9_000_000 }, maxBuckets: 7 });
    expect(projects.plan(await projects.read(project), config).changed).toEqual([]);
  });

  test('fails to delete a user who still owns a project, naming it', async () => {
    expect(await watch.failure(users.destroy(user))).toMatch(new RegExp(`Storj user ${EMAIL} still owns 1 project\\(s\\): lc-data-2 \\(${project.project_id}\\)\\. Delete them first`));
  });

  test("import of the project by its id: the first plan only records the owner's email (no call, no replacement), then nothing", async () => {
    const config = { ...projectConfig(), name: 'lc-data-2', description: 'second', storage_bytes: 9_000_000 };
    const imported = await projects.import(project.project_id as string);
    // the satellite names a project's owner by id only; the email is the config's, for the create's lost-answer lookup
    expect(projects.plan(imported, config)).toMatchObject({ changed: ['owner_email'], requiresReplace: [] });
    const applied = await projects.apply(imported, config);
    expect(applied.log.filter((l) => /updating|setting/.test(l))).toEqual([]);
    expect(projects.plan(await projects.read(applied.state!), config).changed).toEqual([]);
  });

  test("import as ownerEmail/projectId: the owner is checked against the satellite's, and the first plan is empty", async () => {
    const config = { ...projectConfig(), name: 'lc-data-2', description: 'second', storage_bytes: 9_000_000 };
    const imported = await projects.import(`${EMAIL}/${project.project_id}`);
    expect(imported).toMatchObject({ owner_email: EMAIL, owner_id: user.user_id });
    expect(projects.plan(imported, config).changed).toEqual([]);
    const stranger = `lc-other-${Date.now()}@storj.test`;
    const other = (await users.apply(null, { email: stranger, full_name: 'Other' })).state!;
    expect(await watch.failure(projects.import(`${stranger}/${project.project_id}`))).toMatch(
      new RegExp(`Storj project ${project.project_id} belongs to the user with id ${user.user_id}, not to ${stranger} \\(id ${other.user_id}\\)`),
    );
    expect(await watch.failure(projects.import(`nobody@storj.test/${project.project_id}`))).toMatch(/the satellite has no user 'nobody@storj.test', named as the owner of project/);
    await users.destroy(other);
  });
});

describe('StorjApiKey', () => {
  let key: CtyObject;

  test('create: the satellite returns the key, kept as the sensitive attribute; re-plan is empty', async () => {
    key = watch.kept((await keys.apply(null, { project_id: project.project_id, name: 'app', rotation: 1 })).state);
    expect(key).toMatchObject({ key_name: 'app', api_key: expect.stringMatching(/^1[1-9A-HJ-NP-Za-km-z]{50,}$/) });
    expect((await admin().listApiKeys(project.project_id as string)).map((k) => k.name)).toEqual(['app']);
    expect(keys.plan(await keys.read(key), { project_id: project.project_id, name: 'app', rotation: 1 }).changed).toEqual([]);
  });

  test('rotation makes the new key before the old one goes', async () => {
    const seen: string[][] = [];
    const rotating = new ResourceDriver(storjApiKey, connection, {
      createBeforeDestroy: true,
      afterOperation: async () => void seen.push((await admin().listApiKeys(project.project_id as string)).map((k) => k.name).sort()),
    });
    const before = key.api_key;
    const rotated = await rotating.apply(key, { project_id: project.project_id, name: 'app', rotation: 2 });
    expect(rotated.replaced).toBe(true);
    expect(seen).toEqual([['app', 'app-r2'], ['app-r2']]);
    key = watch.kept(rotated.state);
    expect(key).toMatchObject({ key_name: 'app-r2', api_key: expect.stringMatching(/^1/) });
    expect(key.api_key).not.toBe(before);
  });

  test('deleted out of band: read finds it gone; delete twice succeeds', async () => {
    await admin().deleteApiKey(project.project_id as string, 'app-r2');
    expect(await keys.read(key)).toBeNull();
    await keys.destroy(key);
  });
});

describe('StorjBucketGeofence', () => {
  test('pins an empty bucket to the EU, reads it back, moves it, and removes it', async () => {
    createBucketRows(project.project_id as string, 'lc-empty');
    const fenced = await fences.apply(null, { project_id: project.project_id, bucket: 'lc-empty', region: 'EU' });
    expect(fenced.state).toMatchObject({ region: 'EU' });
    expect((await admin().getBucket(project.project_id as string, 'lc-empty'))!.Placement).toBe(1);
    expect(fences.plan(await fences.read(fenced.state!), { project_id: project.project_id, bucket: 'lc-empty', region: 'EU' }).changed).toEqual([]);
    const moved = await fences.apply(fenced.state, { project_id: project.project_id, bucket: 'lc-empty', region: 'US' });
    expect(moved.replaced).toBe(false);
    expect((await admin().getBucket(project.project_id as string, 'lc-empty'))!.Placement).toBe(3);
    const imported = await fences.import(`${project.project_id}/lc-empty`);
    expect(imported).toMatchObject({ region: 'US' });
    await fences.destroy(moved.state!);
    expect((await admin().getBucket(project.project_id as string, 'lc-empty'))!.Placement).toBe(0);
  });

  test('fails for a bucket that holds objects, with the satellite reason, and leaves nothing applied', async () => {
    createBucketRows(project.project_id as string, 'lc-full');
    putObjectRow(project.project_id as string, 'lc-full', 'an-object');
    const message = await watch.failure(fences.apply(null, { project_id: project.project_id, bucket: 'lc-full', region: 'EU' }));
    expect(message).toMatch(/bucket lc-full cannot be geofenced to EU: the satellite says "bucket must be empty"\. Geofencing needs an empty bucket/);
    expect((await admin().getBucket(project.project_id as string, 'lc-full'))!.Placement).toBe(0);
    dropBucketRows(project.project_id as string);
  });
});

describe('deleting', () => {
  test("a project with usage this month is refused in the satellite's words", async () => {
    // a paid user's project with egress this hour, as the orders rollup writes it
    const egress = `INSERT INTO bucket_bandwidth_rollups (bucket_name, interval_start, interval_seconds, action, inline, allocated, settled, project_id)
       VALUES (convert_to('gone', 'UTF8'), date_trunc('hour', now()), 3600, 2, 0, 1000, 1000, decode(replace(:'project', '-', ''), 'hex'));`;
    sql('satellite', egress, { project: project.project_id as string });
    await connection.endpoint.http.send({ operation: 'make the user paid', method: 'PUT', path: `${CONFIG.path_prefix}/users/${encodeURIComponent(EMAIL)}/kind/1` });
    expect(await watch.failure(projects.destroy(project))).toMatch(/Storj project lc-data-2 \(.*\) cannot be deleted now: the satellite says "usage for current month exists"/);
    sql('satellite', `DELETE FROM bucket_bandwidth_rollups WHERE project_id = decode(replace(:'project', '-', ''), 'hex');`, { project: project.project_id as string });
  });

  test('a project that still has buckets is refused with their names, and nothing is deleted', async () => {
    createBucketRows(project.project_id as string, 'lc-left');
    expect(await watch.failure(projects.destroy(project))).toMatch(
      /Storj project lc-data-2 \(.*\) cannot be deleted now: the satellite says "buckets still exist: \[lc-left\]"\. Delete its buckets first/,
    );
    expect(await admin().getProject(project.project_id as string)).toBeDefined();
    dropBucketRows(project.project_id as string);
  });

  test('project then user, each deleted twice', async () => {
    await projects.destroy(project);
    expect(await projects.read(project)).toBeNull();
    await projects.destroy(project);
    await users.destroy(user);
    expect(await users.read(user)).toBeNull();
    await users.destroy(user);
  });

  test('no secret (keys, first password, admin token) in any log line or error message', () => {
    expect(connection.log.length).toBeGreaterThan(0);
    expect(watch.errors.length).toBeGreaterThan(0);
    expect(watch.leaked(connection.log)).toEqual([]);
  });
});
