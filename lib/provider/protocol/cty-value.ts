import { decode, encode, ExtData, ExtensionCodec } from '@msgpack/msgpack';
import { Attribute, Schema } from '../../schema/attribute';

/**
 * A value Terraform does not know yet (planned from another resource's computed attribute, or a computed
 * attribute on create). cty writes it as a MessagePack extension; refinements (a known prefix, a length
 * range) arrive as other extension types, and all of them are simply unknown here.
 */
export const UNKNOWN = Object.freeze({ unknown: true }) as { readonly unknown: true };
export type Unknown = typeof UNKNOWN;

export const isUnknown = (value: unknown): value is Unknown => value === UNKNOWN;

/** Any value of an object: known (string, number, boolean, array, record), null, or UNKNOWN. */
export type CtyValue = string | number | boolean | null | Unknown | CtyValue[] | { [key: string]: CtyValue };
export type CtyObject = { [key: string]: CtyValue };

/** cty's own bytes for an unknown value: fixext1 of extension type 0. */
const UNKNOWN_EXTENSION = 0;

/** msgpack's own timestamp extension; cty never means a time by it, so it is unknown like any other. */
const TIMESTAMP_EXTENSION = -1;

const codec = new ExtensionCodec();
codec.register({
  type: UNKNOWN_EXTENSION,
  encode: (input) => (input === UNKNOWN ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
codec.register({ type: TIMESTAMP_EXTENSION, encode: () => null, decode: () => UNKNOWN });

/** The cty type of an attribute, as the JSON that `Schema.Attribute.type` carries. */
export function ctyType(attribute: Attribute): unknown {
  switch (attribute.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return attribute.kind;
    case 'map':
    case 'list':
    case 'set':
      return [attribute.kind, ctyType(attribute.element!)];
    case 'object':
      return ['object', Object.fromEntries(Object.entries(attribute.attributes!).map(([name, inner]) => [name, ctyType(inner)]))];
  }
}

/** Decodes a DynamicValue's MessagePack (or, when the engine sends it, JSON) into an object of the schema. */
export function decodeObject(schema: Schema, value: { msgpack?: Uint8Array; json?: Uint8Array } | null | undefined): CtyObject | null {
  if (!value) return null;
  let raw: unknown = null;
  if (value.msgpack && value.msgpack.length > 0) raw = decode(value.msgpack, { extensionCodec: codec });
  else if (value.json && value.json.length > 0) raw = JSON.parse(Buffer.from(value.json).toString('utf8'));
  return normalizeObject(schema, raw);
}

/** Encodes an object of the schema; every attribute is written, null where absent, as cty requires. */
export function encodeObject(schema: Schema, value: CtyObject | null): Buffer {
  const bytes = encode(value === null ? null : normalizeObject(schema, value), { extensionCodec: codec });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Brings a decoded or hand-made object to the schema's shape: every attribute present, numbers as numbers. */
export function normalizeObject(schema: Schema, raw: unknown): CtyObject | null {
  if (raw === null || raw === undefined) return null;
  if (isUnknownLike(raw)) return UNKNOWN as unknown as CtyObject;
  const source = raw as Record<string, unknown>;
  return Object.fromEntries(Object.entries(schema).map(([name, attribute]) => [name, normalize(attribute, source[name])]));
}

function isUnknownLike(raw: unknown): boolean {
  return raw === UNKNOWN || raw instanceof ExtData;
}

function normalize(attribute: Attribute, raw: unknown): CtyValue {
  if (raw === null || raw === undefined) return null;
  if (isUnknownLike(raw)) return UNKNOWN;
  switch (attribute.kind) {
    case 'string':
      return String(raw);
    case 'number':
      // cty sends integers as ints, others as floats, and numbers too big for both as strings
      return typeof raw === 'number' ? raw : Number(raw);
    case 'bool':
      return Boolean(raw);
    case 'list':
    case 'set':
      return (raw as unknown[]).map((element) => normalize(attribute.element!, element));
    case 'map':
      return Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, normalize(attribute.element!, v)]));
    case 'object':
      return normalizeObject(attribute.attributes!, raw) as CtyValue;
  }
}

/**
 * The object with its unknown values as null: what a resource operation works from, since an attribute
 * that is unknown at apply is one the operation itself determines.
 */
export function knownOnly(value: CtyObject): CtyObject {
  const replace = (v: CtyValue): CtyValue => {
    if (isUnknown(v)) return null;
    if (Array.isArray(v)) return v.map(replace);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, replace(inner)]));
    return v;
  };
  return replace(value) as CtyObject;
}

/** Whether any part of the value is still unknown. */
export function containsUnknown(value: CtyValue): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === 'object') return Object.values(value).some(containsUnknown);
  return false;
}

/** Equality of known values, as Terraform compares them (sets compare without order). */
export function sameValue(attribute: Attribute, a: CtyValue, b: CtyValue): boolean {
  if (a === null || b === null || isUnknown(a) || isUnknown(b)) return a === b;
  switch (attribute.kind) {
    case 'list':
      return (a as CtyValue[]).length === (b as CtyValue[]).length && (a as CtyValue[]).every((v, i) => sameValue(attribute.element!, v, (b as CtyValue[])[i]));
    case 'set': {
      const left = a as CtyValue[];
      const right = b as CtyValue[];
      return left.length === right.length && left.every((v) => right.some((w) => sameValue(attribute.element!, v, w)));
    }
    case 'map': {
      const left = a as CtyObject;
      const right = b as CtyObject;
      const keys = Object.keys(left);
      return keys.length === Object.keys(right).length && keys.every((k) => k in right && sameValue(attribute.element!, left[k], right[k]));
    }
    case 'object':
      return Object.entries(attribute.attributes!).every(([k, inner]) => sameValue(inner, (a as CtyObject)[k] ?? null, (b as CtyObject)[k] ?? null));
    default:
      return a === b;
  }
}
