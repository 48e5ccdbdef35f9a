import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConsumerApp, STORAGE_RESOURCE_TYPES } from '../support/consumer-app';
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
  let app: ConsumerApp;

  beforeAll(() => {
    requireBuilds();
    app = new ConsumerApp(BUILDS.cdktn.packageDir, withCdktnImports);
  });
  afterAll(() => app?.remove());

  test('cdktn-s3-admin declares cdktn, its AWS provider and the constructs range cdktn accepts as peers, nothing of cdktf', () => {
    const { manifest } = app;
    expect(manifest.name).toBe('cdktn-s3-admin');
    expect(manifest.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['@cdktn/provider-aws', 'cdktn', 'constructs']);
    expect(manifest.peerDependencies.constructs).toBe(JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'cdktn', 'package.json'), 'utf8')).peerDependencies.constructs);
    expect(JSON.stringify(manifest)).not.toMatch(/"(cdktf|@cdktf\/[^"]*)"\s*:/);
  });

  test('the package holds the compiled library, its declarations, the provider and the licence, and nothing of the tests', () => {
    expect(app.files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/constructs/rgw-user.js', 'dist/provider/terraform-provider-s3admin.js', 'dist/provider/launcher.js', 'LICENSE', 'README.md', 'package.json']));
    expect(app.files.filter((f) => /^dist\/(test|stacks)\//.test(f) || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  test("no module or declaration of the installed package imports cdktf or @cdktf/provider-aws; the provider is the cdktf package's, byte for byte", () => {
    const installed = path.join(app.dir, 'node_modules', 'cdktn-s3-admin');
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
    for (const file of ['dist/provider/terraform-provider-s3admin.js', 'dist/provider/launcher.js']) expect(fs.readFileSync(path.join(installed, file)).equals(fs.readFileSync(path.join(root, file)))).toBe(true);
  });

  test('the app has one copy of constructs and cdktn, and no cdktf at all', () => {
    expect(app.copiesOf('constructs')).toHaveLength(1);
    expect(app.copiesOf('cdktn')).toHaveLength(1);
    expect(app.copiesOf('cdktf')).toEqual([]);
  });

  test('the app type-checks strictly, with skipLibCheck off and no @types/node', () => {
    expect(app.typeCheck()).toBe('');
  });

  test('the app synthesizes every construct, with the provider shipped into the storage stack', () => {
    const { storage, aws, storageDir } = app.synth();
    expect(storage['//'].metadata.version).toBe(JSON.parse(fs.readFileSync(path.join(app.dir, 'node_modules', 'cdktn', 'package.json'), 'utf8')).version);
    expect(Object.keys(storage.resource).sort()).toEqual(STORAGE_RESOURCE_TYPES);
    expect(Object.keys(aws.resource)).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_iam_user', 'aws_cloudfront_distribution', 's3admin_cloudfront_invalidation']));
    // the provider in the stack's implied mirror, and the lock file entry that pins it
    const plugins = path.join(storageDir, 'terraform.d', 'plugins');
    expect(fs.readdirSync(plugins, { recursive: true, encoding: 'utf8' }).some((f) => f.includes('terraform-provider-s3admin_v'))).toBe(true);
    expect(fs.readFileSync(path.join(storageDir, '.terraform.lock.hcl'), 'utf8')).toMatch(/provider "[^"]*\/s3admin"/);
  });

  test('the s3-admin command of the package runs: --version names the package version, --help exits 0', () => {
    const bin = path.join(app.dir, 'node_modules', '.bin', 's3-admin');
    expect(app.sh(bin, ['--version']).trim()).toContain(app.manifest.version);
    expect(app.sh(bin, ['--help'])).toMatch(/^usage: s3-admin <command> \[options\]/);
  });
});
