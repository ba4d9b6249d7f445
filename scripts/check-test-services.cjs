// Before the tests: PostgreSQL and Redis must answer, or one sentence says how to start them.
const net = require('node:net');

const services = [
  ['PostgreSQL', process.env.TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres', 5432],
  ['Redis', process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379', 6379],
];

function reachable(url, defaultPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('timeout', () => resolve(socket.destroy() && false));
    socket.once('error', () => resolve(false));
  });
}

(async () => {
  const down = [];
  for (const [name, url, port] of services) if (!(await reachable(url, port))) down.push(`${name} (${url})`);
  if (down.length) {
    console.error(
      `The tests need ${down.join(' and ')}: start them with \`docker compose -f docker/compose.yml up -d postgres redis\`, ` +
        'or point TEST_DATABASE_URL and TEST_REDIS_URL at running servers.',
    );
    process.exit(1);
  }
})();
