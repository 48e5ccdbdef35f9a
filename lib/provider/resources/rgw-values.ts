import { RgwQuota } from '../../admin-api/rgw-admin-client';
import { QuotaConfig } from '../../schema/rgw';

/** RGW's form of a declared quota: disabled when there is none, -1 for an unlimited dimension. */
export function toRgwQuota(quota: QuotaConfig | null): RgwQuota {
  if (!quota) return { enabled: false, max_size_kb: -1, max_objects: -1 };
  return {
    enabled: true,
    max_size_kb: quota.max_size_bytes === undefined || quota.max_size_bytes === null ? -1 : Math.ceil(quota.max_size_bytes / 1024),
    max_objects: quota.max_objects ?? -1,
  };
}

/**
 * A quota as the state holds it. RGW counts sizes in KiB: a declared size that rounds to what RGW has is
 * kept as declared, so a size that is no multiple of 1024 never shows as a change.
 */
export function quotaState(quota: RgwQuota, declared: QuotaConfig | null | undefined): QuotaConfig | null {
  if (!quota.enabled) return null;
  const sizeKb = quota.max_size_kb > 0 ? quota.max_size_kb : -1;
  const declaredBytes = declared?.max_size_bytes ?? null;
  const max_size_bytes = sizeKb === -1 ? null : declaredBytes !== null && Math.ceil(declaredBytes / 1024) === sizeKb ? declaredBytes : sizeKb * 1024;
  return { max_size_bytes, max_objects: quota.max_objects >= 0 ? quota.max_objects : null } as QuotaConfig;
}

export function sameCaps(a: string, b: string): boolean {
  const left = capMap(a);
  const right = capMap(b);
  return left.size === right.size && [...left].every(([t, p]) => right.get(t) === p);
}

/** The caps a user has, in the one spelling the state and `adopt --target` write: `type=perm`, sorted, `;`-joined. */
export function capsString(caps: ReadonlyArray<{ readonly type: string; readonly perm: string }>): string {
  return caps.map((c) => `${c.type}=${c.perm}`).sort().join(';');
}

/** Caps as type → perm, with `read,write` written as RGW reports it (`*`). */
export function capMap(caps: string | null | undefined): Map<string, string> {
  const result = new Map<string, string>();
  for (const cap of (caps ?? '').split(';').map((c) => c.trim()).filter(Boolean)) {
    const [type, perm] = cap.split('=').map((s) => s.trim());
    result.set(type, perm === 'read,write' || perm === 'write,read' ? '*' : perm);
  }
  return result;
}
