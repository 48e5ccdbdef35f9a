import * as fs from 'node:fs';
import * as path from 'node:path';
import { ISynthesisSession, TerraformStack } from 'cdktf';
// The hook TerraformAsset uses to write files at synth; cdktf 0.21 is the final release, so it stays put.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';

/** Folder, inside a stack's synthesized directory, that receives the bookmark files. */
export const BOOKMARK_DIRECTORY = 'bookmarks';

/**
 * Writes a file next to the stack's `cdk.tf.json` at synth (`cdktf.out/stacks/<stack>/bookmarks/<name>`),
 * so users get it from `cdktf synth` with no extra step. It never enters the Terraform configuration.
 */
export class BookmarkFile extends Construct {
  constructor(scope: Construct, id: string, readonly fileName: string, readonly contents: string) {
    super(scope, id);
    addCustomSynthesis(this, { onSynthesize: (session) => this.write(session) });
  }

  private write(session: ISynthesisSession): void {
    const stackManifest = session.manifest.forStack(TerraformStack.of(this));
    const stackDir = path.dirname(path.join(session.outdir, stackManifest.synthesizedStackPath));
    const dir = path.join(stackDir, BOOKMARK_DIRECTORY);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, this.fileName), this.contents);
  }
}
