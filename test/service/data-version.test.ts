import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../lib/service/store/store';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the data version the answer and session caches are keyed by', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const twoProcesses = () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-lens-data-version-'));
    dirs.push(dir);
    const path = join(dir, 'service.sqlite');
    return [openStore(path), openStore(path)] as const;
  };

  it('moves at once, in the same turn, with a write of this process', async () => {
    const [here, elsewhere] = twoProcesses();
    try {
      const before = here.dataVersion();
      here.write(() => undefined);
      const after = here.dataVersion();
      expect(after).toBeGreaterThan(before);
      // Its own writes' versions are read in the write's turn too, and stay put until the next write.
      expect(here.dataVersion()).toBe(after);
      await nextTurn();
      expect(here.dataVersion()).toBe(after);
      expect(elsewhere.dataVersion()).toBe(after);
    } finally {
      here.close();
      elsewhere.close();
    }
  });

  it('moves with another process’s write from the next turn of the event loop on', async () => {
    const [here, elsewhere] = twoProcesses();
    try {
      const before = here.dataVersion();
      elsewhere.write(() => undefined);
      // Read once for this turn's requests: the other process's write came "a moment later".
      expect(here.dataVersion()).toBe(before);
      await nextTurn();
      expect(here.dataVersion()).toBeGreaterThan(before);
    } finally {
      here.close();
      elsewhere.close();
    }
  });

  it('is forgotten even when a write fails, so a version read inside it is never kept', async () => {
    const [here, elsewhere] = twoProcesses();
    try {
      const before = here.dataVersion();
      elsewhere.write(() => undefined);
      expect(() =>
        here.write(() => {
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(here.dataVersion()).toBeGreaterThan(before);
    } finally {
      here.close();
      elsewhere.close();
    }
  });
});
