/**
 * The service's texts name fields and ids of its contract (`prob_home`, `lab_module:…`,
 * `headline_pick`); a reader of the page gets plain words instead (issue 21, SPEC §9).
 */
import { depthName } from './format'

const DEPTH_IDS = ['headline_pick', 'full_distribution', 'scenario_extremes', 'comparative_analysis', 'deep_dive_educational']
const OUTCOME_WORD: Record<string, string> = { home: 'home-win', draw: 'draw', away: 'away-win' }

/** Names the app knows for ids (catalog events, Lab modules); filled as the app learns them. */
const knownNames = new Map<string, string>()

export function rememberName (id: string, name: string): void {
  knownNames.set(id, name)
}

/** An event or module id in words when the app knows it, else the id itself. */
export function nameOf (id: string): string {
  return knownNames.get(id) ?? id
}

export function plainText (text: string): string {
  return text
    .replace(/\bprob_home, prob_draw and prob_away\b/g, 'the home-win, draw and away-win shares')
    .replace(/\bprob_(home|draw|away)_range\b/g, (_, o: string) => `the range of the ${OUTCOME_WORD[o]} share`)
    .replace(/\bprob_(home|draw|away)\b/g, (_, o: string) => `the ${OUTCOME_WORD[o]} share`)
    .replace(/\blab_module:([a-z0-9-]+)/g, (_, id: string) => `the Lab module “${knownNames.get(id) ?? id.replace(/-/g, ' ')}”`)
    .replace(new RegExp(`\\b(${DEPTH_IDS.join('|')})\\b`, 'g'), (id: string) => `the “${depthName(id)}” depth`)
}
