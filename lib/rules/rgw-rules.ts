import { disallowedCharacter } from './allowed-characters';

/** RGW user ids as `radosgw-admin` accepts them without quoting trouble; `$` would mean a tenant. */
export function rgwUidViolations(uid: string): string[] {
  const broken: string[] = [];
  if (uid.length < 1 || uid.length > 64) broken.push(`must be 1 to 64 characters long (it has ${uid.length})`);
  const bad = disallowedCharacter(uid, /[A-Za-z0-9_.@+=-]/, 'letters, digits and _ . @ + = -');
  if (bad) broken.push(bad);
  return broken;
}

const CAP_TYPES = ['users', 'buckets', 'metadata', 'usage', 'zone', 'info', 'bilog', 'mdlog', 'datalog', 'user-policy', 'odsl', 'ratelimit', 'amz-cache', 'oidc-provider', 'roles'];

/** Caps such as `usage=read;buckets=*`. */
export function rgwCapsViolations(caps: string): string[] {
  const broken: string[] = [];
  for (const cap of caps.split(';').map((c) => c.trim()).filter(Boolean)) {
    const [type, perm, extra] = cap.split('=');
    if (extra !== undefined || !type || !perm) broken.push(`'${cap}' must have the form type=perm`);
    else if (!CAP_TYPES.includes(type.trim())) broken.push(`'${type}' is not an RGW cap type (one of ${CAP_TYPES.join(', ')})`);
    else if (!['read', 'write', '*', 'read,write', 'write,read'].includes(perm.trim())) broken.push(`'${perm}' must be read, write or *`);
  }
  return broken;
}

/** A quota in the constructs' terms; absent limits are unlimited. */
export interface QuotaSpec {
  readonly maxSizeBytes?: number;
  readonly maxObjects?: number;
}

export function quotaViolations(quota: QuotaSpec): string[] {
  const broken: string[] = [];
  for (const [field, value] of Object.entries(quota)) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) broken.push(`${field} must be a whole number >= 0 (got ${value})`);
  }
  return broken;
}
