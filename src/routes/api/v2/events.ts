import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { problemResponses } from '../../../schemas/common.js'
import { CatalogEvent } from '../../../schemas/catalog.js'
import { findCatalogEvent, listCatalogEvents } from '../../../catalog/events.js'
import { ProblemError } from '../../../errors.js'

/** The sample events shipped with the service (docs/API.md, "Catalog"), usable by event_id in simulate requests. */
const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v2/events', {
    config: { auth: 'none' },
    schema: {
      operationId: 'listEvents',
      summary: 'List the catalog events',
      tags: ['catalog'],
      security: [],
      response: {
        200: Type.Object({
          events: Type.Array(Type.Ref(CatalogEvent), { description: 'Every catalog event.' }),
          count: Type.Integer({ minimum: 0, description: 'Number of events.' })
        }, { $id: 'CatalogEventList', additionalProperties: false, description: 'The catalog.' }),
        ...problemResponses(429)
      }
    }
  }, async () => {
    const events = listCatalogEvents()
    return { events, count: events.length }
  })

  app.get('/api/v2/events/:id', {
    config: { auth: 'none' },
    schema: {
      operationId: 'getEvent',
      summary: 'Get one catalog event',
      tags: ['catalog'],
      security: [],
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: 'The event_id.' }) }),
      response: { 200: Type.Ref(CatalogEvent), ...problemResponses(400, 404, 429) }
    }
  }, async (request) => {
    const event = findCatalogEvent(request.params.id)
    if (event === undefined) throw new ProblemError(404, 'event_not_found', `No catalog event "${request.params.id}". GET /api/v2/events lists them.`)
    return event
  })
}

export default eventRoutes
