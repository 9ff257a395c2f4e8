// Starts npm oauth2-mock-server on 127.0.0.1 (port 0: a free one) and prints {"port": N} on stdout.
// Test hooks: a first argument "expires-in-string" makes token responses carry expires_in as text.
import { OAuth2Server } from 'oauth2-mock-server';

const mode = process.argv[2] || '';
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(0, '127.0.0.1');
const port = server.address().port;
server.issuer.url = `http://127.0.0.1:${port}`;
server.service.on('beforeResponse', (response) => {
  if (mode === 'expires-in-string' && response.body && response.body.expires_in) {
    response.body.expires_in = String(response.body.expires_in);
  }
});
process.stdout.write(JSON.stringify({ port }) + '\n');
process.on('SIGTERM', async () => { await server.stop(); process.exit(0); });
