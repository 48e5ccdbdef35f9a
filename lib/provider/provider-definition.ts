import { Schema } from '../schema/attribute';
import { ResourceType } from './resource-type';

/** Everything the provider serves: its configuration schema and its resource types. */
export interface ProviderDefinition {
  readonly configSchema: Schema;
  readonly resources: readonly ResourceType[];
  /** Where messages about the provider itself point users (README section). */
  readonly documentation: string;
}
