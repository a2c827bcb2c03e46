import { describe, expect, it, vi } from 'vitest';
import { observeRemoval, observeRows } from '../../lib/page/observe-rows';

const read = (list: Element) => [...list.querySelectorAll('.row')].map((element) => ({ element }));

function row(key: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'row';
  element.dataset.key = key;
  return element;
}

const keysOf = (calls: { element: Element }[][]) =>
  calls.map((rows) => rows.map((entry) => (entry.element as HTMLElement).dataset.key));

describe('observeRows', () => {
  it('hands each row over exactly once, however often the list changes', async () => {
    document.body.innerHTML = '';
    const list = document.createElement('div');
    list.append(row('a'), row('b'));
    document.body.append(list);
    const onAdded = vi.fn();
    const onRemoved = vi.fn();
    const controller = new AbortController();
    observeRows(list, read, { onAdded, onRemoved }, controller.signal);
    expect(keysOf(onAdded.mock.calls.map(([rows]) => rows))).toEqual([['a', 'b']]);

    // Changes inside known rows and new rows: only the new one is handed over.
    list.querySelector('.row')?.append(document.createElement('span'));
    list.append(row('c'));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledTimes(2));
    list.append(document.createElement('hr'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(keysOf(onAdded.mock.calls.map(([rows]) => rows))).toEqual([['a', 'b'], ['c']]);
    expect(onRemoved).not.toHaveBeenCalled();
    controller.abort();
  });

  it('says which rows the page removed, and hands a row put back over again', async () => {
    document.body.innerHTML = '';
    const list = document.createElement('div');
    const b = row('b');
    list.append(row('a'), b);
    document.body.append(list);
    const onAdded = vi.fn();
    const onRemoved = vi.fn();
    observeRows(list, read, { onAdded, onRemoved }, new AbortController().signal);
    b.remove();
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalledWith([b]));
    list.append(b);
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledTimes(2));
    expect(onAdded.mock.calls[1]?.[0]).toEqual([{ element: b }]);
  });
});

describe('observeRemoval', () => {
  it('calls back once when the element, or a part of the page around it, is replaced', async () => {
    document.body.innerHTML = '<main><section><div id="list"></div></section></main>';
    const list = document.getElementById('list') as HTMLElement;
    const onRemoved = vi.fn();
    observeRemoval(list, onRemoved, new AbortController().signal);
    list.append(document.createElement('p'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRemoved).not.toHaveBeenCalled();
    document.querySelector('main')?.replaceChildren(document.createElement('section'));
    await vi.waitFor(() => expect(onRemoved).toHaveBeenCalledTimes(1));
  });

  it('stops watching when aborted', async () => {
    document.body.innerHTML = '<div id="list"></div>';
    const list = document.getElementById('list') as HTMLElement;
    const onRemoved = vi.fn();
    const controller = new AbortController();
    observeRemoval(list, onRemoved, controller.signal);
    controller.abort();
    list.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onRemoved).not.toHaveBeenCalled();
  });
});
