import { TerraformResource } from 'cdktf';

/**
 * Sets `lifecycle.replace_triggered_by` as the static references Terraform's JSON syntax wants
 * (`"terraform_data.name"`). cdktf's own `lifecycle.replaceTriggeredBy` writes `"${terraform_data.name}"`,
 * which OpenTofu rejects at init ("Invalid character").
 */
export function replaceTriggeredBy(resource: TerraformResource, triggers: TerraformResource[]): void {
  resource.addOverride(
    'lifecycle.replace_triggered_by',
    triggers.map((t) => `${t.terraformResourceType}.${t.friendlyUniqueId}`),
  );
}
