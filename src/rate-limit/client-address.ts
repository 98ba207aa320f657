import ipaddr from 'ipaddr.js'

/** `[2001:db8::7]`, `[2001:db8::7]:443` and `192.0.2.7:443` name the address inside; anything else is taken as written. */
function unwrap (value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value)
  if (bracketed !== null) return bracketed[1]
  return /^([\d.]+):\d{1,5}$/.exec(value)?.[1] ?? value
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/**
 * The address `value` names, or null when it names none. IPv4 is the four-part decimal form only,
 * leading zeros ignored (`198.051.100.007` is 198.51.100.7, not the octal reading of inet_aton);
 * IPv6 is any RFC 4291 spelling, and IPv4-mapped IPv6 (`::ffff:198.51.100.7`) is read as IPv4.
 */
function parseAddress (value: string | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (value === undefined) return null
  const candidate = unwrap(value.trim())
  const quad = DOTTED_QUAD.exec(candidate)
  if (quad !== null) {
    const octets = quad.slice(1).map((part) => Number.parseInt(part, 10))
    return octets.every((octet) => octet <= 255) ? new ipaddr.IPv4(octets) : null
  }
  return ipaddr.IPv6.isValid(candidate) ? ipaddr.process(candidate) : null
}

/**
 * The rate-limit bucket of a client: its IPv4 address, or its IPv6 /64 network, in one canonical
 * spelling whatever the spelling it arrived in (brackets, a port, leading zeros, upper case,
 * IPv4-mapped IPv6). `ip` is Fastify's `request.ip`: the socket address, or the client named in
 * X-Forwarded-For by a proxy listed in TRUST_PROXY. A forwarded value that is not an address does
 * not get a bucket of its own: the socket address stands in for it (docs/API.md, "Rate limits").
 */
export function clientBucket (ip: string, socketAddress: string | undefined): string {
  const address = parseAddress(ip) ?? parseAddress(socketAddress)
  if (address === null) return ip.toLowerCase()
  if (address instanceof ipaddr.IPv4) return address.toString()
  const network = new ipaddr.IPv6([...address.parts.slice(0, 4), 0, 0, 0, 0])
  return `${network.toRFC5952String()}/64`
}
