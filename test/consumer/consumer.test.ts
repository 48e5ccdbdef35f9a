import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/repo-root';

/**
 * The library as a user gets it: packed, installed into a scratch cdktf app next to its peers at caret
 * ranges, type-checked strictly (skipLibCheck off, no @types/node), and run. This is what catches a second
 * copy of `constructs`, a package without its compiled code, or declarations that need Node's types.
 */
describe('a cdktf app that depends on the packed library', () => {
  const root = repoRoot();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
  const app = path.join(work, 'app');
  let tarball: string;
  let files: string[];
  const sh = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });

  beforeAll(() => {
    // GIVEN the package as `npm pack` makes it (the build ran before the tests)
    const packed = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root))[0];
    tarball = path.join(work, packed.filename);
    files = packed.files.map((f: { path: string }) => f.path);
    // AND a user's app with the peers at the ranges a user would write
    const ours = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({
        name: 'consumer-app',
        private: true,
        dependencies: { 'cdktf-s3-admin': `file:${tarball}`, ...ours.peerDependencies },
        devDependencies: { typescript: ours.devDependencies.typescript },
      }),
    );
    fs.copyFileSync(path.join(root, 'test', 'consumer', 'app', 'main.ts'), path.join(app, 'main.ts'));
    fs.writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, types: [], target: 'ES2022', lib: ['ES2022'], module: 'commonjs', moduleResolution: 'node', outDir: 'out' }, files: ['main.ts'] }),
    );
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the package holds the compiled library, its declarations, the provider and the licence, and nothing of the tests', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/constructs/rgw-user.js', 'dist/provider/terraform-provider-s3admin.js', 'LICENSE', 'README.md', 'package.json']));
    expect(files.filter((f) => f.startsWith('dist/test') || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  test('the app has one copy of constructs and cdktf, its own', () => {
    const tree = JSON.parse(sh('npm', ['ls', 'constructs', 'cdktf', '--all', '--json'], app));
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
    expect(versions('cdktf')).toHaveLength(1);
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
    const plugins = path.join(app, 'cdktf.out', 'stacks', 'storage', 'terraform.d', 'plugins');
    expect(fs.existsSync(plugins)).toBe(true);
  });
});
