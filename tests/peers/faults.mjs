// A small fault-injecting HTTP server on 127.0.0.1 (port 0: a free one); prints {"port": N}.
// Each route counts its requests per key (the first path segment after the route):
//   /flaky/KEY?fail=N&status=S&retry_after=R  the first N requests get status S (default 503),
//                                             with Retry-After: R when given; then 200 JSON
//   /drop/KEY?fail=N                          the first N connections are closed with no answer
//   /slow/KEY?ms=M                            answers 200 after M milliseconds
//   /expired/KEY?status=S                     401 (or S) unless the bearer token differs from the
//                                             first one seen for KEY: a token that "expires"
//   /count/KEY                                {"count": n} requests seen for KEY
import http from 'node:http';

const counts = new Map();
const firstToken = new Map();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const [, route, key = ''] = url.pathname.split('/');
  const q = (name, dflt) => url.searchParams.get(name) ?? dflt;
  const json = (status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  if (route === 'count') {
    return json(200, { count: counts.get(key) || 0 });
  }
  const n = (counts.get(key) || 0) + 1;
  counts.set(key, n);
  if (route === 'flaky') {
    if (n <= Number(q('fail', '1'))) {
      const headers = q('retry_after', null) ? { 'Retry-After': q('retry_after') } : {};
      return json(Number(q('status', '503')), { error: 'try later', attempt: n }, headers);
    }
    return json(200, { ok: true, attempt: n });
  }
  if (route === 'drop') {
    if (n <= Number(q('fail', '1'))) {
      return req.socket.destroy();
    }
    return json(200, { ok: true, attempt: n });
  }
  if (route === 'slow') {
    return setTimeout(() => json(200, { ok: true }), Number(q('ms', '1000')));
  }
  if (route === 'expired') {
    const token = req.headers.authorization || '';
    if (!firstToken.has(key)) firstToken.set(key, token);
    if (token === firstToken.get(key)) {
      return json(Number(q('status', '401')), { error: 'invalid_token' });
    }
    return json(200, { ok: true, attempt: n });
  }
  json(404, { error: 'no such route' });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('SIGTERM', () => { server.close(); process.exit(0); });
