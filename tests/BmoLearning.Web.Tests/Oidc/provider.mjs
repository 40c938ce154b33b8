// A real OpenID Connect provider on loopback for the console's sign-in tests: oidc-provider (npm, installed into
// .tools/ by scripts/test.sh) with one confidential client and three users whose `groups` claim the console maps
// to roles. Its development login form accepts any password for a known login.
//   node provider.mjs <port> <console base url>
import { pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { default: Provider } = await import(pathToFileURL(join(root, '.tools', 'node_modules', 'oidc-provider', 'lib', 'index.js')).href);

const [port, consoleUrl] = process.argv.slice(2);
if (!port || !consoleUrl) {
  console.error('usage: node provider.mjs <port> <console base url>');
  process.exit(2);
}

const users = {
  ana: { name: 'Ana Admin', groups: ['bmo-admins', 'staff'] },
  ben: { name: 'Ben Branch', groups: ['branch-leads', 'staff'] },
  carl: { name: 'Carl Nogroup', groups: ['staff'] },
};

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'bmo-console',
    client_secret: 'bmo-console-test-secret-0123456789',
    redirect_uris: [`${consoleUrl}/admin/signin-oidc`],
    post_logout_redirect_uris: [`${consoleUrl}/admin/signout-callback-oidc`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
  scopes: ['openid', 'profile', 'groups'],
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  findAccount: async (_ctx, id) => (users[id]
    ? { accountId: id, claims: async () => ({ sub: id, name: users[id].name, groups: users[id].groups }) }
    : undefined),
});
provider.listen(Number(port), '127.0.0.1', () => console.log(`oidc-provider listening on http://127.0.0.1:${port}`));
