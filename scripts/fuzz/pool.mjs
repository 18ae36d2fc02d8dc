/**
 * A pool of long-lived child processes running the CLI in-process. The parent
 * enforces the time limit per run (kill and replace) and replaces a child whose
 * peak memory has grown, so each run's memory figure stays its own.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU time (ms) a process has used, from /proc (Linux); null elsewhere. */
function cpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 100 Hz ticks
  } catch {
    return null;
  }
}

const CHILD = new URL('./child.mjs', import.meta.url).pathname;
const RECYCLE_RSS = 400 * 1024 * 1024;

class Worker {
  constructor(heapMb) {
    this.heapMb = heapMb;
    this.start();
  }
  start() {
    this.proc = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${this.heapMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    this.stderr = '';
    this.proc.on('error', () => {
      /* a send to a dead child: handled by the exit listener */
    });
    const proc = this.proc;
    proc.on('exit', () => {
      if (proc === this.proc) this.dead = true;
    });
    proc.on('message', (m) => {
      if (!m.late) return;
      this.dead = true; // it exits after reporting
      if (this.onLate) this.onLate({ ...m, ctx: this.lastCtx });
    });
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 20000) this.stderr += d;
    });
    this.ready = new Promise((res) => {
      const onMsg = (m) => {
        if (m.ready) {
          this.proc.off('message', onMsg);
          res();
        }
      };
      this.proc.on('message', onMsg);
    });
    this.dead = false;
    this.lastMaxRss = 0;
  }
  kill() {
    this.dead = true;
    try {
      this.proc.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  async run(argv, timeLimit, ctx) {
    if (this.dead) this.start();
    await this.ready;
    this.lastCtx = ctx;
    const id = (this.seq = (this.seq ?? 0) + 1);
    const cpu0 = cpuMs(this.proc.pid);
    return new Promise((resolve) => {
      let done = false;
      const finish = (r, restart) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.proc.off('message', onMsg);
        this.proc.off('exit', onExit);
        if (restart) {
          this.kill();
          this.start();
        }
        resolve(r);
      };
      const onMsg = (m) => {
        if (m.id !== id || m.late) return;
        if (m.fatal) return finish({ fatal: m.fatal, stdout: m.stdout, stderr: m.stderr }, true);
        const grew = m.maxRss > this.lastMaxRss ? m.maxRss : 0;
        this.lastMaxRss = Math.max(this.lastMaxRss, m.maxRss);
        finish(
          { code: m.code, stdout: m.stdout, stderr: m.stderr, direct: m.direct, ms: m.ms, peakRss: Math.max(m.rss, grew) },
          m.maxRss > RECYCLE_RSS,
        );
      };
      const onExit = (code, signal) => {
        finish({ died: true, exitCode: code, signal, stdout: '', stderr: this.stderr }, true);
      };
      // on a time-out, say how much CPU the run got: a starved run on a busy machine is retried, a busy one is a hang
      const timer = setTimeout(() => {
        const cpu1 = cpuMs(this.proc.pid);
        finish({ timeout: true, cpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null, stdout: '', stderr: '' }, true);
      }, timeLimit);
      this.proc.on('message', onMsg);
      this.proc.on('exit', onExit);
      this.proc.send({ type: 'run', id, argv });
    });
  }
}

export class Pool {
  constructor(size = 2, heapMb = 1536, onLate = undefined) {
    this.workers = Array.from({ length: size }, () => Object.assign(new Worker(heapMb), { onLate }));
    this.free = [...this.workers];
    this.waiting = [];
  }
  async run(argv, timeLimit, ctx) {
    const w = this.free.pop() ?? (await new Promise((res) => this.waiting.push(res)));
    try {
      return await w.run(argv, timeLimit, ctx);
    } finally {
      const next = this.waiting.shift();
      if (next) next(w);
      else this.free.push(w);
    }
  }
  close() {
    for (const w of this.workers) w.kill();
  }
}
