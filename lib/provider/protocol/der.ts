/**
 * A minimal DER (X.690 Distinguished Encoding Rules) writer: just what an X.509 certificate needs.
 *
 * Every function returns the complete encoding of one value (tag, length and contents), so values nest by
 * passing one function's result to another. DER admits exactly one encoding per value; the functions below
 * produce that one (minimal lengths, minimal integers, trimmed named bit strings), because certificate
 * parsers such as Go's crypto/x509 reject anything else.
 */

/** Tag numbers of the universal class that the certificate uses. */
const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  // SEQUENCE and SET are always constructed, so their tag bytes carry the constructed bit (0x20)
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

const CONTEXT_SPECIFIC = 0x80;
const CONSTRUCTED = 0x20;

/** The length octets: one byte below 128, otherwise 0x80 + the count of big-endian length bytes. */
function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * One tag-length-value. Only low tag numbers (below 31) are supported: every tag of a certificate is one,
 * and the multi-byte tag form would only add code nobody runs.
 */
export function tlv(tag: number, contents: Buffer): Buffer {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) {
    throw new RangeError(`DER: unsupported tag 0x${tag.toString(16)}`);
  }
  return Buffer.concat([Buffer.from([tag]), encodeLength(contents.length), contents]);
}

export function sequence(...items: Buffer[]): Buffer {
  return tlv(TAG.SEQUENCE, Buffer.concat(items));
}

/** A SET OF: DER orders the elements by their encodings, so callers may pass them in any order. */
export function set(...items: Buffer[]): Buffer {
  return tlv(TAG.SET, Buffer.concat([...items].sort(Buffer.compare)));
}

/**
 * A non-negative INTEGER from its big-endian magnitude. Leading zero bytes are dropped (DER wants the
 * shortest form), and one 0x00 is put back when the high bit is set, since INTEGER is two's complement and
 * the value would otherwise read as negative.
 */
export function integer(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.length === 0 ? Buffer.from([0]) : magnitude.subarray(start);
  const contents = trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return tlv(TAG.INTEGER, contents);
}

/** A small non-negative INTEGER such as a version number. */
export function smallInteger(value: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`DER: ${value} is not a non-negative safe integer`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return integer(Buffer.from(bytes.length ? bytes : [0]));
}

/** One OID arc in base 128, most significant group first; every byte but the last has its high bit set. */
function base128(arc: number): number[] {
  const groups = [arc % 128];
  for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) groups.unshift(0x80 | (rest % 128));
  return groups;
}

/** An OBJECT IDENTIFIER from its dotted form, e.g. "2.5.29.17". The first two arcs share one number (40·a + b). */
export function oid(dotted: string): Buffer {
  if (!/^[0-2](\.\d+)+$/.test(dotted)) throw new RangeError(`DER: "${dotted}" is not a dotted OID`);
  const arcs = dotted.split('.').map(Number);
  if (arcs.some((arc) => !Number.isSafeInteger(arc))) throw new RangeError(`DER: an arc of "${dotted}" is too large`);
  // below the roots 0 and 1 only 40 arcs fit before the shared number would collide with the next root
  if (arcs[0] < 2 && arcs[1] >= 40) throw new RangeError(`DER: "${dotted}" has a second arc of 40 or more under root ${arcs[0]}`);
  const bytes = [...base128(arcs[0] * 40 + arcs[1]), ...arcs.slice(2).flatMap(base128)];
  return tlv(TAG.OID, Buffer.from(bytes));
}

export function utf8String(text: string): Buffer {
  return tlv(TAG.UTF8_STRING, Buffer.from(text, 'utf8'));
}

/** PrintableString admits only a small ASCII subset; a value outside it would make the certificate invalid. */
export function printableString(text: string): Buffer {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new RangeError(`DER: "${text}" has characters a PrintableString cannot hold`);
  return tlv(TAG.PRINTABLE_STRING, Buffer.from(text, 'ascii'));
}

/** IA5String is 7-bit ASCII; X.509 uses it for DNS names in subjectAltName. */
export function ia5String(text: string): Buffer {
  if (!/^[\x00-\x7f]*$/.test(text)) throw new RangeError(`DER: "${text}" has characters an IA5String cannot hold`);
  return tlv(TAG.IA5_STRING, Buffer.from(text, 'ascii'));
}

/** A BIT STRING whose first contents byte counts the unused bits at the end of the last byte. */
export function bitString(bytes: Buffer, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (bytes.length === 0 && unusedBits !== 0)) {
    throw new RangeError(`DER: ${unusedBits} unused bits in a BIT STRING of ${bytes.length} bytes`);
  }
  return tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

/**
 * A BIT STRING of named bits (as keyUsage is), from the numbers of the bits that are set; bit 0 is the high
 * bit of the first byte. DER drops trailing zero bits, so the length and unused-bit count follow the highest
 * bit set.
 */
export function namedBitString(setBits: readonly number[]): Buffer {
  if (setBits.length === 0) return bitString(Buffer.alloc(0));
  const highest = Math.max(...setBits);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of setBits) bytes[Math.floor(bit / 8)] |= 0x80 >> bit % 8;
  return bitString(bytes, 7 - (highest % 8));
}

export function octetString(bytes: Buffer): Buffer {
  return tlv(TAG.OCTET_STRING, bytes);
}

/** DER writes TRUE as 0xff (BER would accept any non-zero byte). */
export function boolean(value: boolean): Buffer {
  return tlv(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0x00]));
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Month to second, in UTC with a "Z". The milliseconds are dropped: RFC 5280 forbids fractional seconds. */
function timeDigits(date: Date): string {
  return (
    pad(date.getUTCMonth() + 1, 2) +
    pad(date.getUTCDate(), 2) +
    pad(date.getUTCHours(), 2) +
    pad(date.getUTCMinutes(), 2) +
    pad(date.getUTCSeconds(), 2) +
    'Z'
  );
}

/** UTCTime, YYMMDDHHMMSSZ: its two-digit year only reaches 1950–2049. */
export function utcTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`DER: UTCTime cannot hold the year ${year}`);
  return tlv(TAG.UTC_TIME, Buffer.from(pad(year % 100, 2) + timeDigits(date), 'ascii'));
}

/** GeneralizedTime, YYYYMMDDHHMMSSZ. */
export function generalizedTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`DER: GeneralizedTime cannot hold the year ${year}`);
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(pad(year, 4) + timeDigits(date), 'ascii'));
}

/** An X.509 Time: RFC 5280 (4.1.2.5) requires UTCTime through 2049 and GeneralizedTime from 2050 on. */
export function x509Time(date: Date): Buffer {
  if (Number.isNaN(date.getTime())) throw new RangeError('DER: invalid date');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? utcTime(date) : generalizedTime(date);
}

function contextTagNumber(tagNumber: number): number {
  if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 30) throw new RangeError(`DER: unsupported context tag [${tagNumber}]`);
  return tagNumber;
}

/** An EXPLICIT context-specific tag, e.g. [0] for the version or [3] for the extensions: it wraps a whole encoding. */
export function explicit(tagNumber: number, encoded: Buffer): Buffer {
  return tlv(CONTEXT_SPECIFIC | CONSTRUCTED | contextTagNumber(tagNumber), encoded);
}

/**
 * An IMPLICIT context-specific tag: the tag replaces the universal one of an encoded value and keeps its
 * primitive or constructed form (subjectAltName's dNSName is [2] IMPLICIT IA5String, written as
 * `implicit(2, ia5String('localhost'))`).
 */
export function implicit(tagNumber: number, encoded: Buffer): Buffer {
  if (encoded.length < 2) throw new RangeError('DER: implicit() needs a complete encoding');
  const retagged = Buffer.from(encoded);
  retagged[0] = CONTEXT_SPECIFIC | (encoded[0] & CONSTRUCTED) | contextTagNumber(tagNumber);
  return retagged;
}
