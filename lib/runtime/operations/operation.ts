import { OperationContext } from '../context';
import { Action } from '../request';

/** One object type's lifecycle; every function is idempotent (safe to run again after a partial failure). */
export type ObjectLifecycle = Record<Action, (ctx: OperationContext) => Promise<void>>;

/** For types whose every property is part of their identity: there is nothing to reconcile. */
export async function nothingToReconcile(): Promise<void> {}
