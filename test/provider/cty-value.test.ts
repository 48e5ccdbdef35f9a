/**
 * cty values over MessagePack, as the engine sends and expects them (see /work/shared/notes.md, "A provider
 * in Node": every attribute present, unknown as extension type 0, refined unknowns as other extension types,
 * numbers as int, float or string, attribute types as JSON).
 */
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { bool, number, object, Schema, string, stringList, stringMap, stringSet } from '../../lib/schema/attribute';
import { RGW_USER } from '../../lib/schema/rgw';
import {
  containsUnknown,
  CtyObject,
  CtyValue,
  ctyType,
  decodeObject,
  encodeObject,
  isUnknown,
  knownOnly,
  sameValue,
  UNKNOWN,
} from '../../lib/provider/protocol/cty-value';

const USER = RGW_USER.attributes;

/** One attribute of each kind, with an object nested in an object. */
const KINDS = {
  name: string('required', ''),
  count: number('optional', ''),
  enabled: bool('optional', ''),
  tags: stringMap('optional', ''),
  order: stringList('optional', ''),
  members: stringSet('optional', ''),
  outer: object('optional', '', { label: string('optional', ''), inner: object('optional', '', { depth: number('optional', '') }) }),
} satisfies Schema;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
/** What the engine would send for `value`, built with the plain MessagePack encoder (ExtData for cty's extensions). */
const wire = (value: unknown) => ({ msgpack: Buffer.from(encode(value)) });
/** cty's refined unknown: extension type 12 whose payload is a map of refinements (here a known string prefix). */
const refinedUnknown = () => new ExtData(12, encode(new Map<number, unknown>([[2, 'arn:aws:']])));

describe('encodeObject', () => {
  it('writes every attribute of the schema, null where absent, also inside nested objects', () => {
    // GIVEN an object with a few attributes set, one of them a nested object with one of its attributes
    const value = { uid: 'alice', user_quota: { max_objects: 5 } } as CtyObject;

    // WHEN it is encoded
    const decoded = decode(encodeObject(USER, value)) as Record<string, unknown>;

    // THEN every attribute of the schema is there, in and out of the nested object, null where absent
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(USER).sort());
    expect(decoded).toEqual({
      uid: 'alice',
      display_name: null,
      email: null,
      max_buckets: null,
      suspended: null,
      user_quota: { max_size_bytes: null, max_objects: 5 },
      bucket_quota: null,
      caps: null,
      purge_data: null,
    });
  });

  it('writes nested objects two levels deep with every attribute', () => {
    // GIVEN an object of an object of an object, the innermost left empty
    const value = { name: 'n', outer: { inner: {} } } as CtyObject;

    // WHEN it is encoded THEN each level carries all its attributes
    expect(decode(encodeObject(KINDS, value))).toMatchObject({ outer: { label: null, inner: { depth: null } }, tags: null, members: null });
  });

  it("writes an unknown value as cty's bytes: fixext1 of extension type 0 (d4 00 00)", () => {
    // GIVEN a one-attribute schema and an unknown value
    const schema = { a: string('optional', '') };

    // WHEN it is encoded
    const bytes = encodeObject(schema, { a: UNKNOWN });

    // THEN the map holds "a" → d4 00 00, exactly what cty's msgpack writes for an unknown
    expect(hex(bytes)).toBe('81' + 'a161' + 'd40000');
  });

  it('writes unknowns inside nested objects, lists and maps with the same bytes', () => {
    // GIVEN unknowns at several depths
    const value = { name: UNKNOWN, order: ['x', UNKNOWN], tags: { k: UNKNOWN }, outer: { label: UNKNOWN, inner: UNKNOWN } } as CtyObject;

    // WHEN encoded
    const bytes = hex(encodeObject(KINDS, value));

    // THEN each of the five unknowns is a fixext1 of type 0
    expect(bytes.split('d40000')).toHaveLength(6);
  });

  it('writes a whole unknown object as d4 00 00 and a null object as nil', () => {
    // GIVEN / WHEN / THEN
    expect(hex(encodeObject(USER, UNKNOWN as unknown as CtyObject))).toBe('d40000');
    expect(hex(encodeObject(USER, null))).toBe('c0');
  });

  it('leaves out attributes the schema does not have', () => {
    // GIVEN an object with an attribute of an older schema
    const value = { uid: 'alice', retired: 'x' } as CtyObject;

    // WHEN encoded THEN the engine never sees it (it would refuse an unsupported attribute)
    expect(decode(encodeObject(USER, value))).not.toHaveProperty('retired');
  });
});

describe('decodeObject', () => {
  it('decodes extension type 0 as UNKNOWN', () => {
    // GIVEN cty's unknown for a string
    const value = decodeObject(USER, wire({ uid: new ExtData(0, new Uint8Array([0])) }));

    // THEN it is the UNKNOWN marker, and the attributes left out are null
    expect(isUnknown(value!.uid)).toBe(true);
    expect(value!.display_name).toBeNull();
  });

  it('decodes a refined unknown (extension type 12 with a payload) as UNKNOWN', () => {
    // GIVEN an unknown with a known prefix, as Terraform >= 1.6 sends for some values
    const value = decodeObject(USER, wire({ uid: refinedUnknown(), max_buckets: refinedUnknown(), user_quota: { max_objects: refinedUnknown() } }));

    // THEN every one of them is simply unknown
    expect(isUnknown(value!.uid)).toBe(true);
    expect(isUnknown(value!.max_buckets)).toBe(true);
    expect(isUnknown((value!.user_quota as CtyObject).max_objects)).toBe(true);
  });

  it.each([1, 5, 13, 64, 127])('decodes extension type %i as UNKNOWN, wherever it appears', (type) => {
    // GIVEN an extension of another type, with a payload, in each kind of place
    const ext = new ExtData(type, new Uint8Array([1, 2, 3]));

    // WHEN decoded
    const value = decodeObject(KINDS, wire({ name: ext, count: ext, enabled: ext, order: ['a', ext], tags: { k: ext }, outer: { label: ext, inner: ext } }))!;

    // THEN each is UNKNOWN
    for (const v of [value.name, value.count, value.enabled, (value.order as CtyValue[])[1], (value.tags as CtyObject).k, (value.outer as CtyObject).label, (value.outer as CtyObject).inner]) {
      expect(isUnknown(v)).toBe(true);
    }
  });

  // @msgpack/msgpack decodes its own timestamp extension (-1) to a Date unless told otherwise; cty never means
  // a time by it (it writes types 0 and 12 only)
  it('decodes the msgpack timestamp extension (-1) as UNKNOWN like every other extension', () => {
    // GIVEN extension type -1 with a 1-byte and a 4-byte payload
    const one = () => decodeObject(USER, wire({ uid: new ExtData(-1, new Uint8Array([0])) }));
    const four = () => decodeObject(USER, wire({ uid: new ExtData(-1, new Uint8Array([0, 0, 0, 1])) }));

    // THEN both are unknown
    expect(isUnknown(one()!.uid)).toBe(true);
    expect(isUnknown(four()!.uid)).toBe(true);
  });

  it('decodes numbers sent as int, float64 and string to numbers', () => {
    // GIVEN the three forms cty uses: an int, a float64 (cb), and strings for numbers too big or too precise
    const bytes = (max_buckets: unknown, max_objects: unknown) => wire({ uid: 'alice', max_buckets, user_quota: { max_objects, max_size_bytes: '1.5' } });

    // WHEN decoded
    const asInt = decodeObject(USER, bytes(1000, -3))!;
    const asFloat = decodeObject(USER, { msgpack: Buffer.from('82a375696405ab6d61785f6275636b657473cb3ff8000000000000', 'hex') })!;
    const asString = decodeObject(USER, bytes('12345678901234567890', '7'))!;

    // THEN all are JS numbers, nested ones too
    expect(asInt.max_buckets).toBe(1000);
    expect((asInt.user_quota as CtyObject).max_objects).toBe(-3);
    expect(asFloat.max_buckets).toBe(1.5);
    expect(asString.max_buckets).toBe(12345678901234567890);
    expect((asString.user_quota as CtyObject).max_objects).toBe(7);
    expect((asString.user_quota as CtyObject).max_size_bytes).toBe(1.5);
    expect(typeof asString.max_buckets).toBe('number');
  });

  it('decodes 64-bit integers (uint64 and int64 markers) to numbers', () => {
    // GIVEN max_buckets as cf (uint64) 2^40 and as d3 (int64) -2
    const uint64 = decodeObject(USER, { msgpack: Buffer.from('81ab6d61785f6275636b657473cf0000010000000000', 'hex') })!;
    const int64 = decodeObject(USER, { msgpack: Buffer.from('81ab6d61785f6275636b657473d3fffffffffffffffe', 'hex') })!;

    // THEN they are plain numbers
    expect(uint64.max_buckets).toBe(2 ** 40);
    expect(int64.max_buckets).toBe(-2);
  });

  it('decodes a whole unknown object (plain or refined) as UNKNOWN', () => {
    // GIVEN d4 00 00 for the whole value, and a refined unknown for it
    const plain = decodeObject(USER, { msgpack: Buffer.from('d40000', 'hex') });
    const refined = decodeObject(USER, wire(refinedUnknown()));

    // THEN the object itself is UNKNOWN (not an object of nulls)
    expect(isUnknown(plain)).toBe(true);
    expect(isUnknown(refined)).toBe(true);
  });

  it('decodes a nested object that is unknown as UNKNOWN', () => {
    // GIVEN user_quota unknown as a whole
    const value = decodeObject(USER, wire({ uid: 'alice', user_quota: new ExtData(0, new Uint8Array([0])) }))!;

    // THEN it stays unknown, not an object of nulls
    expect(isUnknown(value.user_quota)).toBe(true);
  });

  it('decodes nil, an absent DynamicValue and an empty one as a null object', () => {
    // GIVEN / WHEN / THEN
    expect(decodeObject(USER, { msgpack: Buffer.from('c0', 'hex') })).toBeNull();
    expect(decodeObject(USER, null)).toBeNull();
    expect(decodeObject(USER, undefined)).toBeNull();
    expect(decodeObject(USER, { msgpack: Buffer.alloc(0), json: Buffer.alloc(0) })).toBeNull();
  });

  it('decodes a DynamicValue that carries JSON instead of MessagePack', () => {
    // GIVEN the JSON form (empty msgpack, as protobuf decodes an absent bytes field)
    const json = Buffer.from(JSON.stringify({ uid: 'alice', max_buckets: 5, user_quota: { max_objects: 2 }, members_of_old_schema: 1 }));

    // WHEN decoded
    const value = decodeObject(USER, { msgpack: Buffer.alloc(0), json });

    // THEN it is the same object the MessagePack form gives: every attribute, null where absent
    expect(value).toEqual(decodeObject(USER, wire({ uid: 'alice', max_buckets: 5, user_quota: { max_objects: 2 } })));
    expect(value).toMatchObject({ uid: 'alice', max_buckets: 5, email: null, user_quota: { max_size_bytes: null, max_objects: 2 } });
  });

  it('decodes maps, lists and sets with their elements', () => {
    // GIVEN one of each
    const value = decodeObject(KINDS, wire({ name: 'n', tags: { b: '2', a: '1' }, order: ['z', 'a'], members: ['m'], enabled: true }))!;

    // THEN they keep their elements (lists in order)
    expect(value).toMatchObject({ tags: { a: '1', b: '2' }, order: ['z', 'a'], members: ['m'], enabled: true, count: null });
  });

  it('reads back what encodeObject wrote, unknowns included', () => {
    // GIVEN an object with known and unknown values
    const original = decodeObject(KINDS, wire({ name: 'n', count: 3, outer: { label: 'l', inner: { depth: 2 } } }))!;
    original.tags = UNKNOWN;

    // WHEN it goes through encode and decode THEN nothing changed
    expect(decodeObject(KINDS, { msgpack: encodeObject(KINDS, original) })).toEqual(original);
  });
});

describe('sameValue', () => {
  it('compares sets without order', () => {
    // GIVEN / WHEN / THEN
    const set = KINDS.members;
    expect(sameValue(set, ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue(set, ['a', 'b'], ['a', 'c'])).toBe(false);
    expect(sameValue(set, ['a', 'b'], ['a'])).toBe(false);
  });

  it('compares lists with order', () => {
    // GIVEN / WHEN / THEN
    const list = KINDS.order;
    expect(sameValue(list, ['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(list, ['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue(list, ['a', 'b'], ['a', 'b', 'c'])).toBe(false);
  });

  it('compares maps by keys and values, not by key order', () => {
    // GIVEN / WHEN / THEN
    const map = KINDS.tags;
    expect(sameValue(map, { x: '1', y: '2' }, { y: '2', x: '1' })).toBe(true);
    expect(sameValue(map, { x: '1', y: '2' }, { x: '1' })).toBe(false);
    expect(sameValue(map, { x: '1', y: '2' }, { x: '1', y: '3' })).toBe(false);
    expect(sameValue(map, { x: '1', y: '2' }, { x: '1', z: '2' })).toBe(false);
  });

  it('compares nested objects attribute by attribute, an absent attribute being null', () => {
    // GIVEN / WHEN / THEN
    const outer = KINDS.outer;
    expect(sameValue(outer, { label: 'l', inner: { depth: 1 } }, { label: 'l', inner: { depth: 1 } })).toBe(true);
    expect(sameValue(outer, { label: 'l', inner: { depth: 1 } }, { label: 'l', inner: { depth: 2 } })).toBe(false);
    expect(sameValue(outer, { label: 'l', inner: null }, { label: 'l' })).toBe(true);
  });

  it('never takes an unknown for a known value or null', () => {
    // GIVEN / WHEN / THEN
    expect(sameValue(KINDS.name, UNKNOWN, 'a')).toBe(false);
    expect(sameValue(KINDS.name, 'a', UNKNOWN)).toBe(false);
    expect(sameValue(KINDS.name, null, UNKNOWN)).toBe(false);
    expect(sameValue(KINDS.name, null, null)).toBe(true);
    expect(sameValue(KINDS.name, null, 'a')).toBe(false);
    expect(sameValue(KINDS.count, 2, 2)).toBe(true);
  });
});

describe('ctyType', () => {
  it('gives primitive types as JSON strings: "string" with the quotes once JSON-encoded', () => {
    // GIVEN / WHEN / THEN: a bare `string` (no quotes) crashes the engine
    expect(JSON.stringify(ctyType(KINDS.name))).toBe('"string"');
    expect(JSON.stringify(ctyType(KINDS.count))).toBe('"number"');
    expect(JSON.stringify(ctyType(KINDS.enabled))).toBe('"bool"');
  });

  it('gives collection types as [kind, element]', () => {
    // GIVEN / WHEN / THEN
    expect(JSON.stringify(ctyType(KINDS.tags))).toBe('["map","string"]');
    expect(JSON.stringify(ctyType(KINDS.order))).toBe('["list","string"]');
    expect(JSON.stringify(ctyType(KINDS.members))).toBe('["set","string"]');
  });

  it('gives object types as ["object", {attribute: type}], nested ones too', () => {
    // GIVEN / WHEN / THEN
    expect(ctyType(USER.user_quota)).toEqual(['object', { max_size_bytes: 'number', max_objects: 'number' }]);
    expect(JSON.stringify(ctyType(KINDS.outer))).toBe('["object",{"label":"string","inner":["object",{"depth":"number"}]}]');
  });
});

describe('knownOnly', () => {
  it('replaces unknowns with null at every depth and keeps the known values', () => {
    // GIVEN unknowns at the top, in a nested object, a list and a map
    const value = { name: UNKNOWN, count: 3, order: ['a', UNKNOWN], tags: { k: UNKNOWN, j: 'v' }, outer: { label: UNKNOWN, inner: { depth: UNKNOWN } } } as CtyObject;
    expect(containsUnknown(value)).toBe(true);

    // WHEN
    const known = knownOnly(value);

    // THEN no unknown is left, the known values are the same, and the input is untouched
    expect(known).toEqual({ name: null, count: 3, order: ['a', null], tags: { k: null, j: 'v' }, outer: { label: null, inner: { depth: null } } });
    expect(containsUnknown(known)).toBe(false);
    expect(isUnknown(value.name)).toBe(true);
  });
});
