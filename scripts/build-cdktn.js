#!/usr/bin/env node
// @ts-check
/**
 * Builds `cdktn-s3-admin`, the library for CDK Terrain (cdktn), from the same sources as `cdktf-s3-admin`,
 * into dist/cdktn-s3-admin/ (a package directory: `npm pack` there makes the tarball).
 *
 * The sources import `cdktf` and `@cdktf/provider-aws`. tsconfig.cdktn.json maps those names to `cdktn` and
 * `@cdktn/provider-aws` with `paths`, so the type check runs against CDK Terrain's own declarations; `paths`
 * do not change what the compiler writes, so this script writes each mapped specifier as the package it
 * was mapped to: `require("cdktf")` becomes `require("cdktn")`, `import("@cdktf/provider-aws/lib/s3-bucket")`
 * in a declaration becomes `import("@cdktn/provider-aws/lib/s3-bucket")`. Only module specifiers are
 * touched, in the syntax tree: no string in the code changes. The provider bundle and its launcher (which
 * use neither toolkit) are the ones `npm run build:provider` made, copied byte for byte.
 *
 * `npm run build:cdktn`, after `npm run build` (it needs dist/provider/). It compiles lib/, constructs/ and
 * stacks/ (stacks/ for the tests; the package's `files` leave them out, as cdktf-s3-admin's do), and fails on
 * any type error against cdktn. tsconfig.cdktn.json itself says noEmit: `npx tsc -p tsconfig.cdktn.json`
 * only type-checks (a plain tsc emit would write `require("cdktf")`).
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const CONFIG = path.join(ROOT, 'tsconfig.cdktn.json');
const OUT = path.join(ROOT, 'dist', 'cdktn-s3-admin');
/** The provider bundle and its launcher, built by `npm run build:provider`. */
const PROVIDER_FILES = ['terraform-provider-s3admin.js', 'launcher.js'].map((name) => path.join('dist', 'provider', name));

/** What cdktn-s3-admin's package.json says differently from cdktf-s3-admin's; the rest is copied. */
const CDKTN_PACKAGE = {
  name: 'cdktn-s3-admin',
  description:
    'CDK Terrain (cdktn) constructs that turn object-storage administration (S3, CloudFront, IAM, Ceph RGW, ostor, VersityGW) into code; the same library as cdktf-s3-admin, built for cdktn',
  // the ranges it is tested against: cdktn 0.24 and its prebuilt AWS provider (AWS provider v6), and the
  // constructs versions cdktn itself accepts
  peerDependencies: { cdktn: '^0.24.0', constructs: '>=10.6.0 <10.8.0', '@cdktn/provider-aws': '^25.7.0' },
};

/**
 * The package specifier a `paths` entry maps `specifier` to, or undefined when none does:
 * `"cdktf/*": ["node_modules/cdktn/*"]` maps `cdktf/lib/synthesize/synthesizer` to `cdktn/lib/synthesize/synthesizer`.
 * @param {Record<string, string[]>} paths
 * @returns {(specifier: string) => string | undefined}
 */
function specifierMap(paths) {
  const rules = Object.entries(paths).map(([from, [to]]) => {
    const target = to.replace(/^(\.\/)?node_modules\//, '');
    return from.endsWith('/*') ? { prefix: from.slice(0, -1), to: target.slice(0, -1), exact: false } : { prefix: from, to: target, exact: true };
  });
  return (specifier) => {
    for (const rule of rules) {
      if (rule.exact ? specifier === rule.prefix : specifier.startsWith(rule.prefix)) return rule.to + specifier.slice(rule.prefix.length);
    }
    return undefined;
  };
}

/**
 * A transformer that rewrites the module specifiers `map` maps: in `require(...)` calls (the emitted
 * JavaScript, after the CommonJS transform) and in import/export declarations and `import("...")` types
 * (the emitted declarations).
 * @param {(specifier: string) => string | undefined} map
 * @returns {ts.TransformerFactory<any>}
 */
function rewriteSpecifiers(map) {
  return (context) => {
    const f = context.factory;
    /** @param {ts.Expression | undefined} literal */
    const mapped = (literal) => (literal && ts.isStringLiteral(literal) ? map(literal.text) : undefined);
    /** The node with its own module specifier rewritten when `map` maps it. @param {ts.Node} node */
    const rewritten = (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
        const to = mapped(node.arguments[0]);
        if (to) return f.updateCallExpression(node, node.expression, node.typeArguments, [f.createStringLiteral(to)]);
      } else if (ts.isImportDeclaration(node)) {
        const to = mapped(node.moduleSpecifier);
        if (to) return f.updateImportDeclaration(node, node.modifiers, node.importClause, f.createStringLiteral(to), node.attributes);
      } else if (ts.isExportDeclaration(node)) {
        const to = mapped(node.moduleSpecifier);
        if (to) return f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, f.createStringLiteral(to), node.attributes);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        const to = mapped(/** @type {ts.Expression} */ (node.argument.literal));
        if (to) return f.updateImportTypeNode(node, f.createLiteralTypeNode(f.createStringLiteral(to)), node.attributes, node.qualifier, node.typeArguments, node.isTypeOf);
      }
      return node;
    };
    /** @type {(node: ts.Node) => ts.Node} */
    const visit = (node) => ts.visitEachChild(rewritten(node), visit, context);
    return (file) => ts.visitNode(file, visit);
  };
}

function main() {
  for (const file of PROVIDER_FILES) if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${path.join(ROOT, file)} is missing: run 'npm run build' first`);

  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (/** @type {ts.Diagnostic} */ d) => report([d]) };
  const config = ts.getParsedCommandLineOfConfigFile(CONFIG, { outDir: path.join(OUT, 'dist'), noEmit: false }, host);
  if (!config) throw new Error(`cannot read ${CONFIG}`);
  if (config.errors.length) report(config.errors);
  fs.rmSync(OUT, { recursive: true, force: true });

  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, projectReferences: config.projectReferences });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length) report(diagnostics);
  const rewrite = rewriteSpecifiers(specifierMap(config.options.paths ?? {}));
  const emitted = program.emit(undefined, undefined, undefined, false, { after: [rewrite], afterDeclarations: [rewrite] });
  if (emitted.diagnostics.length) report(emitted.diagnostics);

  for (const file of PROVIDER_FILES) {
    fs.mkdirSync(path.join(OUT, path.dirname(file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(OUT, file));
    fs.chmodSync(path.join(OUT, file), 0o755);
  }
  for (const file of ['README.md', 'LICENSE']) fs.copyFileSync(path.join(ROOT, file), path.join(OUT, file));

  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const manifest = {
    name: CDKTN_PACKAGE.name,
    version: own.version,
    description: CDKTN_PACKAGE.description,
    license: own.license,
    main: own.main,
    types: own.types,
    files: own.files,
    bin: own.bin,
    engines: own.engines,
    peerDependencies: CDKTN_PACKAGE.peerDependencies,
    dependencies: own.dependencies,
  };
  fs.writeFileSync(path.join(OUT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** @param {readonly ts.Diagnostic[]} diagnostics */
function report(diagnostics) {
  const host = { getCanonicalFileName: (/** @type {string} */ f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

module.exports = { specifierMap, CDKTN_PACKAGE };

if (require.main === module) main();
