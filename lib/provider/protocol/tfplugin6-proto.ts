/**
 * Wire definitions (proto3 text) for the two gRPC surfaces a Terraform
 * provider plugin serves:
 *
 *  - `tfplugin6`: Terraform plugin protocol 6.8, the version Terraform 1.11
 *    negotiates (OpenTofu 1.10 speaks 6.9, a superset that only adds the
 *    resource-identity fields/RPCs; unknown fields are skipped on decode).
 *  - `plugin`: the go-plugin housekeeping services (controller, stdio, broker)
 *    that Terraform's plugin client expects next to the provider service.
 *
 * Written by hand for this project. Field numbers, names and types are the
 * wire contract and were checked against hashicorp/terraform v1.11.0
 * (docs/plugin-protocol/tfplugin6.8.proto) and hashicorp/go-plugin
 * (internal/plugin/grpc_*.proto). Field order here is free; numbers are not.
 *
 * Only the provider RPCs we implement are declared. Calls to anything else
 * (ephemeral resources, identity RPCs) get UNIMPLEMENTED from grpc-js, which
 * is what Terraform expects from a provider that does not advertise them.
 */

export const TFPLUGIN6_PROTO = `
syntax = "proto3";
package tfplugin6;

// ---- values shared by many RPCs -------------------------------------------

// A cty value: exactly one of the encodings is set (msgpack from Terraform).
message DynamicValue {
  bytes msgpack = 1;
  bytes json = 2;
}

// Stored state as Terraform persisted it (json for current SDKs, flatmap
// for states written by SDKv1-era providers).
message RawState {
  bytes json = 1;
  map<string, string> flatmap = 2;
}

// Path into a value: attribute names, map keys or list/set indexes.
message AttributePath {
  message Step {
    oneof selector {
      string attribute_name = 1;
      string element_key_string = 2;
      int64 element_key_int = 3;
    }
  }
  repeated Step steps = 1;
}

message Diagnostic {
  enum Severity {
    INVALID = 0;
    ERROR = 1;
    WARNING = 2;
  }
  Severity severity = 1;
  string summary = 2;
  string detail = 3;
  AttributePath attribute = 4;
}

// Result of a deferred (postponed) action; only sent when the client allows it.
message Deferred {
  enum Reason {
    UNKNOWN = 0;
    RESOURCE_CONFIG_UNKNOWN = 1;
    PROVIDER_CONFIG_UNKNOWN = 2;
    ABSENT_PREREQ = 3;
  }
  Reason reason = 1;
}

// ---- capabilities ----------------------------------------------------------

message ServerCapabilities {
  bool plan_destroy = 1;
  bool get_provider_schema_optional = 2;
  bool move_resource_state = 3;
}

message ClientCapabilities {
  bool deferral_allowed = 1;
  bool write_only_attributes_allowed = 2;
}

// ---- schemas ---------------------------------------------------------------

enum StringKind {
  PLAIN = 0;
  MARKDOWN = 1;
}

message Schema {
  message Block {
    int64 version = 1;
    repeated Attribute attributes = 2;
    repeated NestedBlock block_types = 3;
    string description = 4;
    StringKind description_kind = 5;
    bool deprecated = 6;
  }

  // "type" is the JSON encoding of a cty type, e.g. "string" or ["list","string"].
  message Attribute {
    string name = 1;
    bytes type = 2;
    string description = 3;
    bool required = 4;
    bool optional = 5;
    bool computed = 6;
    bool sensitive = 7;
    StringKind description_kind = 8;
    bool deprecated = 9;
    Object nested_type = 10;
    bool write_only = 11;
  }

  message NestedBlock {
    enum NestingMode {
      INVALID = 0;
      SINGLE = 1;
      LIST = 2;
      SET = 3;
      MAP = 4;
      GROUP = 5;
    }
    string type_name = 1;
    Block block = 2;
    NestingMode nesting = 3;
    int64 min_items = 4;
    int64 max_items = 5;
  }

  // Nested attribute type (protocol 6 only). Field number 2 is unused.
  message Object {
    enum NestingMode {
      INVALID = 0;
      SINGLE = 1;
      LIST = 2;
      SET = 3;
      MAP = 4;
    }
    repeated Attribute attributes = 1;
    NestingMode nesting = 3;
    int64 min_items = 4 [deprecated = true];
    int64 max_items = 5 [deprecated = true];
  }

  int64 version = 1;
  Block block = 2;
}

// ---- provider-defined functions ---------------------------------------------

message Function {
  message Parameter {
    string name = 1;
    bytes type = 2;
    bool allow_null_value = 3;
    bool allow_unknown_values = 4;
    string description = 5;
    StringKind description_kind = 6;
  }
  message Return {
    bytes type = 1;
  }
  repeated Parameter parameters = 1;
  Parameter variadic_parameter = 2;
  Return return = 3;
  string summary = 4;
  string description = 5;
  StringKind description_kind = 6;
  string deprecation_message = 7;
}

message FunctionError {
  string text = 1;
  optional int64 function_argument = 2;
}

// ---- the provider service ----------------------------------------------------

service Provider {
  rpc GetMetadata(GetMetadata.Request) returns (GetMetadata.Response);
  rpc GetProviderSchema(GetProviderSchema.Request) returns (GetProviderSchema.Response);
  rpc ValidateProviderConfig(ValidateProviderConfig.Request) returns (ValidateProviderConfig.Response);
  rpc ValidateResourceConfig(ValidateResourceConfig.Request) returns (ValidateResourceConfig.Response);
  rpc ValidateDataResourceConfig(ValidateDataResourceConfig.Request) returns (ValidateDataResourceConfig.Response);
  rpc UpgradeResourceState(UpgradeResourceState.Request) returns (UpgradeResourceState.Response);
  rpc ConfigureProvider(ConfigureProvider.Request) returns (ConfigureProvider.Response);
  rpc ReadResource(ReadResource.Request) returns (ReadResource.Response);
  rpc PlanResourceChange(PlanResourceChange.Request) returns (PlanResourceChange.Response);
  rpc ApplyResourceChange(ApplyResourceChange.Request) returns (ApplyResourceChange.Response);
  rpc ImportResourceState(ImportResourceState.Request) returns (ImportResourceState.Response);
  rpc MoveResourceState(MoveResourceState.Request) returns (MoveResourceState.Response);
  rpc ReadDataSource(ReadDataSource.Request) returns (ReadDataSource.Response);
  rpc GetFunctions(GetFunctions.Request) returns (GetFunctions.Response);
  rpc CallFunction(CallFunction.Request) returns (CallFunction.Response);
  rpc StopProvider(StopProvider.Request) returns (StopProvider.Response);
}

// ---- per-RPC request/response pairs ------------------------------------------

message GetMetadata {
  message Request {}
  message Response {
    ServerCapabilities server_capabilities = 1;
    repeated Diagnostic diagnostics = 2;
    repeated DataSourceMetadata data_sources = 3;
    repeated ResourceMetadata resources = 4;
    repeated FunctionMetadata functions = 5;
    repeated EphemeralMetadata ephemeral_resources = 6;
  }
  message DataSourceMetadata { string type_name = 1; }
  message ResourceMetadata { string type_name = 1; }
  message FunctionMetadata { string name = 1; }
  message EphemeralMetadata { string type_name = 1; }
}

message GetProviderSchema {
  message Request {}
  message Response {
    Schema provider = 1;
    map<string, Schema> resource_schemas = 2;
    map<string, Schema> data_source_schemas = 3;
    repeated Diagnostic diagnostics = 4;
    Schema provider_meta = 5;
    ServerCapabilities server_capabilities = 6;
    map<string, Function> functions = 7;
    map<string, Schema> ephemeral_resource_schemas = 8;
  }
}

message ValidateProviderConfig {
  message Request {
    DynamicValue config = 1;
  }
  // Upstream numbers this 2 (1 is unused); keep it.
  message Response {
    repeated Diagnostic diagnostics = 2;
  }
}

message ValidateResourceConfig {
  message Request {
    string type_name = 1;
    DynamicValue config = 2;
    ClientCapabilities client_capabilities = 3;
  }
  message Response {
    repeated Diagnostic diagnostics = 1;
  }
}

message ValidateDataResourceConfig {
  message Request {
    string type_name = 1;
    DynamicValue config = 2;
  }
  message Response {
    repeated Diagnostic diagnostics = 1;
  }
}

message UpgradeResourceState {
  message Request {
    string type_name = 1;
    int64 version = 2;
    RawState raw_state = 3;
  }
  message Response {
    DynamicValue upgraded_state = 1;
    repeated Diagnostic diagnostics = 2;
  }
}

message ConfigureProvider {
  message Request {
    string terraform_version = 1;
    DynamicValue config = 2;
    ClientCapabilities client_capabilities = 3;
  }
  message Response {
    repeated Diagnostic diagnostics = 1;
  }
}

message ReadResource {
  message Request {
    string type_name = 1;
    DynamicValue current_state = 2;
    bytes private = 3;
    DynamicValue provider_meta = 4;
    ClientCapabilities client_capabilities = 5;
  }
  message Response {
    DynamicValue new_state = 1;
    repeated Diagnostic diagnostics = 2;
    bytes private = 3;
    Deferred deferred = 4;
  }
}

message PlanResourceChange {
  message Request {
    string type_name = 1;
    DynamicValue prior_state = 2;
    DynamicValue proposed_new_state = 3;
    DynamicValue config = 4;
    bytes prior_private = 5;
    DynamicValue provider_meta = 6;
    ClientCapabilities client_capabilities = 7;
  }
  message Response {
    DynamicValue planned_state = 1;
    repeated AttributePath requires_replace = 2;
    bytes planned_private = 3;
    repeated Diagnostic diagnostics = 4;
    bool legacy_type_system = 5;  // SDKv2 only; must stay false for us
    Deferred deferred = 6;
  }
}

message ApplyResourceChange {
  message Request {
    string type_name = 1;
    DynamicValue prior_state = 2;
    DynamicValue planned_state = 3;
    DynamicValue config = 4;
    bytes planned_private = 5;
    DynamicValue provider_meta = 6;
  }
  message Response {
    DynamicValue new_state = 1;
    bytes private = 2;
    repeated Diagnostic diagnostics = 3;
    bool legacy_type_system = 4;
  }
}

message ImportResourceState {
  message Request {
    string type_name = 1;
    string id = 2;
    ClientCapabilities client_capabilities = 3;
  }
  message ImportedResource {
    string type_name = 1;
    DynamicValue state = 2;
    bytes private = 3;
  }
  message Response {
    repeated ImportedResource imported_resources = 1;
    repeated Diagnostic diagnostics = 2;
    Deferred deferred = 3;
  }
}

message MoveResourceState {
  message Request {
    string source_provider_address = 1;
    string source_type_name = 2;
    int64 source_schema_version = 3;
    RawState source_state = 4;
    string target_type_name = 5;
    bytes source_private = 6;
  }
  message Response {
    DynamicValue target_state = 1;
    repeated Diagnostic diagnostics = 2;
    bytes target_private = 3;
  }
}

message ReadDataSource {
  message Request {
    string type_name = 1;
    DynamicValue config = 2;
    DynamicValue provider_meta = 3;
    ClientCapabilities client_capabilities = 4;
  }
  message Response {
    DynamicValue state = 1;
    repeated Diagnostic diagnostics = 2;
    Deferred deferred = 3;
  }
}

message GetFunctions {
  message Request {}
  message Response {
    map<string, Function> functions = 1;
    repeated Diagnostic diagnostics = 2;
  }
}

message CallFunction {
  message Request {
    string name = 1;
    repeated DynamicValue arguments = 2;
  }
  message Response {
    DynamicValue result = 1;
    FunctionError error = 2;
  }
}

message StopProvider {
  message Request {}
  // Capitalised field name is what upstream uses (JSON/JS name "Error").
  message Response {
    string Error = 1;
  }
}
`;

/**
 * go-plugin's side services, all in package `plugin`. StreamStdio takes the
 * well-known google.protobuf.Empty; grpc-services.ts loads protobufjs's
 * bundled copy of it before parsing this text. Shutdown uses go-plugin's own
 * plugin.Empty. Both are zero-length on the wire.
 */
export const GO_PLUGIN_PROTO = `
syntax = "proto3";
package plugin;

import "google/protobuf/empty.proto";

message Empty {}

// Asks the plugin process to exit.
service GRPCController {
  rpc Shutdown(Empty) returns (Empty);
}

// Server-streamed copies of the plugin's stdout/stderr.
message StdioData {
  enum Channel {
    INVALID = 0;
    STDOUT = 1;
    STDERR = 2;
  }
  Channel channel = 1;
  bytes data = 2;
}

service GRPCStdio {
  rpc StreamStdio(google.protobuf.Empty) returns (stream StdioData);
}

// Broker for extra connections between host and plugin (unused by
// Terraform providers, but the client opens the stream).
message ConnInfo {
  message Knock {
    bool knock = 1;
    bool ack = 2;
    string error = 3;
  }
  uint32 service_id = 1;
  string network = 2;
  string address = 3;
  Knock knock = 4;
}

service GRPCBroker {
  rpc StartStream(stream ConnInfo) returns (stream ConnInfo);
}
`;
