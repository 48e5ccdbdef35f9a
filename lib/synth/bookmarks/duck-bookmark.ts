import { createHash } from 'node:crypto';
import * as plist from 'plist';

export interface DuckBookmarkOptions {
  /** The bucket the bookmark opens. */
  readonly bucketName: string;
  /** @default - the bucket name */
  readonly nickname?: string;
  /** @default 's3.amazonaws.com' */
  readonly hostname?: string;
  /** @default 443 */
  readonly port?: number;
  /** @default 's3' (Cyberduck's protocol id for Amazon S3 and compatible stores over HTTPS) */
  readonly protocol?: string;
}

/**
 * A stable UUID (RFC 4122 version 5 layout) derived from the bookmark's identity, so that re-synthesizing
 * yields the same file and Cyberduck updates its existing bookmark on re-import instead of adding another.
 */
function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Renders a Cyberduck `.duck` bookmark (an XML property list). It holds no user name and no secret:
 * Cyberduck asks for the access key pair when the bookmark is opened.
 */
export function duckBookmark(options: DuckBookmarkOptions): string {
  const hostname = options.hostname ?? 's3.amazonaws.com';
  const protocol = options.protocol ?? 's3';
  return plist.build({
    Protocol: protocol,
    Provider: 'iterate GmbH',
    UUID: stableUuid(`${protocol}://${hostname}/${options.bucketName}`),
    Nickname: options.nickname ?? options.bucketName,
    Hostname: hostname,
    Port: String(options.port ?? 443),
    Path: `/${options.bucketName}`,
  });
}
