// Starts npm oauth2-mock-server on 127.0.0.1 (port 0: a free one) plus a small admin server, and
// prints {"port": N, "admin": M} on stdout. GET http://127.0.0.1:M/count gives
// {"refresh": n, "client_credentials": m}, the number of such grants answered. Modes (first argument):
//   expires-in-string     token responses carry expires_in as text
//   invalid-grant-refresh refresh_token grants are refused with 400 invalid_grant
//   slow-refresh          refresh_token grants take 500 ms
//   rate-limited-once     the first refresh_token grant gets 429 with Retry-After as an HTTP date
//                         two seconds ahead; later ones succeed
//   unavailable-refresh   refresh_token grants get 503 temporarily_unavailable, Retry-After: 120
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';

const mode = process.argv[2] || '';
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(0, '127.0.0.1');
const port = server.address().port;
server.issuer.url = `http://127.0.0.1:${port}`;
// Every token unique (a jti), so that a refreshed token never equals the one it replaces even
// within the same second.
server.service.on('beforeTokenSigning', (token) => {
  token.payload.jti = randomUUID();
});
let refreshes = 0;
let clientCredentials = 0;
server.service.on('beforeResponse', (response, req) => {
  const grant = req && req.body && req.body.grant_type;
  if (grant === 'client_credentials') {
    clientCredentials += 1;
  }
  if (grant === 'refresh_token') {
    refreshes += 1;
    if (mode === 'invalid-grant-refresh') {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: 'refresh token revoked' };
      return;
    }
    if (mode === 'unavailable-refresh' || (mode === 'rate-limited-once' && refreshes === 1)) {
      const limited = mode === 'rate-limited-once';
      response.statusCode = limited ? 429 : 503;
      response.body = { error: 'temporarily_unavailable' };
      req.res.set('Retry-After', limited ? new Date(Date.now() + 2000).toUTCString() : '120');
      return;
    }
  }
  if (mode === 'expires-in-string' && response.body && response.body.expires_in) {
    response.body.expires_in = String(response.body.expires_in);
  }
  // The secrets audit (tests/audit) looks for every token issued in what dg printed and stored.
  if (process.env.DG_AUDIT_ISSUED && response.body) {
    const issued = ['access_token', 'refresh_token', 'id_token'].map((k) => response.body[k]).filter(Boolean);
    if (issued.length) appendFileSync(process.env.DG_AUDIT_ISSUED, issued.join('\n') + '\n');
  }
});
if (mode === 'slow-refresh') {
  server.service.on('beforeTokenSigning', () => {
    const until = Date.now() + 500;
    while (Date.now() < until) { /* hold the token response */ }
  });
}
const admin = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ refresh: refreshes, client_credentials: clientCredentials }));
});
await new Promise((resolve) => admin.listen(0, '127.0.0.1', resolve));
process.stdout.write(JSON.stringify({ port, admin: admin.address().port }) + '\n');
process.on('SIGTERM', async () => { await server.stop(); admin.close(); process.exit(0); });
