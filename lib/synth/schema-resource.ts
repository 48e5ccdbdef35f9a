import { ITerraformDependable, TerraformResource, TerraformResourceLifecycle } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigOf, ResourceSchema, Schema } from '../schema/attribute';
import { definedOnly, S3AdminProvider } from './s3admin-provider';

export interface SchemaResourceOptions {
  readonly provider: S3AdminProvider;
  readonly dependsOn?: ITerraformDependable[];
  readonly lifecycle?: TerraformResourceLifecycle;
}

/**
 * A resource of the s3admin provider, its config typed by the same schema the provider plans with, so the
 * construct cannot write an attribute the provider does not know.
 */
export class SchemaResource<S extends Schema> extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    readonly schema: ResourceSchema<S>,
    private readonly config: ConfigOf<S>,
    options: SchemaResourceOptions,
  ) {
    super(scope, id, {
      terraformResourceType: schema.typeName,
      terraformGeneratorMetadata: { providerName: options.provider.terraformResourceType },
      provider: options.provider,
      dependsOn: options.dependsOn,
      lifecycle: options.lifecycle,
    });
  }

  /** An attribute of the object as a Terraform reference (known after apply for computed ones). */
  attribute(name: keyof S & string): string {
    return this.getStringAttribute(name);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return definedOnly(this.config);
  }
}
