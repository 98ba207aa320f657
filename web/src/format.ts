/** Every number the app shows is formatted here, so the same quantity always reads the same. */

const percentFormat = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
const integerFormat = new Intl.NumberFormat('en')

/** 0.4731 → "47.3%". */
export function percent (value: number): string {
  return percentFormat.format(value)
}

const wholePercentFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 })

/** Axis ticks: 0.25 → "25%". */
export function wholePercent (value: number): string {
  return wholePercentFormat.format(value)
}

/** A score on 0–100 with one decimal: "42.7". */
export function score (value: number): string {
  return value.toFixed(1)
}

/** A plain number with `digits` decimals. */
export function decimal (value: number, digits = 3): string {
  return value.toFixed(digits)
}

/** Signed change in percentage points: "+3.1 pts". */
export function points (delta: number): string {
  const pts = delta * 100
  return `${pts >= 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts`
}

export function integer (value: number): string {
  return integerFormat.format(value)
}

export function tokens (count: number): string {
  return `${integerFormat.format(count)} ${Math.abs(count) === 1 ? 'token' : 'tokens'}`
}

export function dateTime (iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
}

/** "home" → the home side's name, "draw" → "a draw". */
export function outcomeName (outcome: 'home' | 'draw' | 'away', home: string, away: string): string {
  return outcome === 'home' ? `${home} (home)` : outcome === 'away' ? `${away} (away)` : 'a draw'
}

/** The depth's id in words. */
export function depthName (depth: string): string {
  return depth.split('_').map((word, i) => i === 0 ? word[0].toUpperCase() + word.slice(1) : word).join(' ')
}

/** A wait in words: "45 s", "58 min 52 s". */
export function duration (seconds: number): string {
  if (seconds < 90) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`
}
