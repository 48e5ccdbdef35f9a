import { createHmac } from 'node:crypto';
import { AdminCredentials } from './credentials';

/** Sub-resources that belong to the signed resource in Signature V2 (the S3 list, plus ostor's admin services). */
const SIGNED_SUBRESOURCES = new Set([
  'acl', 'cors', 'delete', 'lifecycle', 'location', 'logging', 'notification', 'partNumber', 'policy',
  'requestPayment', 'tagging', 'torrent', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'website',
  'ostor-users', 'ostor-buckets', 'ostor-limits', 'ostor-usage',
]);

export interface V2Request {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Record<string, string>;
}

/**
 * The string AWS Signature V2 signs: verb, Content-MD5, Content-Type, Date (or empty with x-amz-date),
 * canonical x-amz-* headers, and the path with its signed sub-resources in sorted order.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
 */
export function v2StringToSign(request: V2Request): string {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const amzHeaders = Object.keys(headers)
    .filter((k) => k.startsWith('x-amz-'))
    .sort()
    .map((k) => `${k}:${headers[k]}\n`)
    .join('');
  const subresources = Object.keys(request.query)
    .filter((k) => SIGNED_SUBRESOURCES.has(k))
    .sort()
    .map((k) => (request.query[k] === '' ? k : `${k}=${request.query[k]}`));
  const resource = request.path + (subresources.length ? `?${subresources.join('&')}` : '');
  const date = headers['x-amz-date'] ? '' : (headers['date'] ?? '');
  return [request.method, headers['content-md5'] ?? '', headers['content-type'] ?? '', date, amzHeaders + resource].join('\n');
}

export function v2Signature(stringToSign: string, secretAccessKey: string): string {
  return createHmac('sha1', secretAccessKey).update(stringToSign, 'utf8').digest('base64');
}

/** Adds `Date` and the V2 `Authorization` header to the request's headers. */
export function signV2(request: V2Request, credentials: AdminCredentials, now: Date): Record<string, string> {
  const headers = { ...request.headers, date: now.toUTCString() };
  const signature = v2Signature(v2StringToSign({ ...request, headers }), credentials.secretAccessKey);
  return { ...headers, authorization: `AWS ${credentials.accessKeyId}:${signature}` };
}
