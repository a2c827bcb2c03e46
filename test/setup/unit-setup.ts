import { cleanup } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  // A fresh IndexedDB per test: deleting a database would block on a cached open connection.
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});
