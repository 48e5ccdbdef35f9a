import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../support/repo-root';

/** The two toolkits the library is built for, and what a user's app imports for each. */
export type Toolkit = 'cdktf' | 'cdktn';

export interface ToolkitBuild {
  readonly toolkit: Toolkit;
  /** The library's package directory: the repository (cdktf-s3-admin) or dist/cdktn-s3-admin. */
  readonly packageDir: string;
  /** The library's package name, as an app imports it. */
  readonly packageName: string;
  /** The core package (cdktf or cdktn) and its prebuilt AWS provider, as an app imports them. */
  readonly core: string;
  readonly awsProvider: string;
}

const ROOT = repoRoot();

export const BUILDS: Record<Toolkit, ToolkitBuild> = {
  cdktf: { toolkit: 'cdktf', packageDir: ROOT, packageName: 'cdktf-s3-admin', core: 'cdktf', awsProvider: '@cdktf/provider-aws' },
  cdktn: { toolkit: 'cdktn', packageDir: path.join(ROOT, 'dist', 'cdktn-s3-admin'), packageName: 'cdktn-s3-admin', core: 'cdktn', awsProvider: '@cdktn/provider-aws' },
};

/** Throws unless both builds are there, the cdktn one made after the cdktf one (`npm test` makes both). */
export function requireBuilds(): void {
  const built = (file: string) => (fs.existsSync(path.join(ROOT, file)) ? fs.statSync(path.join(ROOT, file)).mtimeMs : undefined);
  const cdktf = built('dist/stacks/main.js');
  const cdktn = built('dist/cdktn-s3-admin/package.json');
  if (cdktf === undefined || cdktn === undefined || cdktn < cdktf) throw new Error("the cdktn build is missing or older than the cdktf build: run 'npm run build && npm run build:cdktn' first");
}

/**
 * The specifier a cdktf app's import becomes in the same app for cdktn: the core and AWS provider through
 * the `paths` of tsconfig.cdktn.json (one mapping for the build, jest and these tests), and the library's own
 * name. Undefined when the import stays as it is (constructs, node:fs...).
 */
export function cdktnSpecifier(specifier: string): string | undefined {
  if (specifier === BUILDS.cdktf.packageName) return BUILDS.cdktn.packageName;
  const { specifierMap } = require(path.join(ROOT, 'scripts', 'build-cdktn.js')) as { specifierMap: (paths: Record<string, string[]>) => (s: string) => string | undefined };
  const { paths } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.cdktn.json'), 'utf8')).compilerOptions;
  return specifierMap(paths)(specifier);
}

/** A cdktf app's TypeScript source with its imports as the same app for cdktn writes them; nothing else changes. */
export function withCdktnImports(source: string): string {
  const file = ts.createSourceFile('app.ts', source, ts.ScriptTarget.ES2022, true);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const to = cdktnSpecifier(statement.moduleSpecifier.text);
      if (to) edits.push({ start: statement.moduleSpecifier.getStart(file), end: statement.moduleSpecifier.getEnd(), text: `'${to}'` });
    }
  }
  return edits.reduceRight((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), source);
}

/**
 * Makes `dir` an app folder for `build` without an install: node_modules/ links the library's package
 * directory under its name, and the toolkit's core and AWS provider from this repository's node_modules
 * (Node follows the links to the real files, so the app and the library load one copy of each).
 */
export function linkToolkit(dir: string, build: ToolkitBuild): void {
  const link = (name: string, target: string) => {
    const at = path.join(dir, 'node_modules', name);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at, 'dir');
  };
  link(build.packageName, build.packageDir);
  link(build.core, path.join(ROOT, 'node_modules', build.core));
  link(build.awsProvider, path.join(ROOT, 'node_modules', build.awsProvider));
  link('constructs', path.join(ROOT, 'node_modules', 'constructs'));
}

/** TypeScript to CommonJS, one file, no type check (the tests that need one run tsc themselves). */
export function transpile(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
}
