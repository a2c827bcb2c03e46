import { randomUUID } from 'node:crypto';
import { describesApp } from '../../domain/app';
import { parseTokenUrl } from '../../domain/token-url';
import { ServiceError } from '../problem';
import type { InstallTaskRecord } from '../store/install-tasks-repository';
import { type OperationContext, requireSite } from './context';
import { installApp } from './site-apps-operations';

/** How long a finished task can still be polled. */
export const INSTALL_TASK_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * What `pluginUri` asks for, as `POST /api/v1/sites/{host}/apps` takes it: a token URL as it is; a
 * plain descriptor URL of one of the vendor's apps is that app by key (rule 6 decides).
 */
function installInput(ctx: OperationContext, pluginUri: string): { installUrl: string } | { appKey: string } {
  if (parseTokenUrl(pluginUri)) return { installUrl: pluginUri };
  const app = ctx.deps.store.apps.list().find((candidate) => describesApp(candidate, pluginUri));
  return app ? { appKey: app.key } : { installUrl: pluginUri };
}

/**
 * `POST …/rest/plugins/1.0/` `{pluginUri}`: the install (rules 5, 6, 11) runs at once, in the same
 * transaction as `POST /api/v1/sites/{host}/apps` would, and its outcome — installed, or refused
 * with the rule's code — is kept as a task the client polls, as the product's clients expect.
 */
export function startInstallTask(ctx: OperationContext, host: string, pluginUri: string): InstallTaskRecord {
  const { store } = ctx.deps;
  const now = ctx.deps.now();
  return store.write(() => {
    requireSite(ctx, host);
    let outcome: InstallTaskRecord['outcome'];
    try {
      outcome = { installed: installApp(ctx, host, installInput(ctx, pluginUri)).appKey };
    } catch (error) {
      // A refusal of the rules is the task's outcome; a fault of the service is not.
      if (!(error instanceof ServiceError) || error.status >= 500) throw error;
      outcome = { subCode: error.code, errorMessage: error.detail };
    }
    store.installTasks.removeCreatedBefore(new Date(now.getTime() - INSTALL_TASK_LIFETIME_MS).toISOString());
    const task: InstallTaskRecord = {
      id: randomUUID(),
      siteHost: host,
      userId: ctx.actor.id,
      createdAt: now.toISOString(),
      outcome,
    };
    store.installTasks.insert(task);
    return task;
  });
}

/** A task of this site that the caller started; anyone else's is as unknown as a missing one. */
export function getInstallTask(ctx: OperationContext, host: string, id: string): InstallTaskRecord {
  requireSite(ctx, host);
  const task = ctx.deps.store.installTasks.get(id);
  if (!task || task.siteHost !== host || task.userId !== ctx.actor.id) {
    throw new ServiceError(404, 'task_not_found', `No install task ${id.slice(0, 64)} of yours is known on ${host}.`);
  }
  return task;
}
