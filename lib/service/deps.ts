import type { ApiMethod } from './auth/api-methods';
import type { PasswordHasher } from './auth/password';
import type { SignInThrottle } from './auth/sign-in-throttle';
import type { Store } from './store/store';
import type { UserRecord } from './store/users-repository';

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** What the HTTP layer is given: the store, a clock (tests pass their own), a logger and the password hasher. */
export interface ServiceDeps {
  store: Store;
  passwords: PasswordHasher;
  signInThrottle: SignInThrottle;
  /** Requests per minute per token (`--rate-limit`). */
  rateLimit: number;
  now: () => Date;
  logger: Logger;
}

/** Who is calling, and with what: set by the authorize middleware. */
export interface Principal {
  user: UserRecord;
  via: 'session' | 'personal-token';
  tokenHash: string;
  /** Set when the caller came with a personal access token. */
  personalTokenId?: string;
  /** When the calling token stops working. */
  expiresAt: string;
  /** The methods this call may use: the role's, narrowed by the token's scopes. */
  methods: ReadonlySet<ApiMethod>;
}

export interface AppEnv {
  Variables: {
    principal: Principal;
    /** The data version read when the principal was checked, before anything else was read. */
    dataVersion: number;
  };
}
