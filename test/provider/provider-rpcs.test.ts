/**
 * The Provider RPCs on plain objects (lib/provider/server/provider-rpcs.ts), driven as the gRPC server drives
 * them: each request goes through the tfplugin6 serializers before it reaches ProviderRpcs, and each answer
 * through them before the test reads it, so a field the wire does not carry is caught here.
 */
import { decode } from '@msgpack/msgpack';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { AdminApiError } from '../../lib/admin-api/admin-api-error';
import { PROVIDER_SERVICE } from '../../lib/provider/protocol/grpc-services';
import type * as T from '../../lib/provider/protocol/tfplugin6-types';
import { CtyObject, ctyType, decodeObject, encodeObject, UNKNOWN } from '../../lib/provider/protocol/cty-value';
import { ProviderDefinition } from '../../lib/provider/provider-definition';
import { decodePending, HalfDone, resourceType } from '../../lib/provider/resource-type';
import { S3ADMIN_PROVIDER } from '../../lib/provider/s3admin';
import { ProviderRpcs } from '../../lib/provider/server/provider-rpcs';
import { Attribute, number, resourceSchema, Schema, string } from '../../lib/schema/attribute';
import { PROVIDER_CONFIG } from '../../lib/schema/provider-config';
import { RGW_ACCESS_KEY, RGW_USER } from '../../lib/schema/rgw';
import { keyConfig, keyState, objectOf, proposedNew, userConfig, userState } from '../support/provider/rgw-objects';

type Rpc = keyof T.ProviderRpcTypes;
type RequestOf<K extends Rpc> = T.Encodable<T.ProviderRpcTypes[K]['request']>;
type ResponseOf<K extends Rpc> = T.ProviderRpcTypes[K]['response'];

const USER = RGW_USER.attributes;
const KEY = RGW_ACCESS_KEY.attributes;

/** One RPC as the server runs it: the request and the answer each cross the wire encoding once. */
async function call<K extends Rpc>(rpcs: ProviderRpcs, rpc: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  const method = PROVIDER_SERVICE[rpc];
  const received = method.requestDeserialize(method.requestSerialize(request));
  const handler = (rpcs as unknown as Record<string, (r: unknown) => unknown>)[rpc];
  const response = await handler.call(rpcs, received);
  return method.responseDeserialize(method.responseSerialize(response)) as ResponseOf<K>;
}

const dv = (schema: Schema, value: CtyObject | null) => ({ msgpack: encodeObject(schema, value) });

/** An answer's DynamicValue as plain MessagePack (no schema applied), to see exactly what the engine gets. */
const raw = (value: T.DynamicValue | null) => decode(value!.msgpack) as Record<string, unknown>;

const rpcsOf = (provider: ProviderDefinition = S3ADMIN_PROVIDER, env: NodeJS.ProcessEnv = {}, log: string[] = []) => new ProviderRpcs(provider, env, (m) => log.push(m));

describe('GetProviderSchema', () => {
  let response: ResponseOf<'GetProviderSchema'>;
  beforeAll(async () => {
    response = await call(rpcsOf(), 'GetProviderSchema', {});
  });

  /** Each attribute message next to the schema attribute it comes from, nested ones included. */
  function pairs(messages: T.SchemaAttribute[], schema: Schema, prefix = ''): [string, T.SchemaAttribute, Attribute][] {
    return messages.flatMap((m) => {
      const here: [string, T.SchemaAttribute, Attribute] = [`${prefix}${m.name}`, m, schema[m.name]];
      return m.nestedType ? [here, ...pairs(m.nestedType.attributes, schema[m.name].attributes!, `${prefix}${m.name}.`)] : [here];
    });
  }
  const everyAttribute = () =>
    S3ADMIN_PROVIDER.resources.flatMap((t) => pairs(response.resourceSchemas[t.schema.typeName].block!.attributes, t.schema.attributes, `${t.schema.typeName}.`));

  it('lists every resource type of S3ADMIN_PROVIDER, with every attribute of its schema', () => {
    // GIVEN / WHEN the schema is asked for
    // THEN each type is there with exactly its attributes, and no error
    expect(Object.keys(response.resourceSchemas).sort()).toEqual(S3ADMIN_PROVIDER.resources.map((t) => t.schema.typeName).sort());
    for (const type of S3ADMIN_PROVIDER.resources) {
      expect(response.resourceSchemas[type.schema.typeName].block!.attributes.map((a) => a.name).sort()).toEqual(Object.keys(type.schema.attributes).sort());
    }
    expect(response.provider!.block!.attributes.map((a) => a.name).sort()).toEqual(Object.keys(PROVIDER_CONFIG).sort());
    expect(response.diagnostics).toEqual([]);
  });

  it('gives each attribute type as JSON cty type bytes ("string" with the quotes)', () => {
    // GIVEN / WHEN / THEN: a bare `string` crashes the engine
    for (const [name, message, attribute] of everyAttribute()) {
      if (attribute.kind === 'object') continue;
      const text = message.type.toString('utf8');
      expect({ name, type: text }).toEqual({ name, type: JSON.stringify(ctyType(attribute)) });
      expect(JSON.parse(text)).toEqual(ctyType(attribute));
    }
    const uid = response.resourceSchemas.s3admin_rgw_user.block!.attributes.find((a) => a.name === 'uid')!;
    expect(uid.type.toString('utf8')).toBe('"string"');
  });

  it('describes object attributes as nested attributes with nesting SINGLE and no type', () => {
    // GIVEN / WHEN / THEN (Terraform refuses an attribute with both a type and a nested type)
    const objects = everyAttribute().filter(([, , attribute]) => attribute.kind === 'object');
    expect(objects.map(([name]) => name)).toEqual(expect.arrayContaining(['s3admin_rgw_user.user_quota', 's3admin_rgw_user.bucket_quota']));
    for (const [name, message] of objects) {
      expect({ name, nesting: message.nestedType?.nesting, type: message.type.length }).toEqual({ name, nesting: 'SINGLE', type: 0 });
    }
    const quota = response.resourceSchemas.s3admin_rgw_user.block!.attributes.find((a) => a.name === 'user_quota')!;
    expect(quota.nestedType!.attributes.map((a) => [a.name, a.type.toString()])).toEqual([
      ['max_size_bytes', '"number"'],
      ['max_objects', '"number"'],
    ]);
  });

  it('marks secrets sensitive, and only them', () => {
    // GIVEN / WHEN / THEN
    for (const [name, message, attribute] of everyAttribute()) expect({ name, sensitive: message.sensitive }).toEqual({ name, sensitive: Boolean(attribute.sensitive) });
    const secret = response.resourceSchemas.s3admin_rgw_access_key.block!.attributes.find((a) => a.name === 'secret_access_key')!;
    expect(secret.sensitive).toBe(true);
  });

  it('sets required, optional and computed as the schema modes say', () => {
    // GIVEN the flags each mode must give (required excludes the other two)
    const expected = {
      required: { required: true, optional: false, computed: false },
      optional: { required: false, optional: true, computed: false },
      computed: { required: false, optional: false, computed: true },
      optionalComputed: { required: false, optional: true, computed: true },
    };

    // THEN every attribute, nested ones included, follows its mode
    for (const [name, message, attribute] of everyAttribute()) {
      expect({ name, required: message.required, optional: message.optional, computed: message.computed }).toEqual({ name, ...expected[attribute.mode] });
    }
  });
});

describe('PlanResourceChange', () => {
  it('returns requiresReplace as attribute paths', async () => {
    // GIVEN alice renamed to bob
    const prior = userState();
    const config = userConfig({ uid: 'bob' });

    // WHEN planned
    const response = await call(rpcsOf(), 'PlanResourceChange', {
      typeName: 's3admin_rgw_user',
      priorState: dv(USER, prior),
      proposedNewState: dv(USER, proposedNew(USER, prior, config)),
      config: dv(USER, config),
    });

    // THEN uid is the path that forces the replacement, and the planned state carries every attribute
    expect(response.diagnostics).toEqual([]);
    expect(response.requiresReplace).toHaveLength(1);
    expect(response.requiresReplace[0].steps[0]).toMatchObject({ attributeName: 'uid' });
    expect(Object.keys(raw(response.plannedState)).sort()).toEqual(Object.keys(USER).sort());
  });

  it("plans a create's computed attributes as cty unknowns on the wire", async () => {
    // GIVEN a new key
    const config = keyConfig();

    // WHEN planned
    const response = await call(rpcsOf(), 'PlanResourceChange', {
      typeName: 's3admin_rgw_access_key',
      priorState: dv(KEY, null),
      proposedNewState: dv(KEY, proposedNew(KEY, null, config)),
      config: dv(KEY, config),
    });

    // THEN the id and the secret are extension type 0, the default is there
    const planned = decodeObject(KEY, response.plannedState)!;
    expect(planned).toEqual({ ...config, max_keys: 4, access_key_id: UNKNOWN, secret_access_key: UNKNOWN });
    expect(response.plannedState!.msgpack.toString('hex').split('d40000')).toHaveLength(3);
    expect(response.requiresReplace).toEqual([]);
  });
});

describe('an unknown resource type', () => {
  const rpcs: [Rpc, RequestOf<Rpc>][] = [
    ['ValidateResourceConfig', { typeName: 's3admin_no_such_thing', config: dv({}, {}) }],
    ['UpgradeResourceState', { typeName: 's3admin_no_such_thing', rawState: { json: Buffer.from('{}') } }],
    ['ReadResource', { typeName: 's3admin_no_such_thing', currentState: dv({}, {}) }],
    ['PlanResourceChange', { typeName: 's3admin_no_such_thing', config: dv({}, {}) }],
    ['ApplyResourceChange', { typeName: 's3admin_no_such_thing', plannedState: dv({}, {}) }],
    ['ImportResourceState', { typeName: 's3admin_no_such_thing', id: 'b' }],
  ];

  it.each(rpcs)('fails %s with an ERROR diagnostic naming the known types', async (rpc, request) => {
    // GIVEN a type this provider does not serve (a stack synthesized by another version)
    // WHEN asked about it
    const response = (await call(rpcsOf(), rpc, request)) as { diagnostics: T.Diagnostic[] };

    // THEN one error says so and lists what is served
    expect(response.diagnostics).toHaveLength(1);
    const [diagnostic] = response.diagnostics;
    expect(diagnostic.severity).toBe('ERROR');
    expect(diagnostic.summary).toContain('s3admin_no_such_thing');
    for (const type of S3ADMIN_PROVIDER.resources) expect(diagnostic.detail).toContain(type.schema.typeName);
  });
});

describe('UpgradeResourceState', () => {
  it('turns raw JSON state into MessagePack with every attribute, null where the JSON has none', async () => {
    // GIVEN a state written by an older version: no caps, a quota without max_size_bytes, one attribute since removed
    const json = JSON.stringify({ uid: 'alice', display_name: 'Alice', email: 'a@example.com', max_buckets: 1000, suspended: false, user_quota: { max_objects: 3 }, purge_data: false, legacy: 'x' });

    // WHEN upgraded
    const response = await call(rpcsOf(), 'UpgradeResourceState', { typeName: 's3admin_rgw_user', version: 0, rawState: { json: Buffer.from(json) } });

    // THEN the MessagePack carries exactly the schema's attributes, the missing ones null
    expect(response.diagnostics).toEqual([]);
    expect(raw(response.upgradedState)).toEqual({
      uid: 'alice',
      display_name: 'Alice',
      email: 'a@example.com',
      max_buckets: 1000,
      suspended: false,
      user_quota: { max_size_bytes: null, max_objects: 3 },
      bucket_quota: null,
      caps: null,
      purge_data: false,
    });
  });
});

describe('ValidateResourceConfig', () => {
  it('fails validation with an ERROR diagnostic whose attribute path has one step per name', async () => {
    // GIVEN an impossible quota
    const config = userConfig({ user_quota: { max_objects: -1 } });

    // WHEN validated
    const response = await call(rpcsOf(), 'ValidateResourceConfig', { typeName: 's3admin_rgw_user', config: dv(USER, config) });

    // THEN the engine can point at user_quota.max_objects in the config
    expect(response.diagnostics).toHaveLength(1);
    expect(response.diagnostics[0]).toMatchObject({ severity: 'ERROR', detail: expect.stringContaining('must be a whole number >= 0') });
    expect(response.diagnostics[0].attribute!.steps).toEqual([
      { selector: 'attributeName', attributeName: 'user_quota' },
      { selector: 'attributeName', attributeName: 'max_objects' },
    ]);
  });

  it("fails validation of a key's secret without an id on secret_access_key, and passes a valid config", async () => {
    // GIVEN / WHEN
    const broken = await call(rpcsOf(), 'ValidateResourceConfig', { typeName: 's3admin_rgw_access_key', config: dv(KEY, keyConfig({ secret_access_key: 'x' })) });
    const valid = await call(rpcsOf(), 'ValidateResourceConfig', { typeName: 's3admin_rgw_access_key', config: dv(KEY, keyConfig({ rotation: UNKNOWN })) });

    // THEN
    expect(broken.diagnostics.map((d) => d.attribute!.steps)).toEqual([[{ selector: 'attributeName', attributeName: 'secret_access_key' }]]);
    expect(valid.diagnostics).toEqual([]);
  });
});

describe('ApplyResourceChange and ReadResource with a failing admin API', () => {
  /** A resource type of two attributes whose every operation fails as the admin API would. */
  const FAKE = resourceSchema('s3admin_fake_thing', 'A thing behind a failing API.', 'the name', {
    name: string('required', 'The name.'),
    size: number('optional', 'A size.'),
  });
  const apiError = (operation: string) => new AdminApiError(`FAKE ${operation} thing-1`, 409, 'BucketNotEmpty', 'the thing is in use', 'tx0000-fake-request-42');
  const failing = resourceType({
    schema: FAKE,
    create: async () => Promise.reject(apiError('create')),
    read: async () => null,
    update: async () => Promise.reject(apiError('update')),
    delete: async () => Promise.reject(apiError('delete')),
    importState: async () => Promise.reject(apiError('import')),
  });
  const provider: ProviderDefinition = { configSchema: PROVIDER_CONFIG, resources: [failing], documentation: 'test' };
  const prior = objectOf(FAKE.attributes, { name: 'thing-1', size: 1 });
  const apply = (priorState: CtyObject | null, plannedState: CtyObject | null) =>
    call(rpcsOf(provider), 'ApplyResourceChange', { typeName: FAKE.typeName, priorState: dv(FAKE.attributes, priorState), plannedState: dv(FAKE.attributes, plannedState) });

  it.each([
    ['update', prior, objectOf(FAKE.attributes, { name: 'thing-1', size: 2 })],
    ['delete', prior, null],
  ])('fails the %s with an ERROR diagnostic carrying the API code, status and request id, and keeps the prior state', async (operation, priorState, plannedState) => {
    // GIVEN an operation the API refuses
    // WHEN applied
    const response = await apply(priorState, plannedState);

    // THEN the summary names the object and the operation, the detail the API's own words; the state is kept
    expect(response.diagnostics).toHaveLength(1);
    const [diagnostic] = response.diagnostics;
    expect(diagnostic.severity).toBe('ERROR');
    expect(diagnostic.summary).toBe(`s3admin_fake_thing "thing-1": ${operation} failed`);
    expect(diagnostic.detail).toContain(`FAKE ${operation} thing-1`);
    expect(diagnostic.detail).toContain('HTTP 409 BucketNotEmpty');
    expect(diagnostic.detail).toContain('the thing is in use');
    expect(diagnostic.detail).toContain('request id tx0000-fake-request-42');
    expect(decodeObject(FAKE.attributes, response.newState)).toEqual(prior);
  });

  it('fails a create with the diagnostic and leaves no state', async () => {
    // GIVEN / WHEN
    const response = await apply(null, objectOf(FAKE.attributes, { name: 'thing-1' }));

    // THEN
    expect(response.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: 's3admin_fake_thing "thing-1": create failed' });
    expect(response.diagnostics[0].detail).toContain('request id tx0000-fake-request-42');
    expect(decodeObject(FAKE.attributes, response.newState)).toBeNull();
  });

  it('fails an import with the id, the API code and the request id', async () => {
    // GIVEN / WHEN
    const response = await call(rpcsOf(provider), 'ImportResourceState', { typeName: FAKE.typeName, id: 'thing-1' });

    // THEN
    expect(response.importedResources).toEqual([]);
    expect(response.diagnostics[0].summary).toContain('s3admin_fake_thing "thing-1"');
    expect(response.diagnostics[0].detail).toContain('HTTP 409 BucketNotEmpty');
  });

  it('reads an object that is gone as a null state (the engine then plans to create it)', async () => {
    // GIVEN / WHEN
    const response = await call(rpcsOf(provider), 'ReadResource', { typeName: FAKE.typeName, currentState: dv(FAKE.attributes, prior) });

    // THEN
    expect(response.diagnostics).toEqual([]);
    expect(response.newState!.msgpack.toString('hex')).toBe('c0');
  });
});

describe('an update cut off half-way (HalfDone)', () => {
  const THING = resourceSchema('s3admin_halfway_thing', 'A thing made again by its updates.', 'the name', {
    name: string('required', 'The name.'),
    size: number('optional', 'A size.'),
  });
  let mode: 'half-way' | 'plain failure' | 'done' = 'half-way';
  const reads: Array<string | undefined> = [];
  const halfway = resourceType({
    schema: THING,
    create: async (_ctx, planned) => planned,
    read: async (_ctx, state, pending) => {
      reads.push(pending);
      return state;
    },
    update: async (_ctx, _prior, planned) => {
      if (mode === 'done') return planned;
      const cause = new AdminApiError('FAKE create thing-1', 503, 'ServiceUnavailable', 'gone away');
      throw mode === 'half-way' ? new HalfDone('remake', cause) : cause;
    },
    delete: async () => undefined,
    importState: async () => Promise.reject(new Error('no import')),
  });
  const provider: ProviderDefinition = { configSchema: PROVIDER_CONFIG, resources: [halfway], documentation: 'test' };
  const prior = objectOf(THING.attributes, { name: 'thing-1', size: 1 });
  const planned = objectOf(THING.attributes, { name: 'thing-1', size: 2 });
  const apply = (plannedPrivate?: Buffer) =>
    call(rpcsOf(provider), 'ApplyResourceChange', { typeName: THING.typeName, priorState: dv(THING.attributes, prior), plannedState: dv(THING.attributes, planned), plannedPrivate });

  it("keeps the prior state with the note in the private data, reports the cause's error, hands the note to the next read, and an apply that succeeds clears it", async () => {
    // GIVEN an update that fails after its first step
    mode = 'half-way';
    const failed = await apply();
    expect(decodeObject(THING.attributes, failed.newState)).toEqual(prior);
    expect(failed.diagnostics[0]).toMatchObject({ severity: 'ERROR', summary: 's3admin_halfway_thing "thing-1": update failed' });
    expect(failed.diagnostics[0].detail).toContain('HTTP 503 ServiceUnavailable: gone away');
    expect(decodePending(failed.private)).toBe('remake');

    // WHEN the engine refreshes with that private data, THEN the read gets the note, and the note stays
    const read = await call(rpcsOf(provider), 'ReadResource', { typeName: THING.typeName, currentState: dv(THING.attributes, prior), private: failed.private });
    expect(reads).toEqual(['remake']);
    expect(decodePending(read.private)).toBe('remake');

    // a plain failure later keeps the note it was planned with; a success clears it
    mode = 'plain failure';
    const again = await apply(Buffer.from(read.private));
    expect(again.diagnostics[0].detail).toContain('gone away');
    expect(decodePending(again.private)).toBe('remake');
    mode = 'done';
    const done = await apply(Buffer.from(read.private));
    expect(done.diagnostics).toEqual([]);
    expect(decodePending(done.private)).toBeUndefined();
  });
});

describe('admin credentials', () => {
  const ACCESS_KEY = 'AKFAKEADMIN7Q2W9';
  const SECRET_KEY = 'fakeAdminSecret+9x/ZqVv0';
  const env = { FAKE_ADMIN_AK: ACCESS_KEY, FAKE_ADMIN_SK: SECRET_KEY };
  let server: http.Server;
  let endpoint: string;
  const authorizations: string[] = [];

  beforeAll(async () => {
    // an admin endpoint that refuses everything as RGW does, and remembers how it was asked
    server = http.createServer((req, res) => {
      authorizations.push(String(req.headers.authorization));
      req.resume();
      res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 'AccessDenied', RequestId: 'tx-cred-check-1' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Every RPC that calls the admin API, once, with the given credential variables; the answers as text. */
  async function everyAnswer(rpcEnv: NodeJS.ProcessEnv, log: string[]): Promise<string[]> {
    const rpcs = rpcsOf(S3ADMIN_PROVIDER, rpcEnv, log);
    const providerConfig = objectOf(PROVIDER_CONFIG, { endpoint, access_key_env: 'FAKE_ADMIN_AK', secret_key_env: 'FAKE_ADMIN_SK' });
    const answers: unknown[] = [await call(rpcs, 'ConfigureProvider', { config: dv(PROVIDER_CONFIG, providerConfig) })];
    for (const [typeName, schema, state] of [
      ['s3admin_rgw_user', USER, userState()],
      ['s3admin_rgw_access_key', KEY, keyState()],
    ] as const) {
      answers.push(
        await call(rpcs, 'ReadResource', { typeName, currentState: dv(schema, state) }),
        await call(rpcs, 'ApplyResourceChange', { typeName, priorState: dv(schema, null), plannedState: dv(schema, state) }),
        await call(rpcs, 'ApplyResourceChange', { typeName, priorState: dv(schema, state), plannedState: dv(schema, null) }),
        await call(rpcs, 'ImportResourceState', { typeName, id: String(state.uid) }),
      );
    }
    rpcs.close();
    // bytes as Latin-1 so MessagePack strings stay readable
    return answers.map((a) => JSON.stringify(a, (_k, v) => (v && v.type === 'Buffer' && Array.isArray(v.data) ? Buffer.from(v.data).toString('latin1') : v)));
  }

  it('never puts the admin key id or secret in a diagnostic, a state or a log line', async () => {
    // GIVEN credential variables that the endpoint refuses
    const log: string[] = [];

    // WHEN every admin call fails
    const answers = await everyAnswer(env, log);

    // THEN the calls were signed with the key (so it was in use), the failures reached the user with the
    // API's code and request id, and neither value shows anywhere
    expect(authorizations.some((a) => a.includes(ACCESS_KEY))).toBe(true);
    expect(answers.join('\n')).toContain('AccessDenied');
    expect(answers.join('\n')).toContain('tx-cred-check-1');
    for (const text of [...answers, ...log]) {
      expect(text).not.toContain(ACCESS_KEY);
      expect(text).not.toContain(SECRET_KEY);
    }
  });

  it('fails with a diagnostic naming the missing variable, not the value of the other one', async () => {
    // GIVEN only the access key variable is set
    const answers = await everyAnswer({ FAKE_ADMIN_AK: ACCESS_KEY }, []);

    // THEN the user is told which variables to set, and the value set is not repeated
    expect(answers.join('\n')).toContain('FAKE_ADMIN_SK');
    for (const text of answers) expect(text).not.toContain(ACCESS_KEY);
  });
});

describe('ValidateResourceConfig and secrets', () => {
  it('a broken rule of a sensitive attribute does not quote its value', async () => {
    // GIVEN a type whose secret has a rule, and a secret that breaks it
    const SECRETIVE = resourceSchema('s3admin_secretive', 'A type with a checked secret.', 'the name', {
      name: string('required', 'The name.'),
      secret: string('optional', 'A secret of 40 characters.', { sensitive: true, check: (v) => (v.length === 40 ? [] : ['must have 40 characters']) }),
    });
    const type = resourceType({
      schema: SECRETIVE,
      create: async (_ctx, planned) => planned,
      read: async (_ctx, state) => state,
      update: async (_ctx, _prior, planned) => planned,
      delete: async () => undefined,
      importState: async () => Promise.reject(new Error('no import')),
    });
    const rpcs = rpcsOf({ configSchema: PROVIDER_CONFIG, resources: [type], documentation: 'test' });

    // WHEN validated
    const response = await call(rpcs, 'ValidateResourceConfig', { typeName: SECRETIVE.typeName, config: dv(SECRETIVE.attributes, objectOf(SECRETIVE.attributes, { name: 'n', secret: 'tooShortSecretValue' })) });

    // THEN the rule is reported on the attribute, without the secret itself
    expect(response.diagnostics).toHaveLength(1);
    expect(response.diagnostics[0].attribute!.steps).toEqual([{ selector: 'attributeName', attributeName: 'secret' }]);
    expect(JSON.stringify(response.diagnostics)).not.toContain('tooShortSecretValue');
  });
});
