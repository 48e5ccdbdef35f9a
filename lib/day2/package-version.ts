import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_NAMES } from '../package-names';

export interface OwnPackage {
  readonly name: string;
  readonly version: string;
}

/**
 * The package's own package.json, found above this file: the same walk whether it runs from lib/ (ts-jest),
 * dist/lib/ (the published bin) or a bundle, without importing the synth code that does it too.
 */
export function ownPackage(from: string = __dirname): OwnPackage {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name && PACKAGE_NAMES.includes(parsed.name) && parsed.version) return { name: parsed.name, version: parsed.version };
  }
  throw new Error(`cannot find the ${PACKAGE_NAMES.join(' or ')} package.json above ${from}`);
}

export function packageVersion(from?: string): string {
  return ownPackage(from).version;
}

/** The modules a stack written by `s3-admin adopt` imports. */
export interface StackImports {
  /** cdktf or cdktn */
  readonly core: string;
  /** The toolkit's prebuilt AWS provider. */
  readonly awsProvider: string;
  /** This library, under the name of the package the command runs from (or --module). */
  readonly library: string;
}

/** What a user of `packageName` imports: cdktn-s3-admin's users are on CDK Terrain, cdktf-s3-admin's on cdktf. */
export function stackImports(packageName: string = ownPackage().name, library?: string): StackImports {
  const cdktn = packageName === 'cdktn-s3-admin';
  return { core: cdktn ? 'cdktn' : 'cdktf', awsProvider: cdktn ? '@cdktn/provider-aws' : '@cdktf/provider-aws', library: library ?? packageName };
}
