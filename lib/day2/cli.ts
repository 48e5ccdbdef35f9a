import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanEstate, ScannedEstate } from './adopt-scan';
import { writeAdoptedStack } from './adopt-writer';
import { AwsClients, awsClients, defaultRegion } from './aws-clients';
import { readDeclaredEstate, stackFile } from './declared-estate';
import { DriftReport, findDrift } from './drift';
import { BucketReport, inspectBucket } from './inspect-bucket';
import { inspectUser, UserReport } from './inspect-user';
import { inspectWebsite, WebsiteReport } from './inspect-website';

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

function driftTable(report: DriftReport): string {
  const show = (v: unknown) => (v === undefined || v === null ? '-' : typeof v === 'string' ? v : JSON.stringify(v));
  const rows = report.drifts.map((d) => [d.object, d.field, show(d.declared), show(d.actual)]);
  const header = ['object', 'field', 'declared', 'actual'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const summary = `${report.drifts.length} difference(s) in ${report.checked} declared object(s), ${report.calls} API calls`;
  const denied = report.denied.length ? `\ndenied: ${report.denied.join(', ')}` : '';
  return `${rows.length ? `${[header, ...rows].map(line).join('\n')}\n` : ''}${summary}${denied}`;
}

interface Invocation {
  readonly args: string[];
  readonly force: boolean;
  readonly option: (name: string) => string | undefined;
  /** SDK clients, sent to `--endpoint` when it is given. */
  readonly clients: () => AwsClients;
  /** Prints a result: as JSON with `--json`, else as `table` renders it. */
  readonly print: <T>(result: T, table: (result: T) => string) => void;
  readonly out: (text: string) => void;
  readonly progress: (text: string) => void;
}

interface Command {
  readonly words: string[];
  readonly usage: string;
  readonly help: string;
  readonly run: (call: Invocation) => Promise<number>;
}

const exitOf = (report: { denied: string[] }, otherwise = 0) => (report.denied.length ? 3 : otherwise);

function adoptSummary(estate: ScannedEstate, file: string, source: string, className: string): string {
  const imports = (source.match(/importExisting\(/g) ?? []).length;
  return [
    `wrote ${file}: ${estate.buckets.length} bucket(s), ${estate.websites.length} website(s), ${estate.users.length} user(s), ${imports} importExisting call(s); ${estate.calls} API calls`,
    `next: add \`new ${className}(app, '<stack name>')\` to your cdktf app, review the file, then \`cdktf deploy\``,
    ...(estate.denied.length ? [`denied (the stack lacks what these would have shown): ${estate.denied.join(', ')}`] : []),
  ].join('\n');
}

const COMMANDS: Command[] = [
  {
    words: ['inspect', 'bucket'],
    usage: 'inspect bucket NAME [--json]',
    help: 'tags, logging, versioning, encryption, public access block, whether the bucket is empty (one listing call,\nwhatever its size), its admin policy and group with their users',
    run: async ({ args, clients, print }) => {
      const report = await inspectBucket(clients(), args[0]);
      print(report, table);
      return exitOf(report);
    },
  },
  {
    words: ['inspect', 'website'],
    usage: 'inspect website DOMAIN [--json]',
    help: 'the bucket view, plus the CloudFront distribution (status, aliases, certificate, geo restriction,\norigin) and the A/AAAA records of the domain',
    run: async ({ args, clients, print }) => {
      const report = await inspectWebsite(clients(), args[0]);
      print(report, websiteTable);
      return exitOf(report);
    },
  },
  {
    words: ['inspect', 'user'],
    usage: 'inspect user NAME [--json]',
    help: 'the IAM user, its access key ids with status and age (never a secret), its groups and the policies\nattached to it or to its groups; exit 4 when there is no such user',
    run: async ({ args, clients, print }) => {
      const report = await inspectUser(clients(), args[0]);
      print(report, userTable);
      return exitOf(report, report.arn ? 0 : 4);
    },
  },
  {
    words: ['drift'],
    usage: 'drift STACK [--out DIR] [--json]',
    help: 'compares what the synthesized stack (DIR/stacks/STACK/cdk.tf.json, DIR defaults to cdktf.out; or a path\nto a cdk.tf.json) declares with what the account has: bucket tags and settings, policies, groups and their\nmembers, users, distributions. No state, no plan: a quick check outside Terraform. Exit 5 on a difference',
    run: async ({ args, option, clients, print, out }) => {
      let file: string;
      try {
        file = stackFile(args[0], option('--out'));
      } catch (e) {
        out((e as Error).message);
        return 4;
      }
      const report = await findDrift(clients(), readDeclaredEstate(file));
      print(report, driftTable);
      return exitOf(report, report.drifts.length ? 5 : 0);
    },
  },
  {
    words: ['adopt'],
    usage: 'adopt [--out FILE] [--force] [--class NAME] [--module NAME] [--json]',
    help: 'scans the account for buckets with <name>-BktAdmPlc / <name>-BktAdmGrp, their users, and websites with\ntheir distributions, policies, groups and records; writes a TypeScript stack (FILE, default\nstacks/adopted-estate.ts; class NAME, default AdoptedEstateStack; constructs imported from --module, default\ncdktf-s3-admin) that declares them, each with an importExisting call so that the first deploy imports them\n(cdktf importFrom) instead of creating duplicates. An existing FILE is kept unless --force. Progress goes to\nstderr; --json prints the scan',
    run: async ({ force, option, clients, print, out, progress }) => {
      const className = option('--class') ?? 'AdoptedEstateStack';
      const file = option('--out') ?? path.join('stacks', 'adopted-estate.ts');
      if (fs.existsSync(file) && !force) {
        out(`${file} exists: adopt writes a new file (--out) and overwrites one only with --force`);
        return 2;
      }
      const estate = await scanEstate(clients(), (kind, done, total) => {
        if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) progress(`scanned ${done}/${total} ${kind}s`);
      });
      if (estate.buckets.length + estate.websites.length === 0) {
        out(`nothing to adopt: no bucket has a <name>-BktAdmPlc policy or a <name>-BktAdmGrp group, and no website was found (${estate.calls} API calls)`);
        return exitOf(estate, 4);
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const source = writeAdoptedStack(estate, { className, moduleName: option('--module'), region: defaultRegion() });
      fs.writeFileSync(file, source);
      print(estate, () => adoptSummary(estate, file, source, className));
      return exitOf(estate);
    },
  },
];

const COMMON = `options:
  --json        print JSON instead of a table
  --endpoint U  send AWS calls to U (an emulator); AWS_ENDPOINT_URL does the same
  --help        help (of a command: s3-admin drift --help)

Credentials and region come from the usual AWS sources (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_REGION, ...).
Exit codes: 0 done, 1 failed, 2 bad usage, 3 an action was denied (named in the output), 4 not found,
5 drift found.`;

const indent = (text: string) => text.replace(/^/gm, '    ');
const USAGE = `usage: s3-admin <command> [options]\n\ncommands:\n${COMMANDS.map((c) => `  ${c.usage}\n${indent(c.help)}`).join('\n')}\n\n${COMMON}`;
const VALUED = ['--endpoint', '--out', '--class', '--module'];

/** The `s3-admin` command; returns the exit code. Results go to `out`, progress to `progress`. */
export async function runCli(argv: string[], out: (text: string) => void, progress: (text: string) => void = () => undefined): Promise<number> {
  const valueAt = new Set(argv.flatMap((a, i) => (VALUED.includes(a) ? [i + 1] : [])));
  const words = argv.filter((a, i) => !a.startsWith('--') && !valueAt.has(i));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const command = COMMANDS.find((c) => c.words.every((w, i) => words[i] === w));
  if (command && flags.has('--help')) {
    out(`usage: s3-admin ${command.usage}\n\n${command.help}\n\n${COMMON}`);
    return 0;
  }
  const args = command ? words.slice(command.words.length) : [];
  const expected = command ? (command.usage.match(/ [A-Z]+(?= |$)/g) ?? []).length : 0;
  if (!command || args.length !== expected) {
    if (flags.has('--help') && !command) {
      out(USAGE);
      return 0;
    }
    out(words.length ? `${command ? `expected ${command.usage}` : `unknown command: ${words.join(' ')}`}\n\n${USAGE}` : USAGE);
    return 2;
  }
  return command.run({
    args,
    force: flags.has('--force'),
    option,
    clients: () => awsClients({ endpoint: option('--endpoint') }),
    print: (result, table) => out(flags.has('--json') ? JSON.stringify(result, null, 2) : table(result)),
    out,
    progress,
  });
}
