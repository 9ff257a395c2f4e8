// Starts npm oidc-provider on 127.0.0.1 (port 0: a free one) and prints {"port": N} on stdout.
// Three clients, as tests/peers/README (and shared/reference/peers.md) describe:
//   connector-basic / basic-secret, connector-post / post-secret (both secret clients accept Basic or
//   body authentication), connector-public (no secret, PKCE).
// Refresh tokens are rotated on every use (reusing an old one revokes the grant), PKCE is required,
// clocks have no tolerance. The access-token lifetime in seconds is the first argument (default 3600).
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import Provider from 'oidc-provider';

const accessTtl = Number(process.argv[2] || 3600);
const redirectUris = ['http://127.0.0.1:8976/callback'];
const client = (id, secret, method, grants) => ({
  client_id: id,
  ...(secret ? { client_secret: secret } : {}),
  token_endpoint_auth_method: method,
  application_type: 'native',
  grant_types: grants,
  response_types: ['code'],
  redirect_uris: redirectUris,
});
const all = ['authorization_code', 'refresh_token', 'client_credentials'];

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    client('connector-basic', 'basic-secret', 'client_secret_basic', all),
    client('connector-post', 'post-secret', 'client_secret_post', all),
    client('connector-public', null, 'none', ['authorization_code', 'refresh_token']),
  ],
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
  },
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, name: `User ${id}`, email: `${id}@example.test`, email_verified: true }),
  }),
  pkce: { required: () => true },
  rotateRefreshToken: true,
  clockTolerance: 0,
  ttl: {
    AccessToken: accessTtl,
    ClientCredentials: 600,
    AuthorizationCode: 60,
    RefreshToken: 86400,
    Grant: 86400,
    Interaction: 600,
    Session: 86400,
  },
});
// The secrets audit (tests/audit) looks for every token issued in what dg printed and stored:
// an opaque token's value is its jti.
if (process.env.DG_AUDIT_ISSUED) {
  for (const event of ['access_token.saved', 'refresh_token.saved', 'client_credentials.saved']) {
    provider.on(event, (token) => appendFileSync(process.env.DG_AUDIT_ISSUED, `${token.jti}\n`));
  }
}
server.on('request', provider.callback());
process.stdout.write(JSON.stringify({ port }) + '\n');
process.on('SIGTERM', () => { server.close(); process.exit(0); });
