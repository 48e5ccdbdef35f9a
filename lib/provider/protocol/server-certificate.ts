import * as crypto from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  ia5String,
  implicit,
  integer,
  namedBitString,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  utf8String,
  x509Time,
} from './der';

/**
 * The TLS identity the provider serves gRPC with under go-plugin's AutoMTLS.
 *
 * The engine trusts exactly this certificate: it reads it from the handshake line and uses it as the only
 * root CA when it verifies the server, which is why the certificate is its own CA (basicConstraints CA:TRUE,
 * keyCertSign) as well as a server certificate for "localhost".
 */
export interface ServerCertificate {
  readonly certPem: string;
  /** the private key as PKCS#8 PEM */
  readonly keyPem: string;
  /** the certificate's DER in base64 without '=' padding, as the go-plugin handshake line carries it */
  readonly handshakeCert: string;
}

const HOST_NAME = 'localhost';
const ORGANIZATION = 'cdktf-s3-admin provider';
/** A certificate that starts exactly "now" would look not yet valid to a peer whose clock is a little behind. */
const CLOCK_SKEW_MS = 30_000;
/** The certificate lives as long as one provider process; the long validity only avoids any expiry question. */
const VALIDITY_YEARS = 10;
/** RFC 5280 allows serials up to 20 bytes; 16 random bytes make collisions a non-question. */
const SERIAL_BYTES = 16;

const OIDS = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  organizationName: '2.5.4.10',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** The bit numbers of the KeyUsage BIT STRING (RFC 5280, 4.2.1.3). */
const KEY_USAGE_BITS = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5 } as const;

/**
 * Makes a fresh P-256 key and a self-signed certificate for it, valid from 30 s before `now` for 10 years.
 * Each call gives a new key and a new random serial.
 */
export function createServerCertificate(now: Date = new Date()): ServerCertificate {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });

  const tbs = tbsCertificate(spki, now);
  // Node signs EC keys in the DER form (SEQUENCE of r and s) that X.509's ECDSA-Sig-Value wants
  const signature = crypto.sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm(OIDS.ecdsaWithSha256), bitString(signature));

  return {
    certPem: toPem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    handshakeCert: der.toString('base64').replace(/=+$/, ''),
  };
}

function tbsCertificate(spki: Buffer, now: Date): Buffer {
  const name = distinguishedName();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const notAfter = new Date(now.getTime());
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);

  return sequence(
    explicit(0, smallInteger(2)), // v3, the version that has extensions
    integer(randomSerial()),
    algorithm(OIDS.ecdsaWithSha256),
    name, // issuer: self-signed, so the same bytes as the subject
    sequence(x509Time(notBefore), x509Time(notAfter)),
    name,
    spki,
    explicit(3, sequence(...extensions(spki))),
  );
}

/** An AlgorithmIdentifier; the ECDSA signature algorithms take no parameters, not even NULL (RFC 5758, 3.2). */
function algorithm(dotted: string): Buffer {
  return sequence(oid(dotted));
}

/** O=…, CN=localhost, one attribute per RDN, most significant first as X.500 orders them. */
function distinguishedName(): Buffer {
  const rdn = (type: string, value: string): Buffer => set(sequence(oid(type), utf8String(value)));
  return sequence(rdn(OIDS.organizationName, ORGANIZATION), rdn(OIDS.commonName, HOST_NAME));
}

/** Positive by construction: the first bit is cleared, so INTEGER needs no sign byte beyond DER's rules. */
function randomSerial(): Buffer {
  const serial = crypto.randomBytes(SERIAL_BYTES);
  serial[0] &= 0x7f;
  return serial;
}

function extensions(spki: Buffer): Buffer[] {
  return [
    // critical, as RFC 5280 requires of basicConstraints in a CA certificate (and Go writes it)
    extension(OIDS.basicConstraints, true, sequence(boolean(true))),
    extension(
      OIDS.keyUsage,
      true,
      namedBitString([KEY_USAGE_BITS.digitalSignature, KEY_USAGE_BITS.keyEncipherment, KEY_USAGE_BITS.keyCertSign]),
    ),
    // both: the engine checks serverAuth on this certificate, and the same shape serves for client certificates
    extension(OIDS.extKeyUsage, false, sequence(oid(OIDS.serverAuth), oid(OIDS.clientAuth))),
    // Go and Node verify host names against the SAN only; the CN is there for people reading the certificate
    extension(OIDS.subjectAltName, false, sequence(implicit(2, ia5String(HOST_NAME)))),
    // RFC 5280 requires it of CA certificates, and OpenSSL's strict checks look for it
    extension(OIDS.subjectKeyIdentifier, false, octetString(subjectKeyIdentifier(spki))),
  ];
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }; DER omits a FALSE default. */
function extension(dotted: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(oid(dotted), boolean(true), octetString(value)) : sequence(oid(dotted), octetString(value));
}

/**
 * Method (1) of RFC 5280, 4.2.1.2: the SHA-1 of the subjectPublicKey bits. For a P-256 key those are the
 * 65-byte uncompressed point that ends the SubjectPublicKeyInfo, right after the BIT STRING header 03 42 00.
 */
function subjectKeyIdentifier(spki: Buffer): Buffer {
  const point = spki.subarray(spki.length - 65);
  const header = spki.subarray(spki.length - 68, spki.length - 65);
  if (point[0] !== 0x04 || !header.equals(Buffer.from([0x03, 0x42, 0x00]))) {
    throw new Error('server certificate: the public key is not an uncompressed P-256 point');
  }
  return crypto.createHash('sha1').update(point).digest();
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
