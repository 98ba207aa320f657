/** Why the Lab refused a request. Messages are safe to show to the client; src/plugins/app/errors.ts maps them to problem+json. */
export type LabErrorCode = 'module_not_found' | 'module_locked' | 'prerequisites_incomplete'

const STATUS: Readonly<Record<LabErrorCode, number>> = {
  module_not_found: 404,
  module_locked: 403,
  prerequisites_incomplete: 409
}

export class LabError extends Error {
  constructor (readonly code: LabErrorCode, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message)
    this.name = 'LabError'
  }

  get status (): number {
    return STATUS[this.code]
  }
}
