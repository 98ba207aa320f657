/**
 * Team-name reconciliation (SPEC §13.1, docs/API.md "Leagues: team names"): names that differ only
 * by case, punctuation, accents, club affixes, founding years or an abbreviated word are one team;
 * anything else is a different team, at most listed as a possible duplicate for an admin to confirm
 * with an alias. Pure: no I/O; every Map is keyed by strings we build, never a plain object.
 */

/**
 * Club-form affixes dropped from a name before comparing: the legal or sporting form of a club,
 * never a word that tells two clubs of one city apart. Chosen from the spellings of the two shared
 * leagues and the common European forms:
 * - FC, AFC, CF, SC, AC, CD, UD, SD, FK, SK, BK, IF — football / sport club in English, Spanish,
 *   Italian, Scandinavian and Slavic forms ("Arsenal FC", "AFC Bournemouth", "Valencia CF");
 * - SV, FSV, TSG, VfB, VfL, SpVgg, TSV — German club forms ("SV Werder Bremen", "TSG 1899 Hoffenheim");
 * - SS, US, AS — Italian forms ("SS Lazio": "Lazio Roma" stays a possible duplicate, since "Roma" is not a form).
 * Kept on purpose: RB (RB Leipzig is not "Leipzig"), BSC, and every word such as City, United,
 * Town, Real, Athletic, Borussia, Bayer: they distinguish clubs ("Manchester City" and "Manchester United").
 */
export const CLUB_AFFIXES: ReadonlySet<string> = new Set([
  'fc', 'afc', 'cf', 'sc', 'ac', 'cd', 'ud', 'sd', 'fk', 'sk', 'bk', 'if',
  'sv', 'fsv', 'tsg', 'vfb', 'vfl', 'spvgg', 'tsv',
  'ss', 'us', 'as'
])

/**
 * Words too common to suggest that two teams are one (possible duplicates, §13.1): place and club
 * words shared by many unrelated clubs.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set([
  'and', 'the', 'de', 'del', 'la', 'le', 'city', 'united', 'town', 'county', 'athletic', 'albion',
  'rovers', 'wanderers', 'real', 'sporting', 'club', 'borussia', 'eintracht', 'union', 'olympique',
  'racing', 'dynamo', 'hotspur', 'forest', 'north', 'south', 'east', 'west', 'st', 'saint'
])

interface NameToken {
  word: string
  /** Written with a trailing full stop ("Bor."): it may stand for any word it starts. */
  abbreviated: boolean
}

/** The words of a name that identify the club, lower case and without accents, affixes or years. */
export function nameTokens (name: string): NameToken[] {
  const folded = name
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/đ/g, 'd').replace(/ł/g, 'l')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
  const tokens: NameToken[] = []
  for (const match of folded.matchAll(/([\p{L}\p{N}]+)(\.)?/gu)) tokens.push({ word: match[1], abbreviated: match[2] !== undefined })
  // Founding years and their short forms ("1899", "05", "1." of "1. FC Köln") and club affixes go;
  // a name made only of them keeps everything (a club called "FC 04" is still somebody).
  const kept = tokens.filter((t) => !CLUB_AFFIXES.has(t.word) && !/^\d{1,4}$/.test(t.word))
  return kept.length > 0 ? kept : tokens
}

/** A team id made from a name: `[a-z0-9-]`, at most 60 characters. */
export function teamIdOf (name: string): string {
  const id = nameTokens(name).map((t) => t.word.replace(/[^a-z0-9]/g, '')).filter((w) => w !== '').join('-').slice(0, 60).replace(/-+$/, '')
  return id === '' ? 'team' : id
}

/**
 * Whether two names are one team: the same words after folding, where a word written as an
 * abbreviation ("Bor.") matches a word it starts ("Borussia").
 */
export function sameTeamName (a: string, b: string): boolean {
  const x = nameTokens(a)
  const y = nameTokens(b)
  if (x.length !== y.length) return false
  return x.every((t, i) => {
    const u = y[i]
    if (t.word === u.word) return true
    if (t.abbreviated && u.word.startsWith(t.word)) return true
    return u.abbreviated && t.word.startsWith(u.word)
  })
}

/** Why two team names might be one club an admin should confirm, or null. */
export function duplicateReason (a: string, b: string): string | null {
  const distinctive = (name: string): string[] => nameTokens(name).map((t) => t.word).filter((w) => w.length >= 3 && !COMMON_WORDS.has(w) && !/^\d+$/.test(w))
  const x = distinctive(a)
  const y = distinctive(b)
  for (const word of x) if (y.includes(word)) return `both names contain "${word}"`
  for (const word of x) {
    for (const other of y) {
      if (word.length >= 4 && other.startsWith(word)) return `"${word}" starts "${other}"`
      if (other.length >= 4 && word.startsWith(other)) return `"${other}" starts "${word}"`
    }
  }
  return null
}

/** A name is usable when it is 1–80 characters of text with no control character. */
export function nameProblem (value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a team name (a string)'
  const name = value.trim()
  if (name.length < 1 || name.length > 80) return 'must be 1 to 80 characters'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters (NUL included)'
  if (!/[\p{L}\p{N}]/u.test(name)) return 'must contain a letter or a digit'
  return null
}
