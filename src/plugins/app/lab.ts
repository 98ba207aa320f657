import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { LabCatalog } from '../../lab/content.js'
import { LabService } from '../../lab/service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The Lab's modules, standing, unlock and quiz (src/lab/service.ts). */
    lab: LabService
  }
}

export interface LabPluginOptions {
  /** The modules, loaded and checked at start-up (src/app.ts). */
  catalog: LabCatalog
}

/** Decorates the app with the Lab service on the Lab store, the ledger and billing, its counters wired to /metrics. */
async function labPlugin (app: FastifyInstance, { catalog }: LabPluginOptions): Promise<void> {
  const { metrics } = app
  app.decorate('lab', new LabService(catalog, app.storage.lab, app.storage.ledger, app.billing, {
    unlocked: (moduleId) => metrics.labUnlocks.inc({ module_id: moduleId }),
    quizGraded: (moduleId, passed) => metrics.labQuizAttempts.inc({ module_id: moduleId, result: passed ? 'passed' : 'failed' })
  }))
}

export default fp(labPlugin, { name: 'lab', dependencies: ['config', 'storage', 'billing', 'auth', 'idempotency', 'metrics'] })
