/**
 * Chrome traces for the bench, and how ScarCheck's share of the page's main thread is read from them.
 *
 * Method (printed with the table):
 * - One trace per page load, recorded through the page's CDP session, with the renderer's top-level
 *   tasks (RunTask, with `tdur` = thread CPU time), the devtools.timeline events (script, style,
 *   layout, paint), user-timing marks and V8's sampling CPU profiler (hires, ≈ 0.1–1 ms samples).
 * - ScarCheck code runs in the content script's isolated world; every stack frame of it has the URL
 *   chrome-extension://<id>/content-scripts/content.js. A top-level task of the page's main thread is
 *   ScarCheck's when profiler samples inside it have such a frame, or when it evaluates or calls that
 *   script (EvaluateScript / FunctionCall / v8.compile / v8.run events).
 * - ScarCheck's CPU in such a task = (task CPU − style/layout/paint/parse work done outside any
 *   script call in it) × ScarCheck samples / (ScarCheck + other script samples). So forced style
 *   and layout inside its calls, its compile time, GC and message deserialisation are counted;
 *   page scripts that share the task (e.g. a MutationObserver callback after the page's own
 *   insertAdjacentHTML) are split off by samples.
 * - Rendering tasks (style recalc, layout, paint outside script) count as ScarCheck's when every
 *   request for that work since the previous update (ScheduleStyleRecalculation / InvalidateLayout
 *   events, with the JS stack that made them) came from the content script: e.g. adopting its
 *   ::highlight() stylesheet restyles the whole document. Paint-only work (repainting highlighted
 *   text) is not attributed; the with-minus-without total includes it.
 * - Main-thread total (for with − without): CPU of all top-level tasks from navigation start to the
 *   end of the window, minus the bench's own tasks (its probe's 5 ms poll and DevTools-protocol
 *   messages). It is what CDP Performance.getMetrics TaskDuration (threadTicks) adds up, but
 *   windowed and without the bench's own traffic.
 */
import type { CDPSession } from 'playwright-core';
import { PROBE_URL } from './probe';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, any>;
}

const CATEGORIES = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires',
  // JS stacks on ScheduleStyleRecalculation / InvalidateLayout: who made the style and layout work.
  'disabled-by-default-devtools.timeline.stack',
];

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, excludedCategories: ['*'] },
    transferMode: 'ReturnAsStream',
  });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  if (!stream) throw new Error('trace: no stream');
  const chunks: Buffer[] = [];
  for (;;) {
    const r = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
    chunks.push(r.base64Encoded ? Buffer.from(r.data, 'base64') : Buffer.from(r.data));
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
}

export interface Task {
  /** Start, ms after navigation start (performance.now() time of the page). */
  start: number;
  /** Wall duration and thread CPU, ms. */
  dur: number;
  cpu: number;
  /** ScarCheck's CPU in this task, ms (script and the style/layout/paint it caused). */
  sc: number;
  /** Of `sc`, style/layout/paint that ScarCheck's own DOM or stylesheet changes made necessary. */
  scRender: number;
  /** A task of the bench itself (probe poll, DevTools protocol). */
  bench: boolean;
  /** Profiler samples in the task by kind, and the names of its longest inner events (for checking). */
  count: Record<SampleClass, number>;
  what: string;
}

export interface Analysis {
  tasks: Task[];
  /** Total ScarCheck CPU on the page's main thread, ms. */
  sc: number;
  /** Of it, rendering work (style recalc, layout, paint) its changes caused. */
  scRender: number;
  /** Main-thread CPU (bench tasks excluded) between two page times, ms. */
  mainCpu(from: number, to: number): number;
  /** ScarCheck CPU of the tasks starting between two page times, ms. */
  scBetween(from: number, to: number): number;
  /** Samples seen on the main thread (0: the profiler did not run, attribution is by events only). */
  samples: number;
}

const JS_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'RunMicrotasks', 'v8.callFunction', 'v8.run', 'v8.compile', 'TimerFire',
  'FireAnimationFrame', 'EventDispatch', 'FireIdleCallback', 'V8.Execute']);
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'ParseHTML',
  'ParseAuthorStyleSheet', 'HitTest', 'IntersectionObserverController::computeIntersections', 'ScrollLayer', 'Decode Image']);

type SampleClass = 'sc' | 'js' | 'probe' | 'other' | 'idle';

/**
 * @param pageUrl  the URL navigated to (finds the renderer and its main thread)
 * @param scOrigin chrome-extension://<id>/ (empty for runs without the extension)
 * @param sync     a performance.mark() made in the page before the trace stopped: its name and startTime
 */
export function analyse(events: TraceEvent[], pageUrl: string, scOrigin: string, sync: { name: string; startTime: number }): Analysis {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) throw new Error(`trace: no ParseHTML for ${pageUrl}`);
  const { pid, tid } = parse;
  const mark = events.find((e) => e.name === sync.name && e.pid === pid);
  if (!mark) throw new Error('trace: sync mark missing');
  const origin = mark.ts - sync.startTime * 1000; // µs of performance.now() = 0
  const toPage = (ts: number) => (ts - origin) / 1000;

  const isSc = (url: unknown) => !!scOrigin && typeof url === 'string' && url.startsWith(scOrigin);

  // Profiler samples of the main thread, classified by the frames on their stack.
  const samples: Array<[number, SampleClass]> = [];
  const profiles = events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  for (const prof of profiles) {
    const nodes = new Map<number, { parent?: number; url?: string; fn: string; js: boolean }>();
    const cls = new Map<number, SampleClass>();
    const classify = (id: number): SampleClass => {
      const known = cls.get(id);
      if (known) return known;
      const n = nodes.get(id);
      let c: SampleClass = 'other';
      if (n) {
        const parent = n.parent !== undefined ? classify(n.parent) : 'other';
        if (isSc(n.url)) c = 'sc';
        else if (parent === 'sc' || parent === 'probe' || parent === 'js') c = parent;
        else if (n.url === PROBE_URL) c = 'probe';
        else if (n.fn === '(idle)') c = 'idle';
        else if (n.js) c = 'js';
      }
      cls.set(id, c);
      return c;
    };
    let t = Number(prof.args?.data?.startTime ?? 0);
    const raw: Array<[number, number]> = [];
    for (const chunk of events) {
      if (chunk.name !== 'ProfileChunk' || chunk.id !== prof.id || chunk.pid !== pid) continue;
      const cp = chunk.args?.data?.cpuProfile ?? {};
      for (const n of cp.nodes ?? []) {
        const cf = n.callFrame ?? {};
        nodes.set(n.id, { parent: n.parent, url: cf.url, fn: cf.functionName ?? '', js: cf.codeType === 'JS' && !!(cf.url || cf.scriptId) });
      }
      const deltas: number[] = chunk.args?.data?.timeDeltas ?? [];
      (cp.samples ?? []).forEach((s: number, i: number) => { t += deltas[i] ?? 0; raw.push([t, s]); });
    }
    for (const [ts, id] of raw) samples.push([ts, classify(id)]);
  }
  samples.sort((a, b) => a[0] - b[0]);

  // Main-thread events, and its top-level tasks.
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && (e.ph === 'X' || e.ph === 'I' || e.ph === 'i')).sort((a, b) => a.ts - b.ts);
  const runTasks = mine.filter((e) => e.ph === 'X' && e.name === 'RunTask');
  /** Index of the top-level task an event time falls in (-1: none). */
  const runTaskAt = (ts: number): number => {
    let lo = 0;
    let hi = runTasks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (runTasks[m]!.ts <= ts) { found = m; lo = m + 1; } else hi = m - 1;
    }
    return found >= 0 && ts <= runTasks[found]!.ts + (runTasks[found]!.dur ?? 0) ? found : -1;
  };
  // Style and layout updates done outside script (in a rendering task) are ScarCheck's when every
  // request for them since the previous update (ScheduleStyleRecalculation / InvalidateLayout,
  // with the JS stack that made it) came from the content script, e.g. adopting its ::highlight()
  // stylesheet, which restyles the whole document.
  const scCausedRender = new Set<TraceEvent>();
  {
    const updates = mine.filter((e) => e.ph === 'X' && (e.name === 'UpdateLayoutTree' || e.name === 'Layout'));
    const requests = mine.filter((e) => e.name === 'ScheduleStyleRecalculation' || e.name === 'InvalidateLayout');
    let prevEnd = -Infinity;
    let ri = 0;
    let prev = null as { task: number; sc: boolean } | null;
    for (const u of updates) {
      let sc = 0;
      let other = 0;
      while (ri < requests.length && requests[ri]!.ts <= u.ts) {
        const r = requests[ri++]!;
        if (r.ts <= prevEnd) continue; // made during the previous update: its consequence, not a cause
        const stack = r.args?.data?.stackTrace as Array<{ url?: string }> | undefined;
        if (stack?.some((f) => isSc(f.url))) sc++;
        else other++;
      }
      const task = runTaskAt(u.ts);
      const caused: boolean = sc > 0 && other === 0 ? true : sc + other === 0 && prev?.task === task ? prev.sc : false;
      if (caused) scCausedRender.add(u);
      prev = { task, sc: caused };
      prevEnd = Math.max(prevEnd, u.ts + (u.dur ?? 0));
    }
  }

  const tasks: Task[] = [];
  let si = 0;
  let ei = 0;
  let end = -Infinity;
  for (const task of runTasks) {
    if (task.ts < end) continue; // nested
    const tEnd = task.ts + (task.dur ?? 0);
    end = tEnd;
    while (ei < mine.length && mine[ei]!.ts < task.ts) ei++;
    const inside: TraceEvent[] = [];
    for (let j = ei; j < mine.length && mine[j]!.ts <= tEnd; j++) inside.push(mine[j]!);
    while (si < samples.length && samples[si]![0] < task.ts) si++;
    const count: Record<SampleClass, number> = { sc: 0, js: 0, probe: 0, other: 0, idle: 0 };
    for (let j = si; j < samples.length && samples[j]![0] <= tEnd; j++) count[samples[j]![1]]++;
    const scEvent = inside.some((e) => (JS_EVENTS.has(e.name) && isSc(e.args?.data?.url)) || (e.name === 'v8.run' && isSc(e.args?.fileName)));
    const probeEvent = inside.some((e) => JS_EVENTS.has(e.name) && e.args?.data?.url === PROBE_URL);
    const devtools = inside.some((e) => /DevToolsSession/.test(String(e.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '')));
    const cpu = (task.tdur ?? task.dur ?? 0) / 1000;
    // Rendering work done in this task outside any script call (forced style/layout inside a
    // script call belongs to that script).
    const js = inside.filter((e) => e.ph === 'X' && JS_EVENTS.has(e.name));
    let render = 0;
    let renderBySc = false;
    for (const e of inside) {
      if (e.ph !== 'X' || !RENDER_EVENTS.has(e.name)) continue;
      const eEnd = e.ts + (e.dur ?? 0);
      if (js.some((j) => j.ts <= e.ts && eEnd <= j.ts + (j.dur ?? 0))) continue;
      render += (e.tdur ?? e.dur ?? 0) / 1000;
      if (scCausedRender.has(e)) renderBySc = true;
    }
    let sc = 0;
    if (count.sc > 0 || scEvent) {
      const scripts = count.sc + count.js + count.probe;
      const share = scripts > 0 ? count.sc / scripts : 1;
      sc = Math.max(0, cpu - render) * share;
    }
    const scRender = renderBySc ? Math.min(render, cpu) : 0;
    sc += scRender;
    const bench = sc === 0 && (devtools || probeEvent || (count.probe > 0 && count.js === 0));
    const what = inside.filter((e) => e.ph === 'X' && e !== task && e.name !== 'ThreadControllerImpl::RunTask').sort((x, y) => (y.dur ?? 0) - (x.dur ?? 0)).slice(0, 3)
      .map((e) => `${e.name}:${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(1)}`).join(',') + ` <${String(inside.find((e) => e.name === 'ThreadControllerImpl::RunTask')?.args?.src_func ?? '')}>`;
    tasks.push({ start: toPage(task.ts), dur: (task.dur ?? 0) / 1000, cpu, sc, scRender, bench, count, what });
  }
  const sum = (from: number, to: number, f: (t: Task) => number) =>
    tasks.reduce((a, t) => (t.start >= from && t.start < to ? a + f(t) : a), 0);
  return {
    tasks,
    sc: tasks.reduce((a, t) => a + t.sc, 0),
    scRender: tasks.reduce((a, t) => a + t.scRender, 0),
    mainCpu: (from, to) => sum(from, to, (t) => (t.bench ? 0 : t.cpu)),
    scBetween: (from, to) => sum(from, to, (t) => t.sc),
    samples: samples.length,
  };
}

/**
 * Long tasks the page's PerformanceObserver reported, each matched to the trace task it was
 * (same start within 2 ms, longest overlap), with ScarCheck's share of its CPU.
 */
export function attributeLongTasks(a: Analysis, longTasks: Array<[number, number]>): Array<{ start: number; dur: number; scShare: number }> {
  return longTasks.map(([start, dur]) => {
    let best: Task | undefined;
    for (const t of a.tasks) {
      if (Math.abs(t.start - start) > 2) continue;
      if (!best || Math.abs(t.dur - dur) < Math.abs(best.dur - dur)) best = t;
    }
    return { start, dur, scShare: best && best.cpu > 0 ? best.sc / best.cpu : 0 };
  });
}
