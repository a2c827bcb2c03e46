import { describe, expect, it } from 'vitest';
import { parseTrace, type TraceEvent, workDuringLoad } from '../bench/load-trace';

const PAGE = 1;
const EXTENSION = 2;
const BROWSER = 3;
const GPU = 4;
const PATH = '/sites/bench-100.example/plugins/servlet/upm';

const named = (pid: number, name: string): TraceEvent => ({
  name: 'process_name',
  cat: '__metadata',
  ph: 'M',
  pid,
  tid: 0,
  ts: 0,
  args: { name },
});
/** A top-level task from `ts` µs, lasting `dur` µs of which `tdur` on the CPU. */
const task = (pid: number, ts: number, dur: number, tdur: number, tid = 1): TraceEvent => ({
  name: 'ThreadControllerImpl::RunTask',
  cat: 'toplevel',
  ph: 'X',
  pid,
  tid,
  ts,
  dur,
  tdur,
});
const mark = (name: string, pid: number, ts: number, url?: string): TraceEvent => ({
  name,
  cat: 'blink.user_timing',
  ph: 'R',
  pid,
  tid: 1,
  ts,
  args: url ? { data: { documentLoaderURL: url } } : {},
});

/** Names for every process, and the page's navigation from 10,000 µs to its load's end at 40,000 µs. */
const frame = (): TraceEvent[] => [
  named(PAGE, 'Renderer'),
  named(EXTENSION, 'Extension Renderer'),
  named(BROWSER, 'Browser'),
  named(GPU, 'GPU Process'),
  mark('navigationStart', PAGE, 10_000, `http://127.0.0.1:4000${PATH}`),
  mark('loadEventEnd', PAGE, 40_000),
];

describe('the work done while a page loads, read from a trace', () => {
  it('sums each process’s CPU time inside the window, by the process that spent it', () => {
    const work = workDuringLoad(
      [
        ...frame(),
        task(PAGE, 12_000, 5_000, 4_000),
        task(EXTENSION, 20_000, 1_000, 800),
        task(BROWSER, 15_000, 2_000, 1_500),
        task(GPU, 16_000, 1_000, 500),
      ],
      PATH,
    );
    expect(work).toEqual({ windowMs: 30, page: 4, extension: 0.8, browser: 1.5, other: 0.5 });
  });

  it('counts a task nested in another once, and a task on another thread of the process on its own', () => {
    const work = workDuringLoad(
      [
        ...frame(),
        task(PAGE, 12_000, 5_000, 4_000),
        task(PAGE, 13_000, 1_000, 1_000),
        task(PAGE, 13_000, 1_000, 700, 2),
      ],
      PATH,
    );
    expect(work?.page).toBeCloseTo(4.7);
  });

  it('leaves out what ran before the navigation and after the load, and shares out a task the window cuts', () => {
    const work = workDuringLoad(
      [
        ...frame(),
        task(EXTENSION, 2_000, 1_000, 1_000),
        task(EXTENSION, 45_000, 1_000, 1_000),
        // Half inside: from 39,000 to 41,000 µs, 1,000 µs of CPU.
        task(EXTENSION, 39_000, 2_000, 1_000),
      ],
      PATH,
    );
    expect(work?.extension).toBeCloseTo(0.5);
  });

  it('takes the window of the last navigation to the page, and its own renderer’s load event', () => {
    const work = workDuringLoad(
      [
        ...frame(),
        mark('navigationStart', PAGE, 50_000, `http://127.0.0.1:4000${PATH}`),
        // Another renderer's load event comes first; it is not the page's.
        mark('loadEventEnd', GPU, 55_000),
        mark('loadEventEnd', PAGE, 70_000),
        task(EXTENSION, 20_000, 1_000, 1_000),
        task(EXTENSION, 60_000, 1_000, 300),
      ],
      PATH,
    );
    expect(work).toMatchObject({ windowMs: 20, extension: 0.3 });
  });

  it('has nothing to say of a trace without a complete load of the page', () => {
    expect(workDuringLoad([mark('navigationStart', PAGE, 10_000, 'http://127.0.0.1:4000/other')], PATH)).toBeNull();
    expect(workDuringLoad([mark('navigationStart', PAGE, 10_000, `http://x${PATH}`)], PATH)).toBeNull();
  });

  it('reads both of Chrome’s trace shapes and drops events it cannot read', () => {
    const events = [named(PAGE, 'Renderer'), { ph: 'X', name: 'no pid' }];
    expect(parseTrace(JSON.stringify({ traceEvents: events }))).toEqual([named(PAGE, 'Renderer')]);
    expect(parseTrace(JSON.stringify(events))).toEqual([named(PAGE, 'Renderer')]);
    expect(() => parseTrace('{"traceEvents": 3}')).toThrow();
  });
});
