import type { Role } from '../../domain/role';
import { createUser } from '../auth/sessions';
import type { UserRecord } from '../store/users-repository';
import { audit, type OperationContext } from './context';

export interface UserView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}

const userView = (user: UserRecord): UserView => ({
  id: user.id,
  email: user.email,
  role: user.role,
  createdAt: user.createdAt,
});

export function listUsers(ctx: OperationContext): UserView[] {
  return ctx.deps.store.users.list().map(userView);
}

export async function addUser(
  ctx: OperationContext,
  input: { email: string; password: string; role: Role },
): Promise<UserView> {
  const user = await createUser(ctx.deps, input);
  ctx.deps.store.write(() => audit(ctx, 'user.created', {}, { email: user.email, role: user.role }));
  return userView(user);
}
