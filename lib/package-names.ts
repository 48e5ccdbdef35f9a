import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The names this library is published under: `cdktf-s3-admin` for CDK for Terraform, and `cdktn-s3-admin`
 * for CDK Terrain (the same sources, built by scripts/build-cdktn.js). Code that looks for the package's own
 * files above itself (the provider bundle, the version) accepts either.
 */
export const PACKAGE_NAMES: readonly string[] = ['cdktf-s3-admin', 'cdktn-s3-admin'];

export interface OwnPackage {
  /** The directory that holds the package.json. */
  readonly dir: string;
  readonly name: string;
  readonly version: string;
}

/**
 * The package's own package.json, found above `from`: the same walk whether the code runs from lib/
 * (ts-jest), dist/lib/ (the published package) or a bundle.
 */
export function findOwnPackage(from: string): OwnPackage {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name && PACKAGE_NAMES.includes(parsed.name) && parsed.version) return { dir, name: parsed.name, version: parsed.version };
  }
  throw new Error(`cannot find the ${PACKAGE_NAMES.join(' or ')} package.json above ${from}`);
}
