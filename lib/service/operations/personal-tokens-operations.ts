import { randomUUID } from 'node:crypto';
import type { PersonalToken, PersonalTokenWithValue, ScopePreset } from '../../domain/personal-token';
import { type ApiMethod, SCOPE_PRESETS } from '../auth/api-methods';
import { expiryProblem, personalTokenExpired } from '../auth/personal-token-expiry';
import { generateToken, hashToken } from '../auth/secret-tokens';
import { checkPassword } from '../auth/sessions';
import { ServiceError } from '../problem';
import type { PersonalTokenRecord } from '../store/personal-tokens-repository';
import { audit, type OperationContext } from './context';

/** Who changes tokens, and from where (password confirmations are throttled like sign-ins). */
export interface PersonalTokenContext extends OperationContext {
  client: string;
}

type Scopes = ScopePreset | ApiMethod[];

export interface PersonalTokenChanges {
  description?: string | undefined;
  expiresAt?: string | undefined;
  scopes?: Scopes | undefined;
  password: string;
}

const view = (ctx: OperationContext, token: PersonalTokenRecord): PersonalToken => ({
  id: token.id,
  description: token.description,
  expiresAt: token.expiresAt,
  expired: personalTokenExpired(token.expiresAt, ctx.deps.now()),
  preset: token.preset,
  scopes: [...token.scopes],
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
});

const scopesOf = (scopes: Scopes): Pick<PersonalTokenRecord, 'preset' | 'scopes'> =>
  typeof scopes === 'string'
    ? { preset: scopes, scopes: [...SCOPE_PRESETS[scopes]] }
    : { preset: null, scopes: [...new Set(scopes)] };

function checkExpiry(ctx: OperationContext, expiresAt: string): void {
  const problem = expiryProblem(expiresAt, ctx.deps.now());
  if (problem) {
    throw new ServiceError(422, 'validation_failed', problem, [{ path: 'expiresAt', message: problem }]);
  }
}

/** Every change needs the account's password (seed 002): 403 `password_confirmation_failed` otherwise. */
async function confirm(ctx: PersonalTokenContext, password: string): Promise<void> {
  const checked = await checkPassword(ctx.deps, ctx.actor.email, password, ctx.client);
  if (!checked || checked.user.id !== ctx.actor.id) {
    throw new ServiceError(403, 'password_confirmation_failed', 'That is not your password: nothing was changed.');
  }
}

/** One of the caller's own tokens; another user's is as unknown as a missing one. */
function ownToken(ctx: OperationContext, id: string): PersonalTokenRecord {
  const token = ctx.deps.store.personalTokens.get(id);
  if (!token || token.userId !== ctx.actor.id) {
    throw new ServiceError(404, 'personal_token_not_found', `You have no personal access token ${id}.`);
  }
  return token;
}

function issue(
  ctx: OperationContext,
  settings: Pick<PersonalTokenRecord, 'description' | 'preset' | 'scopes' | 'expiresAt'>,
): PersonalTokenWithValue {
  const value = generateToken('personal');
  const record: PersonalTokenRecord = {
    id: randomUUID(),
    userId: ctx.actor.id,
    tokenHash: hashToken(value),
    ...settings,
    createdAt: ctx.deps.now().toISOString(),
    lastUsedAt: null,
  };
  ctx.deps.store.write(() => {
    ctx.deps.store.personalTokens.insert(record);
    audit(ctx, 'personalToken.created', {}, { id: record.id, description: record.description });
  });
  return { ...view(ctx, record), value };
}

export function listPersonalTokens(ctx: OperationContext): PersonalToken[] {
  return ctx.deps.store.personalTokens.listForUser(ctx.actor.id).map((token) => view(ctx, token));
}

export async function createPersonalToken(
  ctx: PersonalTokenContext,
  input: { description: string; expiresAt: string; scopes: Scopes; password: string },
): Promise<PersonalTokenWithValue> {
  checkExpiry(ctx, input.expiresAt);
  await confirm(ctx, input.password);
  return issue(ctx, { description: input.description, expiresAt: input.expiresAt, ...scopesOf(input.scopes) });
}

export async function updatePersonalToken(
  ctx: PersonalTokenContext,
  id: string,
  changes: PersonalTokenChanges,
): Promise<PersonalToken> {
  ownToken(ctx, id);
  if (changes.expiresAt) checkExpiry(ctx, changes.expiresAt);
  await confirm(ctx, changes.password);
  return ctx.deps.store.write(() => {
    const token = ownToken(ctx, id);
    const updated: PersonalTokenRecord = {
      ...token,
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.expiresAt === undefined ? {} : { expiresAt: changes.expiresAt }),
      ...(changes.scopes === undefined ? {} : scopesOf(changes.scopes)),
    };
    ctx.deps.store.personalTokens.update(updated);
    audit(ctx, 'personalToken.updated', {}, { id });
    return view(ctx, updated);
  });
}

/** A new value; the old one stops working at once (its hash is gone). */
export async function regeneratePersonalToken(
  ctx: PersonalTokenContext,
  id: string,
  password: string,
): Promise<PersonalTokenWithValue> {
  ownToken(ctx, id);
  await confirm(ctx, password);
  const value = generateToken('personal');
  return ctx.deps.store.write(() => {
    const updated = { ...ownToken(ctx, id), tokenHash: hashToken(value) };
    ctx.deps.store.personalTokens.update(updated);
    audit(ctx, 'personalToken.regenerated', {}, { id });
    return { ...view(ctx, updated), value };
  });
}

export async function copyPersonalToken(
  ctx: PersonalTokenContext,
  id: string,
  input: { password: string; description?: string | undefined },
): Promise<PersonalTokenWithValue> {
  const source = ownToken(ctx, id);
  await confirm(ctx, input.password);
  // An expired token's settings are copied with an expiry that can be given today.
  checkExpiry(ctx, source.expiresAt);
  return issue(ctx, {
    description: input.description ?? source.description,
    expiresAt: source.expiresAt,
    preset: source.preset,
    scopes: source.scopes,
  });
}

export async function removePersonalTokens(
  ctx: PersonalTokenContext,
  input: { ids: string[]; password: string },
): Promise<{ removed: string[] }> {
  const ids = [...new Set(input.ids)];
  for (const id of ids) ownToken(ctx, id);
  await confirm(ctx, input.password);
  return ctx.deps.store.write(() => {
    for (const id of ids) {
      ownToken(ctx, id);
      ctx.deps.store.personalTokens.remove(id);
    }
    audit(ctx, 'personalToken.removed', {}, { ids });
    return { removed: ids };
  });
}
