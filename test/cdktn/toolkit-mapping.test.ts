import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { RgwEndpoint } from '../../constructs/admin-endpoint';
import { RgwUser } from '../../constructs/rgw-user';

/**
 * Runs in both projects of jest.toolkits.config.js (`TOOLKIT` is the project's global: cdktf, or cdktn
 * where `cdktf` and `@cdktf/provider-aws` are mapped): the sources' imports reach the toolkit the project
 * names, for the test and for the library alike, so the `cdktn` project does test CDK Terrain.
 */
declare const TOOLKIT: 'cdktf' | 'cdktn' | undefined;
const toolkit = typeof TOOLKIT === 'string' ? TOOLKIT : 'cdktf';

describe(`the toolkit under test is ${toolkit}`, () => {
  const core = require('cdktf/package.json') as { name: string; version: string };
  const aws = require('@cdktf/provider-aws/package.json') as { name: string };

  test('`cdktf` and `@cdktf/provider-aws` resolve to its packages', () => {
    expect(core.name).toBe(toolkit);
    expect(aws.name).toBe(`@${toolkit}/provider-aws`);
    expect(require.resolve('cdktf')).toContain(`/node_modules/${toolkit}/`);
  });

  test("a stack of the library's constructs is synthesized by it", () => {
    // a plain App (Testing.app() stubs the version); nothing is written, as nothing calls synth()
    const stack = new TerraformStack(new App(), 'test');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new RgwUser(stack, 'Owner', { endpoint: new RgwEndpoint({ url: 'https://rgw.example' }), uid: 'owner', displayName: 'Owner' });
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource)).toEqual(['s3admin_rgw_user']);
    // the toolkit names itself in the stack's metadata (which Testing.synth leaves out)
    expect((stack.toTerraform() as { '//': { metadata: { version: string } } })['//'].metadata.version).toBe(core.version);
    // the library's constructs extend the same classes the test's App builds on: one copy of the toolkit
    expect(stack.node.root).toBeInstanceOf(App);
  });
});
