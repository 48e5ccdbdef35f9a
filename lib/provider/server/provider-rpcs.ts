import { Attribute, Schema } from '../../schema/attribute';
import { ProviderConfig } from '../../schema/provider-config';
import { Diagnostic, error, operationFailed } from '../diagnostics';
import { EndpointConnection } from '../endpoint-connection';
import { configProblems, planChange, schemaProblems, withDefaults } from '../plan';
import { ProviderDefinition } from '../provider-definition';
import { decodePending, encodePending, HalfDone, ResourceContext, ResourceType } from '../resource-type';
import { CtyObject, ctyType, decodeObject, encodeObject, knownOnly } from '../protocol/cty-value';

type DynamicValue = { msgpack?: Uint8Array; json?: Uint8Array };
type Request = Record<string, any>;
type Response = Record<string, unknown>;

/**
 * The Provider service of plugin protocol 6, on plain objects: each RPC decodes its values with the
 * schema, runs the plan rules or a resource operation, and answers with diagnostics instead of throwing,
 * so the engine shows the user what failed and where.
 */
export class ProviderRpcs {
  private readonly types: Map<string, ResourceType>;
  private endpoint?: EndpointConnection;

  constructor(
    private readonly provider: ProviderDefinition,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (message: string) => void,
  ) {
    this.types = new Map(provider.resources.map((r) => [r.schema.typeName, r]));
  }

  close(): void {
    this.endpoint?.close();
  }

  GetMetadata(): Response {
    return {
      serverCapabilities: SERVER_CAPABILITIES,
      resources: [...this.types.keys()].map((typeName) => ({ typeName })),
      dataSources: [],
      functions: [],
      diagnostics: [],
    };
  }

  GetProviderSchema(): Response {
    return {
      provider: schemaMessage(this.provider.configSchema, 'The s3-admin provider: one configuration per admin endpoint.'),
      resourceSchemas: Object.fromEntries([...this.types].map(([name, t]) => [name, schemaMessage(t.schema.attributes, t.schema.description)])),
      dataSourceSchemas: {},
      functions: {},
      serverCapabilities: SERVER_CAPABILITIES,
      diagnostics: [],
    };
  }

  GetFunctions(): Response {
    return { functions: {}, diagnostics: [] };
  }

  ValidateProviderConfig(request: Request): Response {
    const config = decodeObject(this.provider.configSchema, request.config);
    return { diagnostics: config ? problemsAsDiagnostics('provider configuration', schemaProblems(this.provider.configSchema, config, '')) : [] };
  }

  ConfigureProvider(request: Request): Response {
    const config = decodeObject(this.provider.configSchema, request.config);
    this.endpoint?.close();
    this.endpoint = new EndpointConnection((config ?? {}) as ProviderConfig, this.env, this.log);
    return { diagnostics: [] };
  }

  ValidateResourceConfig(request: Request): Response {
    return this.withType(request.typeName, (type) => {
      const config = decodeObject(type.schema.attributes, request.config);
      return { diagnostics: config ? problemsAsDiagnostics(type.schema.typeName, configProblems(type, config)) : [] };
    });
  }

  UpgradeResourceState(request: Request): Response {
    return this.withType(request.typeName, (type) => {
      const json = request.rawState?.json as Uint8Array | undefined;
      const state = json && json.length > 0 ? JSON.parse(Buffer.from(json).toString('utf8')) : null;
      return { upgradedState: { msgpack: encodeObject(type.schema.attributes, state) }, diagnostics: [] };
    });
  }

  async ReadResource(request: Request): Promise<Response> {
    return this.withTypeAsync(request.typeName, async (type) => {
      const current = decodeObject(type.schema.attributes, request.currentState);
      if (!current) return { newState: request.currentState, diagnostics: [] };
      try {
        const read = await type.read(this.context(), current as never, decodePending(request.private));
        const newState = read ? withDefaults(type.schema.attributes, read as CtyObject) : null;
        return { newState: dynamic(type, newState), private: request.private, diagnostics: [] };
      } catch (e) {
        return { diagnostics: [operationFailed(describe(type, current), 'read', e)].map(diagnosticMessage) };
      }
    });
  }

  PlanResourceChange(request: Request): Response {
    return this.withType(request.typeName, (type) => {
      const attributes = type.schema.attributes;
      const prior = decodeObject(attributes, request.priorState);
      const proposed = decodeObject(attributes, request.proposedNewState);
      const config = decodeObject(attributes, request.config);
      const { planned, requiresReplace } = planChange(type, prior, proposed, config);
      return {
        plannedState: dynamic(type, planned),
        requiresReplace: requiresReplace.map((name) => ({ steps: [{ attributeName: name }] })),
        plannedPrivate: request.priorPrivate,
        diagnostics: [],
      };
    });
  }

  async ApplyResourceChange(request: Request): Promise<Response> {
    return this.withTypeAsync(request.typeName, async (type) => {
      const attributes = type.schema.attributes;
      const prior = decodeObject(attributes, request.priorState);
      const planned = decodeObject(attributes, request.plannedState);
      const ctx = this.context();
      const operation = planned === null ? 'delete' : prior === null ? 'create' : 'update';
      try {
        let newState: CtyObject | null = null;
        if (planned === null) await type.delete(ctx, prior as never);
        else if (prior === null) newState = (await type.create(ctx, knownOnly(planned) as never)) as CtyObject;
        else newState = (await type.update(ctx, prior as never, knownOnly(planned) as never)) as CtyObject;
        // done: a note of an earlier update cut off half-way has served
        return { newState: dynamic(type, newState), private: encodePending(undefined), diagnostics: [] };
      } catch (e) {
        // a failed create leaves no state; a failed update or delete keeps the prior one (and the note of a
        // step left undone, or the one it had), so nothing is lost
        const privateData = e instanceof HalfDone ? encodePending(e.pending) : request.plannedPrivate;
        const cause = e instanceof HalfDone ? e.cause : e;
        return { newState: request.priorState, private: privateData, diagnostics: [diagnosticMessage(operationFailed(describe(type, planned ?? prior), operation, cause))] };
      }
    });
  }

  async ImportResourceState(request: Request): Promise<Response> {
    return this.withTypeAsync(request.typeName, async (type) => {
      try {
        const state = await type.importState(this.context(), String(request.id));
        return { importedResources: [{ typeName: type.schema.typeName, state: dynamic(type, state as CtyObject), private: Buffer.alloc(0) }], diagnostics: [] };
      } catch (e) {
        const failed = operationFailed(`${type.schema.typeName} "${request.id}"`, `import (the id is ${type.schema.importId})`, e);
        return { diagnostics: [diagnosticMessage(failed)] };
      }
    });
  }

  ValidateDataResourceConfig(request: Request): Response {
    return { diagnostics: [diagnosticMessage(error(`no data source ${request.typeName}`, 'This provider has resources only.'))] };
  }

  StopProvider(): Response {
    return {};
  }

  private context(): ResourceContext {
    if (!this.endpoint) this.endpoint = new EndpointConnection({}, this.env, this.log);
    return { endpoint: this.endpoint, log: this.log };
  }

  private withType(typeName: string, handle: (type: ResourceType) => Response): Response {
    const type = this.types.get(typeName);
    if (!type) return { diagnostics: [diagnosticMessage(unknownType(typeName, this.types))] };
    return handle(type);
  }

  private async withTypeAsync(typeName: string, handle: (type: ResourceType) => Promise<Response>): Promise<Response> {
    const type = this.types.get(typeName);
    if (!type) return { diagnostics: [diagnosticMessage(unknownType(typeName, this.types))] };
    return handle(type);
  }
}

const SERVER_CAPABILITIES = { planDestroy: false, getProviderSchemaOptional: false, moveResourceState: false };

function unknownType(typeName: string, types: Map<string, ResourceType>): Diagnostic {
  return error(`unknown resource type ${typeName}`, `This provider serves ${[...types.keys()].join(', ')}. The stack was synthesized by another version of cdktf-s3-admin: synthesize it again.`);
}

function dynamic(type: ResourceType, value: CtyObject | null): DynamicValue {
  return { msgpack: encodeObject(type.schema.attributes, value) };
}

/** Names the object in messages by the first attribute of its schema that is set (its natural id). */
function describe(type: ResourceType, state: CtyObject | null): string {
  const id = Object.keys(type.schema.attributes).map((k) => state?.[k]).find((v) => typeof v === 'string' && v !== '');
  return id ? `${type.schema.typeName} "${id}"` : type.schema.typeName;
}

function problemsAsDiagnostics(what: string, problems: { attribute: string; message: string }[]): Response[] {
  return problems.map((p) => diagnosticMessage(error(`invalid ${what}`, p.message, p.attribute.split('.'))));
}

export function diagnosticMessage(d: Diagnostic): Response {
  return {
    severity: d.severity,
    summary: d.summary,
    detail: d.detail,
    attribute: d.attribute ? { steps: d.attribute.map((attributeName) => ({ attributeName })) } : undefined,
  };
}

function schemaMessage(attributes: Schema, description: string): Response {
  return { version: 0, block: { version: 0, attributes: attributeMessages(attributes), blockTypes: [], description, descriptionKind: 'PLAIN', deprecated: false } };
}

function attributeMessages(attributes: Schema): Response[] {
  return Object.entries(attributes).map(([name, a]) => ({
    name,
    ...(a.kind === 'object' ? { nestedType: { attributes: attributeMessages(a.attributes!), nesting: 'SINGLE' } } : { type: Buffer.from(JSON.stringify(ctyType(a))) }),
    description: a.description,
    descriptionKind: 'PLAIN',
    ...flags(a),
    sensitive: Boolean(a.sensitive),
    deprecated: false,
  }));
}

function flags(a: Attribute): { required: boolean; optional: boolean; computed: boolean } {
  return { required: a.mode === 'required', optional: a.mode === 'optional' || a.mode === 'optionalComputed', computed: a.mode === 'computed' || a.mode === 'optionalComputed' };
}
