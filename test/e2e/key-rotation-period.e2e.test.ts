import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BucketUser } from '../../constructs/bucket-user';
import { KeyRotationPeriod } from '../../lib/synth/key-rotation-period';
import { synthJson, theResource } from '../support/synth';
import { engineEnv, run } from './cdktf-project';

/** The generation block BucketUser synthesizes for a period, and the key's trigger on it. */
function generationOf(period: KeyRotationPeriod) {
  const { json } = synthJson((s) => new BucketUser(s, 'U', { userName: 'rotator', keyRotation: 2, keyRotationPeriod: period }));
  const [address, block] = Object.entries(json.resource!.terraform_data)[0];
  return { address, block, key: theResource(json, 'aws_iam_access_key') };
}

/** What OpenTofu makes of the synthesized period label when the plan runs at `timestamp`. */
async function labelAt(period: KeyRotationPeriod, timestamp: string): Promise<string> {
  const template = (generationOf(period).block.input.period as string).replaceAll('plantimestamp()', JSON.stringify(timestamp));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rotation-console-'));
  // a quoted HCL template: the quotes inside its interpolations need no escaping
  fs.writeFileSync(path.join(dir, 'expr'), `"${template}"\n`);
  const result = await run('sh', ['-c', 'tofu console < expr'], dir, engineEnv(process.env));
  expect(result.code).toBe(0);
  return JSON.parse(result.log.trim().split('\n').pop()!);
}

function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

describe('keyRotationPeriod on OpenTofu', () => {
  test.each([
    ['quarter', '2026-01-01T00:00:00Z', '2026-Q1'],
    ['quarter', '2026-03-31T23:59:59Z', '2026-Q1'],
    ['quarter', '2026-04-01T00:00:00Z', '2026-Q2'],
    ['quarter', '2026-12-31T23:59:59Z', '2026-Q4'],
    ['month', '2026-11-30T23:59:59Z', '2026-11'],
    ['month', '2026-12-01T00:00:00Z', '2026-12'],
    ['year', '2027-01-01T00:00:00Z', '2027'],
  ] as const)('a %s label at %s is %s', async (period, timestamp, label) => {
    expect(await labelAt(period, timestamp)).toBe(label);
  });

  test('applied as synthesized, the generation holds the current period and stays unchanged within it', async () => {
    const { address, block, key } = generationOf('quarter');
    expect(key.lifecycle.replace_triggered_by).toEqual([`terraform_data.${address}`]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rotation-apply-'));
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({ resource: { terraform_data: { [address]: block } }, output: { generation: { value: `\${terraform_data.${address}.output}` } } }),
    );
    const env = engineEnv(process.env);
    const tofu = (...args: string[]) => run('tofu', [...args, '-no-color', '-input=false'], dir, env);
    expect((await tofu('init')).code).toBe(0);
    const before = new Date();
    expect((await tofu('apply', '-auto-approve')).code).toBe(0);
    const output = JSON.parse((await run('tofu', ['output', '-json', 'generation'], dir, env)).log);
    expect([quarterOf(before), quarterOf(new Date())]).toContain(output.period);
    expect(output.generation).toBe(2);
    // a second plan in the same period has nothing to do, so the key is left alone
    expect((await tofu('plan', '-detailed-exitcode')).code).toBe(0);
  });
});
