/**
 * Self time of a .cpuprofile by bucket (the package or the part of the runtime a function belongs to) and its top
 * functions: `node bench/cpu-profile-summary.cjs /tmp/api.cpuprofile`.
 */
const { readFileSync } = require('node:fs');

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const deltas = profile.timeDeltas;
profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (deltas[index] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function bucketOf(frame) {
  const url = frame.url || '';
  const name = frame.functionName;
  if (!url) {
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)') return 'idle';
    if (name === '(program)') return '(program: V8/native outside JS)';
    return `native: ${name || '(anonymous)'}`;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  const app = /dist\/apps\/api\/(libs|apps)\/([^/]+)/.exec(url);
  if (app) return `app: ${app[2]}`;
  return url;
}

const buckets = new Map();
const functions = new Map();
for (const [id, time] of self) {
  const frame = byId.get(id).callFrame;
  const bucket = bucketOf(frame);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + time);
  const key = `${frame.functionName || '(anonymous)'} ${bucket}:${frame.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + time);
}
const busy = total - (buckets.get('idle') ?? 0);
const pct = (time, of) => `${((100 * time) / of).toFixed(1)} %`;
console.log(`total ${(total / 1e6).toFixed(1)} s sampled, busy ${(busy / 1e6).toFixed(1)} s (${pct(busy, total)})`);
console.log('self time by bucket (share of busy time):');
for (const [bucket, time] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 25))
  if (bucket !== 'idle') console.log(`  ${pct(time, busy).padStart(7)}  ${bucket}`);
console.log('top functions by self time:');
for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25))
  if (!name.startsWith('(idle)')) console.log(`  ${pct(time, busy).padStart(7)}  ${name}`);
