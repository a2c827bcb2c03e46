import { statSync } from 'node:fs';
import { ServiceError } from '../problem';

export interface StorageGuard {
  /** Throws 503 `storage_unavailable` once the file under the service is no longer the one it opened. */
  assertWritable(): void;
}

const identity = (path: string): string | undefined => {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
};

/**
 * SQLite keeps writing to the file it opened, even when that file was deleted or replaced under
 * it: every later write would answer 201 and be gone at the next start. So before each write the
 * path must still name the file that was opened (same device and inode); once it does not, every
 * write is refused until the service is restarted on whatever the path holds then.
 */
export function createStorageGuard(path: string, onLost: (reason: string) => void): StorageGuard {
  const opened = identity(path);
  let lost: string | undefined;
  return {
    assertWritable() {
      if (lost === undefined) {
        const now = identity(path);
        if (now === opened) return;
        lost = now === undefined ? `the database file ${path} was deleted` : `the database file ${path} was replaced`;
        onLost(`${lost} while the service was running: refusing every write until it is restarted`);
      }
      throw new ServiceError(
        503,
        'storage_unavailable',
        `Nothing can be saved: ${lost} under the running service. Restart the service; nothing was written.`,
      );
    },
  };
}
