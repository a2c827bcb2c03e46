import { describe, expect, it, vi } from 'vitest';
import { observeSubtree, waitForElement } from '../../lib/page/observe';

describe('observeSubtree', () => {
  it('calls back once at once and once per frame while the subtree changes, until aborted', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    const controller = new AbortController();
    const onChange = vi.fn();
    observeSubtree(root, onChange, controller.signal);
    expect(onChange).toHaveBeenCalledTimes(1);
    root.append(document.createElement('p'), document.createElement('p'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    controller.abort();
    root.append(document.createElement('p'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});

describe('waitForElement', () => {
  it('finds an element that is already there', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const found = await waitForElement(
      document.body,
      () => document.getElementById('list') ?? undefined,
      new AbortController().signal,
      1000,
    );
    expect(found?.id).toBe('list');
  });

  it('finds an element that the page renders later', async () => {
    document.body.innerHTML = '';
    const waiting = waitForElement(
      document.body,
      () => document.getElementById('late') ?? undefined,
      new AbortController().signal,
      5000,
    );
    setTimeout(() => {
      const late = document.createElement('div');
      late.id = 'late';
      document.body.append(late);
    }, 20);
    expect((await waiting)?.id).toBe('late');
  });

  it('gives up after its time, and when aborted', async () => {
    document.body.innerHTML = '';
    await expect(
      waitForElement(document.body, () => undefined, new AbortController().signal, 30),
    ).resolves.toBeUndefined();
    const controller = new AbortController();
    const waiting = waitForElement(document.body, () => undefined, controller.signal, 60_000);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
