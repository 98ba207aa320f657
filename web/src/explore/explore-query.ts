/**
 * The Explore form lives in the URL: every input is a query parameter, so a link (or a reload)
 * sends the same request and gets the same fingerprint and numbers.
 */
import type { Depth, SimulateRequest } from '../api/client'

export const SPORTS = ['football', 'basketball', 'american_football', 'tennis', 'mma'] as const
export type SportName = typeof SPORTS[number]

/** Text inputs as typed (kept as strings so a half-typed number is not lost). */
export interface ExploreInputs {
  depth: Depth
  /** A catalog event_id, or CUSTOM_EVENT for typed teams (with ratings, or from a league). */
  eventId: string
  /** With CUSTOM_EVENT: a league whose fit fills the ratings of the typed teams ('' = none). */
  leagueId: string
  /** comparative_analysis: the catalog events compared. */
  compared: string[]
  sport: SportName
  homeTeam: string
  awayTeam: string
  homeRating: string
  awayRating: string
  homeAdvantage: string
  drawRate: string
  ratingUncertainty: string
  nSimulations: string
  seed: string
  dataAgeDays: string
  eventHorizonDays: string
  sampleSize: string
}

export const CUSTOM_EVENT = 'custom'
export const DEFAULT_EVENT = 'el-clasico'

const DEPTHS: readonly Depth[] = ['headline_pick', 'full_distribution', 'scenario_extremes', 'comparative_analysis', 'deep_dive_educational']

/** Query parameter ↔ field, for the plain text fields. */
const TEXT_PARAMS = {
  home_team: 'homeTeam',
  away_team: 'awayTeam',
  home_rating: 'homeRating',
  away_rating: 'awayRating',
  home_advantage: 'homeAdvantage',
  draw_rate: 'drawRate',
  rating_uncertainty: 'ratingUncertainty',
  n_simulations: 'nSimulations',
  seed: 'seed',
  data_age_days: 'dataAgeDays',
  event_horizon_days: 'eventHorizonDays',
  sample_size: 'sampleSize'
} as const satisfies Record<string, keyof ExploreInputs>

export function inputsFromQuery (query: Record<string, string | undefined>): ExploreInputs {
  const depth = DEPTHS.find((d) => d === query.depth) ?? 'headline_pick'
  const sport = SPORTS.find((s) => s === query.sport) ?? 'football'
  const inputs: ExploreInputs = {
    depth,
    eventId: query.event ?? (query.home_team !== undefined || query.league_id !== undefined ? CUSTOM_EVENT : DEFAULT_EVENT),
    leagueId: query.event === undefined ? query.league_id ?? '' : '',
    compared: (query.events ?? '').split(',').filter((id) => id !== ''),
    sport,
    homeTeam: '',
    awayTeam: '',
    homeRating: '',
    awayRating: '',
    homeAdvantage: '',
    drawRate: '',
    ratingUncertainty: '',
    nSimulations: '',
    seed: '',
    dataAgeDays: '',
    eventHorizonDays: '',
    sampleSize: ''
  }
  for (const [param, field] of Object.entries(TEXT_PARAMS)) inputs[field] = query[param] ?? ''
  return inputs
}

export function queryOf (inputs: ExploreInputs): string {
  const params = new URLSearchParams()
  params.set('depth', inputs.depth)
  if (inputs.depth === 'comparative_analysis') {
    params.set('events', inputs.compared.join(','))
  } else if (inputs.eventId === CUSTOM_EVENT && inputs.leagueId !== '') {
    params.set('league_id', inputs.leagueId)
  } else if (inputs.eventId === CUSTOM_EVENT) {
    params.set('sport', inputs.sport)
  } else {
    params.set('event', inputs.eventId)
  }
  const custom = inputs.depth !== 'comparative_analysis' && inputs.eventId === CUSTOM_EVENT
  const fromLeague = custom && inputs.leagueId !== ''
  for (const [param, field] of Object.entries(TEXT_PARAMS)) {
    const eventField = ['homeTeam', 'awayTeam', 'homeRating', 'awayRating', 'homeAdvantage', 'drawRate', 'ratingUncertainty'].includes(field)
    if (eventField && !custom) continue
    if (fromLeague && !['homeTeam', 'awayTeam'].includes(field) && eventField) continue
    if (inputs[field].trim() !== '') params.set(param, inputs[field].trim())
  }
  return params.toString()
}

/** A number the person typed, or undefined when the field is empty (the service's default applies). */
function numberOf (text: string): number | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : Number(trimmed)
}

/** The POST /api/v2/simulate body for these inputs; the service validates it and explains any mistake. */
export function requestOf (inputs: ExploreInputs): SimulateRequest {
  const config = {
    n_simulations: numberOf(inputs.nSimulations),
    seed: numberOf(inputs.seed)
  }
  const context = {
    data_age_days: numberOf(inputs.dataAgeDays),
    event_horizon_days: numberOf(inputs.eventHorizonDays),
    sample_size: numberOf(inputs.sampleSize)
  }
  const body: SimulateRequest = { depth: inputs.depth }
  if (Object.values(config).some((v) => v !== undefined)) body.config = withoutUndefined(config)
  if (Object.values(context).some((v) => v !== undefined)) body.context = withoutUndefined(context)
  if (inputs.depth === 'comparative_analysis') {
    body.events = inputs.compared.map((eventId) => ({ event_id: eventId }))
  } else if (inputs.eventId === CUSTOM_EVENT && inputs.leagueId !== '') {
    // The league's fit fills the ratings, their uncertainty, home advantage and draw rate (docs/API.md "Leagues").
    Object.assign(body, { league_id: inputs.leagueId, home_team: inputs.homeTeam.trim(), away_team: inputs.awayTeam.trim() })
  } else if (inputs.eventId === CUSTOM_EVENT) {
    Object.assign(body, withoutUndefined({
      sport: inputs.sport,
      home_team: inputs.homeTeam.trim(),
      away_team: inputs.awayTeam.trim(),
      home_rating: numberOf(inputs.homeRating),
      away_rating: numberOf(inputs.awayRating),
      home_advantage: numberOf(inputs.homeAdvantage),
      draw_rate: numberOf(inputs.drawRate),
      rating_uncertainty: numberOf(inputs.ratingUncertainty)
    }))
  } else {
    body.event_id = inputs.eventId
  }
  return body
}

function withoutUndefined<T extends Record<string, unknown>> (value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }
}

/** Field → what is wrong with it, in plain words (empty: the inputs can be sent). */
export type FieldErrors = Partial<Record<keyof ExploreInputs, string>>

/** The free depth's simulation cap (MAX_SIMULATIONS_FREE, 1 000 by default; docs/API.md). */
export const FREE_SIMULATION_CAP = 1000
const MIN_SIMULATIONS = 100

/** The field labels, for messages that name a field. */
export const FIELD_LABEL: Record<keyof ExploreInputs, string> = {
  depth: 'Depth of analysis',
  eventId: 'Event',
  leagueId: 'League',
  compared: 'Events to compare',
  sport: 'Sport',
  homeTeam: 'Home side',
  awayTeam: 'Away side',
  homeRating: 'Home Elo rating',
  awayRating: 'Away Elo rating',
  homeAdvantage: 'Home advantage',
  drawRate: 'Draw rate',
  ratingUncertainty: 'Rating uncertainty',
  nSimulations: 'Number of simulations',
  seed: 'Seed',
  dataAgeDays: 'Age of the rating data',
  eventHorizonDays: 'Days until the event',
  sampleSize: 'Historical matches'
}

function checkNumber (text: string, { min, max, integer, required }: { min: number, max: number, integer?: boolean, required?: boolean }): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return required === true ? 'Enter a number.' : null
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return 'Enter a number (digits only).'
  if (integer === true && !Number.isInteger(value)) return 'Enter a whole number.'
  if (value < min || value > max) return `Enter a number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`
  return null
}

/**
 * The checks the service would make, done before sending so a mistake is named next to its field
 * (the service still validates; its field errors are mapped back with `fieldOfPointer`).
 */
export function validate (inputs: ExploreInputs, freeDepth: boolean, catalogIds: string[]): FieldErrors {
  const errors: FieldErrors = {}
  const put = (field: keyof ExploreInputs, message: string | null) => { if (message !== null) errors[field] = message }
  if (inputs.depth === 'comparative_analysis') {
    if (inputs.compared.length < 2 || inputs.compared.length > 10) errors.compared = `Choose from 2 to 10 events (now ${inputs.compared.length}).`
  } else if (inputs.eventId === CUSTOM_EVENT) {
    for (const field of ['homeTeam', 'awayTeam'] as const) {
      const name = inputs[field].trim()
      if (name.length < 2 || name.length > 80) errors[field] = 'Enter a name of 2 to 80 characters.'
    }
    // A league match takes its ratings, home advantage, draw rate and uncertainty from the fit.
    if (inputs.leagueId === '') {
      put('homeRating', checkNumber(inputs.homeRating, { min: 0, max: 4000, required: true }))
      put('awayRating', checkNumber(inputs.awayRating, { min: 0, max: 4000, required: true }))
      put('homeAdvantage', checkNumber(inputs.homeAdvantage, { min: -500, max: 500 }))
      put('drawRate', checkNumber(inputs.drawRate, { min: 0, max: 0.5 }))
      put('ratingUncertainty', checkNumber(inputs.ratingUncertainty, { min: 0, max: 400 }))
    }
  } else if (!catalogIds.includes(inputs.eventId)) {
    errors.eventId = 'Choose an event from the list.'
  }
  put('nSimulations', checkNumber(inputs.nSimulations, { min: MIN_SIMULATIONS, max: freeDepth ? FREE_SIMULATION_CAP : 1_000_000, integer: true }))
  if (errors.nSimulations !== undefined && freeDepth && Number(inputs.nSimulations) > FREE_SIMULATION_CAP) {
    errors.nSimulations = `The free depth allows up to ${FREE_SIMULATION_CAP.toLocaleString('en')} simulations; choose a paid depth for more.`
  }
  put('seed', checkNumber(inputs.seed, { min: 0, max: 4294967295, integer: true }))
  put('dataAgeDays', checkNumber(inputs.dataAgeDays, { min: 0, max: 36500 }))
  put('eventHorizonDays', checkNumber(inputs.eventHorizonDays, { min: 0, max: 36500 }))
  put('sampleSize', checkNumber(inputs.sampleSize, { min: 0, max: 100_000_000, integer: true }))
  return errors
}

const POINTER_FIELD: Record<string, keyof ExploreInputs> = {
  event_id: 'eventId',
  league_id: 'leagueId',
  events: 'compared',
  sport: 'sport',
  home_team: 'homeTeam',
  away_team: 'awayTeam',
  home_rating: 'homeRating',
  away_rating: 'awayRating',
  home_advantage: 'homeAdvantage',
  draw_rate: 'drawRate',
  rating_uncertainty: 'ratingUncertainty',
  n_simulations: 'nSimulations',
  seed: 'seed',
  data_age_days: 'dataAgeDays',
  event_horizon_days: 'eventHorizonDays',
  sample_size: 'sampleSize',
  depth: 'depth'
}

/** `/body/config/n_simulations` → the form field it is about, or undefined. */
export function fieldOfPointer (pointer: string): keyof ExploreInputs | undefined {
  const parts = pointer.split('/').filter((p) => p !== '' && p !== 'body')
  for (let i = parts.length - 1; i >= 0; i--) {
    const field = POINTER_FIELD[parts[i]]
    if (field !== undefined) return field
  }
  return undefined
}
