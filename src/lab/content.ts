/**
 * Trickster Lab content: one YAML file per module under content/lab/, validated against a TypeBox
 * schema and cross-checked when the service starts (docs/LAB.md). Fastify-free.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { Type, type Static } from '@sinclair/typebox'
import { Ajv, type ErrorObject } from 'ajv'
import { YAMLParseError, parse } from 'yaml'
import { StringEnum } from '../schemas/common.js'
import { LEVELS, type Level } from '../schemas/lab.js'
import { EventInputSchema, SimulationConfigInput, SimulationContextInput, V2SimulateBody } from '../schemas/simulation.js'

export const KEBAB_CASE = '^[a-z0-9]+(-[a-z0-9]+)*$'

/** The extension of module files; anything else in the folder (a README) is ignored. */
const MODULE_FILE = /\.yaml$/

const Id = (description: string) => Type.String({ pattern: KEBAB_CASE, maxLength: 64, description })
const Text = (description: string, maxLength: number) => Type.String({ minLength: 1, maxLength, description })

export const LabChoiceFile = Type.Object({
  choice_id: Id('Kebab-case id, unique within its question.'),
  text: Text('The choice as shown.', 400)
}, { additionalProperties: false })

export const LabQuestionFile = Type.Object({
  question_id: Id('Kebab-case id, unique within its module.'),
  prompt: Text('The question.', 1000),
  choices: Type.Array(LabChoiceFile, { minItems: 2, maxItems: 5 }),
  correct_choice_id: Id('The choice_id of the right answer; never sent before grading.'),
  explanation: Text('Why the right answer is right; sent only with the graded result.', 2000)
}, { additionalProperties: false })

export const LabSectionFile = Type.Object({
  section_id: Id('Kebab-case id, unique within its module.'),
  title: Text('Section title.', 200),
  body: Text('Markdown.', 20_000),
  try_it: Type.Optional(Type.Ref(V2SimulateBody))
}, { additionalProperties: false })

export const LabModuleFile = Type.Object({
  module_id: Id('Kebab-case id; the file is <module_id>.yaml.'),
  title: Text('Module title.', 200),
  summary: Text('One or two sentences on what the module teaches.', 1000),
  level: StringEnum(LEVELS),
  cost_tokens: Type.Integer({ minimum: 0, maximum: 5, description: '0 (free) or 2–5 tokens.' }),
  prerequisites: Type.Array(Id('A module that must be completed before this one can be unlocked.'), { uniqueItems: true }),
  estimated_minutes: Type.Integer({ minimum: 1, maximum: 240 }),
  sections: Type.Array(LabSectionFile, { minItems: 3 }),
  quiz: Type.Array(LabQuestionFile, { minItems: 3 })
}, { additionalProperties: false })

export type LabModule = Static<typeof LabModuleFile>
export type LabSection = Static<typeof LabSectionFile>

/**
 * Ajv, like Fastify's own validation, so a `try_it` is checked by the very schema that validates
 * POST /api/v2/simulate (with the schemas it refers to), without the route's type coercion.
 */
const validateModule = new Ajv({ verbose: true, schemas: [SimulationConfigInput, SimulationContextInput, EventInputSchema, V2SimulateBody] })
  .compile<LabModule>(LabModuleFile)

/** Every module, in teaching order, and the same modules by id (a Map: `constructor` is not a module). */
export interface LabCatalog {
  modules: readonly LabModule[]
  byId: ReadonlyMap<string, LabModule>
}

/** A module file that cannot be served. The message is one line naming the file and the field. */
export class LabContentError extends Error {
  constructor (readonly file: string, readonly pointer: string, reason: string) {
    super(`lab content ${file}: ${pointer === '' ? '' : `${pointer} `}${reason}`)
    this.name = 'LabContentError'
  }
}

/** Reads, validates and orders every `*.yaml` module of `dir`; throws LabContentError on the first problem. */
export function loadLabContent (dir: string): LabCatalog {
  let names: string[]
  try {
    names = readdirSync(dir).filter((name) => MODULE_FILE.test(name)).sort()
  } catch (err) {
    throw new LabContentError(dir, '', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (names.length === 0) throw new LabContentError(dir, '', 'holds no module file (*.yaml)')
  const files = new Map<string, string>()
  const modules = names.map((name) => {
    const file = join(dir, name)
    const module = readModule(file)
    const expected = basename(name, '.yaml')
    if (module.module_id !== expected) throw new LabContentError(file, '/module_id', `must equal the file name (${expected})`)
    files.set(module.module_id, file)
    return module
  })
  const byId = new Map(modules.map((module) => [module.module_id, module]))
  for (const module of modules) {
    module.prerequisites.forEach((id, i) => {
      if (id === module.module_id) throw new LabContentError(files.get(module.module_id) as string, `/prerequisites/${i}`, 'names the module itself')
      if (!byId.has(id)) throw new LabContentError(files.get(module.module_id) as string, `/prerequisites/${i}`, `names an unknown module "${id}"`)
    })
  }
  return { modules: teachingOrder(modules, files), byId }
}

function readModule (file: string): LabModule {
  let data: unknown
  try {
    data = parse(readFileSync(file, 'utf8'))
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0]
      const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`
      throw new LabContentError(file, '', `is not valid YAML${where}: ${err.message.split('\n')[0]}`)
    }
    throw new LabContentError(file, '', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (!validateModule(data)) {
    const { pointer, reason } = describe((validateModule.errors as ErrorObject[])[0])
    throw new LabContentError(file, pointer, reason)
  }
  crossCheck(file, data)
  return data
}

/** The failing field as a JSON pointer into the file, and what is wrong with it. */
function describe (error: ErrorObject): { pointer: string, reason: string } {
  const { instancePath, keyword, params, message } = error
  if (keyword === 'required') return { pointer: `${instancePath}/${String(params.missingProperty)}`, reason: 'is required' }
  if (keyword === 'additionalProperties') return { pointer: `${instancePath}/${String(params.additionalProperty)}`, reason: 'is not a recognised field' }
  if (keyword === 'enum') return { pointer: instancePath, reason: `must be one of: ${(params.allowedValues as string[]).join(', ')}` }
  return { pointer: instancePath === '' ? '/' : instancePath, reason: `${message ?? 'is invalid'} (got ${shown(error.data)})` }
}

function shown (value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** The rules a JSON schema cannot say: unique ids, the right answer among the choices, prices, fixed seeds. */
function crossCheck (file: string, module: LabModule): void {
  if (module.cost_tokens === 1) throw new LabContentError(file, '/cost_tokens', 'must be 0 (free) or 2–5 tokens (got 1)')
  unique(file, module.sections.map((s) => s.section_id), '/sections', 'section_id')
  unique(file, module.quiz.map((q) => q.question_id), '/quiz', 'question_id')
  module.quiz.forEach((question, i) => {
    unique(file, question.choices.map((c) => c.choice_id), `/quiz/${i}/choices`, 'choice_id')
    if (!question.choices.some((c) => c.choice_id === question.correct_choice_id)) {
      throw new LabContentError(file, `/quiz/${i}/correct_choice_id`, `"${question.correct_choice_id}" is not one of the question's choice_id values`)
    }
  })
  module.sections.forEach((section, i) => {
    // The text quotes the numbers of its try_it: without a fixed seed they would not be the reader's.
    if (section.try_it !== undefined && section.try_it.config?.seed === undefined) {
      throw new LabContentError(file, `/sections/${i}/try_it/config/seed`, 'is required: the numbers quoted in the text come from this seed')
    }
  })
}

function unique (file: string, ids: string[], pointer: string, field: string): void {
  const seen = new Set<string>()
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new LabContentError(file, `${pointer}/${i}/${field}`, `"${id}" is used twice`)
    seen.add(id)
  })
}

const LEVEL_RANK: Readonly<Record<Level, number>> = { intro: 0, core: 1, deep: 2 }

/**
 * Teaching order: every module after its prerequisites (Kahn's algorithm); among the modules that
 * are ready, the lower level first, then the module id. A module left over sits on a cycle.
 */
function teachingOrder (modules: LabModule[], files: ReadonlyMap<string, string>): LabModule[] {
  const waiting = new Map(modules.map((m) => [m.module_id, new Set(m.prerequisites)]))
  const ordered: LabModule[] = []
  while (waiting.size > 0) {
    const ready = modules
      .filter((m) => waiting.get(m.module_id)?.size === 0)
      .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || (a.module_id < b.module_id ? -1 : 1))
    if (ready.length === 0) {
      const cycle = findCycle(waiting)
      throw new LabContentError(files.get(cycle[0]) as string, '/prerequisites', `form a cycle: ${cycle.join(' → ')}`)
    }
    const next = ready[0]
    ordered.push(next)
    waiting.delete(next.module_id)
    for (const prerequisites of waiting.values()) prerequisites.delete(next.module_id)
  }
  return ordered
}

/** Walks unmet prerequisites from any waiting module until one repeats: that stretch is a cycle. */
function findCycle (waiting: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const path: string[] = []
  let current = [...waiting.keys()][0]
  while (!path.includes(current)) {
    path.push(current)
    current = [...(waiting.get(current) as ReadonlySet<string>)][0]
  }
  return [...path.slice(path.indexOf(current)), current]
}
