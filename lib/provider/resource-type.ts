import { ResourceSchema, Schema, StateOf } from '../schema/attribute';
import { EndpointConnection } from './endpoint-connection';

/** What an operation of a resource type gets: the endpoint of the provider configuration, and a log. */
export interface ResourceContext {
  readonly endpoint: EndpointConnection;
  /** A progress line on stderr (shown under TF_LOG); never pass a secret. */
  log(message: string): void;
}

/** A rule a config broke, found before any call: the attribute and what is wrong with it. */
export interface ConfigProblem {
  readonly attribute: string;
  readonly message: string;
}

/**
 * One resource type of the provider, over an admin-API client. Every operation is idempotent: safe to run
 * again after a partial failure. States carry every attribute of the schema (null where absent).
 */
export interface ResourceType<S extends Schema = Schema> {
  readonly schema: ResourceSchema<S>;
  /** Makes the object; returns its state with every computed attribute known. */
  create(ctx: ResourceContext, planned: StateOf<S>): Promise<StateOf<S>>;
  /**
   * What the server has now, or null when the object is gone (Terraform then plans to create it again).
   * `pending` is the note of an update cut off half-way (see HalfDone), when the last apply left one.
   */
  read(ctx: ResourceContext, state: StateOf<S>, pending?: string): Promise<StateOf<S> | null>;
  /** Brings the object to the planned state in place (only attributes without `forceNew` differ). */
  update(ctx: ResourceContext, prior: StateOf<S>, planned: StateOf<S>): Promise<StateOf<S>>;
  delete(ctx: ResourceContext, state: StateOf<S>): Promise<void>;
  /** The state of an existing object named by `id` (`schema.importId`); Terraform then reads it. */
  importState(ctx: ResourceContext, id: string): Promise<StateOf<S>>;
  /** Rules across attributes, beyond each attribute's own; values may still be unknown. */
  validate?(config: StateOf<S>): ConfigProblem[];
  /** Adjusts a plan beyond the schema's rules, such as a secret that a new rotation makes unknown. */
  modifyPlan?(prior: StateOf<S> | null, planned: StateOf<S>, config: StateOf<S>): void;
}

/** Declares a resource type with its schema's attribute types checked against its operations. */
export function resourceType<S extends Schema>(definition: ResourceType<S>): ResourceType<S> {
  return definition;
}

/**
 * Thrown by an update cut off between two steps that must both happen (the first done, the second failed):
 * the prior state is kept, and `pending`, a short note, is kept beside it in the engine's private data until
 * an apply of the resource succeeds, so that the next read can tell that gap from an object deleted out of
 * band. The message is the cause's.
 */
export class HalfDone extends Error {
  override name = 'HalfDone';

  constructor(
    readonly pending: string,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The private data the engine keeps with a resource's state: a HalfDone note, or nothing. */
export function encodePending(pending: string | undefined): Buffer {
  return pending ? Buffer.from(JSON.stringify({ pending }), 'utf8') : Buffer.alloc(0);
}

export function decodePending(bytes: Uint8Array | undefined | null): string | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { pending?: unknown };
    return typeof parsed.pending === 'string' ? parsed.pending : undefined;
  } catch {
    return undefined;
  }
}
