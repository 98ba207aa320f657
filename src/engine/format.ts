/** How every generated sentence writes numbers: one place, so notes, explanations and views agree. */

/** A probability as a percentage with one decimal: 0.5834 → "58.3%". */
export function percent (p: number): string {
  return `${(p * 100).toFixed(1)}%`
}

/** A difference of probabilities in percentage points: 0.1234 → "12.3" (two digits: "12.34"). */
export function percentagePoints (p: number, digits = 1): string {
  return (p * 100).toFixed(digits)
}

/** The sentence-initial form of a phrase: "a home win for X" → "A home win for X". */
export function capitalise (text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}
