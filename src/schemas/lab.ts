import { Type, type Static } from '@sinclair/typebox'
import { StringEnum, Timestamp } from './common.js'
import { V2SimulateBody } from './simulation.js'
import { ActorId } from './tokens.js'

/** The levels of a Lab module, in teaching order (src/lab/content.ts reads them from here). */
export const LEVELS = ['intro', 'core', 'deep'] as const
export type Level = typeof LEVELS[number]

const ModuleId = Type.String({ description: 'Kebab-case module id.' })
const NullableBoolean = (description: string) => Type.Union([Type.Boolean(), Type.Null()], { description })

const summaryProperties = {
  module_id: ModuleId,
  title: Type.String({ description: 'Module title.' }),
  summary: Type.String({ description: 'What the module teaches, in a sentence or two.' }),
  level: StringEnum(LEVELS, { description: 'intro, core or deep.' }),
  cost_tokens: Type.Integer({ minimum: 0, maximum: 5, description: 'Tokens to unlock it once, for good: 0 for a free module.' }),
  prerequisites: Type.Array(ModuleId, { description: 'Modules to complete (pass their quiz) before this one can be unlocked.' }),
  estimated_minutes: Type.Integer({ minimum: 1, description: 'Reading and quiz time, roughly.' }),
  section_count: Type.Integer({ minimum: 0, description: 'Sections in the full module.' }),
  question_count: Type.Integer({ minimum: 0, description: 'Questions in its quiz.' }),
  unlocked: NullableBoolean('Whether the calling actor can read all of it (free modules always); null when anonymous.'),
  completed: NullableBoolean('Whether the calling actor has passed its quiz; null when anonymous.')
}

const EXAMPLE_SUMMARY = {
  module_id: 'elo-and-draws',
  title: 'Elo ratings and the draw model',
  summary: 'How two ratings and a home advantage become three probabilities.',
  level: 'core',
  cost_tokens: 2,
  prerequisites: ['monte-carlo-basics'],
  estimated_minutes: 12,
  section_count: 3,
  question_count: 4,
  unlocked: false,
  completed: false
}

export const LabModuleSummary = Type.Object(summaryProperties, {
  $id: 'LabModuleSummary', additionalProperties: false, description: 'A Lab module as listed, with the caller\'s standing in it.'
})

export const LabModuleList = Type.Object({
  modules: Type.Array(Type.Ref(LabModuleSummary), { description: 'Every module, in teaching order (each after its prerequisites).' })
}, { $id: 'LabModuleList', additionalProperties: false, description: 'The Lab\'s modules.', examples: [{ modules: [EXAMPLE_SUMMARY] }] })

export const LabSection = Type.Object({
  section_id: Type.String({ description: 'Kebab-case section id.' }),
  title: Type.String({ description: 'Section title.' }),
  body: Type.String({ description: 'The text, in Markdown.' }),
  try_it: Type.Optional(Type.Ref(V2SimulateBody, { description: 'A POST /api/v2/simulate body that shows what the section describes; the numbers in the text are its answer.' }))
}, { $id: 'LabSection', additionalProperties: false, description: 'One section of a module.' })

export const LabQuizQuestion = Type.Object({
  question_id: Type.String({ description: 'Kebab-case question id.' }),
  prompt: Type.String({ description: 'The question.' }),
  choices: Type.Array(Type.Object({
    choice_id: Type.String({ description: 'Send this id as the answer.' }),
    text: Type.String({ description: 'The choice.' })
  }, { additionalProperties: false }), { minItems: 2, maxItems: 5, description: 'Two to five choices, one of them right.' })
}, { $id: 'LabQuizQuestion', additionalProperties: false, description: 'A quiz question. The right choice and its explanation come only with the graded result.' })

export const LabModuleDetail = Type.Object({
  ...summaryProperties,
  locked: Type.Boolean({ description: 'True when the caller has not unlocked this paid module: only the first section is shown and the quiz is empty.' }),
  sections: Type.Array(Type.Ref(LabSection), { description: 'Every section, or only the first one as a preview when locked.' }),
  quiz: Type.Array(Type.Ref(LabQuizQuestion), { description: 'The quiz questions (never their answers); empty when locked.' })
}, {
  $id: 'LabModuleDetail',
  additionalProperties: false,
  description: 'A Lab module: all of it, or a preview when it is locked.',
  examples: [{
    ...EXAMPLE_SUMMARY,
    locked: true,
    sections: [{
      section_id: 'ratings-as-strength',
      title: 'A rating gap is a win chance',
      body: 'An **Elo rating** puts every side on one number line. Only the *gap* matters…',
      try_it: { sport: 'tennis', home_team: 'Ana Petrova', away_team: 'Bea Lindqvist', home_rating: 1700, away_rating: 1500, rating_uncertainty: 0, config: { seed: 3 } }
    }],
    quiz: []
  }]
})

export const LabModuleParams = Type.Object({
  module_id: Type.String({ description: 'The module id (GET /api/v2/lab/modules lists them).' })
}, { additionalProperties: false })

export const LabUnlockResponse = Type.Object({
  module_id: ModuleId,
  unlocked: Type.Literal(true, { description: 'The module is now open to the actor, for good.' }),
  tokens_charged: Type.Integer({ minimum: 0, description: 'Tokens this request spent: the price on the first unlock, 0 afterwards and for free modules.' }),
  already_unlocked: Type.Boolean({ description: 'True when nothing was bought: the module was unlocked before, or is free.' }),
  transaction_id: Type.Union([Type.String(), Type.Null()], { description: 'The ledger spend of this unlock; null when nothing was charged.' }),
  balance_after: Type.Integer({ minimum: 0, description: 'The actor\'s balance after this request.' })
}, {
  $id: 'LabUnlockResponse',
  additionalProperties: false,
  description: 'The result of an unlock.',
  examples: [
    { module_id: 'elo-and-draws', unlocked: true, tokens_charged: 2, already_unlocked: false, transaction_id: '01JZ8Q4R9C2M7T5V6W8X0Y1Z2A', balance_after: 3 },
    { module_id: 'elo-and-draws', unlocked: true, tokens_charged: 0, already_unlocked: true, transaction_id: null, balance_after: 3 }
  ]
})

export const LabQuizBody = Type.Object({
  answers: Type.Array(Type.Object({
    question_id: Type.String({ minLength: 1, maxLength: 64, description: 'A question of this module.' }),
    choice_id: Type.String({ minLength: 1, maxLength: 64, description: 'One of that question\'s choices.' })
  }, { additionalProperties: false }), { maxItems: 50, description: 'One answer for every question of the quiz, each question once.' })
}, {
  additionalProperties: false,
  description: 'Answers to every question of the module\'s quiz.',
  examples: [{ answers: [{ question_id: 'first-question', choice_id: 'a' }, { question_id: 'second-question', choice_id: 'c' }, { question_id: 'third-question', choice_id: 'b' }] }]
})
export type LabQuizBody = Static<typeof LabQuizBody>

export const LabQuizResult = Type.Object({
  module_id: ModuleId,
  score: Type.Integer({ minimum: 0, description: 'Questions answered right.' }),
  total: Type.Integer({ minimum: 1, description: 'Questions in the quiz.' }),
  passed: Type.Boolean({ description: 'score / total ≥ 0.8.' }),
  completed: Type.Boolean({ description: 'The module is completed: by this attempt or an earlier passing one (a later failure never undoes it).' }),
  results: Type.Array(Type.Object({
    question_id: Type.String({ description: 'The question.' }),
    correct: Type.Boolean({ description: 'Whether the answer was right.' }),
    explanation: Type.String({ description: 'Why the right answer is right.' })
  }, { additionalProperties: false }), { description: 'Every question, in quiz order.' })
}, {
  $id: 'LabQuizResult',
  additionalProperties: false,
  description: 'A graded quiz attempt.',
  examples: [{
    module_id: 'elo-and-draws',
    score: 2,
    total: 3,
    passed: false,
    completed: false,
    results: [
      { question_id: 'first-question', correct: true, explanation: 'Why the right choice is right, shown only after grading.' },
      { question_id: 'second-question', correct: false, explanation: 'Each question comes back with its explanation, right or wrong.' },
      { question_id: 'third-question', correct: true, explanation: 'Results follow the order of the quiz.' }
    ]
  }]
})

export const LabProgress = Type.Object({
  user_id: ActorId,
  modules: Type.Array(Type.Object({
    module_id: ModuleId,
    unlocked: Type.Boolean({ description: 'Open to the actor (free, or unlocked).' }),
    completed: Type.Boolean({ description: 'Its quiz was passed at least once.' }),
    best_score: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Most questions answered right in one attempt; null before any attempt.' }),
    attempts: Type.Integer({ minimum: 0, description: 'Quiz attempts graded.' }),
    completed_at: Type.Union([Timestamp, Type.Null()], { description: 'When the first passing attempt was graded; null while not completed.' })
  }, { additionalProperties: false }), { description: 'Every module, in teaching order.' }),
  tokens_spent_on_lab: Type.Integer({ minimum: 0, description: 'Tokens the actor spent on unlocks, net of refunds.' })
}, {
  $id: 'LabProgress',
  additionalProperties: false,
  description: 'The calling actor\'s progress through the Lab.',
  examples: [{
    user_id: 'act_01JZ8Q4R9C2M7T5V6W8X0Y1Z2A',
    modules: [
      { module_id: 'monte-carlo-basics', unlocked: true, completed: true, best_score: 4, attempts: 2, completed_at: '2025-06-01T09:30:00.000Z' },
      { module_id: 'elo-and-draws', unlocked: true, completed: false, best_score: 1, attempts: 1, completed_at: null }
    ],
    tokens_spent_on_lab: 2
  }]
})

/** Registered with addSchema (referenced by $ref), after the simulation schemas a section refers to. */
export const labSchemas = [LabModuleSummary, LabModuleList, LabSection, LabQuizQuestion, LabModuleDetail, LabUnlockResponse, LabQuizResult, LabProgress]
