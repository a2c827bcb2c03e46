import type { Context } from 'hono';
import type { AppEnv, ServiceDeps } from '../deps';
import type { OperationContext } from '../operations/context';

/** The operation context of an authorised request. */
export function contextOf(c: Context<AppEnv>, deps: ServiceDeps): OperationContext {
  return { deps, actor: c.get('principal').user };
}
