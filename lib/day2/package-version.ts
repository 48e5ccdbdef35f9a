import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_NAMES } from '../package-names';

/**
 * The version in the package's own package.json, found above this file: the same walk whether it runs from
 * lib/ (ts-jest), dist/lib/ (the published bin) or a bundle, without importing the synth code that does it too.
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name && PACKAGE_NAMES.includes(parsed.name) && parsed.version) return parsed.version;
  }
  throw new Error(`cannot find the ${PACKAGE_NAMES.join(' or ')} package.json above ${from}`);
}
