import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConsumerApp, STORAGE_RESOURCE_TYPES } from '../support/consumer-app';
import { repoRoot } from '../support/repo-root';

/**
 * The library as a user gets it: packed, installed into a scratch cdktf app next to its peers at caret
 * ranges, type-checked strictly (skipLibCheck off, no @types/node), and run. This is what catches a second
 * copy of `constructs`, a package without its compiled code, or declarations that need Node's types.
 */
describe('a cdktf app that depends on the packed library', () => {
  let app: ConsumerApp;

  // GIVEN the package as `npm pack` makes it (the build ran before the tests), in a user's app
  beforeAll(() => (app = new ConsumerApp(repoRoot())));
  afterAll(() => app?.remove());

  test('the package holds the compiled library, its declarations, the provider and the licence, and nothing of the tests', () => {
    expect(app.files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/constructs/rgw-user.js', 'dist/provider/terraform-provider-s3admin.js', 'dist/provider/launcher.js', 'LICENSE', 'README.md', 'package.json']));
    expect(app.files.filter((f) => f.startsWith('dist/test') || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  test('the app has one copy of constructs and cdktf, its own', () => {
    expect(app.copiesOf('constructs')).toHaveLength(1);
    expect(app.copiesOf('cdktf')).toHaveLength(1);
  });

  test('the app type-checks strictly, with skipLibCheck off and no @types/node', () => {
    expect(app.typeCheck()).toBe('');
  });

  test('the app synthesizes every construct, with the provider shipped into the storage stack', () => {
    const { storage, aws, storageDir } = app.synth();
    expect(Object.keys(storage.resource).sort()).toEqual(STORAGE_RESOURCE_TYPES);
    expect(Object.keys(aws.resource)).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_iam_user', 'aws_cloudfront_distribution', 's3admin_cloudfront_invalidation']));
    expect(fs.existsSync(path.join(storageDir, 'terraform.d', 'plugins'))).toBe(true);
  });
});
