import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One failed check, with the resource as `<type>.<logical id>` of the synthesized stack. */
export interface Finding {
  readonly check: string;
  readonly resource: string;
  readonly name: string;
}

export interface ScanResult {
  readonly findings: Finding[];
  /** Ids of the checks that passed on some resource. */
  readonly passedChecks: Set<string>;
  readonly passed: number;
  readonly parsingErrors: number;
}

/** Installs checkov into .cache/ (a no-op once it is there) and returns its executable. */
export function ensureCheckov(timeoutMs: number): string {
  const script = path.join(__dirname, 'setup-checkov.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: timeoutMs });
  return out.trim().split('\n').pop()!;
}

/**
 * Offline: no policy download or guideline mapping from the vendor's platform, no update check, and a proxy on
 * a closed loopback port so that any request checkov still tried would fail here instead of leaving the machine.
 */
const OFFLINE_ENV = {
  BC_SKIP_MAPPING: 'TRUE',
  CKV_SKIP_PACKAGE_UPDATE_CHECK: 'TRUE',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  NO_PROXY: '',
  no_proxy: '',
};

/** Scans one synthesized stack (`cdk.tf.json`) with checkov's Terraform JSON framework. */
export function scanStack(checkov: string, tfJsonFile: string, timeoutMs: number): ScanResult {
  const run = spawnSync(checkov, ['--file', tfJsonFile, '--framework', 'terraform_json', '--skip-download', '--output', 'json', '--compact'], {
    encoding: 'utf8',
    env: { ...process.env, ...OFFLINE_ENV },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  // checkov exits 1 when a check failed, which is the normal case here; anything else is a broken run
  if (run.error || (run.status !== 0 && run.status !== 1)) {
    throw new Error(`checkov failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr.slice(-2000)}`);
  }
  const reports = [JSON.parse(run.stdout)].flat() as Array<{ check_type: string; summary: { passed: number; parsing_errors: number }; results?: { failed_checks?: Check[]; passed_checks?: Check[] } }>;
  const report = reports.find((r) => r.check_type === 'terraform_json');
  if (!report) throw new Error(`checkov reported no terraform_json results: ${run.stdout.slice(0, 500)}`);
  const typeOf = resourceTypes(tfJsonFile);
  const findings = (report.results?.failed_checks ?? []).map((f) => ({ check: f.check_id, resource: qualified(f.resource, typeOf), name: f.check_name }));
  const passedChecks = new Set((report.results?.passed_checks ?? []).map((c) => c.check_id));
  return { findings, passedChecks, passed: report.summary.passed, parsingErrors: report.summary.parsing_errors };
}

interface Check {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
}

/** Logical id → resource type, from the stack. */
function resourceTypes(tfJsonFile: string): Map<string, string> {
  const resources: Record<string, Record<string, unknown>> = JSON.parse(fs.readFileSync(tfJsonFile, 'utf8')).resource ?? {};
  return new Map(Object.entries(resources).flatMap(([type, byId]) => Object.keys(byId).map((id): [string, string] => [id, type])));
}

/** checkov names some resources `resource.<id>` in Terraform JSON; name every one `<type>.<id>`. */
function qualified(resource: string, typeOf: Map<string, string>): string {
  const id = resource.slice(resource.lastIndexOf('.') + 1);
  return `${typeOf.get(id) ?? resource.slice(0, resource.lastIndexOf('.'))}.${id}`;
}
