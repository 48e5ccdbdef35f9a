import { awsClients } from './aws-clients';
import { BucketReport, inspectBucket } from './inspect-bucket';
import { inspectUser, UserReport } from './inspect-user';
import { inspectWebsite, WebsiteReport } from './inspect-website';

const USAGE = `usage: s3-admin <command> [options]

commands:
  inspect bucket NAME [--json]   tags, logging, versioning, encryption, public access block, whether the
                                 bucket is empty, its admin policy and group with their users
  inspect website DOMAIN [--json]  the bucket view, plus the CloudFront distribution (status, aliases,
                                 certificate, geo restriction, origin) and the A/AAAA records
  inspect user NAME [--json]     the IAM user, its access key ids with status and age (never a secret),
                                 its groups and the policies attached to it or to its groups

options:
  --json        print JSON instead of a table
  --endpoint U  send AWS calls to U (an emulator); AWS_ENDPOINT_URL does the same
  --help        this text

Credentials and region come from the usual AWS sources (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_REGION, ...).`;

function aligned(rows: Array<[string, string]>, denied: string[]): string {
  if (denied.length) rows.push(['denied', denied.join(', ')]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

function userTable(report: UserReport): string {
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

function websiteTable(report: WebsiteReport): string {
  const d = report.distribution;
  const rows: Array<[string, string]> = [
    ['distribution', d ? `${d.id} ${d.status} ${d.domainName}` : 'none'],
    ['aliases', d?.aliases.join(', ') || '-'],
    ['certificate', d?.certificateArn ? `${d.certificateArn} (${d.minimumProtocolVersion ?? '?'})` : '-'],
    ['geo restriction', d ? `${d.geoRestriction.type} ${d.geoRestriction.locations.join(',')}`.trim() : '-'],
    ['origins', d?.origins.join(', ') || '-'],
    ['records', report.records.map((r) => `${r.type} → ${r.target}`).join(', ') || 'none'],
  ];
  return `${table(report)}\n${aligned(rows, [])}`;
}

function table(report: BucketReport): string {
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

/** The `s3-admin` command; returns the exit code. */
export async function runCli(argv: string[], out: (text: string) => void): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--') && a !== '--endpoint'));
  const endpointAt = argv.indexOf('--endpoint');
  const endpoint = endpointAt >= 0 ? argv[endpointAt + 1] : undefined;
  const words = argv.filter((a, i) => !a.startsWith('--') && (endpointAt < 0 || i !== endpointAt + 1));
  if (flags.has('--help') || words.length === 0) {
    out(USAGE);
    return words.length === 0 && !flags.has('--help') ? 2 : 0;
  }
  if (words[0] === 'inspect' && words[1] === 'bucket' && words[2]) {
    const report = await inspectBucket(awsClients({ endpoint }), words[2]);
    out(flags.has('--json') ? JSON.stringify(report, null, 2) : table(report));
    return report.denied.length ? 3 : 0;
  }
  if (words[0] === 'inspect' && words[1] === 'website' && words[2]) {
    const report = await inspectWebsite(awsClients({ endpoint }), words[2]);
    out(flags.has('--json') ? JSON.stringify(report, null, 2) : websiteTable(report));
    return report.denied.length ? 3 : 0;
  }
  if (words[0] === 'inspect' && words[1] === 'user' && words[2]) {
    const report = await inspectUser(awsClients({ endpoint }), words[2]);
    out(flags.has('--json') ? JSON.stringify(report, null, 2) : userTable(report));
    return report.denied.length ? 3 : report.arn ? 0 : 4;
  }
  out(`unknown command: ${words.join(' ')}\n\n${USAGE}`);
  return 2;
}
