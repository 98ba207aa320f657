import type { CatalogEvent, Depth, Tier } from '../api/client'
import { useSession } from '../session'
import { depthName, tokens } from '../format'
import { CUSTOM_EVENT, SPORTS, type ExploreInputs, type FieldErrors, type SportName } from './explore-query'

const SPORT_NAME: Record<SportName, string> = {
  football: 'Football',
  basketball: 'Basketball',
  american_football: 'American football',
  tennis: 'Tennis',
  mma: 'Mixed martial arts'
}

/** The Explore inputs: event (catalog or typed), depth, and the optional settings. Every control has a label. */
export function EventForm ({ inputs, onChange, onSubmit, catalog, tiers, running, errors, waitSeconds }: {
  inputs: ExploreInputs
  onChange: (next: ExploreInputs) => void
  onSubmit: () => void
  catalog: CatalogEvent[]
  tiers: Tier[]
  running: boolean
  /** What is wrong with each field, shown beside it (the field is marked invalid). */
  errors: FieldErrors
  /** Seconds left of a 429's Retry-After: Run waits for them. */
  waitSeconds: number
}) {
  const { apiKey, balance } = useSession()
  const set = <K extends keyof ExploreInputs>(key: K, value: ExploreInputs[K]) => onChange({ ...inputs, [key]: value })
  const invalid = (key: keyof ExploreInputs) => ({
    'data-field': key,
    'aria-invalid': errors[key] !== undefined ? 'true' as const : undefined,
    'aria-describedby': errors[key] !== undefined ? `${key}-error` : undefined
  })
  const text = (key: keyof ExploreInputs) => ({
    value: inputs[key] as string,
    onInput: (e: Event) => set(key, (e.currentTarget as HTMLInputElement).value),
    ...invalid(key)
  })
  const problem = (key: keyof ExploreInputs) => errors[key] !== undefined && <p class='field-error' id={`${key}-error`} data-testid={`error-${key}`}>{errors[key]}</p>
  const tier = tiers.find((t) => t.depth === inputs.depth)
  const comparative = inputs.depth === 'comparative_analysis'
  const custom = !comparative && inputs.eventId === CUSTOM_EVENT
  const selectedEvent = catalog.find((e) => e.event_id === inputs.eventId)

  /** Why a depth cannot be paid for right now, or null. The service still decides (402/401). */
  const lockReason = (t: Tier): string | null => {
    if (t.cost_tokens === 0) return null
    if (apiKey === null) return 'needs an account'
    if (balance !== null && balance < t.cost_tokens) return `needs ${tokens(t.cost_tokens)}, you have ${balance}`
    return null
  }

  return (
    <form class='explore-form' noValidate onSubmit={(e) => { e.preventDefault(); onSubmit() }}>
      <div class='field'>
        <label for='depth'>Depth of analysis</label>
        <select
          id='depth' data-testid='depth-select' value={inputs.depth}
          onChange={(e) => {
            const depth = (e.currentTarget as HTMLSelectElement).value as Depth
            const compared = depth === 'comparative_analysis' && inputs.compared.length < 2 ? catalog.slice(0, 3).map((c) => c.event_id) : inputs.compared
            onChange({ ...inputs, depth, compared })
          }}
        >
          {tiers.map((t) => {
            const reason = lockReason(t)
            return (
              <option key={t.depth} value={t.depth}>
                {depthName(t.depth)} — {t.cost_tokens === 0 ? 'free' : tokens(t.cost_tokens)}{reason !== null ? ` (locked: ${reason})` : ''}
              </option>
            )
          })}
        </select>
        {tier !== undefined && <p class='hint' id='depth-hint'>{tier.description}{lockReason(tier) !== null ? ` Locked for you now: ${lockReason(tier)}.` : ''}</p>}
      </div>

      {comparative
        ? (
          <fieldset class='field' aria-invalid={errors.compared !== undefined ? 'true' : undefined} aria-describedby={errors.compared !== undefined ? 'compared-error' : undefined}>
            <legend>Events to compare (choose 2 to 10)</legend>
            {problem('compared')}
            {catalog.map((event) => (
              <div key={event.event_id} class='check'>
                <input
                  type='checkbox' id={`compare-${event.event_id}`} data-field={catalog[0] === event ? 'compared' : undefined} checked={inputs.compared.includes(event.event_id)}
                  onChange={(e) => {
                    const checked = (e.currentTarget as HTMLInputElement).checked
                    set('compared', checked ? [...inputs.compared, event.event_id] : inputs.compared.filter((id) => id !== event.event_id))
                  }}
                />
                <label for={`compare-${event.event_id}`}>{event.home_team} v {event.away_team} ({SPORT_NAME[event.sport]})</label>
              </div>
            ))}
          </fieldset>
          )
        : (
          <div class='field'>
            <label for='event'>Event</label>
            <select id='event' data-testid='event-select' value={inputs.eventId} {...invalid('eventId')} onChange={(e) => set('eventId', (e.currentTarget as HTMLSelectElement).value)}>
              {catalog.map((event) => (
                <option key={event.event_id} value={event.event_id}>{event.home_team} v {event.away_team} ({SPORT_NAME[event.sport]})</option>
              ))}
              <option value={CUSTOM_EVENT}>Type teams and ratings…</option>
            </select>
            {problem('eventId')}
            {selectedEvent !== undefined && (
              <p class='hint'>{selectedEvent.description} Ratings {selectedEvent.home_rating} v {selectedEvent.away_rating}, home advantage {selectedEvent.home_advantage}.</p>
            )}
          </div>
          )}

      {custom && inputs.leagueId !== '' && (
        <fieldset class='field grid'>
          <legend>A match of the league “{inputs.leagueId}”</legend>
          <p class='hint'>
            The ratings, their uncertainty, the home advantage and the draw rate come from the league's fit (<a href={`/leagues/${encodeURIComponent(inputs.leagueId)}`}>its page</a>).{' '}
            <button type='button' onClick={() => set('leagueId', '')}>Type ratings instead</button>
          </p>
          <div><label for='home-team'>Home side</label><input id='home-team' required minLength={2} maxLength={80} {...text('homeTeam')} /></div>
          <div><label for='away-team'>Away side</label><input id='away-team' required minLength={2} maxLength={80} {...text('awayTeam')} /></div>
        </fieldset>
      )}

      {custom && inputs.leagueId === '' && (
        <fieldset class='field grid'>
          <legend>Your event</legend>
          <div>
            <label for='sport'>Sport</label>
            <select id='sport' value={inputs.sport} onChange={(e) => set('sport', (e.currentTarget as HTMLSelectElement).value as SportName)}>
              {SPORTS.map((sport) => <option key={sport} value={sport}>{SPORT_NAME[sport]}</option>)}
            </select>
          </div>
          <div><label for='home-team'>Home side</label><input id='home-team' required minLength={2} maxLength={80} {...text('homeTeam')} />{problem('homeTeam')}</div>
          <div><label for='away-team'>Away side</label><input id='away-team' required minLength={2} maxLength={80} {...text('awayTeam')} />{problem('awayTeam')}</div>
          <div><label for='home-rating'>Home Elo rating (0–4000)</label><input id='home-rating' type='number' required min={0} max={4000} {...text('homeRating')} />{problem('homeRating')}</div>
          <div><label for='away-rating'>Away Elo rating (0–4000)</label><input id='away-rating' type='number' required min={0} max={4000} {...text('awayRating')} />{problem('awayRating')}</div>
          <div><label for='home-advantage'>Home advantage in Elo points (optional)</label><input id='home-advantage' type='number' min={-500} max={500} {...text('homeAdvantage')} />{problem('homeAdvantage')}</div>
          <div><label for='draw-rate'>Draw rate of equal sides, 0–0.5 (optional)</label><input id='draw-rate' type='number' min={0} max={0.5} step='any' {...text('drawRate')} />{problem('drawRate')}</div>
          <div><label for='rating-uncertainty'>Rating uncertainty in Elo points (optional, default 60)</label><input id='rating-uncertainty' type='number' min={0} max={400} {...text('ratingUncertainty')} />{problem('ratingUncertainty')}</div>
        </fieldset>
      )}

      <details class='field' open={['nSimulations', 'seed', 'dataAgeDays', 'eventHorizonDays', 'sampleSize'].some((k) => errors[k as keyof ExploreInputs] !== undefined) ? true : undefined}>
        <summary>Simulation settings and data context (optional)</summary>
        <div class='grid'>
          <div><label for='n-simulations'>Number of simulations (default 1 000; the free depth allows up to 1 000)</label><input id='n-simulations' type='number' min={100} max={tier !== undefined && tier.cost_tokens === 0 ? 1000 : undefined} {...text('nSimulations')} />{problem('nSimulations')}</div>
          <div><label for='seed'>Seed (empty: derived from the inputs)</label><input id='seed' inputMode='numeric' {...text('seed')} />{problem('seed')}</div>
          <div><label for='data-age'>Age of the rating data in days</label><input id='data-age' type='number' min={0} {...text('dataAgeDays')} />{problem('dataAgeDays')}</div>
          <div><label for='horizon'>Days until the event (default 7)</label><input id='horizon' type='number' min={0} {...text('eventHorizonDays')} />{problem('eventHorizonDays')}</div>
          <div><label for='sample-size'>Historical matches behind the ratings</label><input id='sample-size' type='number' min={0} step={1} {...text('sampleSize')} />{problem('sampleSize')}</div>
        </div>
      </details>

      {Object.keys(errors).length > 0 && (
        <p class='field-error' role='alert' data-testid='form-errors'>
          Please correct {Object.keys(errors).length === 1 ? 'the marked field' : `the ${Object.keys(errors).length} marked fields`} before running.
        </p>
      )}
      <button type='submit' data-testid='run-simulation' disabled={running || waitSeconds > 0} aria-describedby='depth-hint'>
        {running ? 'Running…' : waitSeconds > 0 ? `Wait ${waitSeconds} s before running again` : `Run simulation (${tier === undefined || tier.cost_tokens === 0 ? 'free' : `costs ${tokens(tier.cost_tokens)}`})`}
      </button>
    </form>
  )
}
