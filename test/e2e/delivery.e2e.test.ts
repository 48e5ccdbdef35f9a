import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OstorAdminClient } from '../../lib/admin-api/ostor-admin-client';
import { SignedHttpClient } from '../../lib/admin-api/signed-http-client';
import { BUNDLE_NAME } from '../../lib/provider/launcher';
import { PROVIDER_SOURCE } from '../../lib/schema/provider-config';
import { packageHashV1, providerBundle } from '../../lib/synth/provider-bundle';
import { NO_RETRY } from '../support/admin-clients';
import { OstorSimulator } from '../support/ostor-simulator';
import { repoRoot } from '../support/repo-root';
import { CdktfProject, Engine, flatLog, NO_CLI_CONFIG, run, RunResult, StackApp, TERRAFORM, TOFU } from './cdktf-project';
import { expectSuccess } from './e2e-run';
import { PhaseClock } from './phases';

const ADMIN_KEY = 'OSTORE2EADMIN0000002';
const ADMIN_SECRET = randomBytes(30).toString('base64');
const EXAMPLE: StackApp = { packageRoot: repoRoot(), module: 'dist/stacks/ostor-example', className: 'OstorExampleStack' };
const PLATFORM = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;

/** The version the lock file pins for the s3admin provider. */
function lockedVersion(lockFile: string): string | undefined {
  return new RegExp(`provider "${PROVIDER_SOURCE}" \\{\\s*version\\s*=\\s*"([^"]+)"`).exec(lockFile)?.[1];
}

/**
 * A new release of the library as a user's project gets it: the package (package.json and dist/) in
 * another place, whose provider bundle differs (here by a comment at its end), so that synth computes
 * another provider version from it. Its node_modules is this repository's, so cdktf stays one module.
 */
function nextRelease(): { root: string; bundle: Buffer; launcher: Buffer } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-release-'));
  fs.copyFileSync(path.join(repoRoot(), 'package.json'), path.join(root, 'package.json'));
  for (const dir of ['lib', 'constructs', 'stacks', 'provider']) fs.cpSync(path.join(repoRoot(), 'dist', dir), path.join(root, 'dist', dir), { recursive: true });
  fs.symlinkSync(path.join(repoRoot(), 'node_modules'), path.join(root, 'node_modules'));
  const bundle = path.join(root, 'dist', 'provider', 'terraform-provider-s3admin.js');
  fs.appendFileSync(bundle, `\n// the next release (${new Date().toISOString()})\n`);
  return { root, bundle: fs.readFileSync(bundle), launcher: fs.readFileSync(path.join(root, 'dist', 'provider', 'launcher.js')) };
}

function corporateCliConfig(mirror: string, extraLine?: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["cdktf-s3-admin.invalid/*/*"]',
    '  }',
    ...(extraLine ? [`  ${extraLine}`] : []),
    '  direct {',
    '    exclude = ["cdktf-s3-admin.invalid/*/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** The line the README gives for a CLI configuration that has its own provider_installation block. */
const README_LINE = 'filesystem_mirror { path = "terraform.d/plugins" }';

/** Every file under `dir` whose bytes hold `text`. */
function filesHolding(dir: string, text: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .filter((f) => fs.readFileSync(f).includes(text));
}

/**
 * How the provider reaches a user: a new library release, a CLI configuration with its own
 * provider_installation block (a corporate mirror), and a pipeline whose plan and apply run in different
 * jobs. Each against its own ostor simulator.
 */
describe('e2e: provider delivery — upgrade, corporate mirror, pipeline', () => {
  const clock = new PhaseClock();
  const env = { ...process.env, OSTOR_ADMIN_ACCESS_KEY: ADMIN_KEY, OSTOR_ADMIN_SECRET_KEY: ADMIN_SECRET };
  const cleanup: Array<() => unknown> = [];
  const timed = <T>(phase: string, work: () => Promise<T>) => clock.time(phase, work);

  async function simulator(): Promise<{ url: string; admin: OstorAdminClient }> {
    const sim = new OstorSimulator(ADMIN_KEY, ADMIN_SECRET);
    const url = await sim.start();
    const http = new SignedHttpClient({ endpoint: url, signing: 'v2', credentials: { accessKeyId: ADMIN_KEY, secretAccessKey: ADMIN_SECRET }, retry: NO_RETRY });
    cleanup.push(() => http.close(), () => sim.stop());
    return { url, admin: new OstorAdminClient(http) };
  }

  function project(engine: Engine, name: string, app: StackApp = EXAMPLE): CdktfProject {
    const p = new CdktfProject(engine, name, app, env);
    cleanup.push(() => fs.rmSync(p.dir, { recursive: true, force: true }));
    return p;
  }

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
    console.log(clock.report('e2e provider delivery'));
  });

  test('UPGRADE: after a new release (another bundle, so another provider version) cdktf deploy works with no manual step, and the lock file names the new version', async () => {
    const { url, admin } = await simulator();
    const p = project(TOFU, 'upgrade');
    expectSuccess(await timed('upgrade: deploy the current release', () => p.deploy({ url })), 'cdktf deploy');
    const before = lockedVersion(p.lockFileText());
    expect(before).toBe(providerBundle().version);
    const keyBefore = (await admin.getUser('client@example.com'))!.AWSAccessKeys!.map((k) => k.AWSAccessKeyId);

    const release = nextRelease();
    cleanup.push(() => fs.rmSync(release.root, { recursive: true, force: true }));
    p.useApp({ ...EXAMPLE, packageRoot: release.root });
    const upgraded = await timed('upgrade: deploy the next release', () => p.deploy({ url }));
    expectSuccess(upgraded, 'cdktf deploy after the upgrade');
    expect(flatLog(upgraded.log, 'upgrade')).toMatch(/Resources: 0 added, 0 changed, 0 destroyed/);

    const after = lockedVersion(p.lockFileText());
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const executable = `terraform-provider-s3admin_v${after}`;
    expect(p.lockFileText()).toContain(packageHashV1({ [executable]: release.launcher, [BUNDLE_NAME]: release.bundle }));
    // the engine installed the new release's bundle beside its launcher, and runs it
    const installed = path.join(p.stackDir, '.terraform', 'providers', PROVIDER_SOURCE, after!, PLATFORM);
    expect(fs.readFileSync(path.join(installed, BUNDLE_NAME)).equals(release.bundle)).toBe(true);
    expect(fs.readFileSync(path.join(installed, executable)).equals(release.launcher)).toBe(true);
    expect((await timed('upgrade: plan with the new provider', () => p.plan())).code).toBe(0);
    expect((await admin.getUser('client@example.com'))!.AWSAccessKeys!.map((k) => k.AWSAccessKeyId)).toEqual(keyBefore);
    // no destroy: the simulator goes with the test
  });

  test(`CORPORATE MIRROR: fails when a CLI configuration has its own provider_installation; works with the README's line ${README_LINE}`, async () => {
    const { url, admin } = await simulator();
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-corporate-mirror-'));
    cleanup.push(() => fs.rmSync(mirror, { recursive: true, force: true }));
    const p = project(TOFU, 'corporate');
    const config = path.join(p.dir, 'corporate.tfrc');
    p.cliConfigFile = config;

    fs.writeFileSync(config, corporateCliConfig(mirror));
    const refused = await timed('mirror: deploy with the corporate CLI config (fails)', () => p.deploy({ url }));
    expect(refused.code).not.toBe(0);
    // an explicit provider_installation block turns the implied local mirrors off
    expect(flatLog(refused.log, 'corporate')).toMatch(
      new RegExp(`provider ${PROVIDER_SOURCE.replace(/\./g, '\\.')} was not found in any of the search locations - ${mirror}`),
    );
    expect(await admin.listUsers()).toEqual([]);

    fs.writeFileSync(config, corporateCliConfig(mirror, README_LINE));
    const deployed = await timed("mirror: deploy with the README's line added", () => p.deploy({ url }));
    expectSuccess(deployed, "cdktf deploy with the README's line");
    expect((await admin.listUsers()).map((u) => u.UserEmail)).toEqual(['client@example.com']);

    // the same two configurations on Terraform (init only): the relative path resolves against the
    // directory the engine runs in, which cdktf makes the stack's own
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-corporate-terraform-'));
    cleanup.push(() => fs.rmSync(copy, { recursive: true, force: true }));
    fs.cpSync(p.stackDir, copy, { recursive: true, filter: (f) => !f.includes(`${path.sep}.terraform${path.sep}`) && !f.endsWith(`${path.sep}.terraform`) });
    const terraformInit = (cliConfig: string): Promise<RunResult> => {
      fs.writeFileSync(config, cliConfig);
      return run(TERRAFORM.binary, ['init', '-input=false', '-no-color', '-backend=false'], copy, { PATH: process.env.PATH, HOME: p.home, TF_CLI_CONFIG_FILE: config, CHECKPOINT_DISABLE: '1' });
    };
    const without = await timed('mirror: terraform init without the line (fails)', () => terraformInit(corporateCliConfig(mirror)));
    expect(without.code).not.toBe(0);
    expect(flatLog(without.log, 'corporate')).toMatch(/was not found in any of the search locations/);
    fs.rmSync(path.join(copy, '.terraform'), { recursive: true, force: true });
    const withLine = await timed('mirror: terraform init with the line', () => terraformInit(corporateCliConfig(mirror, README_LINE)));
    expectSuccess(withLine, "terraform init with the README's line");
    expect(withLine.log).toMatch(new RegExp(`Installed ${PROVIDER_SOURCE.replace(/\./g, '\\.')} v${providerBundle().version}`));
  });

  test('PIPELINE: synth and plan in one job, only cdktf.out/ carried to another, where terraform init and apply of the saved plan work with nothing else', async () => {
    const { url, admin } = await simulator();
    // the state is where both jobs reach it (a remote backend in a real pipeline)
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pipeline-state-'));
    cleanup.push(() => fs.rmSync(stateDir, { recursive: true, force: true }));
    const job1 = new CdktfProject(TERRAFORM, 'pipeline', { ...EXAMPLE, statePath: path.join(stateDir, 'pipeline.tfstate') }, env);
    expectSuccess(await timed('pipeline job 1: cdktf synth', () => job1.synth({ url })), 'cdktf synth');
    expectSuccess(await timed('pipeline job 1: terraform init', () => job1.tf(['init', '-input=false', '-no-color'])), 'terraform init in job 1');
    const plan = await timed('pipeline job 1: terraform plan -out', () => job1.tf(['plan', '-input=false', '-no-color', '-out=pipeline.tfplan']));
    expectSuccess(plan, 'terraform plan in job 1');
    expect(plan.log).toMatch(/Plan: 2 to add, 0 to change, 0 to destroy/);

    // job 2 gets cdktf.out/ alone (no .terraform/: that is the first job's installation), then job 1 is gone
    const job2 = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pipeline-job2-'));
    cleanup.push(() => fs.rmSync(job2, { recursive: true, force: true }));
    fs.cpSync(path.join(job1.dir, 'cdktf.out'), path.join(job2, 'cdktf.out'), { recursive: true, filter: (f) => !f.split(path.sep).includes('.terraform') });
    fs.rmSync(job1.dir, { recursive: true, force: true });
    expect(filesHolding(path.join(job2, 'cdktf.out'), repoRoot())).toEqual([]);

    // nothing but the engine and node on PATH, an empty HOME, no CLI configuration
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-pipeline-home-'));
    cleanup.push(() => fs.rmSync(home, { recursive: true, force: true }));
    const bare = { PATH: `${path.dirname(TERRAFORM.binary)}:${path.dirname(process.execPath)}`, HOME: home, TF_CLI_CONFIG_FILE: NO_CLI_CONFIG, CHECKPOINT_DISABLE: '1', OSTOR_ADMIN_ACCESS_KEY: ADMIN_KEY, OSTOR_ADMIN_SECRET_KEY: ADMIN_SECRET };
    const stackDir = path.join(job2, 'cdktf.out', 'stacks', 'pipeline');
    const init = await timed('pipeline job 2: terraform init', () => run(TERRAFORM.binary, ['init', '-input=false', '-no-color'], stackDir, bare));
    expectSuccess(init, 'terraform init in job 2');
    expect(init.log).toMatch(new RegExp(`Installed ${PROVIDER_SOURCE.replace(/\./g, '\\.')} v${providerBundle().version}`));
    const apply = await timed('pipeline job 2: terraform apply <saved plan>', () => run(TERRAFORM.binary, ['apply', '-input=false', '-no-color', 'pipeline.tfplan'], stackDir, bare));
    expectSuccess(apply, 'terraform apply of the saved plan in job 2');
    expect(apply.log).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);
    const user = await admin.getUser('client@example.com');
    expect(user!.AWSAccessKeys).toHaveLength(1);

    const destroy = await timed('pipeline job 2: terraform destroy', () => run(TERRAFORM.binary, ['destroy', '-auto-approve', '-input=false', '-no-color'], stackDir, bare));
    expectSuccess(destroy, 'terraform destroy in job 2');
    expect(await admin.listUsers()).toEqual([]);
    for (const log of [plan.log, init.log, apply.log, destroy.log]) expect(log).not.toContain(ADMIN_SECRET);
  });
});
