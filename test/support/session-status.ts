import type { SessionStatus } from '../../lib/messaging/protocol';

/** The session status of a person signed out of `serviceUrl`, as the background answers it. */
export const signedOutStatus = (serviceUrl: string): SessionStatus => ({
  serviceUrl,
  signedIn: false,
  via: null,
  notice: null,
  email: null,
  role: null,
  expiresAt: null,
  persistent: false,
});
