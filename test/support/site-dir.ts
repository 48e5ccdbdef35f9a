import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh folder holding `files` (key → content), as a site build would leave it. */
export function siteDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-'));
  writeFiles(dir, files);
  return dir;
}

/** Writes (or overwrites) files under `dir`, making their folders. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [key, content] of Object.entries(files)) {
    const file = path.join(dir, ...key.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A typical build: an HTML page, fingerprinted script and style, an image and a PDF. */
export const TYPICAL_SITE: Record<string, string> = {
  'index.html': '<!doctype html><title>t</title>',
  'about/index.html': '<!doctype html><title>about</title>',
  'assets/app.3f9a2c1b.js': 'console.log(1)',
  'assets/index-BdK3x9aZ.css': 'body{}',
  'img/logo.png': 'PNG',
  'docs/manual.pdf': '%PDF-1.7',
};
