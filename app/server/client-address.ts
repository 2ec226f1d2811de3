/**
 * Which address a request came from, for the sign-in limits: the connection's own peer, unless that
 * peer is a proxy the operator named in CALLBOARD_TRUSTED_PROXIES (addresses or CIDR ranges, comma
 * separated). Then X-Forwarded-For is read from the right, skipping the trusted proxies, and the
 * first address no trusted proxy vouches for is the client's.
 *
 * Why not adapter-node's ADDRESS_HEADER / XFF_DEPTH: they believe the header from whoever connects, so
 * a client that reaches the server directly could name any address it likes and escape the limits.
 * Here a header counts only when a trusted proxy sent it.
 */
import { BlockList, isIP } from 'node:net';
import { InputError } from '../../sql/errors.ts';

/** `::ffff:10.0.0.1` (IPv4 on an IPv6 socket) as `10.0.0.1`. */
const plainAddress = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/** The trusted proxies of a CALLBOARD_TRUSTED_PROXIES value (empty: none); a bad entry is an error naming it. */
export function trustedProxies(setting: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (setting ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = raw.split('/');
    const family = isIP(plainAddress(address));
    const prefix = bits === undefined ? null : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      throw new InputError(`CALLBOARD_TRUSTED_PROXIES: "${raw}" is not an address or a CIDR range (such as 10.0.0.5 or 10.0.0.0/24)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) list.addAddress(plainAddress(address), type);
    else list.addSubnet(plainAddress(address), prefix, type);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: `peer` (the socket's remote address) unless it is a trusted proxy; then the
 * nearest address in `forwardedFor` that is not one.
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string {
  if (!peer) return 'unknown';
  let client = plainAddress(peer);
  if (!isTrusted(trusted, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map(plainAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i];
    if (!isTrusted(trusted, client)) return client;
  }
  return client;
}

let cached: { setting: string | undefined; list: BlockList } | undefined;

/** The trusted proxies of the environment (read again when the setting changes, as in tests). */
export function configuredProxies(): BlockList {
  const setting = process.env.CALLBOARD_TRUSTED_PROXIES;
  if (!cached || cached.setting !== setting) cached = { setting, list: trustedProxies(setting) };
  return cached.list;
}
