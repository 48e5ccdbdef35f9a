import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { AwsEstateStack } from '../stacks/aws-estate';
import { ACCEPTED_FINDINGS } from './support/checkov/accepted-findings';
import { ensureCheckov, Finding, scanStack, ScanResult } from './support/checkov/run-checkov';

const INSTALL_TIMEOUT_MS = 10 * 60_000;
const SCAN_TIMEOUT_MS = 3 * 60_000;
const key = (f: { check: string; resource: string }) => `${f.check} ${f.resource}`;
const describeFinding = (f: Finding) => `${f.check} on ${f.resource}: ${f.name}`;

/**
 * The example estate through an open-source IaC scanner (checkov, from PyPI, installed into .cache/ by
 * test/support/checkov/setup-checkov.sh on first use). What it finds must be exactly the accepted baseline.
 */
describe('security scan of the example estate (checkov)', () => {
  let scan: ScanResult;

  beforeAll(() => {
    // GIVEN the estate as `npm run synth` writes it
    const app = Testing.stubVersion(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'scan-')) }));
    new AwsEstateStack(app, 'aws-estate');
    app.synth();
    // WHEN checkov scans its Terraform JSON
    scan = scanStack(ensureCheckov(INSTALL_TIMEOUT_MS), path.join(app.outdir, 'stacks', 'aws-estate', 'cdk.tf.json'), SCAN_TIMEOUT_MS);
  }, INSTALL_TIMEOUT_MS + SCAN_TIMEOUT_MS);

  test('the scan read the stack', () => {
    expect(scan.parsingErrors).toBe(0);
    expect(scan.passed).toBeGreaterThan(30);
  });

  test('it finds nothing beyond the accepted baseline', () => {
    const accepted = new Set(ACCEPTED_FINDINGS.map(key));
    // THEN each new finding is named with its check, resource and title; accept it in
    // test/support/checkov/accepted-findings.ts and the README only with a reason
    expect(scan.findings.filter((f) => !accepted.has(key(f))).map(describeFinding)).toEqual([]);
  });

  test('every accepted finding is still found (the baseline and the README stay true)', () => {
    const found = new Set(scan.findings.map(key));
    expect(ACCEPTED_FINDINGS.filter((f) => !found.has(key(f))).map(key)).toEqual([]);
  });

  test('what the estate sets up passes its checks: TLS 1.2, security headers, logging, a private bucket behind OAC', () => {
    // CKV_AWS_174 TLS 1.2; CKV2_AWS_32 response headers policy; CKV_AWS_86 distribution logging;
    // CKV_AWS_18 bucket access logging; CKV2_AWS_6 public access block; CKV2_AWS_46 origin access (OAC);
    // CKV_AWS_305 default root object
    const wanted = ['CKV_AWS_174', 'CKV2_AWS_32', 'CKV_AWS_86', 'CKV_AWS_18', 'CKV2_AWS_6', 'CKV2_AWS_46', 'CKV_AWS_305'];
    expect(wanted.filter((check) => !scan.passedChecks.has(check))).toEqual([]);
  });
});
