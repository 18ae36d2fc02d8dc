/**
 * A long-lived CLI runner: imports dist/cli/main.js once and runs main(argv, io)
 * for each case the parent sends, capturing stdout/stderr (also anything that
 * bypasses io and writes to process.stdout/stderr or console directly) and
 * the process's memory. The parent kills and replaces it on a time-out.
 */
const { main } = await import(new URL('../../dist/cli/main.js', import.meta.url).href);

let current = null;
const rawStdout = process.stdout.write.bind(process.stdout);
void rawStdout;
// Anything written around io lands in the case's streams, marked, as a user would see it.
process.stdout.write = (chunk, ...rest) => {
  if (current) {
    current.stdout += String(chunk);
    current.direct.push('stdout');
  }
  const cb = rest.find((r) => typeof r === 'function');
  if (cb) cb();
  return true;
};
process.stderr.write = (chunk, ...rest) => {
  if (current) {
    current.stderr += String(chunk);
    current.direct.push('stderr');
  }
  const cb = rest.find((r) => typeof r === 'function');
  if (cb) cb();
  return true;
};

let lastId = null;
function fatal(kind, e) {
  const text = e && e.stack ? e.stack : String(e);
  // with no run in progress the error belongs to the last one (something it left running)
  process.send(
    {
      id: current?.id ?? lastId,
      late: !current,
      fatal: kind,
      stdout: current?.stdout ?? '',
      stderr: (current?.stderr ?? '') + text + '\n',
    },
    () => process.exit(1),
  );
}
process.on('uncaughtException', (e) => fatal('uncaughtException', e));
process.on('unhandledRejection', (e) => fatal('unhandledRejection', e));

process.on('message', async (msg) => {
  if (msg.type !== 'run') return;
  const c = { id: msg.id, stdout: '', stderr: '', direct: [] };
  current = c;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const r = process.memoryUsage().rss;
    if (r > peak) peak = r;
  }, 20);
  const t0 = performance.now();
  let code;
  try {
    code = await main(msg.argv, {
      stdout: (t) => void (c.stdout += t),
      stderr: (t) => void (c.stderr += t),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: { ...process.env, NO_COLOR: '1' },
    });
  } catch (e) {
    // main() must never throw: the real binary would print a stack trace
    code = 'threw';
    c.stderr += (e && e.stack) || String(e);
  }
  // let errors from work the run left behind (streams, timers) surface in this run
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  clearInterval(sampler);
  lastId = c.id;
  const ms = performance.now() - t0;
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
  current = null;
  process.send({
    id: c.id,
    code,
    stdout: c.stdout,
    stderr: c.stderr,
    direct: [...new Set(c.direct)],
    ms,
    rss: peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
  });
});
// the parent is gone: nothing more to run
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
