import * as fs from 'node:fs';
import * as path from 'node:path';

interface StackManifest {
  readonly synthesizedStackPath: string;
}

/** Counts the resources and data sources of a synthesized stack by Terraform type. */
export function countByType(tfJson: Record<string, Record<string, Record<string, unknown>> | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, items] of Object.entries(tfJson[kind] ?? {})) {
      const key = kind === 'data' ? `data.${type}` : type;
      counts.set(key, Object.keys(items).length);
    }
  }
  return counts;
}

/** Prints one line per synthesized stack: its directory and its resources by type. */
export function printSynthSummary(outdir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  for (const [name, stack] of Object.entries<StackManifest>(manifest.stacks)) {
    const file = path.join(outdir, stack.synthesizedStackPath);
    const counts = countByType(JSON.parse(fs.readFileSync(file, 'utf8')));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const detail = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t}=${n}`).join(' ');
    console.log(`${name}: ${total} resources in ${path.dirname(file)}: ${detail}`);
  }
}
