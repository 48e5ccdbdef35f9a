import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AdminApiError, TransportError } from '../lib/admin-api/admin-api-error';
import { loadCredentials } from '../lib/admin-api/credentials';
import { parseErrorBody } from '../lib/admin-api/error-body';
import { backoffDelayMs, isRetryable, parseRetryAfterMs, withRetries } from '../lib/admin-api/retry-policy';
import { canonicalQueryString, encodeRfc3986, SignedHttpClient } from '../lib/admin-api/signed-http-client';
import { signV2, v2Signature, v2StringToSign } from '../lib/admin-api/sigv2';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('Signature V2', () => {
  // The example of the S3 REST authentication documentation ("Object GET")
  test('matches the published example', () => {
    const stringToSign = v2StringToSign({
      method: 'GET',
      path: '/awsexamplebucket1/photos/puppy.jpg',
      query: {},
      headers: { Date: 'Tue, 27 Mar 2007 19:36:42 +0000' },
    });
    expect(stringToSign).toBe('GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg');
    expect(v2Signature(stringToSign, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('qgk2+6Sv9/oM7G3qLEjTH1a1l1g=');
  });

  test('signV2 adds the Date it signed and the Authorization header', () => {
    const headers = signV2({ method: 'GET', path: '/', query: {}, headers: {} }, { accessKeyId: 'AK', secretAccessKey: 'SK' }, new Date(0));
    expect(headers.date).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(headers.authorization).toBe(`AWS AK:${v2Signature('GET\n\n\nThu, 01 Jan 1970 00:00:00 GMT\n/', 'SK')}`);
  });

  test("signs ostor's admin sub-resource with its flags, but not other query parameters", () => {
    const s = v2StringToSign({ method: 'POST', path: '/', query: { 'ostor-users': '', emailAddress: 'a@b.c', genKey: '' }, headers: { date: 'D' } });
    expect(s).toBe('POST\n\n\nD\n/?ostor-users');
  });

  test('x-amz headers are canonical and replace the Date line', () => {
    expect(v2StringToSign({ method: 'PUT', path: '/b', query: { acl: '' }, headers: { 'X-Amz-Meta-B': ' 2 ', 'x-amz-date': 'X', 'content-type': 'text/plain' } })).toBe(
      'PUT\n\ntext/plain\n\nx-amz-date:X\nx-amz-meta-b:2\n/b?acl',
    );
  });
});

describe('query encoding', () => {
  test.each([
    ['a b', 'a%20b'],
    ["it's (ok)*!", 'it%27s%20%28ok%29%2A%21'],
    ['~-._', '~-._'],
    ['a/b=c&d', 'a%2Fb%3Dc%26d'],
  ])('RFC 3986 encodes %p as %p', (raw, encoded) => expect(encodeRfc3986(raw)).toBe(encoded));

  test('sorts parameters and writes bare flags as key=', () => {
    expect(canonicalQueryString({ uid: 'a', key: '', 'access-key': 'K' })).toBe('access-key=K&key=&uid=a');
  });
});

describe('retry policy', () => {
  test.each([
    [new AdminApiError('op', 503, 'ServiceUnavailable', ''), true],
    [new AdminApiError('op', 500, 'InternalError', ''), true],
    [new AdminApiError('op', 429, 'TooManyRequests', ''), true],
    [new AdminApiError('op', 400, 'SlowDown', ''), true],
    [new AdminApiError('op', 404, 'NoSuchUser', ''), false],
    [new AdminApiError('op', 403, 'AccessDenied', ''), false],
    [new AdminApiError('op', 501, 'NotImplemented', ''), false],
    [new TransportError('op', 'ECONNRESET', 'socket hang up'), true],
    [new TransportError('op', 'ECONNREFUSED', 'refused'), true],
    [new TransportError('op', 'ENOTFOUND', 'no such host'), false],
    [new Error('bug'), false],
  ])('%s is retryable: %p', (error, expected) => expect(isRetryable(error)).toBe(expected));

  test('backoff doubles up to the cap, with full jitter below it', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(policy, n, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });

  test('Retry-After in seconds or as a date, capped by the policy', () => {
    expect(parseRetryAfterMs('2', policy)).toBe(1000);
    expect(parseRetryAfterMs('0.5', policy)).toBe(500);
    expect(parseRetryAfterMs(new Date(10_300).toUTCString(), policy, 10_000)).toBe(0);
    expect(parseRetryAfterMs('soon', policy)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, policy)).toBeUndefined();
  });

  test('retries until success and reports each wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 3) throw new AdminApiError('op', 503, 'ServiceUnavailable', '');
        return 'ok';
      },
      policy,
      { sleep: async () => undefined, random: () => 0.5, onRetry: (_e, _a, ms) => waits.push(ms) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([50, 100]);
  });

  test('honours Retry-After over its own backoff', async () => {
    const waits: number[] = [];
    let calls = 0;
    await withRetries(
      async () => {
        if (calls++ === 0) throw new AdminApiError('op', 429, 'TooManyRequests', '', undefined, 700);
      },
      policy,
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([700]);
  });

  test('fails at once on an error that retrying cannot fix, and after the last attempt otherwise', async () => {
    let calls = 0;
    await expect(withRetries(async () => { calls++; throw new AdminApiError('op', 403, 'AccessDenied', ''); }, policy, { sleep: async () => undefined })).rejects.toThrow(/403 AccessDenied/);
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetries(async () => { calls++; throw new TransportError('op', 'ECONNRESET', 'x'); }, policy, { sleep: async () => undefined })).rejects.toThrow(/ECONNRESET/);
    expect(calls).toBe(4);
  });
});

describe('error bodies', () => {
  test.each([
    ['{"Code":"NoSuchUser","RequestId":"tx1","HostId":"h"}', { code: 'NoSuchUser', requestId: 'tx1' }],
    ['<?xml version="1.0"?><Error><Code>XAdminUserExists</Code><Message>A user exists.</Message></Error>', { code: 'XAdminUserExists', message: 'A user exists.' }],
    ['not json', {}],
    ['', {}],
  ])('%s', (body, expected) => expect(parseErrorBody(body)).toEqual(expect.objectContaining(expected)));
});

describe('admin credentials', () => {
  const source = { accessKeyEnv: 'X_AK', secretKeyEnv: 'X_SK', credentialsFileEnv: 'X_FILE' };

  test('come from the two variables', () => {
    expect(loadCredentials(source, { X_AK: 'a', X_SK: 's' })).toEqual({ accessKeyId: 'a', secretAccessKey: 's' });
  });

  test('or from the file the third variable names', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cred-')), 'c.json');
    fs.writeFileSync(file, JSON.stringify({ accessKeyId: 'fa', secretAccessKey: 'fs' }));
    expect(loadCredentials(source, { X_FILE: file })).toEqual({ accessKeyId: 'fa', secretAccessKey: 'fs' });
  });

  test('fail naming the variables to set, never a value', () => {
    expect(() => loadCredentials(source, { X_AK: 'only-the-id' })).toThrow(
      /admin credentials missing: set X_AK and X_SK, or X_FILE to a credentials file/,
    );
    expect(() => loadCredentials(source, { X_AK: 'only-the-id' })).not.toThrow(/only-the-id/);
  });

  test('fail clearly on a broken credentials file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cred-')), 'c.json');
    fs.writeFileSync(file, '{"accessKeyId":"x"}');
    expect(() => loadCredentials(source, { X_FILE: file })).toThrow(/needs "accessKeyId" and "secretAccessKey"/);
  });

  test('fail on a file that is not JSON without quoting any of it', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cred-')), 'c.json');
    fs.writeFileSync(file, '{"accessKeyId": "AKIA1", "secretAccessKey": s3cr3tValue}');
    const error = (() => {
      try {
        loadCredentials(source, { X_FILE: file });
      } catch (e) {
        return e as Error;
      }
      throw new Error('no error');
    })();
    expect(error.message).toMatch(/\(.*c\.json\) is not valid JSON$/);
    expect(error.message).not.toMatch(/s3cr3t|AKIA1/);
  });

  test('fail on a missing file naming the variable and the path', () => {
    expect(() => loadCredentials(source, { X_FILE: '/nonexistent/c.json' })).toThrow(/named by X_FILE \(\/nonexistent\/c\.json\): ENOENT/);
  });
});

describe('calls that must not arrive twice', () => {
  /** A server that counts arrivals and drops the connection of the ones `lose` names, after counting them. */
  async function countingServer(lose: (n: number) => boolean) {
    let arrivals = 0;
    const server = http.createServer((req, res) => {
      arrivals += 1;
      req.resume();
      if (lose(arrivals)) req.socket.destroy();
      else res.end('{"made":"by-the-answer"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new SignedHttpClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' },
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const stop = () => {
      client.close();
      return new Promise<void>((r) => server.close(() => r()));
    };
    return { client, arrivals: () => arrivals, stop };
  }
  const request = { operation: 'make a thing', method: 'POST' as const, path: '/make' };
  const parse = (r: { body: string }) => JSON.parse(r.body).made as string;

  test('a lost answer is looked up instead of being sent again', async () => {
    const { client, arrivals, stop } = await countingServer((n) => n === 1);
    const lookups: number[] = [];
    try {
      const made = await client.sendNotRepeatable(request, parse, async () => (lookups.push(arrivals()), 'found-by-lookup'));
      expect(made).toBe('found-by-lookup');
      expect(arrivals()).toBe(1);
      expect(lookups).toEqual([1]);
    } finally {
      await stop();
    }
  });

  test('when the lookup finds nothing the call is sent again; the first attempt never looks', async () => {
    const { client, arrivals, stop } = await countingServer((n) => n === 1);
    let lookups = 0;
    try {
      expect(await client.sendNotRepeatable(request, parse, async () => (lookups++, undefined))).toBe('by-the-answer');
      expect([arrivals(), lookups]).toEqual([2, 1]);
      expect(await client.sendNotRepeatable(request, parse, async () => (lookups++, 'unused'))).toBe('by-the-answer');
      expect([arrivals(), lookups]).toEqual([3, 1]);
    } finally {
      await stop();
    }
  });

  test('a removal whose lost attempt removed the object ends without a second arrival', async () => {
    const { client, arrivals, stop } = await countingServer(() => true);
    try {
      await client.sendUnlessDone({ ...request, method: 'DELETE' }, async () => arrivals() > 0);
      expect(arrivals()).toBe(1);
    } finally {
      await stop();
    }
  });
});
