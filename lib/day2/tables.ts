import { DriftReport } from './drift';
import { BucketReport } from './inspect-bucket';
import { UserReport } from './inspect-user';
import { WebsiteReport } from './inspect-website';

/* The tables `s3-admin` prints without --json. */

function aligned(rows: Array<[string, string]>, denied: string[]): string {
  if (denied.length) rows.push(['denied', denied.join(', ')]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

export function userTable(report: UserReport): string {
  return aligned(
    [
      ['user', report.arn ?? `${report.user} (not found)`],
      ['created', report.created ?? '-'],
      ['access keys', report.accessKeys.map((k) => `${k.id} ${k.status} ${k.ageDays} d`).join(', ') || 'none'],
      ['groups', report.groups.join(', ') || 'none'],
      ['policies', report.policies.map((p) => `${p.name} (${p.via})`).join(', ') || 'none'],
    ],
    report.denied,
  );
}

export function websiteTable(report: WebsiteReport): string {
  const d = report.distribution;
  const rows: Array<[string, string]> = [
    ['distribution', d ? `${d.id} ${d.status} ${d.domainName}` : 'none'],
    ['aliases', d?.aliases.join(', ') || '-'],
    ['certificate', d?.certificateArn ? `${d.certificateArn} (${d.minimumProtocolVersion ?? '?'})` : '-'],
    ['geo restriction', d ? `${d.geoRestriction.type} ${d.geoRestriction.locations.join(',')}`.trim() : '-'],
    ['origins', d?.origins.join(', ') || '-'],
    ['records', report.records.map((r) => `${r.type} → ${r.target}`).join(', ') || 'none'],
  ];
  return `${bucketTable(report)}\n${aligned(rows, [])}`;
}

export function bucketTable(report: BucketReport): string {
  const rows: Array<[string, string]> = [
    ['bucket', report.bucket],
    ['tags', Object.entries(report.tags).map(([k, v]) => `${k}=${v}`).join(', ') || '-'],
    ['logging', report.logging ? `${report.logging.targetBucket}/${report.logging.targetPrefix}` : 'off'],
    ['versioning', report.versioning],
    ['encryption', report.encryption ? `${report.encryption.algorithm}${report.encryption.kmsKeyId ? ` (${report.encryption.kmsKeyId})` : ''}` : 'none'],
    ['public access block', report.publicAccessBlock ? Object.entries(report.publicAccessBlock).filter(([, on]) => on).map(([k]) => k).join(', ') || 'all off' : 'none'],
    ['empty', report.empty === undefined ? 'unknown' : String(report.empty)],
    ['admin policy', report.adminPolicy ? `${report.adminPolicy.arn} (attached ${report.adminPolicy.attachments}x)` : 'none'],
    ['admin group', report.adminGroup ? `${report.adminGroup.arn}: ${report.adminGroup.users.length} user(s) ${report.adminGroup.users.join(', ')}` : 'none'],
  ];
  return aligned(rows, report.denied);
}

export function driftTable(report: DriftReport): string {
  const show = (v: unknown) => (v === undefined || v === null ? '-' : typeof v === 'string' ? v : JSON.stringify(v));
  const rows = report.drifts.map((d) => [d.object, d.field, show(d.declared), show(d.actual)]);
  const header = ['object', 'field', 'declared', 'actual'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const summary = `${report.drifts.length} difference(s) in ${report.checked} declared object(s), ${report.calls} API calls`;
  const denied = report.denied.length ? `\ndenied: ${report.denied.join(', ')}` : '';
  return `${rows.length ? `${[header, ...rows].map(line).join('\n')}\n` : ''}${summary}${denied}`;
}
