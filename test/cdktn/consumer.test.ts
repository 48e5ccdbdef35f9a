import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';
import { BUILDS, requireBuilds, withCdktnImports } from './toolkits';

/**
 * test/consumer/consumer.test.ts for CDK Terrain: cdktn-s3-admin as a user gets it (packed from
 * dist/cdktn-s3-admin, which `npm run build:cdktn` makes from the same sources), installed into a scratch
 * cdktn app next to its peers at the ranges it declares, type-checked strictly (skipLibCheck off, no
 * @types/node), and run: the app of test/consumer/app/main.ts with its imports written for cdktn.
 */
describe('a cdktn app that depends on the packed cdktn-s3-admin', () => {
  const root = repoRoot();
  const pkgDir = BUILDS.cdktn.packageDir;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-cdktn-'));
  const app = path.join(work, 'app');
  let manifest: { name: string; version: string; peerDependencies: Record<string, string> };
  let files: string[];
  const sh = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });

  beforeAll(() => {
    requireBuilds();
    // GIVEN the package as `npm pack` makes it from the cdktn build
    manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    const packed = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], pkgDir))[0];
    files = packed.files.map((f: { path: string }) => f.path);
    // AND a user's cdktn app with the peers at the ranges the package declares
    const ours = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'consumer-cdktn-app',
        private: true,
        dependencies: { [manifest.name]: `file:${path.join(work, packed.filename)}`, ...manifest.peerDependencies },
        devDependencies: { typescript: ours.devDependencies.typescript },
      }),
    );
    fs.writeFileSync(path.join(app, 'main.ts'), withCdktnImports(fs.readFileSync(path.join(root, 'test', 'consumer', 'app', 'main.ts'), 'utf8')));
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, types: [], target: 'ES2022', lib: ['ES2022'], module: 'commonjs', moduleResolution: 'node', outDir: 'out' }, files: ['main.ts'] }),
    );
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('cdktn-s3-admin declares cdktn, its AWS provider and the constructs range cdktn accepts as peers, nothing of cdktf', () => {
    expect(manifest.name).toBe('cdktn-s3-admin');
    expect(manifest.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@cdktn/provider-aws', 'cdktn', 'constructs']);
    expect(manifest.peerDependencies.constructs).toBe(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'cdktn', 'package.json'), 'utf8')).peerDependencies.constructs);
    expect(JSON.stringify(manifest)).not.toMatch(/"(cdktf|@cdktf\/[^"]*)"\s*:/);
  });

  test('the package holds the compiled library, its declarations, the provider and the licence, and nothing of the tests', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/constructs/rgw-user.js', 'dist/provider/terraform-provider-s3admin.js', 'LICENSE', 'README.md', 'package.json']));
    expect(files.filter((f) => /^dist\/(test|stacks)\//.test(f) || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  test('no module or declaration of the installed package imports cdktf or @cdktf/provider-aws; the provider is the cdktf package\'s, byte for byte', () => {
    const installed = path.join(app, 'node_modules', 'cdktn-s3-admin');
    // as tsc writes them: require("...") in the JavaScript, from "..." and import("...") in the declarations
    const imports = { js: /require\("(cdktf|@cdktf\/provider-aws)(\/[^"]*)?"\)/, dts: /(from |import\()"(cdktf|@cdktf\/provider-aws)(\/[^"]*)?"/ };
    const all = fs.readdirSync(installed, { recursive: true, encoding: 'utf8' });
    const modules = all.filter((f) => f.endsWith('.js'));
    const declarations = all.filter((f) => f.endsWith('.d.ts'));
    expect(modules.length).toBeGreaterThan(50);
    expect(declarations.length).toBeGreaterThan(50);
    const read = (f: string) => fs.readFileSync(path.join(installed, f), 'utf8');
    expect([...modules.filter((f) => imports.js.test(read(f))), ...declarations.filter((f) => imports.dts.test(read(f)))]).toEqual([]);
    // and they do import cdktn (the rewrite ran)
    expect(read('dist/lib/synth/provider-bundle.js')).toMatch(/require\("cdktn\/lib\/synthesize\/synthesizer"\)/);
    const bundle = 'dist/provider/terraform-provider-s3admin.js';
    expect(fs.readFileSync(path.join(installed, bundle)).equals(fs.readFileSync(path.join(root, bundle)))).toBe(true);
  });

  test('the app has one copy of constructs and cdktn, and no cdktf at all', () => {
    const tree = JSON.parse(sh('npm', ['ls', 'constructs', 'cdktn', 'cdktf', '--all', '--json'], app));
    const versions = (name: string): string[] => {
      const found = new Set<string>();
      const walk = (deps: Record<string, any> = {}) => {
        for (const [dep, info] of Object.entries(deps)) {
          if (dep === name && !info.deduped) found.add(`${info.version}@${info.path ?? ''}`);
          walk(info.dependencies);
        }
      };
      walk(tree.dependencies);
      return [...found];
    };
    expect(versions('constructs')).toHaveLength(1);
    expect(versions('cdktn')).toHaveLength(1);
    expect(versions('cdktf')).toEqual([]);
  });

  test('the app type-checks strictly, with skipLibCheck off and no @types/node', () => {
    let output = '';
    try {
      sh(process.execPath, [path.join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app);
    } catch (e) {
      output = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
    }
    expect(output).toBe('');
  });

  test('the app synthesizes every construct, with the provider shipped into the storage stack', () => {
    sh(process.execPath, [path.join(app, 'out', 'main.js')], app);
    const storage = JSON.parse(fs.readFileSync(path.join(app, 'cdktf.out', 'stacks', 'storage', 'cdk.tf.json'), 'utf8'));
    expect(storage['//'].metadata.version).toBe(JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdktn', 'package.json'), 'utf8')).version);
    expect(Object.keys(storage.resource).sort()).toEqual([
      's3admin_ostor_access_key',
      's3admin_ostor_user',
      's3admin_rgw_access_key',
      's3admin_rgw_bucket',
      's3admin_rgw_subuser',
      's3admin_rgw_user',
      's3admin_storj_api_key',
      's3admin_storj_bucket_geofence',
      's3admin_storj_project',
      's3admin_storj_user',
      's3admin_versity_bucket_owner',
      's3admin_versity_user',
    ]);
    const aws = JSON.parse(fs.readFileSync(path.join(app, 'cdktf.out', 'stacks', 'aws', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(aws.resource)).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_iam_user', 'aws_cloudfront_distribution', 's3admin_cloudfront_invalidation']));
    // the provider in the stack's implied mirror, and the lock file entry that pins it
    const plugins = path.join(app, 'cdktf.out', 'stacks', 'storage', 'terraform.d', 'plugins');
    expect(fs.readdirSync(plugins, { recursive: true, encoding: 'utf8' }).some((f) => f.includes('terraform-provider-s3admin_v'))).toBe(true);
    expect(fs.readFileSync(path.join(app, 'cdktf.out', 'stacks', 'storage', '.terraform.lock.hcl'), 'utf8')).toMatch(/provider "[^"]*\/s3admin"/);
  });

  test('the s3-admin command of the package runs: --version names the package version, --help exits 0', () => {
    const bin = path.join(app, 'node_modules', '.bin', 's3-admin');
    expect(sh(bin, ['--version'], app).trim()).toContain(manifest.version);
    expect(sh(bin, ['--help'], app)).toMatch(/^usage: s3-admin <command> \[options\]/);
  });
});
