/**
 * The Storj resource types of the provider through a fault proxy in front of the real satellite: throttling,
 * server errors and resets on the way, and answers lost after the satellite acted (each create is repeated
 * or looked up so that nothing is made twice and no key is kept whose value is unknown).
 */
import { IncomingMessage } from 'node:http';
import { StorjAdminClient } from '../lib/admin-api/storj-admin-client';
import { SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { storjApiKey, storjProject, storjUser } from '../lib/provider/resources/storj';
import { NO_RETRY } from './support/admin-clients';
import { Fault, FaultProxy } from './support/fault-proxy';
import { connect, Connection, ResourceDriver } from './support/provider/resource-driver';
import { SecretWatch } from './support/provider/secret-watch';

const env = process.env as Record<string, string>;
const prefix = `sf${Date.now().toString(36)}`;
const http = new SignedHttpClient({ endpoint: env.STORJ_ADMIN_ENDPOINT, token: env.STORJ_ADMIN_TOKEN, retry: NO_RETRY });
const admin = new StorjAdminClient(http, env.STORJ_ADMIN_PATH_PREFIX);
const watch = new SecretWatch([env.STORJ_ADMIN_TOKEN]);

/** What the proxy does to the request; each test sets its own. */
let fault: (n: number, req: IncomingMessage) => Fault = () => 'pass';
const proxy = new FaultProxy(env.STORJ_ADMIN_ENDPOINT, (n, req) => fault(n, req), 300);
let connection: Connection;
let users: ResourceDriver;
let projects: ResourceDriver;
let keys: ResourceDriver;
const made: Array<{ email: string; user?: CtyObject; project?: CtyObject }> = [];

/** The satellite's own lookup of a serialized key: its name, or undefined when it does not know the key. */
async function keyName(apiKey: string): Promise<string | undefined> {
  const res = await http.send({ operation: 'Storj get API key', method: 'GET', path: `${env.STORJ_ADMIN_PATH_PREFIX}/apikeys/${encodeURIComponent(apiKey)}` }).catch(() => undefined);
  return res ? (JSON.parse(res.body) as { api_key: { name: string } }).api_key.name : undefined;
}

/** A user, a project and a key, applied from nothing with the proxy doing `plan`. */
async function applyCustomer(name: string): Promise<{ user: CtyObject; project: CtyObject; key: CtyObject }> {
  const email = `${prefix}-${name}@storj.test`;
  const entry: (typeof made)[number] = { email };
  made.push(entry);
  const user = (entry.user = watch.kept((await users.apply(null, { email, full_name: name, project_limit: 2 })).state));
  const project = (entry.project = (await projects.apply(null, { owner_id: user.user_id, owner_email: email, name: `${name}-data`, storage_bytes: 1_000_000 })).state!);
  const key = watch.kept((await keys.apply(null, { project_id: project.project_id, name: 'app', rotation: 1 })).state);
  return { user, project, key };
}

/** Everything the satellite holds for the customer: its projects and each one's keys, by name. */
async function holdings(email: string): Promise<Record<string, string[]>> {
  const details = (await admin.getUser(email))!;
  const active = await admin.activeProjects(details);
  return Object.fromEntries(await Promise.all(active.map(async (p) => [p.name, (await admin.listApiKeys(p.id)).map((k) => k.name)])));
}

beforeAll(async () => {
  connection = connect({ endpoint: await proxy.start(), path_prefix: env.STORJ_ADMIN_PATH_PREFIX, token_env: 'STORJ_ADMIN_TOKEN' }, process.env);
  users = new ResourceDriver(storjUser, connection);
  projects = new ResourceDriver(storjProject, connection);
  keys = new ResourceDriver(storjApiKey, connection, { createBeforeDestroy: true });
});

afterAll(async () => {
  fault = () => 'pass';
  for (const { email } of made) {
    const details = await admin.getUser(email);
    if (!details) continue;
    for (const p of await admin.activeProjects(details)) await admin.deleteProject(p.id);
    await admin.deleteUser(email);
  }
  connection.endpoint.close();
  await proxy.stop();
  http.close();
});

test('503s, 429s, resets and delays on the way: user, project and key converge, nothing made twice', async () => {
  // GIVEN every other request fails in one of the ways a busy server fails
  const cycle: Fault[] = ['503', 'pass', '429', 'pass', 'reset', 'pass', 'delay', 'pass'];
  fault = (n) => cycle[(n - 1) % cycle.length];
  const from = proxy.records.length;

  // WHEN a customer is applied
  const { user, project, key } = await applyCustomer('cycle');

  // THEN each exists once, as declared, and the faults were met
  fault = () => 'pass';
  expect(await holdings(user.email as string)).toEqual({ 'cycle-data': ['app'] });
  expect(await admin.getLimits(project.project_id as string)).toMatchObject({ usage: { bytes: 1_000_000 } });
  expect(await keyName(key.api_key as string)).toBe('app');
  expect(new Set(proxy.records.slice(from).map((r) => r.fault))).toEqual(new Set(cycle));
  expect(connection.log).toContainEqual(expect.stringMatching(/^retry 1 in \d+ ms after: Storj .* failed: HTTP 503/));
});

test('each create whose answer is lost after the satellite acted: the user and the project are found, the key is made again, nothing twice', async () => {
  // GIVEN the answer of every create (POST) is lost once the satellite has acted on it
  const lost: string[] = [];
  fault = (_n, req) => {
    if (req.method !== 'POST' || lost.includes(req.url!)) return 'pass';
    lost.push(req.url!);
    return 'lost-answer';
  };

  // WHEN a customer is applied
  const { user, key } = await applyCustomer('lossy');

  // THEN the three creates lost their answers, and the satellite holds one of each; the key in the state is the one it knows
  fault = () => 'pass';
  expect(lost.map((url) => url.replace(/[0-9a-f-]{36}/, '{id}'))).toEqual([`${env.STORJ_ADMIN_PATH_PREFIX}/users`, `${env.STORJ_ADMIN_PATH_PREFIX}/projects`, `${env.STORJ_ADMIN_PATH_PREFIX}/projects/{id}/apikeys`]);
  expect(await holdings(user.email as string)).toEqual({ 'lossy-data': ['app'] });
  expect(await keyName(key.api_key as string)).toBe('app');
  expect(users.plan(await users.read(user), { email: user.email, full_name: 'lossy', project_limit: 2 }).changed).toEqual([]);
});

test('no secret (keys, first passwords, admin token) in any log line or error message', () => {
  expect(connection.log.length).toBeGreaterThan(0);
  expect(watch.leaked(connection.log)).toEqual([]);
});
