import { ITerraformDependable, LocalExecProvisioner, TerraformResource, TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';

export interface TerraformDataConfig {
  /** Stored in state and mirrored to `output`; a change updates the resource in place. */
  readonly input?: Record<string, unknown>;
  /** Stored in state; a change replaces the resource (destroy-time, then create-time provisioners run). */
  readonly triggersReplace?: Record<string, unknown>;
  readonly provisioners?: LocalExecProvisioner[];
  readonly lifecycle?: TerraformResourceLifecycle;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Terraform's built-in `terraform_data` (Terraform >= 1.4, OpenTofu >= 1.6; no provider to download).
 *
 * cdktf's own `DataResource` synthesizes the same block, but registers a validation per instance that runs
 * `terraform version` as a child process at every synth: with hundreds of users or keys that is minutes of
 * synth time, and synth fails outright on a machine with no Terraform binary (a CI job that only
 * synthesizes). This class writes the same JSON without that check; the README states the version floor.
 */
export class TerraformData extends TerraformResource {
  static readonly tfResourceType = 'terraform_data';

  constructor(scope: Construct, id: string, private readonly config: TerraformDataConfig = {}) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'terraform' },
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      dependsOn: config.dependsOn,
    });
  }

  /** The stored `input`, readable by other resources after apply. */
  get output(): string {
    return this.getStringAttribute('output');
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: this.config.input, triggers_replace: this.config.triggersReplace };
  }
}
