import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, whether this runs from the sources (jest) or from dist/ (the benchmark). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

export const SUPPORT_DIR = path.join(repoRoot(), 'test', 'support');
