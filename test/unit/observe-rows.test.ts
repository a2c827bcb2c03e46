import { describe, expect, it, vi } from 'vitest';
import { observeRemoval, observeRows, type RowReader } from '../../lib/page/observe-rows';

const read: RowReader<{ element: Element }> = {
  rowsIn: (root) =>
    (root.matches('.row') ? [root] : [...root.querySelectorAll('.row')]).map((element) => ({ element })),
  rowOf: (node) => node.closest('.row'),
};

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

describe('observeRows, after the first read', () => {
  it('reads only what the page added: nothing for a change inside a known row, one row for a new one', async () => {
    document.body.innerHTML = '';
    const list = document.createElement('div');
    const known = row('a');
    list.append(known, row('b'));
    document.body.append(list);
    const reader = { rowsIn: vi.fn(read.rowsIn), rowOf: vi.fn(read.rowOf) };
    const onAdded = vi.fn();
    const controller = new AbortController();
    observeRows(list, reader, { onAdded, onRemoved: vi.fn() }, controller.signal);
    expect(reader.rowsIn.mock.calls.map(([root]) => root)).toEqual([list]);

    // What an overlay puts into a known row: looked at, never read again.
    known.append(document.createElement('token-lens-badge'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.rowsIn).toHaveBeenCalledTimes(1);

    const added = row('c');
    list.append(added);
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledTimes(2));
    expect(reader.rowsIn.mock.calls.map(([root]) => root)).toEqual([list, added]);
    controller.abort();
  });

  it('hands over a row once it can be read, when its parts arrive after it', async () => {
    document.body.innerHTML = '';
    const list = document.createElement('div');
    document.body.append(list);
    const readable: RowReader<{ element: Element }> = {
      rowsIn: (root) => read.rowsIn(root).filter(({ element }) => element.querySelector('h4')),
      rowOf: read.rowOf,
    };
    const onAdded = vi.fn();
    const controller = new AbortController();
    observeRows(list, readable, { onAdded, onRemoved: vi.fn() }, controller.signal);
    const late = row('late');
    list.append(late);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onAdded).not.toHaveBeenCalled();
    late.append(document.createElement('h4'));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledTimes(1));
    expect(keysOf(onAdded.mock.calls.map(([rows]) => rows))).toEqual([['late']]);
    controller.abort();
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
