import { adminConnection, AdminTarget, credentialVariables, TARGET_INFO } from './admin-targets';
import { Timeouts } from './timeouts';
import { stackImports } from './package-version';
import { adoptableCount, scanTarget, TargetScan, TargetScanOptions } from './target-scan';
import { targetCounts, writeTargetStack } from './target-writer';

export interface AdoptTargetRequest {
  readonly target: AdminTarget;
  /** The admin API's root URL, checked by the caller. */
  readonly endpoint: string;
  readonly className?: string;
  readonly moduleName?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeouts: Timeouts;
  readonly progress: (text: string) => void;
  readonly scan?: TargetScanOptions;
}

export interface AdoptTargetResult {
  readonly scan: TargetScan;
  /** The stack's source, or undefined when there is nothing to adopt. */
  readonly source?: string;
}

/** Scans the target's admin API and writes the stack that adopts what it found (nothing when it found nothing). */
export async function adoptTarget(request: AdoptTargetRequest): Promise<AdoptTargetResult> {
  const { target, progress } = request;
  const endpoint = request.endpoint.replace(/\/+$/, '');
  const admin = adminConnection(target, endpoint, request.env, request.timeouts);
  try {
    progress(`scanning ${TARGET_INFO[target].title} at ${endpoint}`);
    const scan = await scanTarget(target, endpoint, admin, (kind, done, total) => {
      if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) progress(`scanned ${done}/${total} ${kind}s`);
    }, request.scan);
    if (adoptableCount(scan) === 0) return { scan };
    return { scan, source: writeTargetStack(scan, { className: request.className, imports: stackImports(undefined, request.moduleName) }) };
  } finally {
    admin.http.close();
  }
}

/** What the command prints after writing the stack. */
export function adoptTargetSummary(scan: TargetScan, file: string, source: string, className: string): string {
  const imports = (source.match(/\.importExisting\(/g) ?? []).length;
  return [
    `wrote ${file}: ${targetCounts(scan)}, ${imports} importExisting call(s); ${scan.calls} API calls`,
    ...(scan.skipped.length ? ['not adopted:', ...scan.skipped.map((s) => `  ${s}`)] : []),
    `next: add \`new ${className}(app, '<stack name>')\` to your cdktf app, review the file, then \`cdktf deploy\` with ${credentialVariables(scan.target)} set`,
  ].join('\n');
}

/** Why there is nothing to adopt. */
export function nothingToAdopt(scan: TargetScan): string {
  const skipped = scan.skipped.length ? `; not adopted: ${scan.skipped.join('; ')}` : '';
  return `nothing to adopt: ${TARGET_INFO[scan.target].title} at ${scan.endpoint} has no object the constructs declare (${scan.calls} API calls)${skipped}`;
}
