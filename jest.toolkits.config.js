/**
 * `npm test`: jest.config.js as it is (the project `cdktf`: every test, against CDK for Terraform), and the
 * project `cdktn`: the unit and synthesis tests once more against CDK Terrain, with `cdktf` and
 * `@cdktf/provider-aws` resolved to `cdktn` and `@cdktn/provider-aws` through the same `paths` that
 * tsconfig.cdktn.json gives the cdktn build. One run, so the test servers start once.
 *
 * The `cdktn` project takes the tests that load cdktf when they run (asked of esbuild, which drops imports
 * used only as types, as the compiler does) and talk to no test server (they name none of the servers'
 * `*_ENDPOINT` variables): tests of the provider and the admin clients would run the same code twice, and
 * the server-backed suites seed fixed names. The end-to-end, consumer and test/cdktn suites run once: they
 * choose their toolkit themselves; test/cdktn/toolkit-mapping.test.ts runs in both, to show each project
 * reaches its toolkit. `npx jest -c jest.toolkits.config.js --selectProjects cdktn` runs only these.
 */
const fs = require('node:fs');
const path = require('node:path');
const { buildSync } = require('esbuild');
const { pathsToModuleNameMapper } = require('ts-jest');
const base = require('./jest.config');

const ONCE = ['e2e', 'consumer', 'cdktn', 'fixtures'];
/** Checks, in both projects, that the sources' imports reach the project's toolkit (its global TOOLKIT). */
const MAPPING_CHECK = path.join(__dirname, 'test', 'cdktn', 'toolkit-mapping.test.ts');
const CDKTF = /^(cdktf|@cdktf\/provider-aws)(\/|$)/;

function unitTests(dir = path.join(__dirname, 'test')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return ONCE.includes(entry.name) ? [] : unitTests(file);
    return entry.name.endsWith('.test.ts') && !/\w_ENDPOINT\b/.test(fs.readFileSync(file, 'utf8')) ? [file] : [];
  });
}

function loadingCdktf(tests) {
  const { metafile } = buildSync({
    entryPoints: tests,
    bundle: true,
    packages: 'external',
    platform: 'node',
    alias: { 'cdktf-s3-admin': './lib/index.ts' },
    metafile: true,
    write: false,
    outdir: 'unused',
    logLevel: 'silent',
  });
  return Object.values(metafile.outputs)
    .filter((output) => output.entryPoint && output.imports.some((i) => i.external && CDKTF.test(i.path)))
    .map((output) => path.join(__dirname, output.entryPoint));
}

const { paths } = JSON.parse(fs.readFileSync(path.join(__dirname, 'tsconfig.cdktn.json'), 'utf8')).compilerOptions;
const { testTimeout, testMatch, ...shared } = base;
const escape = (file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

module.exports = {
  testTimeout,
  projects: [
    { ...shared, testMatch, displayName: 'cdktf', globals: { TOOLKIT: 'cdktf' } },
    {
      ...shared,
      displayName: 'cdktn',
      globals: { TOOLKIT: 'cdktn' },
      testRegex: [...loadingCdktf(unitTests()), MAPPING_CHECK].map((file) => `^${escape(file)}$`),
      moduleNameMapper: { ...shared.moduleNameMapper, ...pathsToModuleNameMapper(paths, { prefix: '<rootDir>/' }) },
    },
  ],
};
