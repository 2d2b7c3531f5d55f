import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { DomainError } from '@sow/domain';

/**
 * Addresses a webhook may not reach (SSRF): loopback, private, link-local (and with it the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, unspecified, multicast and reserved ranges, IPv4 and IPv6.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['fd00:ec2::', 32],
] as const) FORBIDDEN.addSubnet(net, prefix, 'ipv6');

/** An admin's WEBHOOK_ALLOWED_HOSTS: addresses, CIDR ranges and host names that may be private. */
export class WebhookAllowList {
  private readonly ranges = new BlockList();
  private readonly hosts = new Set<string>();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const family = isIP(address);
      if (family === 0) this.hosts.add(entry.toLowerCase());
      else if (bits !== undefined) this.ranges.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
      else this.ranges.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(host.toLowerCase());
  }

  allowsAddress(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** True when the address is one a webhook may not reach (IPv4-mapped IPv6 is judged as IPv4). */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip);
  if (family === 0) return true;
  return FORBIDDEN.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a webhook URL's host and refuses it when any address is forbidden and not allow-listed.
 * Called when an endpoint is registered and again for every delivery (the host may now resolve elsewhere:
 * DNS rebinding); the delivery then connects to exactly the addresses checked here.
 */
export async function resolveWebhookHost(host: string, allow: WebhookAllowList, field = 'url'): Promise<ResolvedAddress[]> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  let addresses: ResolvedAddress[];
  if (isIP(bare) !== 0) addresses = [{ address: bare, family: isIP(bare) as 4 | 6 }];
  else {
    try {
      addresses = (await lookup(bare, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
    } catch {
      throw new DomainError('rule_violation', `${field}: the host ${bare} does not resolve`, [{ field, rule: 'resolvableHost', message: `${bare} does not resolve` }]);
    }
  }
  if (allow.allowsHost(bare)) return addresses;
  const refused = addresses.filter((a) => isForbiddenAddress(a.address) && !allow.allowsAddress(a.address));
  if (addresses.length === 0 || refused.length > 0) {
    throw new DomainError('rule_violation', `${field}: ${bare} resolves to ${refused.map((a) => a.address).join(', ') || 'nothing'}, a loopback, private, link-local or metadata address (allow it with WEBHOOK_ALLOWED_HOSTS)`, [
      { field, rule: 'publicAddress', message: `${bare} resolves to a non-public address` },
    ]);
  }
  return addresses;
}
