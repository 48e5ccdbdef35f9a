import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { v2Signature, v2StringToSign } from '../../lib/admin-api/sigv2';

interface SimUser {
  email: string;
  id: string;
  state: 'enabled' | 'disabled';
  keys: Array<{ AWSAccessKeyId: string; AWSSecretAccessKey: string }>;
}

interface SimBucket {
  name: string;
  ownerId: string;
  objects: number;
}

/** ostor refuses a third key pair. */
const MAX_KEYS = 2;
/** Requests whose Date is further off than this are refused, as S3 does. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * A strict simulator of the ostor users admin API, written from its reference: it checks the Signature V2
 * of every request (admin key for `?ostor-*`, any user key for bucket calls), keeps state, and answers with
 * the documented JSON shapes, or S3-style XML errors.
 */
export class OstorSimulator {
  readonly users = new Map<string, SimUser>();
  readonly buckets = new Map<string, SimBucket>();
  /** Method and query of every request that passed authentication. */
  readonly requests: Array<{ method: string; query: string }> = [];
  /** Every key pair handed out (at signup and by genKey), revoked ones included. */
  readonly issued: Array<{ email: string; AWSAccessKeyId: string; AWSSecretAccessKey: string }> = [];
  private server?: http.Server;

  constructor(readonly adminAccessKey: string, private readonly adminSecretKey: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** A bucket made by a user outside the admin API (as a client would, with PUT /bucket). */
  addBucket(name: string, email: string, objects = 0): void {
    this.buckets.set(name, { name, ownerId: this.users.get(email)!.id, objects });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const caller = this.authenticate(req, url.pathname, query);
    if (typeof caller !== 'string') return this.error(res, caller.status, caller.code, caller.message);
    this.requests.push({ method: req.method ?? '', query: url.search });
    if (url.pathname !== '/') {
      if (caller !== 'admin') return this.error(res, 403, 'AccessDenied', 'Access Denied');
      return this.bucketCall(req.method ?? '', decodeURIComponent(url.pathname.slice(1)), res);
    }
    if (caller !== 'admin') return this.error(res, 403, 'AccessDenied', 'only the system administrator may use the ostor services');
    if ('ostor-users' in query) return this.usersCall(req.method ?? '', query, res);
    if ('ostor-buckets' in query && req.method === 'GET') return this.bucketsList(query.emailAddress, res);
    return this.error(res, 400, 'InvalidRequest', 'unknown service');
  }

  private authenticate(req: http.IncomingMessage, path: string, query: Record<string, string>): string | { status: number; code: string; message: string } {
    const auth = req.headers.authorization ?? '';
    const match = /^AWS ([^:]+):(.+)$/.exec(auth);
    if (!match) return { status: 403, code: 'AccessDenied', message: 'Signature V2 Authorization header required' };
    const date = Date.parse(String(req.headers['x-amz-date'] ?? req.headers.date ?? ''));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > MAX_SKEW_MS) {
      return { status: 403, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the server time is too large' };
    }
    const [, keyId, signature] = match;
    const secret = keyId === this.adminAccessKey ? this.adminSecretKey : this.userSecret(keyId);
    if (!secret) return { status: 403, code: 'InvalidAccessKeyId', message: 'The access key you provided does not exist' };
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const expected = v2Signature(v2StringToSign({ method: req.method ?? '', path, query, headers }), secret);
    if (expected !== signature) return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided' };
    return keyId === this.adminAccessKey ? 'admin' : keyId;
  }

  private userSecret(keyId: string): string | undefined {
    for (const u of this.users.values()) {
      const key = u.keys.find((k) => k.AWSAccessKeyId === keyId);
      if (key && u.state === 'enabled') return key.AWSSecretAccessKey;
    }
    return undefined;
  }

  private usersCall(method: string, q: Record<string, string>, res: http.ServerResponse): void {
    const email = q.emailAddress;
    if (method === 'GET' && email === undefined) {
      return this.json(res, 200, [...this.users.values()].map((u) => ({ UserEmail: u.email, UserId: u.id, State: u.state, OwnerId: '0000000000000000' })));
    }
    if (!email) return this.error(res, 400, 'InvalidArgument', 'emailAddress is required');
    const user = this.users.get(email);
    if (method === 'PUT') {
      if (user) return this.error(res, 409, 'UserAlreadyExists', `a user with email ${email} already exists`);
      const created: SimUser = { email, id: randomBytes(8).toString('hex'), state: 'enabled', keys: [] };
      created.keys.push(this.newKey(created));
      this.users.set(email, created);
      return this.json(res, 200, { UserEmail: email, UserId: created.id, AWSAccessKeys: created.keys });
    }
    if (!user) return this.error(res, 404, 'NoSuchUser', `no user with email ${email}`);
    if (method === 'GET') {
      return this.json(res, 200, { UserEmail: email, UserId: user.id, State: user.state, OwnerId: '0000000000000000', Flags: [], AWSAccessKeys: user.keys });
    }
    if (method === 'DELETE') {
      const owned = [...this.buckets.values()].filter((b) => b.ownerId === user.id);
      if (owned.length) return this.error(res, 409, 'UserHasBuckets', `user ${email} owns buckets and cannot be removed until they are deleted`);
      this.users.delete(email);
      return this.empty(res);
    }
    if (method === 'POST') {
      if ('disable' in q || 'enable' in q) {
        user.state = 'disable' in q ? 'disabled' : 'enabled';
        return this.empty(res);
      }
      if ('genKey' in q) {
        if (user.keys.length >= MAX_KEYS) return this.error(res, 409, 'TooManyKeys', `user ${email} already has ${MAX_KEYS} key pairs`);
        const key = this.newKey(user);
        user.keys.push(key);
        return this.json(res, 200, { UserEmail: email, UserId: user.id, AWSAccessKeys: [key] });
      }
      if ('revokeKey' in q) {
        const index = user.keys.findIndex((k) => k.AWSAccessKeyId === q.revokeKey);
        if (index < 0) return this.error(res, 404, 'NoSuchKey', `user ${email} has no key ${q.revokeKey}`);
        user.keys.splice(index, 1);
        return this.empty(res);
      }
    }
    return this.error(res, 400, 'InvalidRequest', 'unsupported ostor-users call');
  }

  private bucketsList(email: string | undefined, res: http.ServerResponse): void {
    const owner = email === undefined ? undefined : this.users.get(email);
    if (email !== undefined && !owner) return this.error(res, 404, 'NoSuchUser', `no user with email ${email}`);
    const buckets = [...this.buckets.values()].filter((b) => !owner || b.ownerId === owner.id);
    return this.json(res, 200, {
      Buckets: buckets.map((b) => ({ size: { current: 0, h_integral: 0, hmax: 0, last_ts: 0 }, epoch: 0, owner_id: b.ownerId, name: b.name, creation_date: new Date(0).toISOString() })),
    });
  }

  private bucketCall(method: string, name: string, res: http.ServerResponse): void {
    const bucket = this.buckets.get(name);
    if (method !== 'DELETE') return this.error(res, 405, 'MethodNotAllowed', 'only DELETE of a bucket is simulated');
    if (!bucket) return this.error(res, 404, 'NoSuchBucket', `no bucket ${name}`);
    if (bucket.objects > 0) return this.error(res, 409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty');
    this.buckets.delete(name);
    res.writeHead(204).end();
  }

  private newKey(user: SimUser) {
    const suffix = randomBytes(3).toString('base64').replace(/[^A-Za-z0-9]/g, 'X').slice(0, 4).toUpperCase();
    const key = { AWSAccessKeyId: `${user.id}${suffix}`, AWSSecretAccessKey: randomBytes(30).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 40) };
    this.issued.push({ email: user.email, ...key });
    return key;
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body, null, 4));
  }

  private empty(res: http.ServerResponse): void {
    res.writeHead(200).end();
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
  }
}
