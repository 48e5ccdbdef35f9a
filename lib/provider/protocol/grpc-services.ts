/**
 * Turns the proto texts in tfplugin6-proto.ts into @grpc/grpc-js service
 * definitions, using protobufjs reflection (no generated code).
 *
 * Conventions of the JS objects on both sides of the wire:
 *  - field names are camelCase (`type_name` -> `typeName`);
 *  - bytes fields decode to Node Buffers (views into the received message)
 *    and accept Buffer/Uint8Array (or base64 strings) when encoding;
 *  - int64 fields decode to JS numbers (all int64s in this protocol are
 *    versions, counts or list indexes, far below 2^53);
 *  - enums decode to their names and accept names or numbers when encoding;
 *  - every non-oneof field is present after decoding (proto3 defaults), an
 *    absent sub-message shows as `null`, a set oneof adds its
 *    `<oneof>: '<memberName>'` discriminator (e.g. `selector`).
 */
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';
import { GO_PLUGIN_PROTO, TFPLUGIN6_PROTO } from './tfplugin6-proto';

const DECODE_OPTIONS: protobuf.IConversionOptions = {
  longs: Number,
  enums: String,
  // Any value other than String/Array leaves bytes as decoded: a Buffer when
  // decoding from a Buffer (what grpc-js hands us), and Buffer defaults.
  bytes: Buffer,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
};

function buildRoot(): protobuf.Root {
  const root = new protobuf.Root();
  // google.protobuf.Empty for GRPCStdio, from protobufjs's bundled copy.
  const empty = protobuf.common.get('google/protobuf/empty.proto');
  if (!empty?.nested) throw new Error('protobufjs lacks google/protobuf/empty.proto');
  root.addJSON(empty.nested);
  protobuf.parse(TFPLUGIN6_PROTO, root, { keepCase: false });
  protobuf.parse(GO_PLUGIN_PROTO, root, { keepCase: false });
  // Fail at load time, not on the first call, if a type name is wrong.
  root.resolveAll();
  return root;
}

const ROOT = buildRoot();

/** Looks up a message type by its fully qualified name, e.g. `tfplugin6.Schema.Block`. */
export function messageType(fullName: string): protobuf.Type {
  return ROOT.lookupType(fullName);
}

function serializer(type: protobuf.Type): (value: unknown) => Buffer {
  return (value) => {
    // fromObject coerces plain objects (enum names, Uint8Array, numbers for
    // int64) and returns Message instances unchanged.
    const bytes = type.encode(type.fromObject(value as Record<string, unknown>)).finish();
    // BufferWriter already yields a Buffer on Node; wrap without copying otherwise.
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

function deserializer(type: protobuf.Type): (bytes: Buffer) => unknown {
  return (bytes) => type.toObject(type.decode(bytes), DECODE_OPTIONS);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Builds a grpc-js ServiceDefinition from a protobufjs Service. Keys are the
 * proto method names (`GetProviderSchema`); `originalName` is the lowerCamel
 * form, so grpc-js accepts implementations keyed either way.
 */
export function serviceDefinition(service: protobuf.Service): grpc.ServiceDefinition {
  // fullName is ".pkg.Service"; the HTTP/2 path is "/pkg.Service/Method".
  const servicePath = service.fullName.replace(/^\./, '');
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const method of service.methodsArray) {
    method.resolve();
    const requestType = method.resolvedRequestType;
    const responseType = method.resolvedResponseType;
    if (!requestType || !responseType) throw new Error(`unresolved types for ${servicePath}/${method.name}`);
    definition[method.name] = {
      path: `/${servicePath}/${method.name}`,
      requestStream: method.requestStream === true,
      responseStream: method.responseStream === true,
      originalName: lowerFirst(method.name),
      requestSerialize: serializer(requestType),
      requestDeserialize: deserializer(requestType),
      responseSerialize: serializer(responseType),
      responseDeserialize: deserializer(responseType),
    };
  }
  return definition;
}

export const PROVIDER_SERVICE: grpc.ServiceDefinition = serviceDefinition(ROOT.lookupService('tfplugin6.Provider'));
export const CONTROLLER_SERVICE: grpc.ServiceDefinition = serviceDefinition(ROOT.lookupService('plugin.GRPCController'));
export const STDIO_SERVICE: grpc.ServiceDefinition = serviceDefinition(ROOT.lookupService('plugin.GRPCStdio'));
export const BROKER_SERVICE: grpc.ServiceDefinition = serviceDefinition(ROOT.lookupService('plugin.GRPCBroker'));
