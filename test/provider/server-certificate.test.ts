import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import * as der from '../../lib/provider/protocol/der';
import { createServerCertificate, ServerCertificate } from '../../lib/provider/protocol/server-certificate';

const hex = (buffer: Buffer): string => buffer.toString('hex');

/** Just enough DER reading to look inside the certificate: one element at `offset`, with its contents. */
function readElement(buffer: Buffer, offset = 0): { tag: number; contents: Buffer; end: number } {
  const tag = buffer[offset];
  let length = buffer[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = buffer.subarray(start, start + count).reduce((total, byte) => total * 256 + byte, 0);
    start += count;
  }
  return { tag, contents: buffer.subarray(start, start + length), end: start + length };
}

function children(contents: Buffer): { tag: number; contents: Buffer }[] {
  const out: { tag: number; contents: Buffer }[] = [];
  for (let offset = 0; offset < contents.length; ) {
    const element = readElement(contents, offset);
    out.push(element);
    offset = element.end;
  }
  return out;
}

/** The TBSCertificate's fields: version, serial, signature algorithm, issuer, validity, subject, key, extensions. */
function tbsFields(certificate: ServerCertificate): { tag: number; contents: Buffer }[] {
  const raw = new crypto.X509Certificate(certificate.certPem).raw;
  const [tbs] = children(readElement(raw).contents);
  return children(tbs.contents);
}

describe('DER writer', () => {
  test('writes short lengths in one byte and longer ones in the long form', () => {
    expect(hex(der.octetString(Buffer.alloc(127)).subarray(0, 2))).toBe('047f');
    expect(hex(der.octetString(Buffer.alloc(128)).subarray(0, 3))).toBe('048180');
    expect(hex(der.octetString(Buffer.alloc(256)).subarray(0, 4))).toBe('04820100');
  });

  test('writes integers in their shortest two-complement form', () => {
    expect(hex(der.integer(Buffer.from([0x7f])))).toBe('02017f');
    expect(hex(der.integer(Buffer.from([0x80])))).toBe('02020080');
    expect(hex(der.integer(Buffer.from([0x00, 0x00, 0x01, 0x00])))).toBe('02020100');
    expect(hex(der.integer(Buffer.from([0x00, 0x00, 0x80])))).toBe('02020080');
    expect(hex(der.integer(Buffer.alloc(0)))).toBe('020100');
    expect(hex(der.smallInteger(0))).toBe('020100');
    expect(hex(der.smallInteger(2))).toBe('020102');
    expect(hex(der.smallInteger(65537))).toBe('0203010001');
  });

  test('writes OIDs with the first two arcs combined and base-128 arcs', () => {
    expect(hex(der.oid('1.2.840.113549'))).toBe('06062a864886f70d');
    expect(hex(der.oid('2.5.29.17'))).toBe('0603551d11');
    expect(hex(der.oid('1.2.840.10045.4.3.2'))).toBe('06082a8648ce3d040302');
    expect(hex(der.oid('2.999.3'))).toBe('0603883703');
  });

  test('writes booleans, strings and bit strings as DER wants them', () => {
    expect(hex(der.boolean(true))).toBe('0101ff');
    expect(hex(der.boolean(false))).toBe('010100');
    expect(hex(der.utf8String('é'))).toBe('0c02c3a9');
    expect(hex(der.printableString('Ab 1'))).toBe('130441622031');
    expect(hex(der.ia5String('localhost'))).toBe('16096c6f63616c686f7374');
    expect(hex(der.bitString(Buffer.from([0xab])))).toBe('030200ab');
    // digitalSignature, keyEncipherment and keyCertSign: bits 0, 2 and 5, so two unused bits
    expect(hex(der.namedBitString([0, 2, 5]))).toBe('030202a4');
    expect(hex(der.namedBitString([8]))).toBe('0303070080');
    expect(hex(der.namedBitString([]))).toBe('030100');
  });

  test('sorts the elements of a SET by their encodings', () => {
    expect(hex(der.set(der.smallInteger(2), der.smallInteger(1)))).toBe('3106020101020102');
  });

  test('writes explicit tags around an encoding and implicit tags in place of its tag', () => {
    expect(hex(der.explicit(0, der.smallInteger(2)))).toBe('a003020102');
    expect(hex(der.explicit(3, der.sequence()))).toBe('a3023000');
    expect(hex(der.implicit(2, der.ia5String('a')))).toBe('820161');
    expect(hex(der.implicit(1, der.sequence(der.boolean(true))))).toBe('a1030101ff');
  });

  test('writes UTCTime through 2049 and GeneralizedTime from 2050, without fractions', () => {
    const lastUtc = new Date('2049-12-31T23:59:59.999Z');
    const firstGeneralized = new Date('2050-01-01T00:00:00.000Z');
    expect(der.x509Time(lastUtc).toString('latin1')).toBe('\x17\x0d491231235959Z');
    expect(der.x509Time(firstGeneralized).toString('latin1')).toBe('\x18\x0f20500101000000Z');
    expect(der.x509Time(new Date('1950-01-01T00:00:00Z')).toString('latin1')).toBe('\x17\x0d500101000000Z');
    expect(der.x509Time(new Date('1949-12-31T23:59:59Z')).toString('latin1')).toBe('\x18\x0f19491231235959Z');
  });

  test('fails on values DER or the string types cannot hold', () => {
    expect(() => der.printableString('a@b')).toThrow(RangeError);
    expect(() => der.ia5String('é')).toThrow(RangeError);
    expect(() => der.utcTime(new Date('2050-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => der.x509Time(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => der.oid('1.40.1')).toThrow(RangeError);
    expect(() => der.oid('3.1')).toThrow(RangeError);
    expect(() => der.oid('1')).toThrow(RangeError);
    expect(() => der.smallInteger(-1)).toThrow(RangeError);
    expect(() => der.bitString(Buffer.from([0xff]), 8)).toThrow(RangeError);
    expect(() => der.explicit(31, der.sequence())).toThrow(RangeError);
  });
});

describe('server certificate', () => {
  const now = new Date();
  const certificate = createServerCertificate(now);
  const x509 = new crypto.X509Certificate(certificate.certPem);

  test('parses as an X.509 certificate and verifies with its own public key', () => {
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.checkIssued(x509)).toBe(true);
    expect(x509.publicKey.asymmetricKeyType).toBe('ec');
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  test('names localhost in the subject alternative name and checkHost accepts it', () => {
    expect(x509.subjectAltName).toBe('DNS:localhost');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkHost('example.com')).toBeUndefined();
  });

  test('is its own CA, with the project as organisation and localhost as common name', () => {
    expect(x509.ca).toBe(true);
    expect(x509.subject).toBe('O=cdktf-s3-admin provider\nCN=localhost');
    expect(x509.issuer).toBe(x509.subject);
  });

  test('allows both server and client authentication', () => {
    expect(x509.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
  });

  test('is valid from 30 seconds before now for ten years', () => {
    const validFrom = new Date(x509.validFrom);
    const validTo = new Date(x509.validTo);
    expect(validFrom.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(validTo.getTime()).toBeGreaterThan(now.getTime());

    const fixed = new Date('2030-03-04T05:06:07.890Z');
    const later = new crypto.X509Certificate(createServerCertificate(fixed).certPem);
    expect(new Date(later.validFrom).toISOString()).toBe('2030-03-04T05:05:37.000Z');
    expect(new Date(later.validTo).toISOString()).toBe('2040-03-04T05:06:07.000Z');
  });

  test('writes an end of validity from 2050 on as GeneralizedTime', () => {
    const late = createServerCertificate(new Date('2045-06-01T12:00:00Z'));
    const validity = children(tbsFields(late)[4].contents);
    expect(validity.map((time) => [time.tag, time.contents.toString('ascii')])).toEqual([
      [0x17, '450601115930Z'],
      [0x18, '20550601120000Z'],
    ]);
    expect(new Date(new crypto.X509Certificate(late.certPem).validTo).toISOString()).toBe('2055-06-01T12:00:00.000Z');
  });

  test('is a v3 certificate with a positive serial of at most 16 bytes', () => {
    for (let i = 0; i < 20; i++) {
      const [version, serial] = tbsFields(createServerCertificate());
      expect(hex(version.contents)).toBe('020102');
      expect(serial.tag).toBe(0x02);
      expect(serial.contents.length).toBeLessThanOrEqual(16);
      expect(serial.contents[0] & 0x80).toBe(0);
      // DER's shortest form: a leading zero byte only before a byte with the high bit set
      if (serial.contents.length > 1 && serial.contents[0] === 0) expect(serial.contents[1] & 0x80).toBe(0x80);
    }
  });

  test('hands over the DER in unpadded standard base64, the same bytes as the PEM', () => {
    expect(certificate.handshakeCert).toMatch(/^[A-Za-z0-9+/]+$/);
    expect(Buffer.from(certificate.handshakeCert, 'base64').equals(x509.raw)).toBe(true);
    const pemBody = certificate.certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\n/g, '');
    expect(Buffer.from(pemBody, 'base64').equals(x509.raw)).toBe(true);
  });

  test('gives the private key as PKCS#8 PEM that matches the certificate', () => {
    expect(certificate.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(x509.checkPrivateKey(crypto.createPrivateKey(certificate.keyPem))).toBe(true);
  });

  test('makes a new key and serial every time', () => {
    const other = new crypto.X509Certificate(createServerCertificate(now).certPem);
    expect(other.serialNumber).not.toBe(x509.serialNumber);
    expect(other.fingerprint256).not.toBe(x509.fingerprint256);
    expect(other.publicKey.export({ type: 'spki', format: 'der' }).equals(x509.publicKey.export({ type: 'spki', format: 'der' }))).toBe(false);
  });

  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  (hasOpenssl ? test : test.skip)(
    hasOpenssl
      ? 'openssl x509 reads it as a CA for TLS server and client authentication of localhost'
      : 'openssl x509 reads it as a CA for TLS server and client authentication of localhost (skipped: no openssl command on this machine)',
    () => {
      const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: certificate.certPem, encoding: 'utf8' });
      expect(text).toContain('CA:TRUE');
      expect(text).toContain('TLS Web Server Authentication');
      expect(text).toContain('TLS Web Client Authentication');
      expect(text).toContain('DNS:localhost');
      expect(text).toContain('Certificate Sign');
    },
  );
});

describe('mutual TLS as go-plugin AutoMTLS does it', () => {
  interface Outcome {
    /** what the server saw: the client's certificate fingerprint when it accepted the connection */
    readonly acceptedClient?: string;
    readonly serverError?: string;
    readonly clientError?: string;
    /** what the client read from the server after the handshake */
    readonly reply: string;
  }

  /**
   * A server with `serverCert` that accepts only `acceptedClient`'s certificate, and a client that trusts
   * `trustedByClient` as its CA and presents `presented` (or nothing).
   */
  async function connect(options: {
    serverCert: ServerCertificate;
    acceptedClient: ServerCertificate;
    trustedByClient: ServerCertificate;
    presented?: ServerCertificate;
  }): Promise<Outcome> {
    const server = tls.createServer({
      key: options.serverCert.keyPem,
      cert: options.serverCert.certPem,
      requestCert: true,
      rejectUnauthorized: true,
      ca: options.acceptedClient.certPem,
    });
    const serverSide = new Promise<{ acceptedClient?: string; serverError?: string }>((resolve) => {
      server.on('secureConnection', (socket) => {
        resolve({ acceptedClient: socket.getPeerCertificate().fingerprint256 });
        socket.end('hello');
      });
      // Node's server checks the client certificate after OpenSSL's handshake and only hangs up, so the reason is
      // on the socket rather than in the error
      server.on('tlsClientError', (error, socket) => resolve({ serverError: socket.authorizationError ? String(socket.authorizationError) : error.message }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const clientSide = new Promise<{ clientError?: string; reply: string }>((resolve) => {
        let reply = '';
        let clientError: string | undefined;
        const socket = tls.connect({
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          servername: 'localhost',
          ca: options.trustedByClient.certPem,
          ...(options.presented ? { key: options.presented.keyPem, cert: options.presented.certPem } : {}),
        });
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (reply += chunk));
        socket.on('error', (error) => (clientError = error.message));
        socket.on('close', () => resolve({ clientError, reply }));
      });
      const clientResult = await clientSide;
      // a server that saw neither a connection nor an error would be a bug of its own; give up on it after a second
      const serverResult = await Promise.race([serverSide, new Promise<object>((resolve) => setTimeout(() => resolve({ serverError: 'no server event' }), 1000).unref())]);
      return { ...serverResult, ...clientResult };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  const serverCert = createServerCertificate();
  const engineClient = createServerCertificate();
  const fingerprint = (certificate: ServerCertificate): string => new crypto.X509Certificate(certificate.certPem).fingerprint256;

  test('accepts the client certificate the engine handed over, and the client trusts the server', async () => {
    const outcome = await connect({ serverCert, acceptedClient: engineClient, trustedByClient: serverCert, presented: engineClient });
    expect(outcome).toEqual({ acceptedClient: fingerprint(engineClient), reply: 'hello' });
  });

  test('fails the handshake when the client presents a different certificate', async () => {
    const stranger = createServerCertificate();
    const outcome = await connect({ serverCert, acceptedClient: engineClient, trustedByClient: serverCert, presented: stranger });
    expect(outcome.acceptedClient).toBeUndefined();
    expect(outcome.serverError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(outcome.reply).toBe('');
  });

  test('fails the handshake when the client presents no certificate', async () => {
    const outcome = await connect({ serverCert, acceptedClient: engineClient, trustedByClient: serverCert });
    expect(outcome.acceptedClient).toBeUndefined();
    expect(outcome.serverError).toMatch(/peer did not return a certificate/);
    expect(outcome.reply).toBe('');
  });

  test('fails the handshake when the client trusts another certificate than the server presents', async () => {
    const outcome = await connect({ serverCert, acceptedClient: engineClient, trustedByClient: createServerCertificate(), presented: engineClient });
    // the refusal is the client's; whether the server saw the handshake finish first is a race, so it is not checked
    expect(outcome.clientError).toMatch(/self[- ]signed certificate/);
    expect(outcome.reply).toBe('');
  });
});
