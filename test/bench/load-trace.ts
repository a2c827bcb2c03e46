import { z } from 'zod';

// What each of the browser's processes did while one page loaded, read from a Chrome trace.

/** The fields of a Chrome trace event this file reads; the rest is ignored. */
const traceEventSchema = z.object({
  name: z.string(),
  cat: z.string().default(''),
  ph: z.string(),
  pid: z.number(),
  tid: z.number(),
  ts: z.number(),
  dur: z.number().optional(),
  /** The thread's CPU time over the event (µs), where Chrome could read the thread's clock. */
  tdur: z.number().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
});
export type TraceEvent = z.infer<typeof traceEventSchema>;

/** A trace as Chrome writes it: `{ traceEvents: [...] }` or the bare array; events of other shapes are dropped. */
export function parseTrace(text: string): TraceEvent[] {
  const parsed: unknown = JSON.parse(text);
  const list: unknown[] = Array.isArray(parsed)
    ? parsed
    : z.object({ traceEvents: z.array(z.unknown()) }).parse(parsed).traceEvents;
  return list.flatMap((event) => {
    const checked = traceEventSchema.safeParse(event);
    return checked.success ? [checked.data] : [];
  });
}

/** Where the CPU time of one load went, in ms, by the process that spent it. */
export interface LoadWork {
  /** navigationStart → loadEventEnd of the page, on the trace's clock (ms). */
  windowMs: number;
  /** The renderer that loaded the page, all its threads. */
  page: number;
  /** The extension's own process: its worker and anything else it runs. */
  extension: number;
  /** The browser process (it routes every event and message between the others). */
  browser: number;
  /** Everything else: the GPU process, the network and storage services, other renderers. */
  other: number;
}

const isTopLevel = (event: TraceEvent) =>
  event.ph === 'X' && event.dur !== undefined && event.cat.split(',').includes('toplevel');

const stringArg = (event: TraceEvent, ...path: string[]): string | undefined => {
  let value: unknown = event.args;
  for (const key of path)
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * The CPU time each process spent between the page's navigation start and the end of its load
 * event, in the trace of one load of the page whose URL contains `pagePath`; null when the trace
 * holds no such load. Only a thread's outermost tasks count (tasks nest), each clipped to the
 * window, and each task's CPU time (`tdur`) is shared out by the part of it inside the window.
 */
export function workDuringLoad(events: readonly TraceEvent[], pagePath: string): LoadWork | null {
  const start = events.findLast(
    (event) => event.name === 'navigationStart' && stringArg(event, 'data', 'documentLoaderURL')?.includes(pagePath),
  );
  if (!start) return null;
  const end = events.find((event) => event.name === 'loadEventEnd' && event.pid === start.pid && event.ts > start.ts);
  if (!end) return null;
  const processNames = new Map<number, string>();
  for (const event of events)
    if (event.ph === 'M' && event.name === 'process_name') processNames.set(event.pid, stringArg(event, 'name') ?? '');
  const partOf = (pid: number): Exclude<keyof LoadWork, 'windowMs'> => {
    if (pid === start.pid) return 'page';
    const name = processNames.get(pid);
    if (name === 'Extension Renderer') return 'extension';
    return name === 'Browser' ? 'browser' : 'other';
  };

  const work: LoadWork = { windowMs: (end.ts - start.ts) / 1000, page: 0, extension: 0, browser: 0, other: 0 };
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (!isTopLevel(event)) continue;
    const thread = `${event.pid}:${event.tid}`;
    const tasks = tasksByThread.get(thread) ?? [];
    tasks.push(event);
    tasksByThread.set(thread, tasks);
  }
  for (const tasks of tasksByThread.values()) {
    tasks.sort((a, b) => a.ts - b.ts);
    let outermostEnd = Number.NEGATIVE_INFINITY;
    for (const task of tasks) {
      const duration = task.dur ?? 0;
      const taskEnd = task.ts + duration;
      if (taskEnd <= outermostEnd) continue; // inside the task before it
      outermostEnd = taskEnd;
      const inside = Math.min(taskEnd, end.ts) - Math.max(task.ts, start.ts);
      if (inside <= 0) continue;
      const cpu = task.tdur ?? duration;
      work[partOf(task.pid)] += (cpu * (duration > 0 ? inside / duration : 1)) / 1000;
    }
  }
  return work;
}
