import {BlockList, isIP} from 'node:net';

/**
 * Addresses a page must not make Pamphlet reach on its own: this machine, the local network
 * and cloud metadata services (169.254.169.254 is link-local; fd00:ec2::254 is unique-local).
 * Ranges from the IANA special-purpose registries (RFC 6890), less the documentation ones,
 * which are unroutable anyway.
 */
const PRIVATE_RANGES: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"; 0.0.0.0 reaches localhost on Linux
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT; Alibaba Cloud's metadata is 100.100.100.200
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local: AWS, GCP and Azure metadata
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64 reaches any IPv4 address, private ones included
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const privateAddresses = new BlockList();
for (const [network, prefix, type] of PRIVATE_RANGES) privateAddresses.addSubnet(network, prefix, type);

/**
 * True for a loopback, private, link-local, metadata or otherwise non-public address
 * (IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry).
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return true;
  return privateAddresses.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
