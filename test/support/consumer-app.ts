import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './repo-root';

/** What the storage stack of test/consumer/app/main.ts declares: every non-AWS construct. */
export const STORAGE_RESOURCE_TYPES = [
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
];

export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies: Record<string, string>;
}

interface CdkTfJson {
  readonly '//': { readonly metadata: { readonly version: string } };
  readonly resource: Record<string, unknown>;
}

/**
 * A user's app around a packed build of the library: `npm pack` of `packageDir`, installed into a scratch
 * app next to the peers at the ranges the package declares, with test/consumer/app/main.ts (as `rewrite`
 * makes it) type-checked strictly (skipLibCheck off, no @types/node). The consumer suites of both toolkits
 * run on it.
 */
export class ConsumerApp {
  readonly work: string;
  readonly dir: string;
  readonly manifest: PackageManifest;
  /** The paths `npm pack` put in the tarball. */
  readonly files: string[];

  constructor(packageDir: string, rewrite: (main: string) => string = (main) => main) {
    const root = repoRoot();
    this.work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
    this.dir = path.join(this.work, 'app');
    this.manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    const packed = JSON.parse(this.sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', this.work], packageDir))[0];
    this.files = packed.files.map((f: { path: string }) => f.path);
    const ours = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.mkdirSync(this.dir);
    fs.writeFileSync(
      path.join(this.dir, 'package.json'),
      JSON.stringify({
        name: 'consumer-app',
        private: true,
        dependencies: { [this.manifest.name]: `file:${path.join(this.work, packed.filename)}`, ...this.manifest.peerDependencies },
        devDependencies: { typescript: ours.devDependencies.typescript },
      }),
    );
    fs.writeFileSync(path.join(this.dir, 'main.ts'), rewrite(fs.readFileSync(path.join(root, 'test', 'consumer', 'app', 'main.ts'), 'utf8')));
    fs.writeFileSync(
      path.join(this.dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: false, types: [], target: 'ES2022', lib: ['ES2022'], module: 'commonjs', moduleResolution: 'node', outDir: 'out' }, files: ['main.ts'] }),
    );
    this.sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], this.dir);
  }

  sh(cmd: string, args: string[], cwd = this.dir): string {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  }

  /** The distinct installed copies of a package (version and path), deduplicated ones not counted twice. */
  copiesOf(name: string): string[] {
    let listing: string;
    try {
      listing = this.sh('npm', ['ls', name, '--all', '--json']);
    } catch (e) {
      // npm ls exits 1 when nothing matches, with the (empty) tree on stdout all the same
      listing = (e as { stdout?: string }).stdout ?? '{}';
    }
    const tree = JSON.parse(listing);
    const found = new Set<string>();
    const walk = (deps: Record<string, any> = {}) => {
      for (const [dep, info] of Object.entries(deps)) {
        if (dep === name && !info.deduped) found.add(`${info.version}@${info.path ?? ''}`);
        walk(info.dependencies);
      }
    };
    walk(tree.dependencies);
    return [...found];
  }

  /** What the strict type check printed: empty when the app type-checks. */
  typeCheck(): string {
    try {
      this.sh(process.execPath, [path.join(this.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']);
      return '';
    } catch (e) {
      return `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}`;
    }
  }

  /** Runs the compiled app (after typeCheck) and reads the stacks it synthesized. */
  synth(): { storage: CdkTfJson; aws: CdkTfJson; storageDir: string } {
    this.sh(process.execPath, [path.join(this.dir, 'out', 'main.js')]);
    const stackDir = (name: string) => path.join(this.dir, 'cdktf.out', 'stacks', name);
    const read = (name: string): CdkTfJson => JSON.parse(fs.readFileSync(path.join(stackDir(name), 'cdk.tf.json'), 'utf8'));
    return { storage: read('storage'), aws: read('aws'), storageDir: stackDir('storage') };
  }

  remove(): void {
    fs.rmSync(this.work, { recursive: true, force: true });
  }
}
