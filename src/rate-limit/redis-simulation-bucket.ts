import type { Redis } from 'ioredis'
import type { SimulationLimits, StoreAnswer } from './simulation-bucket.js'

/**
 * The simulation limit of src/rate-limit/simulation-bucket.ts — a token bucket and an hourly cap
 * per principal — as ONE Lua script, so that every instance sharing the Redis counts against the
 * same bucket and the check-and-take is atomic (Redis runs a script alone). Same arithmetic and
 * answers as the in-memory store; the clock is the caller's (ARGV), like the memory store's.
 */
const TAKE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local ms_per_token = tonumber(ARGV[3])
local hourly_cap = tonumber(ARGV[4])
local max = tonumber(ARGV[5])
local HOUR = 3600000

local saved = redis.call('HMGET', key, 'tokens', 'refilled_at', 'hour_started_at', 'hour_count')
local tokens = tonumber(saved[1]) or burst
local refilled_at = tonumber(saved[2]) or now
local hour_started_at = tonumber(saved[3]) or now
local hour_count = tonumber(saved[4]) or 0

-- Instances' clocks differ by a few ms: never refill backwards.
if now > refilled_at then
  tokens = math.min(burst, tokens + (now - refilled_at) / ms_per_token)
  refilled_at = now
end
if now - hour_started_at >= HOUR then
  hour_started_at = now
  hour_count = 0
end

local current
local ttl
if hour_count >= hourly_cap then
  current = max + 1
  ttl = hour_started_at + HOUR - now
elseif tokens < 1 then
  current = max + 1
  ttl = math.ceil((1 - tokens) * ms_per_token)
else
  tokens = tokens - 1
  hour_count = hour_count + 1
  current = max - math.floor(tokens)
  ttl = math.ceil((burst - tokens) * ms_per_token)
end

redis.call('HSET', key, 'tokens', string.format('%.17g', tokens), 'refilled_at', refilled_at,
  'hour_started_at', hour_started_at, 'hour_count', hour_count)
-- Forget the principal once its bucket is full again and its hour is over: a fresh one is the same.
local full_in = math.ceil((burst - tokens) * ms_per_token)
redis.call('PEXPIRE', key, math.max(full_in, hour_started_at + HOUR - now, 1))
return {current, ttl}
`

type TakeCommand = (key: string, now: number, burst: number, msPerToken: number, hourlyCap: number, max: number) => Promise<[number, number]>

export class RedisSimulationBucketStore {
  private readonly msPerToken: number
  private readonly script: TakeCommand

  constructor (
    private readonly redis: Redis,
    private readonly limits: SimulationLimits,
    private readonly now: () => number,
    /** Namespaces this deployment's buckets: `<prefix>sim:<principal>`. */
    private readonly prefix: string
  ) {
    this.msPerToken = 60_000 / limits.perMinute
    if (!('simulationBucketTake' in redis)) redis.defineCommand('simulationBucketTake', { numberOfKeys: 1, lua: TAKE })
    this.script = (redis as unknown as { simulationBucketTake: TakeCommand }).simulationBucketTake.bind(redis)
  }

  /** The callback contract of @fastify/rate-limit stores; `max` is the burst size. */
  incr (key: string, cb: (err: Error | null, answer?: StoreAnswer) => void, _timeWindow: number, max: number): void {
    this.answer(key, max).then((answer) => cb(null, answer), (err: Error) => cb(err))
  }

  async answer (key: string, max: number): Promise<StoreAnswer> {
    const hourlyCap = key.startsWith('actor:') ? this.limits.hourlyActor : this.limits.hourlyAnonymous
    const [current, ttl] = await this.script(`${this.prefix}sim:${key}`, this.now(), this.limits.burst, this.msPerToken, hourlyCap, max)
    return { current, ttl }
  }

  child (): RedisSimulationBucketStore {
    return this
  }
}
