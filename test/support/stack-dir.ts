import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { TfJson } from './synth';

/** Synthesizes one stack into a fresh cdktf.out, the way `cdktf synth` does, and returns its directory and JSON. */
export function synthToDir(name: string, declare: (app: App) => TerraformStack): { stackDir: string; json: TfJson } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  const app = new App({ outdir });
  declare(app);
  app.synth();
  const stackDir = path.join(outdir, 'stacks', name);
  return { stackDir, json: JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) };
}
