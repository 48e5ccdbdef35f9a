import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from './support/repo-root';

/** A fenced block the README marks with this comment on the line before is not compiled (say why in it). */
const SKIP = /<!-- readme-examples: skip\b/;

/** Every ```ts block of the README in order, but those marked to skip. */
export function readmeBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    if (!SKIP.test(lines[i - 1] ?? '')) blocks.push(lines.slice(i + 1, end).join('\n'));
    i = end;
  }
  return blocks;
}

/**
 * The README's TypeScript examples, in order, as one program in one stack (later examples use what earlier
 * ones declared, as a reader follows them): type-checked strictly and synthesized, so they cannot rot.
 */
describe('README examples', () => {
  const root = repoRoot();
  // one folder per run: jest runs this file once per toolkit
  const dir = fs.mkdtempSync(path.join(root, '.cache', 'readme-examples-'));
  const file = path.join(dir, 'examples.ts');
  const exported = Object.keys(require('../lib/index'));

  beforeAll(() => {
    const blocks = readmeBlocks(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    const body = blocks.map((b) => b.split('\n').filter((l) => !l.startsWith('import ')).join('\n')).join('\n\n');
    const used = exported.filter((name) => new RegExp(`\\b${name}\\b`).test(body));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      file,
      [
        "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';",
        "import { App, TerraformStack } from 'cdktf';",
        `import { ${used.join(', ')} } from 'cdktf-s3-admin';`,
        '',
        'export function synthesizeExamples(outdir: string): void {',
        '  const examples = new App({ outdir });',
        "  const stack = new TerraformStack(examples, 'readme');",
        "  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });",
        body,
        '  examples.synth();',
        '}',
      ].join('\n'),
    );
  });

  test('type-check strictly', () => {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      baseUrl: root,
      paths: { 'cdktf-s3-admin': ['lib/index.ts'], '*': ['node_modules/*'] },
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
    });
    const messages = ts.getPreEmitDiagnostics(program).map((d) => `${path.basename(d.file?.fileName ?? '')}:${(d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? 0) + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(messages).toEqual([]);
  });

  test('synthesize', () => {
    const outdir = path.join(dir, 'cdktf.out');
    fs.rmSync(outdir, { recursive: true, force: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(file) as { synthesizeExamples: (outdir: string) => void }).synthesizeExamples(outdir);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'readme', 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(json.resource)).toEqual(expect.arrayContaining(['aws_s3_bucket', 's3admin_rgw_user', 's3admin_storj_project']));
  });
});
