import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** Where `npm run build:handler` puts the bundled handler, inside this package. */
const BUNDLE = path.join('dist', 'handler', 's3-admin-handler.js');

/** The root of this package, from wherever this file runs (sources under ts-jest, or dist/). */
function packageRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'cdktf-s3-admin') return dir;
  }
  throw new Error(`cannot find the cdktf-s3-admin package above ${__dirname}`);
}

export function handlerBundlePath(): string {
  const bundle = path.join(packageRoot(), BUNDLE);
  if (!fs.existsSync(bundle)) {
    throw new Error(`the custom-resource handler is not built (${bundle} is missing): run 'npm run build:handler'`);
  }
  return bundle;
}

const ASSET_ID = 'S3AdminHandler';

/**
 * The handler, copied into the stack's output as an asset, once per stack. Terraform runs it from the stack
 * directory, so a plan made in one pipeline job applies in another with nothing but `cdktf.out/`.
 * @returns the handler's path, relative to the stack directory
 */
export function handlerAssetPath(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const asset =
    (stack.node.tryFindChild(ASSET_ID) as TerraformAsset | undefined) ??
    new TerraformAsset(stack, ASSET_ID, { path: handlerBundlePath(), type: AssetType.FILE });
  return asset.path;
}

/** The shell command that runs the handler (local-exec). */
export function handlerCommand(scope: Construct): string {
  return `node ${handlerAssetPath(scope)}`;
}
