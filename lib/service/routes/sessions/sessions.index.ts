import type { OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../auth/authorize';
import { clientAddress } from '../../auth/client-address';
import { signIn, signOut } from '../../auth/sessions';
import type { AppEnv, ServiceDeps } from '../../deps';
import { meRoute, signInRoute, signOutRoute } from './sessions.routes';

export function registerSessionRoutes(api: OpenAPIHono<AppEnv>, deps: ServiceDeps): void {
  // Before the body is even read: under a flood of sign-ins, refusing must cost next to nothing.
  api.use('/sessions', async (c, next) => {
    if (c.req.method === 'POST') deps.passwords.assertAdmits();
    await next();
  });
  api.openapi(signInRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    return c.json(await signIn(deps, email, password, clientAddress(c)), 201);
  });

  api.openapi({ ...signOutRoute, middleware: [authorize(deps, null)] }, (c) => {
    const principal = c.get('principal');
    if (principal.via === 'session') signOut(deps, principal.tokenHash);
    return c.body(null, 204);
  });

  api.openapi({ ...meRoute, middleware: [authorize(deps, 'me.read')] }, (c) => {
    const { user, via, methods, expiresAt } = c.get('principal');
    return c.json({ id: user.id, email: user.email, role: user.role, via, scopes: [...methods], expiresAt }, 200);
  });
}
