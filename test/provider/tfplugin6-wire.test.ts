/**
 * Wire contract of the hand-written tfplugin6 / go-plugin definitions.
 * Expected bytes are hand-computed from the field numbers in Terraform
 * v1.11.0's docs/plugin-protocol/tfplugin6.8.proto and go-plugin's
 * internal/plugin/grpc_*.proto: tag byte = (field << 3) | wire type,
 * wire type 0 = varint, 2 = length-delimited.
 */
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import {
  BROKER_SERVICE,
  CONTROLLER_SERVICE,
  PROVIDER_SERVICE,
  STDIO_SERVICE,
  messageType,
  serviceDefinition,
} from '../../lib/provider/protocol/grpc-services';
import type * as T from '../../lib/provider/protocol/tfplugin6-types';

const hex = (...parts: string[]): string => parts.join('').replace(/\s+/g, '');
const ascii = (s: string): string => Buffer.from(s).toString('hex');

/** Encodes with the service's serializer, checks the bytes, decodes back. */
function responseWire<K extends keyof T.ProviderRpcTypes>(
  rpc: K,
  value: T.Encodable<T.ProviderRpcTypes[K]['response']>,
): { bytes: string; decoded: T.ProviderRpcTypes[K]['response'] } {
  const method = PROVIDER_SERVICE[rpc];
  const bytes = method.responseSerialize(value);
  expect(Buffer.isBuffer(bytes)).toBe(true);
  return { bytes: bytes.toString('hex'), decoded: method.responseDeserialize(bytes) as T.ProviderRpcTypes[K]['response'] };
}

function decodeRequest<K extends keyof T.ProviderRpcTypes>(rpc: K, wireHex: string): T.ProviderRpcTypes[K]['request'] {
  return PROVIDER_SERVICE[rpc].requestDeserialize(Buffer.from(wireHex, 'hex')) as T.ProviderRpcTypes[K]['request'];
}

describe('method paths', () => {
  test('provider RPCs live under /tfplugin6.Provider/', () => {
    const rpcs: Record<keyof T.ProviderRpcTypes, true> = {
      GetMetadata: true, GetProviderSchema: true, ValidateProviderConfig: true, ValidateResourceConfig: true,
      ValidateDataResourceConfig: true, UpgradeResourceState: true, ConfigureProvider: true, ReadResource: true,
      PlanResourceChange: true, ApplyResourceChange: true, ImportResourceState: true, MoveResourceState: true,
      ReadDataSource: true, GetFunctions: true, CallFunction: true, StopProvider: true,
    };
    expect(Object.keys(PROVIDER_SERVICE).sort()).toEqual(Object.keys(rpcs).sort());
    for (const [name, def] of Object.entries(PROVIDER_SERVICE)) {
      expect(def).toMatchObject({ path: `/tfplugin6.Provider/${name}`, requestStream: false, responseStream: false });
      expect(def.originalName).toBe(name.charAt(0).toLowerCase() + name.slice(1));
    }
  });

  test('go-plugin services and their streaming shapes', () => {
    expect(Object.keys(CONTROLLER_SERVICE)).toEqual(['Shutdown']);
    expect(CONTROLLER_SERVICE.Shutdown).toMatchObject({ path: '/plugin.GRPCController/Shutdown', requestStream: false, responseStream: false });
    expect(Object.keys(STDIO_SERVICE)).toEqual(['StreamStdio']);
    expect(STDIO_SERVICE.StreamStdio).toMatchObject({ path: '/plugin.GRPCStdio/StreamStdio', requestStream: false, responseStream: true });
    expect(Object.keys(BROKER_SERVICE)).toEqual(['StartStream']);
    expect(BROKER_SERVICE.StartStream).toMatchObject({ path: '/plugin.GRPCBroker/StartStream', requestStream: true, responseStream: true });
  });

  test('serviceDefinition works for any parsed service', () => {
    const root = protobuf.parse('syntax = "proto3"; package a.b; message M {} service S { rpc Do(M) returns (stream M); }').root;
    const def = serviceDefinition(root.lookupService('a.b.S'));
    expect(def.Do).toMatchObject({ path: '/a.b.S/Do', originalName: 'do', requestStream: false, responseStream: true });
  });
});

describe('round trips', () => {
  test('GetProviderSchema response with a nested block and a bytes-typed attribute', () => {
    const bucket: T.Encodable<T.Schema> = {
      version: 2,
      block: {
        description: 'A bucket',
        descriptionKind: 'MARKDOWN',
        attributes: [
          { name: 'name', type: Buffer.from('"string"'), required: true },
          { name: 'tags', type: Buffer.from('["map","string"]'), optional: true, computed: true, sensitive: true, writeOnly: true },
          {
            name: 'owner',
            nestedType: { nesting: 'SINGLE', attributes: [{ name: 'id', type: Buffer.from('"string"'), computed: true }] },
            optional: true,
          },
        ],
        blockTypes: [
          {
            typeName: 'rule',
            nesting: 'LIST',
            minItems: 0,
            maxItems: 1000,
            block: { attributes: [{ name: 'days', type: Buffer.from('"number"'), optional: true, deprecated: true }] },
          },
        ],
      },
    };
    const { decoded } = responseWire('GetProviderSchema', {
      provider: { block: {} },
      resourceSchemas: { s3admin_bucket: bucket },
      dataSourceSchemas: {},
      serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true },
      diagnostics: [{ severity: 'WARNING', summary: 'heads up' }],
    });

    const schema = decoded.resourceSchemas.s3admin_bucket;
    expect(schema.version).toBe(2);
    const block = schema.block!;
    expect(block.descriptionKind).toBe('MARKDOWN');
    expect(block.attributes.map((a) => a.name)).toEqual(['name', 'tags', 'owner']);
    expect(Buffer.isBuffer(block.attributes[1].type)).toBe(true);
    expect(JSON.parse(block.attributes[1].type.toString())).toEqual(['map', 'string']);
    expect(block.attributes[1]).toMatchObject({ optional: true, computed: true, sensitive: true, writeOnly: true, required: false, nestedType: null });
    expect(block.attributes[2].nestedType).toMatchObject({ nesting: 'SINGLE', attributes: [{ name: 'id', computed: true }] });
    expect(block.attributes[2].type.length).toBe(0);
    expect(block.blockTypes).toHaveLength(1);
    expect(block.blockTypes[0]).toMatchObject({ typeName: 'rule', nesting: 'LIST', minItems: 0, maxItems: 1000 });
    expect(block.blockTypes[0].block!.attributes[0]).toMatchObject({ name: 'days', deprecated: true, descriptionKind: 'PLAIN' });
    expect(decoded.provider).toMatchObject({ version: 0, block: { attributes: [], blockTypes: [] } });
    expect(decoded.providerMeta).toBeNull();
    expect(decoded.serverCapabilities).toEqual({ planDestroy: true, getProviderSchemaOptional: true, moveResourceState: false });
    expect(decoded.diagnostics).toEqual([{ severity: 'WARNING', summary: 'heads up', detail: '', attribute: null }]);
    expect(decoded.functions).toEqual({});
    expect(decoded.ephemeralResourceSchemas).toEqual({});
  });

  test('PlanResourceChange request with msgpack values, response with requiresReplace paths', () => {
    // msgpack {"name": "b1"} and nil
    const config = Buffer.from('81a46e616d65a26231', 'hex');
    const nil = Buffer.from([0xc0]);
    const method = PROVIDER_SERVICE.PlanResourceChange;
    const request: T.Encodable<T.PlanResourceChangeRequest> = {
      typeName: 's3admin_bucket',
      priorState: { msgpack: nil },
      proposedNewState: { msgpack: config },
      config: { msgpack: config },
      priorPrivate: Buffer.from('{"v":1}'),
      clientCapabilities: { deferralAllowed: true },
    };
    const req = method.requestDeserialize(method.requestSerialize(request)) as T.PlanResourceChangeRequest;
    expect(req.typeName).toBe('s3admin_bucket');
    expect(Buffer.isBuffer(req.config!.msgpack)).toBe(true);
    expect(req.config!.msgpack.equals(config)).toBe(true);
    expect(req.config!.json.length).toBe(0);
    expect(req.priorState!.msgpack.equals(nil)).toBe(true);
    expect(req.priorPrivate.toString()).toBe('{"v":1}');
    expect(req.providerMeta).toBeNull();
    expect(req.clientCapabilities).toEqual({ deferralAllowed: true, writeOnlyAttributesAllowed: false });

    const { decoded } = responseWire('PlanResourceChange', {
      plannedState: { msgpack: config },
      requiresReplace: [
        { steps: [{ attributeName: 'name' }] },
        { steps: [{ attributeName: 'rule' }, { elementKeyInt: 3 }, { attributeName: 'days' }] },
        { steps: [{ attributeName: 'tags' }, { elementKeyString: 'env' }] },
      ],
      plannedPrivate: Buffer.from('p'),
    });
    expect(decoded.plannedState!.msgpack.equals(config)).toBe(true);
    expect(decoded.requiresReplace).toEqual([
      { steps: [{ selector: 'attributeName', attributeName: 'name' }] },
      {
        steps: [
          { selector: 'attributeName', attributeName: 'rule' },
          { selector: 'elementKeyInt', elementKeyInt: 3 },
          { selector: 'attributeName', attributeName: 'days' },
        ],
      },
      { steps: [{ selector: 'attributeName', attributeName: 'tags' }, { selector: 'elementKeyString', elementKeyString: 'env' }] },
    ]);
    expect(decoded.plannedPrivate.toString()).toBe('p');
    expect(decoded.legacyTypeSystem).toBe(false);
    expect(decoded.deferred).toBeNull();
  });

  test('Diagnostic with severity ERROR and an attribute path', () => {
    const { decoded } = responseWire('ValidateResourceConfig', {
      diagnostics: [
        {
          severity: 'ERROR',
          summary: 'Invalid bucket name',
          detail: 'must be 3-63 chars',
          attribute: { steps: [{ attributeName: 'rule' }, { elementKeyInt: 0 }, { attributeName: 'prefix' }] },
        },
      ],
    });
    expect(decoded.diagnostics).toEqual([
      {
        severity: 'ERROR',
        summary: 'Invalid bucket name',
        detail: 'must be 3-63 chars',
        attribute: {
          steps: [
            { selector: 'attributeName', attributeName: 'rule' },
            { selector: 'elementKeyInt', elementKeyInt: 0 },
            { selector: 'attributeName', attributeName: 'prefix' },
          ],
        },
      },
    ]);
  });

  test('int64 decodes to number, bytes default to empty Buffers, maps to objects', () => {
    const up = decodeRequest('UpgradeResourceState', hex('0a01', ascii('t'), '10 07', '1a 08 12 06 0a 01', ascii('a'), '12 01', ascii('b')));
    expect(up).toEqual({ typeName: 't', version: 7, rawState: { json: Buffer.alloc(0), flatmap: { a: 'b' } } });
    expect(typeof up.version).toBe('number');
    expect(Buffer.isBuffer(up.rawState!.json)).toBe(true);
  });

  test('go-plugin services', () => {
    const shutdown = CONTROLLER_SERVICE.Shutdown;
    expect(shutdown.requestSerialize({}).length).toBe(0);
    expect(shutdown.requestDeserialize(Buffer.alloc(0))).toEqual({});
    expect(STDIO_SERVICE.StreamStdio.requestDeserialize(Buffer.alloc(0))).toEqual({});

    const stdio = STDIO_SERVICE.StreamStdio;
    const out = stdio.responseSerialize({ channel: 'STDERR', data: Buffer.from('oops\n') });
    expect(out.toString('hex')).toBe(hex('08 02', '12 05', ascii('oops\n')));
    expect(stdio.responseDeserialize(out)).toEqual({ channel: 'STDERR', data: Buffer.from('oops\n') });

    const broker = BROKER_SERVICE.StartStream;
    const conn: T.Encodable<T.ConnInfo> = { serviceId: 3, network: 'unix', address: '/tmp/x', knock: { knock: true, ack: true, error: 'no' } };
    const wire = broker.requestSerialize(conn);
    expect(wire.toString('hex')).toBe(
      hex('08 03', '12 04', ascii('unix'), '1a 06', ascii('/tmp/x'), '22 08', '08 01 10 01 1a 02', ascii('no')),
    );
    expect(broker.responseDeserialize(wire)).toEqual(conn);
  });
});

describe('wire bytes (hand-computed)', () => {
  const nil = 'c0';

  test('DynamicValue: msgpack = 1, json = 2', () => {
    const type = messageType('tfplugin6.DynamicValue');
    expect(Buffer.from(type.encode(type.fromObject({ msgpack: Buffer.from([0xc0]) })).finish()).toString('hex')).toBe('0a01c0');
    expect(Buffer.from(type.encode(type.fromObject({ json: Buffer.from('{}') })).finish()).toString('hex')).toBe('12027b7d');
  });

  test('Diagnostic: severity = 1, summary = 2, detail = 3, attribute = 4; AttributePath.steps = 1; Step oneof 1/2/3', () => {
    const { bytes } = responseWire('ConfigureProvider', {
      diagnostics: [
        { severity: 'ERROR', summary: 's', detail: 'd', attribute: { steps: [{ attributeName: 'a' }, { elementKeyString: 'k' }, { elementKeyInt: 5 }] } },
      ],
    });
    // steps: 0a03 0a0161 | 0a03 12016b | 0a02 1805
    const path = hex('0a03 0a01', ascii('a'), '0a03 1201', ascii('k'), '0a02 1805');
    const diag = hex('0801', '1201', ascii('s'), '1a01', ascii('d'), '22', '0e', path);
    // ConfigureProvider.Response.diagnostics = 1
    expect(bytes).toBe(hex('0a', '18', diag));
  });

  test('ValidateProviderConfig.Response.diagnostics is field 2', () => {
    expect(responseWire('ValidateProviderConfig', { diagnostics: [{ severity: 'WARNING' }] }).bytes).toBe('12020802');
  });

  test('PlanResourceChange.Response: planned_state 1, requires_replace 2, planned_private 3, diagnostics 4, legacy_type_system 5, deferred 6', () => {
    const { bytes } = responseWire('PlanResourceChange', {
      plannedState: { msgpack: Buffer.from([0xc0]) },
      requiresReplace: [{ steps: [{ attributeName: 'a' }] }],
      plannedPrivate: Buffer.from('p'),
      diagnostics: [{ severity: 'WARNING' }],
      legacyTypeSystem: true,
      deferred: { reason: 'ABSENT_PREREQ' },
    });
    expect(bytes).toBe(hex('0a03 0a01', nil, '1205 0a03 0a01', ascii('a'), '1a01', ascii('p'), '2202 0802', '2801', '3202 0803'));
  });

  test('PlanResourceChange.Request decodes fields 1..7 as Terraform sends them', () => {
    const req = decodeRequest(
      'PlanResourceChange',
      hex('0a01', ascii('t'), '1203 0a01', nil, '1a03 0a01 01', '2203 0a01 02', '2a01', ascii('x'), '3204 1202', ascii('{}'), '3a04 0801 1001'),
    );
    expect(req.typeName).toBe('t');
    expect(req.priorState!.msgpack.toString('hex')).toBe(nil);
    expect(req.proposedNewState!.msgpack.toString('hex')).toBe('01');
    expect(req.config!.msgpack.toString('hex')).toBe('02');
    expect(req.priorPrivate.toString()).toBe('x');
    expect(req.providerMeta!.json.toString()).toBe('{}');
    expect(req.clientCapabilities).toEqual({ deferralAllowed: true, writeOnlyAttributesAllowed: true });
  });

  test('ApplyResourceChange.Response: new_state 1, private 2, diagnostics 3, legacy_type_system 4', () => {
    const { bytes } = responseWire('ApplyResourceChange', {
      newState: { msgpack: Buffer.from([0xc0]) },
      private: Buffer.from('p'),
      diagnostics: [{ severity: 'ERROR' }],
      legacyTypeSystem: true,
    });
    expect(bytes).toBe(hex('0a03 0a01', nil, '1201', ascii('p'), '1a02 0801', '2001'));
  });

  test('ReadResource: request current_state 2, private 3; response new_state 1, diagnostics 2, private 3, deferred 4', () => {
    const req = decodeRequest('ReadResource', hex('0a01', ascii('t'), '1203 0a01', nil, '1a01', ascii('p'), '2203 0a01 01', '2a02 0801'));
    expect(req).toMatchObject({ typeName: 't', clientCapabilities: { deferralAllowed: true } });
    expect(req.currentState!.msgpack.toString('hex')).toBe(nil);
    expect(req.private.toString()).toBe('p');
    expect(req.providerMeta!.msgpack.toString('hex')).toBe('01');
    const { bytes } = responseWire('ReadResource', {
      newState: { msgpack: Buffer.from([0xc0]) },
      diagnostics: [{ severity: 'ERROR' }],
      private: Buffer.from('p'),
      deferred: { reason: 'PROVIDER_CONFIG_UNKNOWN' },
    });
    expect(bytes).toBe(hex('0a03 0a01', nil, '1202 0801', '1a01', ascii('p'), '2202 0802'));
  });

  test('ImportResourceState: ImportedResource type_name 1, state 2, private 3; Response 1/2/3', () => {
    const { bytes } = responseWire('ImportResourceState', {
      importedResources: [{ typeName: 't', state: { msgpack: Buffer.from([0xc0]) }, private: Buffer.from('p') }],
      diagnostics: [{ severity: 'ERROR' }],
      deferred: { reason: 'RESOURCE_CONFIG_UNKNOWN' },
    });
    const imported = hex('0a01', ascii('t'), '1203 0a01', nil, '1a01', ascii('p'));
    expect(bytes).toBe(hex('0a0b', imported, '1202 0801', '1a02 0801'));
    const req = decodeRequest('ImportResourceState', hex('0a01', ascii('t'), '1202', ascii('id'), '1a02 0801'));
    expect(req).toEqual({ typeName: 't', id: 'id', clientCapabilities: { deferralAllowed: true, writeOnlyAttributesAllowed: false } });
  });

  test('GetProviderSchema.Response: provider 1, resource_schemas 2, data_source_schemas 3, diagnostics 4, provider_meta 5, server_capabilities 6, functions 7, ephemeral 8', () => {
    const { bytes } = responseWire('GetProviderSchema', {
      provider: { version: 1 },
      resourceSchemas: { r: { version: 2 } },
      dataSourceSchemas: { d: { version: 3 } },
      diagnostics: [{ severity: 'ERROR' }],
      providerMeta: { version: 5 },
      serverCapabilities: { planDestroy: true, getProviderSchemaOptional: true, moveResourceState: true },
      functions: { f: { summary: 's' } },
      ephemeralResourceSchemas: { e: { version: 8 } },
    });
    // map entries are messages { key = 1, value = 2 }
    expect(bytes).toBe(
      hex(
        '0a02 0801',
        '1207 0a01', ascii('r'), '1202 0802',
        '1a07 0a01', ascii('d'), '1202 0803',
        '2202 0801',
        '2a02 0805',
        '3206 0801 1001 1801',
        '3a08 0a01', ascii('f'), '1203 2201', ascii('s'),
        '4207 0a01', ascii('e'), '1202 0808',
      ),
    );
  });

  test('Schema.Block / Attribute / NestedBlock / Object field numbers', () => {
    const block = messageType('tfplugin6.Schema.Block');
    const bytes = Buffer.from(
      block
        .encode(
          block.fromObject({
            version: 1,
            attributes: [{ name: 'n', type: Buffer.from('"string"'), nestedType: { nesting: 'MAP', minItems: 1, maxItems: 2 }, writeOnly: true }],
            blockTypes: [{ typeName: 'b', nesting: 'GROUP', minItems: 4, maxItems: 5 }],
            description: 'd',
            descriptionKind: 'MARKDOWN',
            deprecated: true,
          }),
        )
        .finish(),
    ).toString('hex');
    // Attribute: name 1, type 2, nested_type 10 (tag 0x52), write_only 11 (tag 0x58); Object: nesting 3, min 4, max 5
    const attribute = hex('0a01', ascii('n'), '1208', ascii('"string"'), '5206 1804 2001 2802', '5801');
    const nested = hex('0a01', ascii('b'), '1805', '2004', '2805');
    expect(bytes).toBe(hex('0801', '12', '17', attribute, '1a09', nested, '2201', ascii('d'), '2801', '3001'));
  });

  test('UpgradeResourceState / MoveResourceState / GetMetadata / CallFunction / StopProvider numbers', () => {
    expect(responseWire('UpgradeResourceState', { upgradedState: { json: Buffer.from('{}') }, diagnostics: [{ severity: 'ERROR' }] }).bytes).toBe(
      hex('0a04 1202', ascii('{}'), '1202 0801'),
    );
    const move = decodeRequest(
      'MoveResourceState',
      hex('0a01', ascii('p'), '1201', ascii('s'), '1802', '2203 0a01', ascii('j'), '2a01', ascii('t'), '3201', ascii('x')),
    );
    expect(move).toMatchObject({ sourceProviderAddress: 'p', sourceTypeName: 's', sourceSchemaVersion: 2, targetTypeName: 't' });
    expect(move.sourceState!.json.toString()).toBe('j');
    expect(move.sourcePrivate.toString()).toBe('x');
    expect(responseWire('MoveResourceState', { targetState: { msgpack: Buffer.from([0xc0]) }, diagnostics: [{}], targetPrivate: Buffer.from('x') }).bytes).toBe(
      hex('0a03 0a01', nil, '1200', '1a01', ascii('x')),
    );
    expect(
      responseWire('GetMetadata', {
        serverCapabilities: { planDestroy: true },
        diagnostics: [{}],
        dataSources: [{ typeName: 'd' }],
        resources: [{ typeName: 'r' }],
        functions: [{ name: 'f' }],
        ephemeralResources: [{ typeName: 'e' }],
      }).bytes,
    ).toBe(hex('0a02 0801', '1200', '1a03 0a01', ascii('d'), '2203 0a01', ascii('r'), '2a03 0a01', ascii('f'), '3203 0a01', ascii('e')));
    const call = decodeRequest('CallFunction', hex('0a01', ascii('f'), '1203 0a01 01', '1203 0a01 02'));
    expect(call.name).toBe('f');
    expect(call.arguments.map((a) => a.msgpack.toString('hex'))).toEqual(['01', '02']);
    expect(responseWire('CallFunction', { result: { msgpack: Buffer.from([0xc0]) }, error: { text: 'e', functionArgument: 1 } }).bytes).toBe(
      hex('0a03 0a01', nil, '1205 0a01', ascii('e'), '1001'),
    );
    // proto3 `optional`: an explicit 0 is still sent, an absent one is not
    expect(responseWire('CallFunction', { error: { text: 'e', functionArgument: 0 } }).bytes).toBe(hex('1205 0a01', ascii('e'), '1000'));
    const noArg = responseWire('CallFunction', { error: { text: 'e' } });
    expect(noArg.bytes).toBe(hex('1203 0a01', ascii('e')));
    expect(noArg.decoded.error).toEqual({ text: 'e' });
    expect(responseWire('StopProvider', { Error: 'x' }).bytes).toBe(hex('0a01', ascii('x')));
    expect(responseWire('GetFunctions', { functions: {}, diagnostics: [{ severity: 'ERROR' }] }).bytes).toBe('12020801');
  });

  test('requests Terraform sends to validate / configure / read data', () => {
    expect(decodeRequest('ConfigureProvider', hex('0a04', ascii('1.11'), '1203 0a01', nil, '1a02 1001'))).toMatchObject({
      terraformVersion: '1.11',
      clientCapabilities: { deferralAllowed: false, writeOnlyAttributesAllowed: true },
    });
    expect(decodeRequest('ValidateProviderConfig', hex('0a03 0a01', nil)).config!.msgpack.toString('hex')).toBe(nil);
    expect(decodeRequest('ValidateResourceConfig', hex('0a01', ascii('t'), '1203 0a01', nil, '1a02 1001'))).toMatchObject({
      typeName: 't',
      clientCapabilities: { writeOnlyAttributesAllowed: true },
    });
    expect(decodeRequest('ValidateDataResourceConfig', hex('0a01', ascii('t'), '1203 0a01', nil)).config!.msgpack.toString('hex')).toBe(nil);
    const read = decodeRequest('ReadDataSource', hex('0a01', ascii('t'), '1203 0a01', nil, '1a03 0a01 01', '2202 0801'));
    expect(read.providerMeta!.msgpack.toString('hex')).toBe('01');
    expect(read.clientCapabilities).toEqual({ deferralAllowed: true, writeOnlyAttributesAllowed: false });
    expect(responseWire('ReadDataSource', { state: { msgpack: Buffer.from([0xc0]) }, diagnostics: [{}], deferred: {} }).bytes).toBe(
      hex('0a03 0a01', nil, '1200', '1a00'),
    );
  });

  test('fields this build does not know (e.g. OpenTofu identity fields) are skipped', () => {
    // ReadResource.Request with an extra field 6 (current_identity in protocol 6.9)
    const req = decodeRequest('ReadResource', hex('0a01', ascii('t'), '3205 0a03 0a01', nil));
    expect(req.typeName).toBe('t');
  });
});

/**
 * The interfaces in tfplugin6-types.ts against the parsed proto: every field
 * present with the right kind, nothing extra. `Shape<T>` makes tsc check the
 * table below against the interfaces; the test checks it against the proto
 * and against what the decoder produces for an empty message.
 */
type Kind<V> = [V] extends [Buffer]
  ? 'bytes'
  : [V] extends [readonly unknown[]]
    ? 'repeated'
    : null extends V
      ? 'message'
      : [V] extends [string]
        ? string extends V
          ? 'string'
          : 'enum'
        : [V] extends [number]
          ? 'number'
          : [V] extends [boolean]
            ? 'boolean'
            : 'map';
type Shape<X> = { [K in keyof X]-?: Kind<Exclude<X[K], undefined>> };
const shape = <X>(fields: Shape<X>): Record<string, string> => fields as Record<string, string>;

describe('tfplugin6-types.ts matches the proto', () => {
  const NONE = {};
  const shapes: Array<[string, Record<string, string>]> = [
    ['tfplugin6.DynamicValue', shape<T.DynamicValue>({ msgpack: 'bytes', json: 'bytes' })],
    ['tfplugin6.RawState', shape<T.RawState>({ json: 'bytes', flatmap: 'map' })],
    ['tfplugin6.AttributePath', shape<T.AttributePath>({ steps: 'repeated' })],
    ['tfplugin6.Diagnostic', shape<T.Diagnostic>({ severity: 'enum', summary: 'string', detail: 'string', attribute: 'message' })],
    ['tfplugin6.Deferred', shape<T.Deferred>({ reason: 'enum' })],
    ['tfplugin6.ServerCapabilities', shape<T.ServerCapabilities>({ planDestroy: 'boolean', getProviderSchemaOptional: 'boolean', moveResourceState: 'boolean' })],
    ['tfplugin6.ClientCapabilities', shape<T.ClientCapabilities>({ deferralAllowed: 'boolean', writeOnlyAttributesAllowed: 'boolean' })],
    ['tfplugin6.Schema', shape<T.Schema>({ version: 'number', block: 'message' })],
    [
      'tfplugin6.Schema.Block',
      shape<T.SchemaBlock>({
        version: 'number', attributes: 'repeated', blockTypes: 'repeated', description: 'string', descriptionKind: 'enum', deprecated: 'boolean',
      }),
    ],
    [
      'tfplugin6.Schema.Attribute',
      shape<T.SchemaAttribute>({
        name: 'string', type: 'bytes', nestedType: 'message', description: 'string', required: 'boolean', optional: 'boolean',
        computed: 'boolean', sensitive: 'boolean', descriptionKind: 'enum', deprecated: 'boolean', writeOnly: 'boolean',
      }),
    ],
    [
      'tfplugin6.Schema.NestedBlock',
      shape<T.SchemaNestedBlock>({ typeName: 'string', block: 'message', nesting: 'enum', minItems: 'number', maxItems: 'number' }),
    ],
    ['tfplugin6.Schema.Object', shape<T.SchemaObject>({ attributes: 'repeated', nesting: 'enum', minItems: 'number', maxItems: 'number' })],
    [
      'tfplugin6.Function',
      shape<T.FunctionDefinition>({
        parameters: 'repeated', variadicParameter: 'message', return: 'message', summary: 'string', description: 'string',
        descriptionKind: 'enum', deprecationMessage: 'string',
      }),
    ],
    [
      'tfplugin6.Function.Parameter',
      shape<T.FunctionParameter>({
        name: 'string', type: 'bytes', allowNullValue: 'boolean', allowUnknownValues: 'boolean', description: 'string', descriptionKind: 'enum',
      }),
    ],
    ['tfplugin6.Function.Return', shape<T.FunctionReturn>({ type: 'bytes' })],
    ['tfplugin6.FunctionError', shape<T.FunctionError>({ text: 'string', functionArgument: 'number' })],
    ['tfplugin6.GetMetadata.Request', NONE],
    [
      'tfplugin6.GetMetadata.Response',
      shape<T.GetMetadataResponse>({
        serverCapabilities: 'message', diagnostics: 'repeated', dataSources: 'repeated', resources: 'repeated', functions: 'repeated',
        ephemeralResources: 'repeated',
      }),
    ],
    ['tfplugin6.GetMetadata.DataSourceMetadata', shape<T.GetMetadataDataSourceMetadata>({ typeName: 'string' })],
    ['tfplugin6.GetMetadata.ResourceMetadata', shape<T.GetMetadataResourceMetadata>({ typeName: 'string' })],
    ['tfplugin6.GetMetadata.FunctionMetadata', shape<T.GetMetadataFunctionMetadata>({ name: 'string' })],
    ['tfplugin6.GetMetadata.EphemeralMetadata', shape<T.GetMetadataEphemeralMetadata>({ typeName: 'string' })],
    ['tfplugin6.GetProviderSchema.Request', NONE],
    [
      'tfplugin6.GetProviderSchema.Response',
      shape<T.GetProviderSchemaResponse>({
        provider: 'message', resourceSchemas: 'map', dataSourceSchemas: 'map', diagnostics: 'repeated', providerMeta: 'message',
        serverCapabilities: 'message', functions: 'map', ephemeralResourceSchemas: 'map',
      }),
    ],
    ['tfplugin6.ValidateProviderConfig.Request', shape<T.ValidateProviderConfigRequest>({ config: 'message' })],
    ['tfplugin6.ValidateProviderConfig.Response', shape<T.ValidateProviderConfigResponse>({ diagnostics: 'repeated' })],
    [
      'tfplugin6.ValidateResourceConfig.Request',
      shape<T.ValidateResourceConfigRequest>({ typeName: 'string', config: 'message', clientCapabilities: 'message' }),
    ],
    ['tfplugin6.ValidateResourceConfig.Response', shape<T.ValidateResourceConfigResponse>({ diagnostics: 'repeated' })],
    ['tfplugin6.ValidateDataResourceConfig.Request', shape<T.ValidateDataResourceConfigRequest>({ typeName: 'string', config: 'message' })],
    ['tfplugin6.ValidateDataResourceConfig.Response', shape<T.ValidateDataResourceConfigResponse>({ diagnostics: 'repeated' })],
    ['tfplugin6.UpgradeResourceState.Request', shape<T.UpgradeResourceStateRequest>({ typeName: 'string', version: 'number', rawState: 'message' })],
    ['tfplugin6.UpgradeResourceState.Response', shape<T.UpgradeResourceStateResponse>({ upgradedState: 'message', diagnostics: 'repeated' })],
    [
      'tfplugin6.ConfigureProvider.Request',
      shape<T.ConfigureProviderRequest>({ terraformVersion: 'string', config: 'message', clientCapabilities: 'message' }),
    ],
    ['tfplugin6.ConfigureProvider.Response', shape<T.ConfigureProviderResponse>({ diagnostics: 'repeated' })],
    [
      'tfplugin6.ReadResource.Request',
      shape<T.ReadResourceRequest>({
        typeName: 'string', currentState: 'message', private: 'bytes', providerMeta: 'message', clientCapabilities: 'message',
      }),
    ],
    [
      'tfplugin6.ReadResource.Response',
      shape<T.ReadResourceResponse>({ newState: 'message', diagnostics: 'repeated', private: 'bytes', deferred: 'message' }),
    ],
    [
      'tfplugin6.PlanResourceChange.Request',
      shape<T.PlanResourceChangeRequest>({
        typeName: 'string', priorState: 'message', proposedNewState: 'message', config: 'message', priorPrivate: 'bytes',
        providerMeta: 'message', clientCapabilities: 'message',
      }),
    ],
    [
      'tfplugin6.PlanResourceChange.Response',
      shape<T.PlanResourceChangeResponse>({
        plannedState: 'message', requiresReplace: 'repeated', plannedPrivate: 'bytes', diagnostics: 'repeated', legacyTypeSystem: 'boolean',
        deferred: 'message',
      }),
    ],
    [
      'tfplugin6.ApplyResourceChange.Request',
      shape<T.ApplyResourceChangeRequest>({
        typeName: 'string', priorState: 'message', plannedState: 'message', config: 'message', plannedPrivate: 'bytes', providerMeta: 'message',
      }),
    ],
    [
      'tfplugin6.ApplyResourceChange.Response',
      shape<T.ApplyResourceChangeResponse>({ newState: 'message', private: 'bytes', diagnostics: 'repeated', legacyTypeSystem: 'boolean' }),
    ],
    ['tfplugin6.ImportResourceState.Request', shape<T.ImportResourceStateRequest>({ typeName: 'string', id: 'string', clientCapabilities: 'message' })],
    [
      'tfplugin6.ImportResourceState.ImportedResource',
      shape<T.ImportResourceStateImportedResource>({ typeName: 'string', state: 'message', private: 'bytes' }),
    ],
    [
      'tfplugin6.ImportResourceState.Response',
      shape<T.ImportResourceStateResponse>({ importedResources: 'repeated', diagnostics: 'repeated', deferred: 'message' }),
    ],
    [
      'tfplugin6.MoveResourceState.Request',
      shape<T.MoveResourceStateRequest>({
        sourceProviderAddress: 'string', sourceTypeName: 'string', sourceSchemaVersion: 'number', sourceState: 'message',
        targetTypeName: 'string', sourcePrivate: 'bytes',
      }),
    ],
    [
      'tfplugin6.MoveResourceState.Response',
      shape<T.MoveResourceStateResponse>({ targetState: 'message', diagnostics: 'repeated', targetPrivate: 'bytes' }),
    ],
    [
      'tfplugin6.ReadDataSource.Request',
      shape<T.ReadDataSourceRequest>({ typeName: 'string', config: 'message', providerMeta: 'message', clientCapabilities: 'message' }),
    ],
    ['tfplugin6.ReadDataSource.Response', shape<T.ReadDataSourceResponse>({ state: 'message', diagnostics: 'repeated', deferred: 'message' })],
    ['tfplugin6.GetFunctions.Request', NONE],
    ['tfplugin6.GetFunctions.Response', shape<T.GetFunctionsResponse>({ functions: 'map', diagnostics: 'repeated' })],
    ['tfplugin6.CallFunction.Request', shape<T.CallFunctionRequest>({ name: 'string', arguments: 'repeated' })],
    ['tfplugin6.CallFunction.Response', shape<T.CallFunctionResponse>({ result: 'message', error: 'message' })],
    ['tfplugin6.StopProvider.Request', NONE],
    ['tfplugin6.StopProvider.Response', shape<T.StopProviderResponse>({ Error: 'string' })],
    ['plugin.Empty', NONE],
    ['google.protobuf.Empty', NONE],
    ['plugin.StdioData', shape<T.StdioData>({ channel: 'enum', data: 'bytes' })],
    ['plugin.ConnInfo', shape<T.ConnInfo>({ serviceId: 'number', network: 'string', address: 'string', knock: 'message' })],
    ['plugin.ConnInfo.Knock', shape<T.ConnInfoKnock>({ knock: 'boolean', ack: 'boolean', error: 'string' })],
  ];

  function protoKind(field: protobuf.Field): string {
    if (field instanceof protobuf.MapField) return 'map';
    if (field.repeated) return 'repeated';
    if (field.resolvedType instanceof protobuf.Enum) return 'enum';
    if (field.resolvedType instanceof protobuf.Type) return 'message';
    if (field.type === 'bool') return 'boolean';
    if (field.type === 'string' || field.type === 'bytes') return field.type;
    return 'number';
  }

  test.each(shapes)('%s', (fullName, expected) => {
    const type = messageType(fullName);
    const actual = Object.fromEntries(type.fieldsArray.map((f) => [f.name, protoKind(f)]));
    expect(actual).toEqual(expected);
    const defaults = type.toObject(type.decode(Buffer.alloc(0)), { longs: Number, enums: String, defaults: true, arrays: true, objects: true, oneofs: true });
    // proto3 `optional` fields stay absent; everything else is filled in
    const optional = type.fieldsArray.filter((f) => f.partOf).map((f) => f.name);
    expect(Object.keys(defaults).sort()).toEqual(Object.keys(expected).filter((k) => !optional.includes(k)).sort());
  });

  test('every message type in the parsed protos is covered above (except the oneof Step and RPC wrappers)', () => {
    const all: string[] = [];
    const walk = (ns: protobuf.NamespaceBase): void => {
      for (const child of ns.nestedArray) {
        // skip field-less wrappers such as tfplugin6.PlanResourceChange (they only hold Request/Response)
        const wrapper = child instanceof protobuf.Type && child.fieldsArray.length === 0 && child.nestedArray.length > 0;
        if (child instanceof protobuf.Type && !wrapper) all.push(child.fullName.slice(1));
        if (child instanceof protobuf.Namespace || child instanceof protobuf.Type) walk(child);
      }
    };
    walk(messageType('tfplugin6.DynamicValue').root);
    expect(all.filter((n) => n !== 'tfplugin6.AttributePath.Step').sort()).toEqual(shapes.map(([n]) => n).sort());
  });

  test('enum unions list exactly the proto values', () => {
    const names = <E extends string>(values: Record<E, true>): string[] => Object.keys(values);
    const enums: Array<[string, string[]]> = [
      ['tfplugin6.Diagnostic.Severity', names<T.DiagnosticSeverity>({ INVALID: true, ERROR: true, WARNING: true })],
      ['tfplugin6.Deferred.Reason', names<T.DeferredReason>({ UNKNOWN: true, RESOURCE_CONFIG_UNKNOWN: true, PROVIDER_CONFIG_UNKNOWN: true, ABSENT_PREREQ: true })],
      ['tfplugin6.StringKind', names<T.StringKind>({ PLAIN: true, MARKDOWN: true })],
      ['tfplugin6.Schema.NestedBlock.NestingMode', names<T.SchemaNestedBlockNestingMode>({ INVALID: true, SINGLE: true, LIST: true, SET: true, MAP: true, GROUP: true })],
      ['tfplugin6.Schema.Object.NestingMode', names<T.SchemaObjectNestingMode>({ INVALID: true, SINGLE: true, LIST: true, SET: true, MAP: true })],
      ['plugin.StdioData.Channel', names<T.StdioDataChannel>({ INVALID: true, STDOUT: true, STDERR: true })],
    ];
    const root = messageType('tfplugin6.DynamicValue').root;
    for (const [fullName, values] of enums) {
      expect([fullName, Object.keys(root.lookupEnum(fullName).values)]).toEqual([fullName, values]);
    }
    // numbers that matter on the wire
    expect(root.lookupEnum('tfplugin6.Diagnostic.Severity').values).toEqual({ INVALID: 0, ERROR: 1, WARNING: 2 });
    expect(root.lookupEnum('tfplugin6.Schema.NestedBlock.NestingMode').values).toMatchObject({ SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 });
  });
});

describe('over a real grpc-js connection', () => {
  let server: grpc.Server;
  let address: string;

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(PROVIDER_SERVICE, {
      // keyed by originalName (lowerCamel) on purpose
      getProviderSchema: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const response: T.Encodable<T.GetProviderSchemaResponse> = {
          resourceSchemas: { x: { block: { attributes: [{ name: 'id', type: Buffer.from('"string"'), computed: true }] } } },
        };
        callback(null, response);
      },
    });
    server.addService(STDIO_SERVICE, {
      StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        call.write({ channel: 'STDOUT', data: Buffer.from('hello') });
        call.end();
      },
    });
    server.addService(BROKER_SERVICE, {
      StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
        call.on('data', (info: T.ConnInfo) => call.write({ ...info, knock: { ack: true } }));
        call.on('end', () => call.end());
      },
    });
    server.addService(CONTROLLER_SERVICE, {
      Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, {}),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    address = `127.0.0.1:${port}`;
  });

  afterAll(() => server.forceShutdown());

  const client = (def: grpc.ServiceDefinition, name: string): grpc.Client & Record<string, (...args: unknown[]) => unknown> => {
    const Ctor = grpc.makeGenericClientConstructor(def, name);
    return new Ctor(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, (...args: unknown[]) => unknown>;
  };

  test('unary, server-streaming, bidi and unimplemented calls', async () => {
    const provider = client(PROVIDER_SERVICE, 'Provider');
    const unary = (method: string) =>
      new Promise<unknown>((resolve, reject) =>
        provider[method]({}, (err: grpc.ServiceError | null, res: unknown) => (err ? reject(err) : resolve(res))),
      );
    const schema = (await unary('GetProviderSchema')) as T.GetProviderSchemaResponse;
    expect(schema.resourceSchemas.x.block!.attributes[0].type.toString()).toBe('"string"');
    await expect(unary('StopProvider')).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });

    const stdio = client(STDIO_SERVICE, 'GRPCStdio');
    const chunks: T.StdioData[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = stdio.StreamStdio({}) as grpc.ClientReadableStream<T.StdioData>;
      stream.on('data', (d: T.StdioData) => chunks.push(d));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    expect(chunks).toEqual([{ channel: 'STDOUT', data: Buffer.from('hello') }]);

    const broker = client(BROKER_SERVICE, 'GRPCBroker');
    const replies: T.ConnInfo[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = broker.StartStream() as grpc.ClientDuplexStream<T.Encodable<T.ConnInfo>, T.ConnInfo>;
      stream.on('data', (d: T.ConnInfo) => replies.push(d));
      stream.on('end', resolve);
      stream.on('error', reject);
      stream.write({ serviceId: 7, network: 'tcp', address: '127.0.0.1:1', knock: { knock: true } });
      stream.end();
    });
    expect(replies).toEqual([{ serviceId: 7, network: 'tcp', address: '127.0.0.1:1', knock: { knock: false, ack: true, error: '' } }]);

    const controller = client(CONTROLLER_SERVICE, 'GRPCController');
    await expect(
      new Promise((resolve, reject) => controller.Shutdown({}, (err: grpc.ServiceError | null, res: unknown) => (err ? reject(err) : resolve(res)))),
    ).resolves.toEqual({});

    for (const c of [provider, stdio, broker, controller]) c.close();
  });
});
