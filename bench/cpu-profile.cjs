/**
 * Preloaded into the API under a load (`BENCH_API_NODE_OPTIONS="-r ./bench/cpu-profile.cjs"`): the first SIGWINCH (not
 * SIGUSR2, on which Nest's shutdown hooks stop the API)
 * starts V8's CPU profiler, the second stops it and writes the profile to $BENCH_CPU_PROFILE_FILE (default
 * /tmp/api.cpuprofile, open it in Chrome DevTools or read it with bench/cpu-profile-summary.cjs). Unlike
 * `--cpu-prof`, the start-up is left out and the process need not exit normally (Nest re-raises SIGTERM).
 */
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new inspector.Session();
session.connect();
let running = false;
process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(process.env.BENCH_CPU_PROFILE_FILE ?? '/tmp/api.cpuprofile', JSON.stringify(result.profile));
  });
});
