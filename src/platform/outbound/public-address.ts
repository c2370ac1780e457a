import ipaddr from 'ipaddr.js';

/**
 * Decides whether the server may connect to an address and port. Production allows public
 * addresses only; tests add their own local fake servers through the app's options.
 */
export type AddressPolicy = (address: string, port: number) => boolean;

/**
 * Only ordinary public unicast addresses: not loopback, private, link-local (the cloud metadata
 * address among them), carrier-grade NAT, multicast, unspecified (0.0.0.0), reserved or
 * documentation ranges. IPv4 written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 it is, and
 * the ranges that embed IPv4 inside IPv6 (6to4, Teredo, NAT64) are refused rather than unpacked.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export const publicAddressesOnly: AddressPolicy = (address) => isPublicAddress(address);
