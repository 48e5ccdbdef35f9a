/**
 * Hand-written shapes of the tfplugin6 / go-plugin messages as they come out
 * of the deserializers in grpc-services.ts (protobufjs toObject with
 * defaults): camelCase names, bytes as Buffer, int64 as number, enums as
 * their names, every scalar/repeated/map field present, an absent
 * sub-message as `null`. Names follow the proto messages with the nesting
 * flattened (Schema.Block -> SchemaBlock, PlanResourceChange.Request ->
 * PlanResourceChangeRequest). Keep in sync with tfplugin6-proto.ts.
 *
 * To build a message for sending, use `Encodable<T>`: every field optional,
 * Uint8Array accepted for bytes. Bytes never accept strings here, although
 * protobufjs would read a string as base64 — `json: JSON.stringify(v)` would
 * otherwise be silently mangled.
 */

/** Outgoing form of a decoded message type. */
export type Encodable<T> = T extends Buffer
  ? Uint8Array
  : T extends readonly (infer U)[]
    ? Encodable<U>[]
    : T extends object
      ? { [K in keyof T]?: Encodable<T[K]> }
      : T;

// ---- shared values ------------------------------------------------------------

/** A cty value; Terraform fills `msgpack`, `json` is empty unless used. */
export interface DynamicValue {
  msgpack: Buffer;
  json: Buffer;
}

export interface RawState {
  json: Buffer;
  flatmap: Record<string, string>;
}

/**
 * One step of an AttributePath (oneof `selector`). The decoder sets
 * `selector` to the member that is present; an empty step decodes to `{}`.
 */
export type AttributePathStep =
  | { selector: 'attributeName'; attributeName: string }
  | { selector: 'elementKeyString'; elementKeyString: string }
  | { selector: 'elementKeyInt'; elementKeyInt: number }
  | { selector?: undefined };

export interface AttributePath {
  steps: AttributePathStep[];
}

export type DiagnosticSeverity = 'INVALID' | 'ERROR' | 'WARNING';

export interface Diagnostic {
  severity: DiagnosticSeverity;
  summary: string;
  detail: string;
  attribute: AttributePath | null;
}

export type DeferredReason = 'UNKNOWN' | 'RESOURCE_CONFIG_UNKNOWN' | 'PROVIDER_CONFIG_UNKNOWN' | 'ABSENT_PREREQ';

export interface Deferred {
  reason: DeferredReason;
}

export interface ServerCapabilities {
  planDestroy: boolean;
  getProviderSchemaOptional: boolean;
  moveResourceState: boolean;
}

export interface ClientCapabilities {
  deferralAllowed: boolean;
  writeOnlyAttributesAllowed: boolean;
}

// ---- schemas ----------------------------------------------------------------

export type StringKind = 'PLAIN' | 'MARKDOWN';

export interface Schema {
  version: number;
  block: SchemaBlock | null;
}

export interface SchemaBlock {
  version: number;
  attributes: SchemaAttribute[];
  blockTypes: SchemaNestedBlock[];
  description: string;
  descriptionKind: StringKind;
  deprecated: boolean;
}

export interface SchemaAttribute {
  name: string;
  /** JSON-encoded cty type, e.g. `"string"` or `["map","string"]`. */
  type: Buffer;
  nestedType: SchemaObject | null;
  description: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  descriptionKind: StringKind;
  deprecated: boolean;
  writeOnly: boolean;
}

export type SchemaNestedBlockNestingMode = 'INVALID' | 'SINGLE' | 'LIST' | 'SET' | 'MAP' | 'GROUP';

export interface SchemaNestedBlock {
  typeName: string;
  block: SchemaBlock | null;
  nesting: SchemaNestedBlockNestingMode;
  minItems: number;
  maxItems: number;
}

export type SchemaObjectNestingMode = 'INVALID' | 'SINGLE' | 'LIST' | 'SET' | 'MAP';

export interface SchemaObject {
  attributes: SchemaAttribute[];
  nesting: SchemaObjectNestingMode;
  /** Deprecated upstream. */
  minItems: number;
  /** Deprecated upstream. */
  maxItems: number;
}

// ---- functions ----------------------------------------------------------------

/** Message `tfplugin6.Function` (renamed so it does not shadow the global `Function`). */
export interface FunctionDefinition {
  parameters: FunctionParameter[];
  variadicParameter: FunctionParameter | null;
  return: FunctionReturn | null;
  summary: string;
  description: string;
  descriptionKind: StringKind;
  deprecationMessage: string;
}

export interface FunctionParameter {
  name: string;
  type: Buffer;
  allowNullValue: boolean;
  allowUnknownValues: boolean;
  description: string;
  descriptionKind: StringKind;
}

export interface FunctionReturn {
  type: Buffer;
}

export interface FunctionError {
  text: string;
  /** proto3 `optional`: absent (not 0) when unset. */
  functionArgument?: number;
}

// ---- RPC messages ---------------------------------------------------------------

export type GetMetadataRequest = Record<string, never>;

export interface GetMetadataResponse {
  serverCapabilities: ServerCapabilities | null;
  diagnostics: Diagnostic[];
  dataSources: GetMetadataDataSourceMetadata[];
  resources: GetMetadataResourceMetadata[];
  functions: GetMetadataFunctionMetadata[];
  ephemeralResources: GetMetadataEphemeralMetadata[];
}

export interface GetMetadataDataSourceMetadata {
  typeName: string;
}

export interface GetMetadataResourceMetadata {
  typeName: string;
}

export interface GetMetadataFunctionMetadata {
  name: string;
}

export interface GetMetadataEphemeralMetadata {
  typeName: string;
}

export type GetProviderSchemaRequest = Record<string, never>;

export interface GetProviderSchemaResponse {
  provider: Schema | null;
  resourceSchemas: Record<string, Schema>;
  dataSourceSchemas: Record<string, Schema>;
  diagnostics: Diagnostic[];
  providerMeta: Schema | null;
  serverCapabilities: ServerCapabilities | null;
  functions: Record<string, FunctionDefinition>;
  ephemeralResourceSchemas: Record<string, Schema>;
}

export interface ValidateProviderConfigRequest {
  config: DynamicValue | null;
}

export interface ValidateProviderConfigResponse {
  diagnostics: Diagnostic[];
}

export interface ValidateResourceConfigRequest {
  typeName: string;
  config: DynamicValue | null;
  clientCapabilities: ClientCapabilities | null;
}

export interface ValidateResourceConfigResponse {
  diagnostics: Diagnostic[];
}

export interface ValidateDataResourceConfigRequest {
  typeName: string;
  config: DynamicValue | null;
}

export interface ValidateDataResourceConfigResponse {
  diagnostics: Diagnostic[];
}

export interface UpgradeResourceStateRequest {
  typeName: string;
  version: number;
  rawState: RawState | null;
}

export interface UpgradeResourceStateResponse {
  upgradedState: DynamicValue | null;
  diagnostics: Diagnostic[];
}

export interface ConfigureProviderRequest {
  terraformVersion: string;
  config: DynamicValue | null;
  clientCapabilities: ClientCapabilities | null;
}

export interface ConfigureProviderResponse {
  diagnostics: Diagnostic[];
}

export interface ReadResourceRequest {
  typeName: string;
  currentState: DynamicValue | null;
  private: Buffer;
  providerMeta: DynamicValue | null;
  clientCapabilities: ClientCapabilities | null;
}

export interface ReadResourceResponse {
  newState: DynamicValue | null;
  diagnostics: Diagnostic[];
  private: Buffer;
  deferred: Deferred | null;
}

export interface PlanResourceChangeRequest {
  typeName: string;
  priorState: DynamicValue | null;
  proposedNewState: DynamicValue | null;
  config: DynamicValue | null;
  priorPrivate: Buffer;
  providerMeta: DynamicValue | null;
  clientCapabilities: ClientCapabilities | null;
}

export interface PlanResourceChangeResponse {
  plannedState: DynamicValue | null;
  requiresReplace: AttributePath[];
  plannedPrivate: Buffer;
  diagnostics: Diagnostic[];
  legacyTypeSystem: boolean;
  deferred: Deferred | null;
}

export interface ApplyResourceChangeRequest {
  typeName: string;
  priorState: DynamicValue | null;
  plannedState: DynamicValue | null;
  config: DynamicValue | null;
  plannedPrivate: Buffer;
  providerMeta: DynamicValue | null;
}

export interface ApplyResourceChangeResponse {
  newState: DynamicValue | null;
  private: Buffer;
  diagnostics: Diagnostic[];
  legacyTypeSystem: boolean;
}

export interface ImportResourceStateRequest {
  typeName: string;
  id: string;
  clientCapabilities: ClientCapabilities | null;
}

export interface ImportResourceStateImportedResource {
  typeName: string;
  state: DynamicValue | null;
  private: Buffer;
}

export interface ImportResourceStateResponse {
  importedResources: ImportResourceStateImportedResource[];
  diagnostics: Diagnostic[];
  deferred: Deferred | null;
}

export interface MoveResourceStateRequest {
  sourceProviderAddress: string;
  sourceTypeName: string;
  sourceSchemaVersion: number;
  sourceState: RawState | null;
  targetTypeName: string;
  sourcePrivate: Buffer;
}

export interface MoveResourceStateResponse {
  targetState: DynamicValue | null;
  diagnostics: Diagnostic[];
  targetPrivate: Buffer;
}

export interface ReadDataSourceRequest {
  typeName: string;
  config: DynamicValue | null;
  providerMeta: DynamicValue | null;
  clientCapabilities: ClientCapabilities | null;
}

export interface ReadDataSourceResponse {
  state: DynamicValue | null;
  diagnostics: Diagnostic[];
  deferred: Deferred | null;
}

export type GetFunctionsRequest = Record<string, never>;

export interface GetFunctionsResponse {
  functions: Record<string, FunctionDefinition>;
  diagnostics: Diagnostic[];
}

export interface CallFunctionRequest {
  name: string;
  arguments: DynamicValue[];
}

export interface CallFunctionResponse {
  result: DynamicValue | null;
  error: FunctionError | null;
}

export type StopProviderRequest = Record<string, never>;

export interface StopProviderResponse {
  /** Capitalised as in the proto field name. */
  Error: string;
}

/** Request/response types per `tfplugin6.Provider` RPC, keyed like PROVIDER_SERVICE. */
export interface ProviderRpcTypes {
  GetMetadata: { request: GetMetadataRequest; response: GetMetadataResponse };
  GetProviderSchema: { request: GetProviderSchemaRequest; response: GetProviderSchemaResponse };
  ValidateProviderConfig: { request: ValidateProviderConfigRequest; response: ValidateProviderConfigResponse };
  ValidateResourceConfig: { request: ValidateResourceConfigRequest; response: ValidateResourceConfigResponse };
  ValidateDataResourceConfig: { request: ValidateDataResourceConfigRequest; response: ValidateDataResourceConfigResponse };
  UpgradeResourceState: { request: UpgradeResourceStateRequest; response: UpgradeResourceStateResponse };
  ConfigureProvider: { request: ConfigureProviderRequest; response: ConfigureProviderResponse };
  ReadResource: { request: ReadResourceRequest; response: ReadResourceResponse };
  PlanResourceChange: { request: PlanResourceChangeRequest; response: PlanResourceChangeResponse };
  ApplyResourceChange: { request: ApplyResourceChangeRequest; response: ApplyResourceChangeResponse };
  ImportResourceState: { request: ImportResourceStateRequest; response: ImportResourceStateResponse };
  MoveResourceState: { request: MoveResourceStateRequest; response: MoveResourceStateResponse };
  ReadDataSource: { request: ReadDataSourceRequest; response: ReadDataSourceResponse };
  GetFunctions: { request: GetFunctionsRequest; response: GetFunctionsResponse };
  CallFunction: { request: CallFunctionRequest; response: CallFunctionResponse };
  StopProvider: { request: StopProviderRequest; response: StopProviderResponse };
}

// ---- go-plugin (package plugin) ----------------------------------------------

/** plugin.Empty and google.protobuf.Empty: no fields, zero bytes on the wire. */
export type Empty = Record<string, never>;

export type StdioDataChannel = 'INVALID' | 'STDOUT' | 'STDERR';

export interface StdioData {
  channel: StdioDataChannel;
  data: Buffer;
}

export interface ConnInfoKnock {
  knock: boolean;
  ack: boolean;
  error: string;
}

export interface ConnInfo {
  serviceId: number;
  network: string;
  address: string;
  knock: ConnInfoKnock | null;
}
