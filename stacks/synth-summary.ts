import * as fs from 'node:fs';
import * as path from 'node:path';

interface StackManifest {
  readonly synthesizedStackPath: string;
  readonly annotations?: Array<{ readonly constructPath: string; readonly level: string; readonly message: string }>;
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

/**
 * Prints one line per synthesized stack: its directory and its resources by type; and, on stderr, every
 * warning a construct raised (a public bucket, force-destroy), which cdktf otherwise only writes into the
 * manifest.
 */
export function printSynthSummary(outdir: string, warn: (line: string) => void = (line) => console.error(line)): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  for (const [name, stack] of Object.entries<StackManifest>(manifest.stacks)) {
    // cdktf records levels as @cdktf/info, @cdktf/warn and @cdktf/error
    for (const a of stack.annotations ?? []) {
      const level = a.level.replace(/^@cdktf\//, '');
      if (level !== 'info') warn(`${level === 'warn' ? 'warning' : level} [${a.constructPath}]: ${a.message}`);
    }
    const file = path.join(outdir, stack.synthesizedStackPath);
    const counts = countByType(JSON.parse(fs.readFileSync(file, 'utf8')));
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const detail = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${t}=${n}`).join(' ');
    console.log(`${name}: ${total} resources in ${path.dirname(file)}: ${detail}`);
  }
}
