import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PROVIDER_SOURCE, PROVIDER_TYPE, ProviderConfig } from '../schema/provider-config';
import { shipProviderWith } from './provider-bundle';

/** One configuration of the s3admin provider, shipped with the stack. */
export class S3AdminProvider extends TerraformProvider {
  private aliasName?: string;

  constructor(scope: Construct, id: string, private readonly config: ProviderConfig & { readonly alias?: string }) {
    const bundle = shipProviderWith(TerraformStack.of(scope));
    super(scope, id, {
      terraformResourceType: PROVIDER_TYPE,
      terraformGeneratorMetadata: { providerName: PROVIDER_TYPE, providerVersion: bundle.version, providerVersionConstraint: `= ${bundle.version}` },
      terraformProviderSource: PROVIDER_SOURCE,
    });
    this.alias = config.alias;
  }

  // the base class leaves alias storage to its subclasses (as generated providers do); `fqn` reads it
  override get alias(): string | undefined {
    return this.aliasName;
  }

  override set alias(value: string | undefined) {
    this.aliasName = value;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return definedOnly({ ...this.config, alias: this.aliasName });
  }
}

/** Terraform's JSON takes an absent attribute as null; undefined keys are left out. */
export function definedOnly(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/**
 * The provider configuration of one endpoint in the stack of `scope`, made on first use. The alias names
 * the endpoint (its kind and host), so it stays the same across synths and resources keep their provider.
 */
export function providerIn(scope: Construct, alias: string | undefined, config: ProviderConfig): S3AdminProvider {
  const stack = TerraformStack.of(scope);
  const id = `S3Admin_${alias ?? 'default'}`;
  return (stack.node.tryFindChild(id) as S3AdminProvider | undefined) ?? new S3AdminProvider(stack, id, { ...config, alias });
}
