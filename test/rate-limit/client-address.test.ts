import t from 'tap'
import { clientBucket } from '../../src/rate-limit/client-address.js'

t.test('one bucket per address, whatever its spelling', async (t) => {
  const spellings: Record<string, string[]> = {
    '192.0.2.7': ['192.0.2.7', '192.000.002.007', '192.0.02.07', '[192.0.2.7]', '192.0.2.7:443', '::ffff:192.0.2.7', '::FFFF:C000:0207', '[::ffff:192.0.2.7]:8080', ' 192.0.2.7 '],
    '2001:db8:1:2::/64': ['2001:db8:1:2::7', '[2001:db8:1:2::7]', '[2001:db8:1:2::7]:443', '2001:DB8:0001:0002:0000:0000:0000:0007', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::7%eth0']
  }
  for (const [bucket, values] of Object.entries(spellings)) {
    for (const value of values) t.equal(clientBucket(value, '10.0.0.1'), bucket, JSON.stringify(value))
  }
  t.not(clientBucket('2001:db8:1:3::7', '10.0.0.1'), clientBucket('2001:db8:1:2::7', '10.0.0.1'), 'another /64 is another bucket')
})

t.test('leading zeros are decimal, never the octal reading of inet_aton', async (t) => {
  t.equal(clientBucket('198.051.100.010', '10.0.0.1'), '198.51.100.10')
})

t.test('a forwarded value that is not an address falls back to the socket address', async (t) => {
  for (const value of ['unknown', '', 'not-an-ip', '999.1.1.1', '0xc0.0.2.7', '3221226247', '192.0.2', '0192.0.2.7', '[2001:db8::1', '1.2.3.4, 5.6.7.8', '_hidden']) {
    t.equal(clientBucket(value, '::ffff:10.0.0.1'), '10.0.0.1', JSON.stringify(value))
  }
})
