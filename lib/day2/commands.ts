import * as fs from 'node:fs';
import * as path from 'node:path';
import { endpointUrlViolations, STORJ_API_PREFIXES, StorjApiLayout } from '../admin-api/endpoint-rules';
import { emailViolations } from '../rules/contact';
import { domainNameViolations } from '../rules/domain-name';
import { iamNameViolations } from '../rules/iam-name';
import { ScannedEstate, scanEstate } from './adopt-scan';
import { adoptTarget, adoptTargetSummary, nothingToAdopt } from './adopt-target';
import { writeAdoptedStack } from './adopt-writer';
import { ADMIN_TARGETS, AdminTarget, TARGET_INFO } from './admin-targets';
import { AwsClients, defaultRegion } from './aws-clients';
import { OptionName, OptionValues } from './cli-args';
import { readDeclaredEstate, stackFile } from './declared-estate';
import { findDrift } from './drift';
import { CliError, EXIT, UsageError } from './exit-codes';
import { inspectBucket } from './inspect-bucket';
import { stackImports } from './package-version';
import { inspectUser } from './inspect-user';
import { inspectWebsite } from './inspect-website';
import { bucketTable, driftTable, userTable, websiteTable } from './tables';
import { Timeouts } from './timeouts';
import { BUCKET_ADMIN_GROUP_SUFFIX, BUCKET_ADMIN_POLICY_SUFFIX } from '../rules/conventions';

/** What a command gets to run with. */
export interface Invocation {
  readonly args: string[];
  readonly options: OptionValues;
  readonly json: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly timeouts: Timeouts;
  /** SDK clients, sent to `--endpoint` when it is given. */
  readonly clients: () => AwsClients;
  /** Prints a result on stdout: as JSON with --json, else as `table` renders it. */
  readonly print: <T>(result: T, table: (result: T) => string) => void;
  /** A line on stderr that is no result (a notice, progress). */
  readonly progress: (text: string) => void;
  readonly notice: (text: string) => void;
}

export interface Positional {
  readonly name: string;
  /** Why the value cannot mean what the argument is; empty when it can. */
  readonly check: (value: string) => string[];
}

export interface Command {
  readonly words: string[];
  /** Usage lines, after `s3-admin `. */
  readonly synopsis: string[];
  readonly help: string;
  /** Options the command takes besides --json, --help and --version. */
  readonly options: (values: OptionValues) => OptionName[];
  readonly positionals: (values: OptionValues) => Positional[];
  readonly run: (call: Invocation) => Promise<number>;
}

const exitOf = (report: { denied: string[] }, otherwise: number = EXIT.ok) => (report.denied.length ? EXIT.denied : otherwise);

/** Legacy (us-east-1, before 2018) names included: an existing bucket may carry one. */
const bucketName: Positional = { name: 'NAME', check: (v) => (/^[A-Za-z0-9._-]{3,255}$/.test(v) ? [] : ['must be a bucket name: 3 to 255 letters, digits, dots, hyphens and underscores']) };
const domain: Positional = { name: 'DOMAIN', check: domainNameViolations };
const userName: Positional = { name: 'NAME', check: (v) => iamNameViolations(v, 'user') };
const stack: Positional = { name: 'STACK', check: () => [] };
const adminEndpoint: Positional = { name: 'ENDPOINT', check: endpointUrlViolations };

/** Refuses to overwrite a file the user may have edited; checked before any scan, which may be long. */
function refuseExisting(file: string, force: boolean | undefined): void {
  if (fs.existsSync(file) && !force) throw new UsageError(`${file} exists: adopt writes a new file (--out) and overwrites one only with --force`);
}

function writeFile(file: string, source: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, source);
}

function adoptSummary(estate: ScannedEstate, file: string, source: string, className: string): string {
  const imports = (source.match(/importExisting\(/g) ?? []).length;
  return [
    `wrote ${file}: ${estate.buckets.length} bucket(s), ${estate.websites.length} website(s), ${estate.users.length} user(s), ${imports} importExisting call(s); ${estate.calls} API calls`,
    `next: add \`new ${className}(app, '<stack name>')\` to your cdktf app, review the file, then \`cdktf deploy\``,
    ...(estate.denied.length ? [`denied (the stack lacks what these would have shown): ${estate.denied.join(', ')}`] : []),
  ].join('\n');
}

async function adoptAws(call: Invocation): Promise<number> {
  const { options, print, progress } = call;
  const className = options.class ?? 'AdoptedEstateStack';
  const file = options.out ?? path.join('stacks', 'adopted-estate.ts');
  refuseExisting(file, options.force);
  const estate = await scanEstate(call.clients(), (kind, done, total) => {
    if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) progress(`scanned ${done}/${total} ${kind}s`);
  });
  if (estate.buckets.length + estate.websites.length === 0) {
    const message = `nothing to adopt: no bucket has a <name>${BUCKET_ADMIN_POLICY_SUFFIX} policy or a <name>${BUCKET_ADMIN_GROUP_SUFFIX} group, and no website was found (${estate.calls} API calls)`;
    if (call.json) print(estate, () => '');
    else call.notice(message);
    return exitOf(estate, EXIT.notFound);
  }
  const source = writeAdoptedStack(estate, { className, imports: stackImports(undefined, options.module), region: defaultRegion() });
  writeFile(file, source);
  print(estate, () => adoptSummary(estate, file, source, className));
  return exitOf(estate);
}

async function adoptFromTarget(call: Invocation): Promise<number> {
  const { options, print } = call;
  const target = options.target as AdminTarget;
  const className = options.class ?? TARGET_INFO[target].stackClass;
  const file = options.out ?? path.join('stacks', `adopted-${target}.ts`);
  if (target === 'storj' && !options.email?.length) throw new UsageError('adopt --target storj needs --email EMAIL (one per user to adopt): the satellite admin API cannot list its users');
  refuseExisting(file, options.force);
  const scanOptions = { emails: options.email, apiLayout: options['api-layout'] as StorjApiLayout | undefined };
  const { scan, source } = await adoptTarget({ target, endpoint: call.args[0], className, moduleName: options.module, env: call.env, timeouts: call.timeouts, progress: call.progress, scan: scanOptions });
  if (source === undefined) {
    if (call.json) print(scan, () => '');
    else call.notice(nothingToAdopt(scan));
    return EXIT.notFound;
  }
  writeFile(file, source);
  print({ ...scan, file }, () => adoptTargetSummary(scan, file, source, className));
  return EXIT.ok;
}

const ADOPT_OPTIONS: OptionName[] = ['out', 'force', 'class', 'module'];

export const COMMANDS: Command[] = [
  {
    words: ['inspect', 'bucket'],
    synopsis: ['inspect bucket NAME [--endpoint URL] [--json]'],
    help: 'tags, logging, versioning, encryption, public access block, whether the bucket is empty (one listing call,\nwhatever its size), its admin policy and group with their users',
    options: () => ['endpoint'],
    positionals: () => [bucketName],
    run: async ({ args, clients, print }) => {
      const report = await inspectBucket(clients(), args[0]);
      print(report, bucketTable);
      return exitOf(report);
    },
  },
  {
    words: ['inspect', 'website'],
    synopsis: ['inspect website DOMAIN [--endpoint URL] [--json]'],
    help: 'the bucket view, plus the CloudFront distribution (status, aliases, certificate, geo restriction,\norigin) and the A/AAAA records of the domain',
    options: () => ['endpoint'],
    positionals: () => [domain],
    run: async ({ args, clients, print }) => {
      const report = await inspectWebsite(clients(), args[0]);
      print(report, websiteTable);
      return exitOf(report);
    },
  },
  {
    words: ['inspect', 'user'],
    synopsis: ['inspect user NAME [--endpoint URL] [--json]'],
    help: 'the IAM user, its access key ids with status and age (never a secret), its groups and the policies\nattached to it or to its groups; exit 4 when there is no such user (the report still printed)',
    options: () => ['endpoint'],
    positionals: () => [userName],
    run: async ({ args, clients, print }) => {
      const report = await inspectUser(clients(), args[0]);
      print(report, userTable);
      return exitOf(report, report.arn ? EXIT.ok : EXIT.notFound);
    },
  },
  {
    words: ['drift'],
    synopsis: ['drift STACK [--out DIR] [--endpoint URL] [--json]'],
    help: 'compares what the synthesized stack (DIR/stacks/STACK/cdk.tf.json, DIR defaults to cdktf.out; or a path\nto a cdk.tf.json) declares with what the account has: bucket tags and settings, policies, groups and their\nmembers, users, distributions. No state, no plan: a quick check outside Terraform. Exit 5 on a difference,\n4 when there is no such stack',
    options: () => ['out', 'endpoint'],
    positionals: () => [stack],
    run: async ({ args, options, clients, print }) => {
      let file: string;
      try {
        file = stackFile(args[0], options.out);
      } catch (e) {
        throw new CliError('notFound', (e as Error).message);
      }
      const report = await findDrift(clients(), readDeclaredEstate(file));
      print(report, driftTable);
      return exitOf(report, report.drifts.length ? EXIT.drift : EXIT.ok);
    },
  },
  {
    words: ['adopt'],
    synopsis: [
      'adopt [--out FILE] [--force] [--class NAME] [--module NAME] [--endpoint URL] [--json]',
      `adopt --target ${ADMIN_TARGETS.filter((t) => t !== 'storj').join('|')} ENDPOINT [--out FILE] [--force] [--class NAME] [--module NAME] [--json]`,
      'adopt --target storj ENDPOINT --email EMAIL [--email EMAIL ...] [--api-layout legacy|api] [--out FILE] [--force] [--class NAME] [--module NAME] [--json]',
    ],
    help: `AWS: scans the account for buckets with <name>${BUCKET_ADMIN_POLICY_SUFFIX} / <name>${BUCKET_ADMIN_GROUP_SUFFIX}, their users, and websites with
their distributions, policies, groups and records. --target: scans the admin API at ENDPOINT (its root URL)
instead: RGW users with their keys, subusers and buckets; ostor users with their keys; VersityGW users and
bucket owners; the Storj users named by --email (the satellite cannot list users) with their projects and
limits. The account the admin credentials belong to is not adopted, nor is what it owns.
Writes a TypeScript stack (FILE, default stacks/adopted-estate.ts, or stacks/adopted-<target>.ts; class NAME,
default AdoptedEstateStack or Adopted<Target>Stack; constructs imported from --module, default the package
this command belongs to, with its toolkit, cdktf or cdktn) that declares them, each with an importExisting call so that the first deploy imports them
instead of creating duplicates. No secret is written: keys are imported by their ids. An existing FILE is
kept unless --force. Progress goes to stderr; --json prints the scan. Exit 4 when there is nothing to adopt`,
    options: (values) => (values.target === undefined ? [...ADOPT_OPTIONS, 'endpoint'] : values.target === 'storj' ? [...ADOPT_OPTIONS, 'target', 'email', 'api-layout'] : [...ADOPT_OPTIONS, 'target']),
    positionals: (values) => (values.target === undefined ? [] : [adminEndpoint]),
    run: (call) => (call.options.target === undefined ? adoptAws(call) : adoptFromTarget(call)),
  },
];

/** Checks the values of options whose meaning is fixed, whichever command takes them. */
export function optionViolations(name: OptionName, value: string): string[] {
  switch (name) {
    case 'target':
      return (ADMIN_TARGETS as readonly string[]).includes(value) ? [] : [`must be one of ${ADMIN_TARGETS.join(', ')}`];
    case 'class':
      return /^[A-Za-z_$][\w$]*$/.test(value) ? [] : ['must be a TypeScript class name'];
    case 'email':
      return emailViolations(value);
    case 'api-layout':
      return value in STORJ_API_PREFIXES ? [] : [`must be one of ${Object.keys(STORJ_API_PREFIXES).join(', ')}`];
    default:
      return [];
  }
}
