import type { onRequestHookHandler, onResponseHookHandler, onSendHookHandler, preHandlerHookHandler, RouteOptions } from 'fastify'

function appended<T> (existing: T | T[] | undefined, hook: T): T[] {
  return existing === undefined ? [hook] : [...(Array.isArray(existing) ? existing : [existing]), hook]
}

/**
 * Appends a route-level hook from an `onRoute` hook, so a concern runs only on the routes that
 * declare it (route config) instead of on every request, probes included.
 */
export function appendRouteHook (route: RouteOptions, name: 'onRequest', hook: onRequestHookHandler): void
export function appendRouteHook (route: RouteOptions, name: 'preHandler', hook: preHandlerHookHandler): void
export function appendRouteHook (route: RouteOptions, name: 'onSend', hook: onSendHookHandler): void
export function appendRouteHook (route: RouteOptions, name: 'onResponse', hook: onResponseHookHandler): void
export function appendRouteHook (route: RouteOptions, name: 'onRequest' | 'preHandler' | 'onSend' | 'onResponse', hook: onRequestHookHandler | preHandlerHookHandler | onSendHookHandler | onResponseHookHandler): void {
  switch (name) {
    case 'onRequest': route.onRequest = appended(route.onRequest, hook as onRequestHookHandler); break
    case 'preHandler': route.preHandler = appended(route.preHandler, hook as preHandlerHookHandler); break
    case 'onSend': route.onSend = appended(route.onSend, hook as onSendHookHandler); break
    case 'onResponse': route.onResponse = appended(route.onResponse, hook as onResponseHookHandler); break
  }
}
