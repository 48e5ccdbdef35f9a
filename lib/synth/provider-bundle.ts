import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
// not re-exported by the package index; TerraformAsset uses the same hook to write into the stack's folder
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { findOwnPackage } from '../package-names';
import { BUNDLE_NAME } from '../provider/launcher';
import { PROVIDER_SOURCE, PROVIDER_TYPE } from '../schema/provider-config';

/** Where `npm run build:provider` puts the bundled provider and its launcher, inside this package. */
const BUNDLE = path.join('dist', 'provider', `terraform-provider-${PROVIDER_TYPE}.js`);
const LAUNCHER = path.join('dist', 'provider', 'launcher.js');

/** The engines' platforms the bundle is written for: it is plain JavaScript, run by the `node` on PATH. */
export const PROVIDER_PLATFORMS = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'] as const;

export interface ProviderBundle {
  /**
   * The files of each platform's package directory by name: the executable (the launcher, which runs the
   * bundle through V8's code cache) and the bundle beside it.
   */
  readonly files: Readonly<Record<string, Buffer>>;
  /** The executable's name inside each platform's directory. */
  readonly executable: string;
  /** Terraform's `h1:` hash of each platform's directory (the same for all: the same files). */
  readonly packageHash: string;
  /**
   * Changes whenever the content does: the lock file pins a hash of the version's directory, so changed
   * content under an old version would fail `init`, while a new version makes cdktf run `init -upgrade`.
   */
  readonly version: string;
}

let cached: ProviderBundle | undefined;

/** The built provider, read once per process. */
export function providerBundle(): ProviderBundle {
  if (cached) return cached;
  const { dir: root, version: packageVersion } = findOwnPackage(__dirname);
  const [bundle, launcher] = [BUNDLE, LAUNCHER].map((f) => path.join(root, f));
  for (const file of [bundle, launcher]) if (!fs.existsSync(file)) throw new Error(`the s3admin provider is not built (${file} is missing): run 'npm run build'`);
  const [major, minor] = packageVersion.split('.');
  const content = { launcher: fs.readFileSync(launcher), bundle: fs.readFileSync(bundle) };
  // 12 hex digits of the content's hash, as a decimal patch number: a plain semantic version, no pre-release
  const digest = createHash('sha256').update(content.launcher).update(content.bundle).digest('hex');
  const version = `${major}.${minor}.${parseInt(digest.slice(0, 12), 16)}`;
  const executable = `terraform-provider-${PROVIDER_TYPE}_v${version}`;
  const files = { [executable]: content.launcher, [BUNDLE_NAME]: content.bundle };
  cached = { files, version, executable, packageHash: packageHashV1(files) };
  return cached;
}

/**
 * Terraform's "h1:" package hash (Go's dirhash.Hash1): the SHA-256 of a listing that holds, for every file
 * of the package directory in name order, its SHA-256 in hex, two spaces and its name.
 */
export function packageHashV1(files: Record<string, Buffer>): string {
  const listing = Object.keys(files)
    .sort()
    .map((name) => `${createHash('sha256').update(files[name]).digest('hex')}  ${name}\n`)
    .join('');
  return `h1:${createHash('sha256').update(listing).digest('base64')}`;
}

/**
 * The stack's lock file with this provider's entry set (other providers' entries kept). Without an entry,
 * cdktf runs `providers lock`, which asks the provider's origin registry and never the implied mirror; with
 * it, `init` installs from the mirror and checks the package against the hash.
 */
export function lockFileWith(existing: string, bundle: ProviderBundle): string {
  const entry = [
    `provider "${PROVIDER_SOURCE}" {`,
    `  version     = "${bundle.version}"`,
    `  constraints = "${bundle.version}"`,
    '  hashes = [',
    `    "${bundle.packageHash}",`,
    '  ]',
    '}',
  ].join('\n');
  const others = existing.replace(new RegExp(`\\n?provider "${PROVIDER_SOURCE.replace(/\./g, '\\.')}" \\{[\\s\\S]*?\\n\\}\\n?`), '\n').trimEnd();
  const header = '# This file is maintained automatically by "terraform init" and "tofu init".\n# Manual edits may be lost in future updates.';
  return `${others || header}\n\n${entry}\n`;
}

/** The directory of one platform's copy, relative to the stack directory (Terraform's implied local mirror). */
export function mirrorDirectory(version: string, platform: string): string {
  return path.join('terraform.d', 'plugins', PROVIDER_SOURCE, version, platform);
}

const LOCK_FILE = '.terraform.lock.hcl';

const WRITTEN = Symbol.for('cdktf-s3-admin.providerBundleWritten');

/**
 * Writes the provider into the stack's own directory at synth, once per stack, so that `terraform init` /
 * `tofu init` (and `cdktf deploy`) install it with no registry, CLI configuration or Go, and a plan made in
 * one pipeline job applies in another with nothing but `cdktf.out/`.
 */
export function shipProviderWith(stack: TerraformStack): ProviderBundle {
  const bundle = providerBundle();
  const marked = stack as unknown as Record<symbol, boolean>;
  if (marked[WRITTEN]) return bundle;
  marked[WRITTEN] = true;
  addCustomSynthesis(stack, {
    onSynthesize(session) {
      const stackDir = path.join(session.manifest.outdir, session.manifest.forStack(stack).synthesizedStackPath, '..');
      for (const platform of PROVIDER_PLATFORMS) {
        const dir = path.join(stackDir, mirrorDirectory(bundle.version, platform));
        fs.mkdirSync(dir, { recursive: true });
        for (const [name, content] of Object.entries(bundle.files)) fs.writeFileSync(path.join(dir, name), content, { mode: name === bundle.executable ? 0o755 : 0o644 });
      }
      const lockFile = path.join(stackDir, LOCK_FILE);
      fs.writeFileSync(lockFile, lockFileWith(fs.existsSync(lockFile) ? fs.readFileSync(lockFile, 'utf8') : '', bundle));
    },
  });
  return bundle;
}
