/** The sign-in limits' client address: X-Forwarded-For counts only when a trusted proxy sent it. */
import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustedProxies } from './client-address.ts';

describe('clientAddressOf', () => {
  const none = trustedProxies(undefined);
  const proxies = trustedProxies('10.0.0.5, 192.168.10.0/24, 2001:db8::/32');

  it('is the peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddressOf('203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:203.0.113.9', '1.2.3.4', none)).toBe('203.0.113.9');
    expect(clientAddressOf(undefined, '1.2.3.4', none)).toBe('unknown');
  });

  it('is the peer when the peer is not a trusted proxy', () => {
    expect(clientAddressOf('203.0.113.9', '10.0.0.5', proxies)).toBe('203.0.113.9');
  });

  it('reads the header from the right past trusted proxies, so a client cannot prepend an address', () => {
    expect(clientAddressOf('10.0.0.5', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.5', '6.6.6.6, 198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddressOf('::ffff:10.0.0.5', '6.6.6.6, 198.51.100.7, 192.168.10.3', proxies)).toBe('198.51.100.7');
    expect(clientAddressOf('2001:db8::9', ' 198.51.100.8 ,192.168.10.200', proxies)).toBe('198.51.100.8');
    expect(clientAddressOf('10.0.0.5', 'not-an-address', proxies)).toBe('not-an-address');
    expect(clientAddressOf('10.0.0.5', undefined, proxies)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '192.168.10.1', proxies)).toBe('192.168.10.1'); // only proxies: the farthest
  });

  it('refuses a setting it cannot read, naming the entry', () => {
    for (const bad of ['10.0.0', '10.0.0.0/33', 'proxy.local', '10.0.0.0/8/1', '::1/129']) {
      expect(() => trustedProxies(bad), bad).toThrow(new RegExp(`CALLBOARD_TRUSTED_PROXIES: "${bad.replace(/[./]/g, '\\$&')}"`));
    }
  });
});
