import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';
import { BUILDS, linkToolkit, requireBuilds, Toolkit, transpile, withCdktnImports } from './toolkits';

/**
 * The same app synthesized with cdktf-s3-admin on CDK for Terraform and with cdktn-s3-admin on CDK Terrain
 * gives the same output, apart from what names the toolkit's version: every file of cdktf.out/ (stacks,
 * lock files, the provider in each stack's mirror, bookmarks, website assets) byte for byte, and cdk.tf.json
 * and manifest.json as JSON once that metadata is taken out. Same logical ids, same resources, same
 * provider: a stack deployed with one deploys unchanged with the other.
 */
describe('the same app synthesizes the same under cdktf and cdktn', () => {
  const root = repoRoot();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'same-synth-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  beforeAll(() => requireBuilds());

  const node = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
    execFileSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

  /** Every file under `dir`, by its path relative to `dir`. */
  function files(dir: string): Map<string, Buffer> {
    const found = new Map<string, Buffer>();
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile()) found.set(path.relative(dir, path.join(e.parentPath, e.name)), fs.readFileSync(path.join(e.parentPath, e.name)));
    }
    return found;
  }

  /** A synthesized JSON file without what tells the toolkits apart, and what that was. */
  function normalized(file: string, content: Buffer): { json: any; versions: Record<string, unknown> } {
    const json = JSON.parse(content.toString('utf8'));
    const versions: Record<string, unknown> = {};
    if (path.basename(file) === 'manifest.json') {
      versions.manifest = json.version;
      delete json.version;
      // a warning's stack trace names the files the code ran from: each package's own
      for (const stack of Object.values<any>(json.stacks)) for (const a of stack.annotations ?? []) delete a.stacktrace;
    }
    if (path.basename(file) === 'cdk.tf.json') {
      versions.toolkit = json['//']?.metadata?.version;
      delete json['//']?.metadata?.version;
      // each toolkit's prebuilt AWS bindings pin the provider release they were generated from, under the
      // short or the full source address: the same provider (registry.terraform.io/hashicorp/aws), same major
      const aws = json.terraform?.required_providers?.aws;
      if (aws) {
        versions.aws = `${aws.source} ${aws.version}`;
        aws.source = aws.source.includes('/') ? aws.source : `hashicorp/${aws.source}`;
        aws.version = String(aws.version).split('.')[0];
      }
    }
    return { json, versions };
  }

  /** Compares two output folders; returns what was taken out as version metadata, by file. */
  function expectSameOutput(cdktfOut: string, cdktnOut: string): Record<string, Record<Toolkit, Record<string, unknown>>> {
    const a = files(cdktfOut);
    const b = files(cdktnOut);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const taken: Record<string, Record<Toolkit, Record<string, unknown>>> = {};
    for (const [file, content] of a) {
      if (/(^|\/)(cdk\.tf|manifest)\.json$/.test(file)) {
        const x = normalized(file, content);
        const y = normalized(file, b.get(file)!);
        expect({ file, json: y.json }).toEqual({ file, json: x.json });
        taken[file] = { cdktf: x.versions, cdktn: y.versions };
      } else {
        expect({ file, same: content.equals(b.get(file)!) }).toEqual({ file, same: true });
      }
    }
    return taken;
  }

  test("stacks/main.ts's estate (every example stack): the same files, the same stacks apart from the toolkit's version", () => {
    // GIVEN the app as each build compiled it, run where cdktf.json is (the site's content is relative to it)
    const outdirs = { cdktf: path.join(work, 'estate-cdktf'), cdktn: path.join(work, 'estate-cdktn') };
    node([path.join(root, 'dist', 'stacks', 'main.js')], root, { CDKTF_OUTDIR: outdirs.cdktf });
    node([path.join(root, 'dist', 'cdktn-s3-admin', 'dist', 'stacks', 'main.js')], root, { CDKTF_OUTDIR: outdirs.cdktn });

    // THEN
    const taken = expectSameOutput(outdirs.cdktf, outdirs.cdktn);
    const stacks = Object.keys(taken).filter((f) => f.endsWith('cdk.tf.json'));
    expect(stacks.length).toBeGreaterThanOrEqual(5);
    for (const file of stacks) {
      expect(taken[file].cdktf.toolkit).toBe(require(path.join(root, 'node_modules', 'cdktf', 'package.json')).version);
      expect(taken[file].cdktn.toolkit).toBe(require(path.join(root, 'node_modules', 'cdktn', 'package.json')).version);
    }
    console.log(`version metadata taken out before the comparison:\n${JSON.stringify(taken, null, 1)}`);
  });

  test('a user app with every construct (test/consumer/app/main.ts, its imports switched for cdktn): the same output', () => {
    const source = fs.readFileSync(path.join(root, 'test', 'consumer', 'app', 'main.ts'), 'utf8');
    const sources: Record<Toolkit, string> = { cdktf: source, cdktn: withCdktnImports(source) };
    expect(sources.cdktn).toMatch(/from 'cdktn-s3-admin'/);
    expect(sources.cdktn).not.toMatch(/from '(cdktf|@cdktf\/)/);
    // one folder for both, one after the other: the default local backend's path is absolute
    const app = path.join(work, 'app');
    const outdirs = {} as Record<Toolkit, string>;
    for (const toolkit of ['cdktf', 'cdktn'] as const) {
      fs.rmSync(app, { recursive: true, force: true });
      fs.mkdirSync(app);
      linkToolkit(app, BUILDS[toolkit]);
      fs.writeFileSync(path.join(app, 'main.js'), transpile(sources[toolkit]));
      outdirs[toolkit] = path.join(work, `out-${toolkit}`);
      node(['main.js'], app, { CDKTF_OUTDIR: outdirs[toolkit] });
    }
    const taken = expectSameOutput(outdirs.cdktf, outdirs.cdktn);
    expect(taken['stacks/storage/cdk.tf.json'].cdktn.toolkit).toBe(require(path.join(root, 'node_modules', 'cdktn', 'package.json')).version);
    // the provider each package ships into the storage stack's mirror (compared byte for byte above)
    expect(fs.readdirSync(path.join(outdirs.cdktn, 'stacks', 'storage', 'terraform.d', 'plugins'))).not.toHaveLength(0);
  });
});
