import type { RouteOptions } from 'fastify'

type HookName = 'onRequest' | 'preHandler' | 'onSend'

/**
 * Appends a route-level hook from an `onRoute` hook, so a concern runs only on the routes that
 * declare it (route config) instead of on every request, probes included.
 */
export function appendRouteHook (route: RouteOptions, name: HookName, hook: (...args: any[]) => void): void {
  const existing: unknown = route[name]
  const hooks: unknown[] = existing === undefined ? [] : Array.isArray(existing) ? [...existing] : [existing]
  hooks.push(hook)
  route[name] = hooks as never
}
