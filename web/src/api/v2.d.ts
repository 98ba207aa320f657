/* Generated from openapi/v2.json by `npm run openapi` (openapi-typescript). Do not edit. */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe
         * @description Answers while the process is alive. Does no I/O, so it stays fast while simulations run.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe
         * @description Checks the database (the SQLite file, or PostgreSQL when DATABASE_URL is set) and that it takes a write (at most one probe a second), pending migrations and event-loop delay; 503 with the failing check when the instance should not take traffic. With REDIS_URL, `checks.redis` is `degraded` while Redis is unreachable, and the answer stays 200: limits and cache fall back to per-instance memory; `redis_circuit` is the state of the circuit breaker in front of it.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Build and model version */
        get: operations["getVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health of the v2 components
         * @description Runs a tiny closed-form computation through the engine and the uncertainty metrics, and a read on the token ledger.
         */
        get: operations["getV2Health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text exposition. Protected by METRICS_TOKEN (bearer) when it is configured.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/tokens/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Token balance
         * @description The calling actor's balance. The first authenticated request of each UTC day adds the daily grant first.
         */
        get: operations["getTokenBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/tokens/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ledger of the calling actor
         * @description Every grant, spend, refund, top-up and denied attempt of the calling actor, newest first, cursor-paginated.
         */
        get: operations["getTokenLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/tokens/topup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add tokens to an actor (admin)
         * @description Credits an actor after a payment. A repeated payment_id never adds twice: it returns the original result with replayed=true.
         */
        post: operations["topUpTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/tokens/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund a spend (admin)
         * @description Writes a refund entry that gives back the tokens of one spend. A spend can be refunded once (409 already_refunded); grants, top-ups and refunds cannot be refunded (422 not_refundable).
         */
        post: operations["refundTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/charges/undelivered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Charges never delivered (admin)
         * @description Simulation charges past their lease (CHARGE_LEASE_MS) with neither a delivery mark nor a refund: the database failed between the charge and the answer, or the process died there. The sweeper refunds them at start and periodically; a charge listed here for long means its refund keeps failing (docs/LEDGER.md, "Delivery").
         */
        get: operations["listUndeliveredCharges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Depth tiers and their costs */
        get: operations["getTiers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/actors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an actor (self sign-up)
         * @description Creates an actor and returns its API key once. Limited to 5 sign-ups per hour per IP. An idempotent replay returns the same actor_id with api_key null: the key is never stored in clear, so it cannot be shown twice.
         */
        post: operations["createActor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/actors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an actor (admin)
         * @description Creates an actor, optionally with a chosen id, and returns its API key once.
         */
        post: operations["adminCreateActor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate an event at a depth of analysis
         * @description Runs (or reads from the cache) a seeded Monte Carlo simulation and answers at the requested depth. headline_pick is free and anonymous; deeper views cost tokens (GET /api/v2/tiers), need an actor, and are charged once per inputs and depth per 24 h. Send Idempotency-Key to make retries safe.
         */
        post: operations["simulateV2"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the catalog events */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one catalog event */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/lab/modules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the Lab modules
         * @description Every learning module in teaching order. With an actor, `unlocked` and `completed` are that actor's; anonymously they are null.
         */
        get: operations["listLabModules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/lab/modules/{module_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a Lab module
         * @description The whole module when it is free or unlocked by the calling actor; otherwise `locked: true` with the first section as a preview and an empty quiz. Quiz questions never carry their answers.
         */
        get: operations["getLabModule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/lab/modules/{module_id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unlock a paid Lab module
         * @description Spends the module's cost_tokens once per actor, ever (ledger feature `lab_module:<module_id>`), after every prerequisite is completed. A second unlock, or the unlock of a free module, answers 200 with `already_unlocked: true` and charges nothing. Send Idempotency-Key to make retries safe.
         */
        post: operations["unlockLabModule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/lab/modules/{module_id}/quiz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a Lab quiz
         * @description Grades one answer per question. Passing (score / total ≥ 0.8) completes the module for good; every attempt is kept. The module must be free or unlocked (403 module_locked). Unknown or repeated questions, unknown choices and missing answers are 400 validation_error, each named.
         */
        post: operations["submitLabQuiz"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/lab/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress through the Lab
         * @description Per module: unlocked, completed, best score, attempts and completion time; and the tokens spent on unlocks.
         */
        get: operations["getLabProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/leagues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the leagues
         * @description Every league with its seasons and counts. The embedded synthetic league (SPEC §13.6) says `synthetic: true`.
         */
        get: operations["listLeagues"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/leagues/{league_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a league's fitted ratings
         * @description Each team's rating with its uncertainty (one standard deviation), matches used and last match; the league's home advantage and draw rate. `as_of` fits on matches strictly before that date only. Cached per league, data version and as_of.
         */
        get: operations["getLeague"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/leagues/{league_id}/backtest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Walk-forward backtest of a league
         * @description Each played match on or after `from` predicted from earlier matches only: RPS, Brier score and log loss of the model and of two baselines, reliability tables with 95 % Wilson intervals, expected calibration error. Free; computed on a worker thread and cached per league and data version.
         */
        get: operations["getLeagueBacktest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/leagues/{league_id}/backtest/predictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The backtest's per-match predictions
         * @description Paged JSON (`limit` ≤ 1000, `next_cursor`), or CSV with `Accept: text/csv` (every prediction from the cursor, or `limit` of them), so every score of the backtest can be recomputed. A cursor is bound to the data version: after an import it answers 400 invalid_cursor.
         */
        get: operations["getLeagueBacktestPredictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/leagues/{league_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or update a league (admin)
         * @description Sets the league's name, sport (default football) and table zones. Creating answers 201, updating 200.
         */
        put: operations["adminPutLeague"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/leagues/{league_id}/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a season file into a league (admin)
         * @description Body: an openfootball season document (application/json: {"name", "matches": [{"date", "team1", "team2", "score"?: {"ft": [h, a]}}]}) or a football-data CSV (text/csv: Date, HomeTeam, AwayTeam, FTHG, FTAG), at most 5 MB. The season comes from the openfootball name ("… 2024/25"), else `?season=` (always for CSV). Idempotent: a match is (date, home team, away team); fixtures are filled and changed results corrected, all reported. A file with any bad row imports nothing: 400 validation_error lists every bad row (JSON pointer or CSV line).
         */
        post: operations["adminImportLeagueMatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/leagues/{league_id}/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Confirm team aliases (admin)
         * @description Each spelling names the team of the canonical name from now on: stored matches of the team it named move to that team at once (the two histories become one), and later imports use it. Answers the league's teams after merging.
         */
        put: operations["adminPutLeagueAliases"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/leagues/{league_id}/fixtures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The fixtures still to be played, with probabilities
         * @description The latest season's unplayed fixtures by date, each with the home, draw and away probabilities of the current fit (averaged over the rating uncertainty, as the backtest predicts). POST /api/v2/simulate with league_id and the two team names simulates one of them.
         */
        get: operations["getLeagueFixtures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/leagues/{league_id}/season": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Simulate the rest of a league's season
         * @description Costs 3 tokens (tier season_outlook in GET /api/v2/tiers), charged once per inputs per 24 h. Each iteration draws every team's rating once from its fitted uncertainty, then every remaining fixture by the §3.2 model. Deterministic with a seed; cached by fingerprint; runs on a worker thread.
         */
        post: operations["simulateLeagueSeason"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description One failing field of a validation error. */
        ValidationIssue: {
            /** @description JSON pointer to the failing field, prefixed by the request part (e.g. /body/home_rating). */
            pointer: string;
            /** @description What is wrong with it. */
            message: string;
        };
        /** @description An error, as application/problem+json (RFC 9457). */
        Problem: {
            /** @description URI identifying the problem type (urn:trickster-oracle:problem:<error>). */
            type: string;
            /** @description Short, human-readable summary of the problem type. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description Explanation specific to this occurrence. */
            detail: string;
            /** @description Stable snake_case error code for programs to branch on. */
            error: string;
            /** @description Same text as detail (kept for older clients). */
            message: string;
            /** @description The request id, also sent as X-Request-ID. */
            request_id: string;
            /** @description The request path. */
            instance?: string;
            /** @description Validation errors: every failing field, up to 100. */
            errors?: components["schemas"]["ValidationIssue"][];
            /** @description Validation errors past the first 100, left out of errors. */
            errors_omitted?: number;
            /** @description 402: tokens the request needs. */
            required_tokens?: number;
            /** @description 402: tokens the actor holds. */
            available_tokens?: number;
            /** @description 402: the feature (depth) that was requested. */
            feature?: string;
            /** @description 429 and 503 overloaded: seconds until a retry can succeed (same as Retry-After). */
            retry_after_seconds?: number;
            /** @description The limit that was exceeded, where one applies. */
            limit?: number;
            /** @description 405: the methods this path supports. */
            allowed_methods?: string[];
        } & {
            [key: string]: unknown;
        };
        /** @description One ledger entry. The ledger is append-only. */
        LedgerTransaction: {
            /** @description ULID of the entry (time-sortable). */
            transaction_id: string;
            /**
             * Format: date-time
             * @description ISO 8601 UTC timestamp.
             */
            timestamp: string;
            /**
             * @description What the entry records; denied is an audit row that moves no tokens.
             * @enum {string}
             */
            kind: "grant_daily" | "topup" | "spend" | "refund" | "denied";
            feature: string | null;
            reason: string | null;
            /** @description Signed change of the balance (spends are negative). */
            amount: number;
            /** @description Price of a spend in tokens (0 for other kinds). */
            cost: number;
            /** @description Balance before the entry. */
            balance_before: number;
            /** @description Balance after the entry. */
            balance_after: number;
            event_id: string | null;
            idempotency_key: string | null;
            refund_of: string | null;
            /** @description X-Request-ID of the request that caused it. */
            request_id: string;
            /**
             * @description refunded marks a spend that a later refund reversed.
             * @enum {string}
             */
            status: "committed" | "denied" | "refunded";
        };
        Tier: {
            /** @description The depth of analysis. */
            depth: string;
            /** @description Tokens charged per fresh request. */
            cost_tokens: number;
            /** @description Whether an actor (API key) is needed. */
            requires_actor: boolean;
            /** @description What this depth adds. */
            description: string;
        };
        /** @description Canonical sport name (the alias "soccer" is reported as "football"). */
        Sport: "football" | "basketball" | "american_football" | "tennis" | "mma";
        /** @description A match result from the home side's point of view. */
        Outcome: "home" | "draw" | "away";
        /** @description One number per outcome. */
        OutcomeProbabilities: {
            /** @description Value for a home win. */
            home: number;
            /** @description Value for a draw. */
            draw: number;
            /** @description Value for an away win. */
            away: number;
        };
        /** @description Percentiles of the simulated home-side probability; always non-decreasing. */
        Percentiles: {
            /** @description 5th percentile (numpy "linear" / type 7 interpolation). */
            p5: number;
            /** @description 25th percentile. */
            p25: number;
            /** @description Median. */
            p50: number;
            /** @description 75th percentile. */
            p75: number;
            /** @description 95th percentile. */
            p95: number;
        };
        /** @description Percentile interval of the simulated home-side probability at the requested level. */
        ConfidenceInterval: {
            /** @description Share of the simulated values inside the interval (the request's ci_level). */
            level: number;
            /** @description Lower bound: the (1 − level)/2 quantile. */
            lower: number;
            /** @description Upper bound: the (1 + level)/2 quantile. */
            upper: number;
        };
        /** @description Every input of the uncertainty metrics, as used. */
        UncertaintyFactors: {
            /** @description Coefficient of variation (stdev / |mean|) of the base-scenario home-side probability. */
            distribution_cv: number;
            /** @description Age of the rating data in days; null when not given. */
            data_age_days: number | null;
            /** @description Share of the listed features that are present (0–1); null when no features were listed. */
            feature_coverage: number | null;
            /** @description Historical matches behind the ratings; null when not given. */
            sample_size: number | null;
            /** @description Days until the event (default 7). */
            event_horizon_days: number;
        };
        /** @description Uncertainty metrics of the base scenario: volatility, data quality and confidence decay. */
        UncertaintyMetrics: {
            /** @description Spread and tail shape of the base-scenario distribution, 0 (none) to 100. */
            volatility_score: number;
            /** @description Feature coverage, data recency and sample size, 0 to 100. */
            data_quality_index: number;
            /** @description Share of confidence lost per day, from volatility, data staleness and event proximity. */
            confidence_decay: number;
            factors: components["schemas"]["UncertaintyFactors"];
            /** @description What drives these metrics. */
            notes: string[];
        };
        /** @description One scenario's outcome frequencies and percentiles. */
        ScenarioSummary: {
            /** @description Scenario: conservative (scale ×0.8, variance ×0.7), base (×1, ×1) or aggressive (×1.2, ×1.3). */
            name: "conservative" | "base" | "aggressive";
            /** @description Multiplier of the logistic scale s = 400/ln 10 (and of the draw band). */
            scale_multiplier: number;
            /** @description Multiplier of the rating-perturbation variance σ². */
            variance_multiplier: number;
            /** @description Share of simulated outcomes that were home wins. */
            prob_home: number;
            /** @description Share of simulated outcomes that were draws. */
            prob_draw: number;
            /** @description Share of simulated outcomes that were away wins. */
            prob_away: number;
            percentiles: components["schemas"]["Percentiles"];
            /** @description Plain-language reading of this scenario. */
            note: string;
        };
        /** @description One scenario in full: frequencies, percentiles, moments and interval. */
        ScenarioFull: {
            /** @description Scenario: conservative (scale ×0.8, variance ×0.7), base (×1, ×1) or aggressive (×1.2, ×1.3). */
            name: "conservative" | "base" | "aggressive";
            /** @description Multiplier of the logistic scale s = 400/ln 10 (and of the draw band). */
            scale_multiplier: number;
            /** @description Multiplier of the rating-perturbation variance σ². */
            variance_multiplier: number;
            /** @description Share of simulated outcomes that were home wins. */
            prob_home: number;
            /** @description Share of simulated outcomes that were draws. */
            prob_draw: number;
            /** @description Share of simulated outcomes that were away wins. */
            prob_away: number;
            percentiles: components["schemas"]["Percentiles"];
            /** @description Mean of the simulated home-side probability. */
            mean: number;
            /** @description Sample standard deviation (n − 1) of the simulated home-side probability. */
            stdev: number;
            /** @description Biased Fisher–Pearson skewness g1 (scipy default); 0 when the values do not vary. */
            skew: number;
            /** @description Biased excess kurtosis g2 (scipy default); 0 when the values do not vary. */
            kurtosis: number;
            confidence_interval: components["schemas"]["ConfidenceInterval"];
            /** @description Plain-language reading of this scenario. */
            note: string;
        };
        /** @description The envelope of all three scenarios. */
        ScenarioBounds: {
            /** @description Lowest 5th percentile of the home-side probability over the three scenarios. */
            lower: number;
            /** @description Highest 95th percentile of the home-side probability over the three scenarios. */
            upper: number;
            /** @description [min, max] of the home-win frequency over the scenarios. */
            prob_home_range: number[];
            /** @description [min, max] of the draw frequency over the scenarios. */
            prob_draw_range: number[];
            /** @description [min, max] of the away-win frequency over the scenarios. */
            prob_away_range: number[];
        };
        /** @description low: the two most frequent outcomes are within max(10 points, 3 standard errors) of each other, or volatility ≥ 60; high: a margin of at least 40 points and volatility below 35; moderate otherwise. */
        PickConfidence: "low" | "moderate" | "high";
        /** @description The most frequent outcome and how clearly it stands out. */
        HeadlinePick: {
            predicted_outcome: components["schemas"]["Outcome"];
            confidence: components["schemas"]["PickConfidence"];
            /** @description Median over the simulations of the probability of the predicted outcome (base scenario). */
            median_probability: number;
        };
        /** @description How uncertain the outcome is under the model. */
        RiskAssessment: {
            /** @description 0.4·entropy share + 0.3·spread share + 0.3·95% interval width, each on 0–100. */
            score: number;
            /** @description LOW below 33, MEDIUM below 67, HIGH otherwise. */
            band: "LOW" | "MEDIUM" | "HIGH";
            /** @description The three components of the score in words. */
            rationale: string;
        };
        /** @description Closed-form sensitivity of the home-win probability to one input. */
        SensitivityEntry: {
            /** @description The input that was moved. */
            parameter: "home_advantage" | "home_rating" | "away_rating";
            /** @description Points added to the input (+50 or −50). */
            change: number;
            /** @description Closed-form home-win probability after the change. */
            prob_home: number;
            /** @description Change of the closed-form home-win probability. */
            delta_prob_home: number;
            /** @description LOW below 0.03 of absolute change, MEDIUM below 0.08, HIGH otherwise. */
            impact: "LOW" | "MEDIUM" | "HIGH";
        };
        /** @description A narrated outcome. */
        ExplanationScenario: {
            outcome: components["schemas"]["Outcome"];
            /** @description Its simulated frequency (base scenario). */
            probability: number;
            /** @description The outcome and its frequency in words. */
            description: string;
        };
        /** @description A plain-language reading of the simulation. */
        Explanation: {
            /** @description Most frequent outcome with its frequency, the risk band and a caveat. */
            summary: string;
            /** @description The most likely outcome and the surprise. */
            scenarios: {
                most_likely: components["schemas"]["ExplanationScenario"];
                surprise: components["schemas"]["ExplanationScenario"];
            };
            /** @description Model assumptions and limits. */
            caveats: string[];
            /** @description Sensitivity of the home-win probability to ±50 points of each input. */
            sensitivity: components["schemas"]["SensitivityEntry"][];
        };
        /** @description Histogram of the simulated home-side probability (base scenario). */
        Histogram: {
            /** @description 21 edges 0, 0.05, …, 1 of 20 equal bins; each bin includes its left edge, the last one also 1. */
            bins: number[];
            /** @description Relative frequency of the home-side probability per bin. */
            frequencies: number[];
        };
        /** @description How precise the frequencies are and what the model gives without rating uncertainty. */
        Convergence: {
            /** @description Number of simulations. */
            n_sims: number;
            standard_errors: components["schemas"]["OutcomeProbabilities"];
            /** @description The model without rating uncertainty: what the frequencies approach as uncertainty shrinks to zero. */
            closed_form: {
                /** @description Closed-form home-win probability at the nominal ratings. */
                prob_home: number;
                /** @description Closed-form draw probability at the nominal ratings. */
                prob_draw: number;
                /** @description Closed-form away-win probability at the nominal ratings. */
                prob_away: number;
            };
        };
        /** @description One event of a comparative analysis, in request order. */
        ComparedEvent: {
            /** @description Catalog id; null for an inline event. */
            event_id: string | null;
            /** @description The event_id, or "Home v Away" for an inline event. */
            label: string;
            /** @description Home side. */
            home_team: string;
            /** @description Away side. */
            away_team: string;
            sport: components["schemas"]["Sport"];
            pick: components["schemas"]["HeadlinePick"];
            percentiles: components["schemas"]["Percentiles"];
            uncertainty: components["schemas"]["UncertaintyMetrics"];
        };
        /** @description One row of the comparison table. */
        ComparisonRow: {
            /** @description Catalog id; null for an inline event. */
            event_id: string | null;
            /** @description The event_id, or "Home v Away" for an inline event. */
            label: string;
            /** @description Home side. */
            home_team: string;
            /** @description Away side. */
            away_team: string;
            /** @description Home-win frequency. */
            prob_home: number;
            /** @description Draw frequency. */
            prob_draw: number;
            /** @description Away-win frequency. */
            prob_away: number;
            /** @description Volatility score (the ordering key). */
            volatility_score: number;
            /** @description Data quality index. */
            data_quality_index: number;
            /** @description Confidence decay per day. */
            confidence_decay: number;
        };
        /** @description How to run the simulation. */
        SimulationConfigInput: {
            /** @description Monte Carlo iterations (100 … MAX_SIMULATIONS; the free headline_pick is capped at MAX_SIMULATIONS_FREE). Default 1000. */
            n_simulations?: number;
            /** @description PRNG seed (0 … 2³²−1). When omitted it is derived from the inputs, so equal requests give equal numbers; the answer reports it. */
            seed?: number;
            /** @description Level of the reported percentile interval (default 0.95). */
            ci_level?: number;
        };
        /** @description What is known about the data quality (v2). */
        SimulationContextInput: {
            /** @description Age of the ratings in days (unknown when omitted). */
            data_age_days?: number;
            /** @description Days until the event (default 7). */
            event_horizon_days?: number;
            /** @description Historical matches behind the ratings (unknown when omitted). */
            sample_size?: number;
            /** @description Which model features the data covers (name → present). */
            features_present?: {
                [key: string]: boolean;
            };
        };
        /** @description An event: a catalog event_id, a league_id with two of its teams, or inline teams and ratings. */
        EventInput: {
            /** @description A catalog event (GET /api/v2/events) instead of inline ratings. */
            event_id?: string;
            /** @description A league (GET /api/v2/leagues): home_team and away_team are its teams, and the fit fills the ratings, rating_uncertainty, home_advantage, draw_rate and the context's sample_size and data_age_days. */
            league_id?: string;
            /** @description With league_id: fit on the league's matches strictly before this date (YYYY-MM-DD). */
            as_of?: string;
            /**
             * @description Sport (soccer is an alias of football). Default football.
             * @enum {string}
             */
            sport?: "football" | "basketball" | "american_football" | "tennis" | "mma" | "soccer";
            /** @description Home side (first-named competitor in individual sports). */
            home_team?: string;
            /** @description Away side (second-named competitor in individual sports). */
            away_team?: string;
            /** @description Elo rating of the home side (0–4000). */
            home_rating?: number;
            /** @description Elo rating of the away side (0–4000). */
            away_rating?: number;
            /** @description Elo points added to the home side. Default per sport: football 100, basketball 100, american_football 65, tennis 0, mma 0. */
            home_advantage?: number;
            /** @description Probability that two equal sides draw. Default 0.25 for football, 0 otherwise. */
            draw_rate?: number;
            /** @description Elo points of uncertainty in each rating (default 60). */
            rating_uncertainty?: number;
        };
        /** @description One event (event_id, league_id with two teams, or inline fields) with a depth, or `events` for comparative_analysis. */
        V2SimulateRequest: {
            /** @description A catalog event (GET /api/v2/events) instead of inline ratings. */
            event_id?: string;
            /** @description match_result (aliases 1X2, moneyline_home). Default match_result. */
            market?: string;
            /** @description A league (GET /api/v2/leagues): home_team and away_team are its teams, and the fit fills the ratings, rating_uncertainty, home_advantage, draw_rate and the context's sample_size and data_age_days. */
            league_id?: string;
            /** @description With league_id: fit on the league's matches strictly before this date (YYYY-MM-DD). */
            as_of?: string;
            /**
             * @description Sport (soccer is an alias of football). Default football.
             * @enum {string}
             */
            sport?: "football" | "basketball" | "american_football" | "tennis" | "mma" | "soccer";
            /** @description Home side (first-named competitor in individual sports). */
            home_team?: string;
            /** @description Away side (second-named competitor in individual sports). */
            away_team?: string;
            /** @description Elo rating of the home side (0–4000). */
            home_rating?: number;
            /** @description Elo rating of the away side (0–4000). */
            away_rating?: number;
            /** @description Elo points added to the home side. Default per sport: football 100, basketball 100, american_football 65, tennis 0, mma 0. */
            home_advantage?: number;
            /** @description Probability that two equal sides draw. Default 0.25 for football, 0 otherwise. */
            draw_rate?: number;
            /** @description Elo points of uncertainty in each rating (default 60). */
            rating_uncertainty?: number;
            /**
             * @description Depth of analysis; see GET /api/v2/tiers for costs. Default headline_pick.
             * @enum {string}
             */
            depth?: "headline_pick" | "full_distribution" | "scenario_extremes" | "comparative_analysis" | "deep_dive_educational";
            config?: components["schemas"]["SimulationConfigInput"];
            context?: components["schemas"]["SimulationContextInput"];
            /** @description comparative_analysis only: 2–10 events instead of a single one. */
            events?: components["schemas"]["EventInput"][];
        };
        /** @description How this answer was produced and paid for. */
        SimulationMeta: {
            /** @description The request id (X-Request-ID). */
            request_id: string;
            /** @description SHA-256 of the normalised simulation inputs (seed included): equal fingerprints, equal numbers. */
            fingerprint: string;
            /** @description Simulation model version. */
            model_version: string;
            /** @description The numbers came from the response cache (identical to a fresh run). */
            cache_hit: boolean;
            /** @description This is a stored answer replayed for a repeated Idempotency-Key. */
            idempotency_replay: boolean;
            /** @description Tokens this request spent. */
            tokens_charged: number;
            /** @description The actor's balance after this request (when an actor is known). */
            balance_after?: number;
            /** @description Not charged because the actor paid for the same inputs and depth in the last 24 h. */
            entitlement_reused: boolean;
        };
        /** @description The league fit behind an event's inputs. */
        LeagueInputsOrigin: {
            /** @description The event: 0 for a single event, else its index in `events`. */
            event_index: number;
            /**
             * @description The inputs were fitted on the league's results.
             * @enum {string}
             */
            source: "league_fit";
            /** @description League id. */
            league_id: string;
            /** @description The league's data version the fit used. */
            data_version: number;
            /** @description The fit used matches strictly before this date (null: all matches). */
            as_of: string | null;
            /** @description The home team in the league. */
            home_team_id: string;
            /** @description The away team in the league. */
            away_team_id: string;
            /** @description The home team's fitted rating standard deviation. */
            home_rating_uncertainty: number;
            /** @description The away team's; rating_uncertainty is √((home² + away²) / 2), so the §3.2 perturbation has both teams' variance. */
            away_rating_uncertainty: number;
            /** @description The inputs the fit filled: home_rating, away_rating, rating_uncertainty, home_advantage, draw_rate, context.sample_size, context.data_age_days. */
            filled: string[];
            /** @description The values the fit filled, as simulated. */
            inputs: {
                /** @description The home team's fitted rating. */
                home_rating: number;
                /** @description The away team's fitted rating. */
                away_rating: number;
                /** @description The combined rating uncertainty simulated (see away_rating_uncertainty). */
                rating_uncertainty: number;
                /** @description The league's fitted home advantage. */
                home_advantage: number;
                /** @description The league's fitted draw rate. */
                draw_rate: number;
                /** @description Played matches behind the fit. */
                sample_size: number;
                /** @description Days from the fit's last match to as_of (or today). */
                data_age_days: number;
            };
        };
        /** @description POST /api/v2/simulate answer at depth headline_pick. */
        HeadlinePickResponse: {
            pick: components["schemas"]["HeadlinePick"];
            /** @description How to read this answer. */
            notes: string[];
            /** @description Sport of the event (null for a comparative analysis of several sports). */
            sport: ("football" | "basketball" | "american_football" | "tennis" | "mma") | null;
            /** @description Catalog id, or null for an inline event. */
            event_id: string | null;
            /**
             * @description The market analysed.
             * @enum {string}
             */
            market: "match_result";
            /** @description Simulation model version. */
            model_version: string;
            /**
             * @description The depth of this answer.
             * @enum {string}
             */
            depth: "headline_pick";
            /** @description Price of this depth in tokens. */
            cost_tokens: number;
            /** @description Server time spent on the simulation, in milliseconds. */
            execution_time_ms: number;
            meta: components["schemas"]["SimulationMeta"];
            /** @description The ledger entry of the charge, on a charged answer. */
            transaction_id?: string;
            /** @description For each event named by league_id: the fit its inputs came from. */
            inputs_origin?: components["schemas"]["LeagueInputsOrigin"][];
        };
        /** @description POST /api/v2/simulate answer at depth full_distribution. */
        FullDistributionResponse: {
            /** @description Number of simulations run. */
            n_sims: number;
            /** @description Level of confidence_interval. */
            ci_level: number;
            /** @description Seed used; derived from the inputs when the request gave none. Same inputs and seed give identical numbers. */
            seed: number;
            /** @description Share of simulated outcomes that were home wins (base scenario). */
            prob_home: number;
            /** @description Share of simulated outcomes that were draws (base scenario). */
            prob_draw: number;
            /** @description Share of simulated outcomes that were away wins (base scenario). The three shares sum to exactly 1. */
            prob_away: number;
            percentiles: components["schemas"]["Percentiles"];
            /** @description Mean of the simulated home-side probability. */
            mean: number;
            /** @description Sample standard deviation (n − 1) of the simulated home-side probability. */
            stdev: number;
            /** @description Biased Fisher–Pearson skewness g1 (scipy default); 0 when the values do not vary. */
            skew: number;
            /** @description Biased excess kurtosis g2 (scipy default); 0 when the values do not vary. */
            kurtosis: number;
            confidence_interval: components["schemas"]["ConfidenceInterval"];
            histogram: components["schemas"]["Histogram"];
            /** @description conservative, base and aggressive, in that order. */
            scenarios: components["schemas"]["ScenarioSummary"][];
            uncertainty: components["schemas"]["UncertaintyMetrics"];
            /** @description How to read this answer. */
            notes: string[];
            /** @description Sport of the event (null for a comparative analysis of several sports). */
            sport: ("football" | "basketball" | "american_football" | "tennis" | "mma") | null;
            /** @description Catalog id, or null for an inline event. */
            event_id: string | null;
            /**
             * @description The market analysed.
             * @enum {string}
             */
            market: "match_result";
            /** @description Simulation model version. */
            model_version: string;
            /**
             * @description The depth of this answer.
             * @enum {string}
             */
            depth: "full_distribution";
            /** @description Price of this depth in tokens. */
            cost_tokens: number;
            /** @description Server time spent on the simulation, in milliseconds. */
            execution_time_ms: number;
            meta: components["schemas"]["SimulationMeta"];
            /** @description The ledger entry of the charge, on a charged answer. */
            transaction_id?: string;
            /** @description For each event named by league_id: the fit its inputs came from. */
            inputs_origin?: components["schemas"]["LeagueInputsOrigin"][];
        };
        /** @description POST /api/v2/simulate answer at depth scenario_extremes. */
        ScenarioExtremesResponse: {
            /** @description Number of simulations run. */
            n_sims: number;
            /** @description Level of confidence_interval. */
            ci_level: number;
            /** @description Seed used; derived from the inputs when the request gave none. Same inputs and seed give identical numbers. */
            seed: number;
            conservative: components["schemas"]["ScenarioFull"];
            aggressive: components["schemas"]["ScenarioFull"];
            bounds: components["schemas"]["ScenarioBounds"];
            /** @description How to read this answer. */
            notes: string[];
            /** @description Sport of the event (null for a comparative analysis of several sports). */
            sport: ("football" | "basketball" | "american_football" | "tennis" | "mma") | null;
            /** @description Catalog id, or null for an inline event. */
            event_id: string | null;
            /**
             * @description The market analysed.
             * @enum {string}
             */
            market: "match_result";
            /** @description Simulation model version. */
            model_version: string;
            /**
             * @description The depth of this answer.
             * @enum {string}
             */
            depth: "scenario_extremes";
            /** @description Price of this depth in tokens. */
            cost_tokens: number;
            /** @description Server time spent on the simulation, in milliseconds. */
            execution_time_ms: number;
            meta: components["schemas"]["SimulationMeta"];
            /** @description The ledger entry of the charge, on a charged answer. */
            transaction_id?: string;
            /** @description For each event named by league_id: the fit its inputs came from. */
            inputs_origin?: components["schemas"]["LeagueInputsOrigin"][];
        };
        /** @description POST /api/v2/simulate answer at depth comparative_analysis. */
        ComparativeAnalysisResponse: {
            /** @description The events in request order. */
            events: components["schemas"]["ComparedEvent"][];
            /** @description The events ordered by volatility score, highest first (ties keep request order). */
            comparison: components["schemas"]["ComparisonRow"][];
            /** @description Label of the event with the highest volatility score. */
            most_uncertain: string;
            /** @description Label of the event with the lowest volatility score. */
            least_uncertain: string;
            /** @description How to read this answer. */
            notes: string[];
            /** @description Sport of the event (null for a comparative analysis of several sports). */
            sport: ("football" | "basketball" | "american_football" | "tennis" | "mma") | null;
            /** @description Catalog id, or null for an inline event. */
            event_id: string | null;
            /**
             * @description The market analysed.
             * @enum {string}
             */
            market: "match_result";
            /** @description Simulation model version. */
            model_version: string;
            /**
             * @description The depth of this answer.
             * @enum {string}
             */
            depth: "comparative_analysis";
            /** @description Price of this depth in tokens. */
            cost_tokens: number;
            /** @description Server time spent on the simulation, in milliseconds. */
            execution_time_ms: number;
            meta: components["schemas"]["SimulationMeta"];
            /** @description The ledger entry of the charge, on a charged answer. */
            transaction_id?: string;
            /** @description For each event named by league_id: the fit its inputs came from. */
            inputs_origin?: components["schemas"]["LeagueInputsOrigin"][];
        };
        /** @description POST /api/v2/simulate answer at depth deep_dive_educational. */
        DeepDiveResponse: {
            /** @description Number of simulations run. */
            n_sims: number;
            /** @description Level of confidence_interval. */
            ci_level: number;
            /** @description Seed used; derived from the inputs when the request gave none. Same inputs and seed give identical numbers. */
            seed: number;
            /** @description Share of simulated outcomes that were home wins (base scenario). */
            prob_home: number;
            /** @description Share of simulated outcomes that were draws (base scenario). */
            prob_draw: number;
            /** @description Share of simulated outcomes that were away wins (base scenario). The three shares sum to exactly 1. */
            prob_away: number;
            percentiles: components["schemas"]["Percentiles"];
            /** @description Mean of the simulated home-side probability. */
            mean: number;
            /** @description Sample standard deviation (n − 1) of the simulated home-side probability. */
            stdev: number;
            /** @description Biased Fisher–Pearson skewness g1 (scipy default); 0 when the values do not vary. */
            skew: number;
            /** @description Biased excess kurtosis g2 (scipy default); 0 when the values do not vary. */
            kurtosis: number;
            confidence_interval: components["schemas"]["ConfidenceInterval"];
            histogram: components["schemas"]["Histogram"];
            /** @description conservative, base and aggressive, in that order. */
            scenarios: components["schemas"]["ScenarioSummary"][];
            uncertainty: components["schemas"]["UncertaintyMetrics"];
            /** @description How to read this answer. */
            notes: string[];
            conservative: components["schemas"]["ScenarioFull"];
            aggressive: components["schemas"]["ScenarioFull"];
            bounds: components["schemas"]["ScenarioBounds"];
            risk: components["schemas"]["RiskAssessment"];
            explanation: components["schemas"]["Explanation"];
            convergence: components["schemas"]["Convergence"];
            /** @description Sport of the event (null for a comparative analysis of several sports). */
            sport: ("football" | "basketball" | "american_football" | "tennis" | "mma") | null;
            /** @description Catalog id, or null for an inline event. */
            event_id: string | null;
            /**
             * @description The market analysed.
             * @enum {string}
             */
            market: "match_result";
            /** @description Simulation model version. */
            model_version: string;
            /**
             * @description The depth of this answer.
             * @enum {string}
             */
            depth: "deep_dive_educational";
            /** @description Price of this depth in tokens. */
            cost_tokens: number;
            /** @description Server time spent on the simulation, in milliseconds. */
            execution_time_ms: number;
            meta: components["schemas"]["SimulationMeta"];
            /** @description The ledger entry of the charge, on a charged answer. */
            transaction_id?: string;
            /** @description For each event named by league_id: the fit its inputs came from. */
            inputs_origin?: components["schemas"]["LeagueInputsOrigin"][];
        };
        /** @description A sample event of the catalog. */
        CatalogEvent: {
            /** @description Stable slug used as event_id in simulate requests. */
            event_id: string;
            /** @description Sport of the event (canonical name). */
            sport: "football" | "basketball" | "american_football" | "tennis" | "mma";
            /** @description Home side (first-named competitor in individual sports). */
            home_team: string;
            /** @description Away side (second-named competitor in individual sports). */
            away_team: string;
            /** @description Elo rating of the home side. */
            home_rating: number;
            /** @description Elo rating of the away side. */
            away_rating: number;
            /** @description Elo points added to the home side. */
            home_advantage: number;
            /** @description Draw probability of two equal sides; the sport default when absent. */
            draw_rate?: number;
            /** @description Elo points of rating uncertainty per side; 60 when absent. */
            rating_uncertainty?: number;
            /**
             * Format: date-time
             * @description Scheduled start, when the sample event has one.
             */
            starts_at?: string;
            /** @description What the sample event illustrates. */
            description: string;
        };
        /** @description A Lab module as listed, with the caller's standing in it. */
        LabModuleSummary: {
            /** @description Kebab-case module id. */
            module_id: string;
            /** @description Module title. */
            title: string;
            /** @description What the module teaches, in a sentence or two. */
            summary: string;
            /**
             * @description intro, core or deep.
             * @enum {string}
             */
            level: "intro" | "core" | "deep";
            /** @description Tokens to unlock it once, for good: 0 for a free module. */
            cost_tokens: number;
            /** @description Modules to complete (pass their quiz) before this one can be unlocked. */
            prerequisites: string[];
            /** @description Reading and quiz time, roughly. */
            estimated_minutes: number;
            /** @description Sections in the full module. */
            section_count: number;
            /** @description Questions in its quiz. */
            question_count: number;
            /** @description Whether the calling actor can read all of it (free modules always); null when anonymous. */
            unlocked: boolean | null;
            /** @description Whether the calling actor has passed its quiz; null when anonymous. */
            completed: boolean | null;
        };
        /** @description One section of a module. */
        LabSection: {
            /** @description Kebab-case section id. */
            section_id: string;
            /** @description Section title. */
            title: string;
            /** @description The text, in Markdown. */
            body: string;
            try_it?: components["schemas"]["V2SimulateRequest"];
        };
        /** @description A quiz question. The right choice and its explanation come only with the graded result. */
        LabQuizQuestion: {
            /** @description Kebab-case question id. */
            question_id: string;
            /** @description The question. */
            prompt: string;
            /** @description Two to five choices, one of them right. */
            choices: {
                /** @description Send this id as the answer. */
                choice_id: string;
                /** @description The choice. */
                text: string;
            }[];
        };
        /** @description One team's outlook. */
        SeasonTeam: {
            /** @description Team id. */
            team_id: string;
            /** @description Team name. */
            name: string;
            /** @description Current points (3 a win, 1 a draw). */
            points: number;
            /** @description Matches played so far. */
            played: number;
            /** @description Current goal difference. */
            goal_difference: number;
            /** @description Final points over the simulated seasons. */
            final_points: {
                /** @description Mean final points. */
                mean: number;
                /** @description 5th percentile. */
                p5: number;
                /** @description Median. */
                p50: number;
                /** @description 95th percentile. */
                p95: number;
            };
            /** @description P(1st), …, P(last): sums to 1; each column over the teams sums to 1 too. */
            positions: number[];
            /** @description Monte Carlo standard error of each position probability. */
            position_standard_errors: number[];
            /** @description Probability of finishing in each zone of the league. */
            zones: {
                [key: string]: number;
            };
            /** @description Their standard errors. */
            zone_standard_errors: {
                [key: string]: number;
            };
        };
        /** @description A league. */
        LeagueSummary: {
            /** @description League id. */
            league_id: string;
            /** @description Display name. */
            name: string;
            /** @description Sport. */
            sport: string;
            /** @description True only for the embedded synthetic league, generated from known true ratings (SPEC §13.6). */
            synthetic: boolean;
            /** @description Seasons with matches, oldest first (2024-25, or 2025 for a calendar-year league). */
            seasons: string[];
            /** @description Teams of the league (after reconciliation and aliases). */
            teams: number;
            /** @description Matches stored, played and to be played. */
            matches: number;
            /** @description Named table zones, e.g. {"champion": [1, 1], "top4": [1, 4], "relegation": [18, 20]}. */
            zones: {
                [key: string]: number[];
            };
            /** @description Moves on every change of the league's data (import, alias, definition); caches and cursors are bound to it. */
            data_version: number;
        };
        /** @description A team's fitted rating. */
        TeamRatingView: {
            /** @description Team id within the league. */
            team_id: string;
            /** @description Team name. */
            name: string;
            /** @description Fitted rating, Elo points (the §3.2 scale). */
            rating: number;
            /** @description One standard deviation of the rating, Elo points (a 90 % interval is ±1.645 of them). */
            rating_uncertainty: number;
            /** @description Played matches of the team behind the fit. */
            matches: number;
            /** @description Date of the team's latest match in the fit. */
            last_match_date: string | null;
            /** @description Synthetic league only: the rating its matches were generated from. */
            true_rating?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Liveness probe answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always "healthy" while the process answers (liveness only, no I/O).
                         * @enum {string}
                         */
                        status: "healthy";
                        /**
                         * @description Service name.
                         * @enum {string}
                         */
                        service: "trickster-oracle-api";
                        /** @description Service version. */
                        version: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        timestamp: string;
                    };
                };
            };
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Readiness probe answer (200 ready, 503 not ready). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description True when every check passes; the instance can take traffic. */
                        ready: boolean;
                        /** @description One entry per readiness check. */
                        checks: {
                            /**
                             * @description Result of this check.
                             * @enum {string}
                             */
                            database: "ok" | "fail";
                            /**
                             * @description Result of this check.
                             * @enum {string}
                             */
                            migrations: "ok" | "fail";
                            /**
                             * @description Result of this check.
                             * @enum {string}
                             */
                            event_loop: "ok" | "fail";
                            /**
                             * @description Only with REDIS_URL: `degraded` while Redis is unreachable (the instance stays ready).
                             * @enum {string}
                             */
                            redis?: "ok" | "degraded";
                        };
                        /**
                         * @description Only with REDIS_URL: the circuit breaker in front of Redis. `open` after consecutive failed or timed-out commands: requests skip Redis (per-instance memory) until its probe is answered; `half_open` while the probe is out.
                         * @enum {string}
                         */
                        redis_circuit?: "closed" | "open" | "half_open";
                        /** @description Present when not ready: the failing checks and why. */
                        failing?: {
                            /** @description The failing check. */
                            check: string;
                            /** @description Why it fails. */
                            detail: string;
                        }[];
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        timestamp: string;
                    };
                };
            };
            /** @description Readiness probe answer (200 ready, 503 not ready). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description True when every check passes; the instance can take traffic. */
                        ready: boolean;
                        /** @description One entry per readiness check. */
                        checks: {
                            /**
                             * @description Result of this check.
                             * @enum {string}
                             */
                            database: "ok" | "fail";
                            /**
                             * @description Result of this check.
                             * @enum {string}
                             */
                            migrations: "ok" | "fail";
                            /**
                             * @description Result of this check.
                             * @enum {string}
                             */
                            event_loop: "ok" | "fail";
                            /**
                             * @description Only with REDIS_URL: `degraded` while Redis is unreachable (the instance stays ready).
                             * @enum {string}
                             */
                            redis?: "ok" | "degraded";
                        };
                        /**
                         * @description Only with REDIS_URL: the circuit breaker in front of Redis. `open` after consecutive failed or timed-out commands: requests skip Redis (per-instance memory) until its probe is answered; `half_open` while the probe is out.
                         * @enum {string}
                         */
                        redis_circuit?: "closed" | "open" | "half_open";
                        /** @description Present when not ready: the failing checks and why. */
                        failing?: {
                            /** @description The failing check. */
                            check: string;
                            /** @description Why it fails. */
                            detail: string;
                        }[];
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        timestamp: string;
                    };
                };
            };
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Build and model information. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Service version (package.json). */
                        version: string;
                        /** @description Human name of the API. */
                        api_name: string;
                        /** @description Commit deployed: BUILD_COMMIT or RENDER_GIT_COMMIT, else "unknown". */
                        build_commit: string;
                        /** @description When the build was made (BUILD_TIME, ISO 8601), else "unknown". */
                        build_time: string;
                        /** @description Version of the simulation model; changes whenever its numbers can change. */
                        model_version: string;
                        /**
                         * @description Runtime environment.
                         * @enum {string}
                         */
                        env: "development" | "test" | "staging" | "production";
                        /** @description Node.js version running the service. */
                        node: string;
                        /** @description Node.js version running the service (the 1.x name of `node`). */
                        node_version: string;
                        /**
                         * @description Where durable records live: the embedded SQLite file, or PostgreSQL (DATABASE_URL).
                         * @enum {string}
                         */
                        storage: "sqlite" | "postgres";
                        /** @description What the service is and is not. */
                        disclaimer: string;
                    };
                };
            };
        };
    };
    getV2Health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Health of the v2 components. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description healthy when every component is ok.
                         * @enum {string}
                         */
                        status: "healthy" | "degraded";
                        /** @description Service version. */
                        version: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        timestamp: string;
                        /** @description Status of each v2 component. */
                        components: {
                            /**
                             * @description Component status.
                             * @enum {string}
                             */
                            sim_engine: "ok" | "degraded";
                            /**
                             * @description Component status.
                             * @enum {string}
                             */
                            uncertainty_metrics: "ok" | "degraded";
                            /**
                             * @description Component status.
                             * @enum {string}
                             */
                            token_ledger: "ok" | "degraded";
                        };
                    };
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTokenBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Token balance (v2 shape). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Actor id (sign-ups get act_<ULID>). */
                        user_id: string;
                        /** @description Tokens available. */
                        balance: number;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        last_updated: string;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTokenLedger: {
        parameters: {
            query: {
                /** @description Entries per page (1–500). */
                limit: number;
                /** @description next_cursor of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the actor's ledger. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Actor id (sign-ups get act_<ULID>). */
                        user_id: string;
                        /** @description Newest first. */
                        transactions: components["schemas"]["LedgerTransaction"][];
                        /** @description Pass as cursor for the next page; null on the last page. */
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    topUpTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Actor id (sign-ups get act_<ULID>). */
                    user_id: string;
                    /** @description Tokens to add (1–100 000). */
                    amount: number;
                    /** @description Your payment reference; a repeated payment_id never adds twice. */
                    payment_id: string;
                };
            };
        };
        responses: {
            /** @description Result of a top-up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Actor id (sign-ups get act_<ULID>). */
                        user_id: string;
                        /** @description Balance right after this top-up was applied. */
                        balance: number;
                        /** @description Tokens this payment added. */
                        amount_added: number;
                        /** @description The top-up ledger entry. */
                        transaction_id: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        timestamp: string;
                        /** @description True when this payment_id had already been applied: the original result is returned and nothing was added. */
                        replayed: boolean;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refundTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The spend to refund. */
                    transaction_id: string;
                    /** @description Why it is refunded (kept in the ledger; no NUL character). */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description One ledger entry. The ledger is append-only. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID of the entry (time-sortable). */
                        transaction_id: string;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        timestamp: string;
                        /**
                         * @description What the entry records; denied is an audit row that moves no tokens.
                         * @enum {string}
                         */
                        kind: "grant_daily" | "topup" | "spend" | "refund" | "denied";
                        feature: string | null;
                        reason: string | null;
                        /** @description Signed change of the balance (spends are negative). */
                        amount: number;
                        /** @description Price of a spend in tokens (0 for other kinds). */
                        cost: number;
                        /** @description Balance before the entry. */
                        balance_before: number;
                        /** @description Balance after the entry. */
                        balance_after: number;
                        event_id: string | null;
                        idempotency_key: string | null;
                        refund_of: string | null;
                        /** @description X-Request-ID of the request that caused it. */
                        request_id: string;
                        /**
                         * @description refunded marks a spend that a later refund reversed.
                         * @enum {string}
                         */
                        status: "committed" | "denied" | "refunded";
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUndeliveredCharges: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description How old a charge without its delivery mark must be to be listed (CHARGE_LEASE_MS). */
                        lease_ms: number;
                        /** @description Oldest first, at most 200; the sweeper refunds them (docs/LEDGER.md, "Delivery"). */
                        charges: {
                            /** @description The spend, never delivered nor refunded. */
                            transaction_id: string;
                            /** @description The actor it charged. */
                            actor_id: string;
                            /** @description Tokens it took. */
                            tokens: number;
                            /** @description The depth it paid for. */
                            feature: string | null;
                            /** @description The request that charged it (find it in the logs). */
                            request_id: string;
                            /** @description When it was charged (ISO 8601). */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTiers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The depth tiers and their costs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every depth with its cost. */
                        tiers: components["schemas"]["Tier"][];
                        /** @description Tokens charged by POST /api/v1/simulate. */
                        v1_simulation_cost: number;
                        /** @description Tokens granted on an actor's first authenticated request of each UTC day. */
                        daily_grant: number;
                        /** @description A paid (fingerprint, depth) is not charged again within this many hours. */
                        entitlement_hours: number;
                        /** @description What tokens buy. */
                        note: string;
                    };
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createActor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A name for the actor, for your own records (no NUL character). */
                    label?: string;
                };
            };
        };
        responses: {
            /** @description A new actor and its API key. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Actor id (sign-ups get act_<ULID>). */
                        actor_id: string;
                        /** @description The API key, shown exactly once. Stored only as a SHA-256 hash. Null on an idempotent replay. */
                        api_key: string | null;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        created_at: string;
                        /** @description How to use (and keep) the key. */
                        note: string;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminCreateActor: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A name for the actor (no NUL character). */
                    label?: string;
                    /** @description A chosen id (default act_<ULID>). */
                    actor_id?: string;
                };
            };
        };
        responses: {
            /** @description A new actor and its API key. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Actor id (sign-ups get act_<ULID>). */
                        actor_id: string;
                        /** @description The API key, shown exactly once. Stored only as a SHA-256 hash. Null on an idempotent replay. */
                        api_key: string | null;
                        /**
                         * Format: date-time
                         * @description ISO 8601 UTC timestamp.
                         */
                        created_at: string;
                        /** @description How to use (and keep) the key. */
                        note: string;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    simulateV2: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (see Idempotency in the API description). */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description One event (event_id, league_id with two teams, or inline fields) with a depth, or `events` for comparative_analysis. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description A catalog event (GET /api/v2/events) instead of inline ratings. */
                    event_id?: string;
                    /** @description match_result (aliases 1X2, moneyline_home). Default match_result. */
                    market?: string;
                    /** @description A league (GET /api/v2/leagues): home_team and away_team are its teams, and the fit fills the ratings, rating_uncertainty, home_advantage, draw_rate and the context's sample_size and data_age_days. */
                    league_id?: string;
                    /** @description With league_id: fit on the league's matches strictly before this date (YYYY-MM-DD). */
                    as_of?: string;
                    /**
                     * @description Sport (soccer is an alias of football). Default football.
                     * @enum {string}
                     */
                    sport?: "football" | "basketball" | "american_football" | "tennis" | "mma" | "soccer";
                    /** @description Home side (first-named competitor in individual sports). */
                    home_team?: string;
                    /** @description Away side (second-named competitor in individual sports). */
                    away_team?: string;
                    /** @description Elo rating of the home side (0–4000). */
                    home_rating?: number;
                    /** @description Elo rating of the away side (0–4000). */
                    away_rating?: number;
                    /** @description Elo points added to the home side. Default per sport: football 100, basketball 100, american_football 65, tennis 0, mma 0. */
                    home_advantage?: number;
                    /** @description Probability that two equal sides draw. Default 0.25 for football, 0 otherwise. */
                    draw_rate?: number;
                    /** @description Elo points of uncertainty in each rating (default 60). */
                    rating_uncertainty?: number;
                    /**
                     * @description Depth of analysis; see GET /api/v2/tiers for costs. Default headline_pick.
                     * @enum {string}
                     */
                    depth?: "headline_pick" | "full_distribution" | "scenario_extremes" | "comparative_analysis" | "deep_dive_educational";
                    config?: components["schemas"]["SimulationConfigInput"];
                    context?: components["schemas"]["SimulationContextInput"];
                    /** @description comparative_analysis only: 2–10 events instead of a single one. */
                    events?: components["schemas"]["EventInput"][];
                };
            };
        };
        responses: {
            /** @description The answer for the requested depth (see `depth`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeadlinePickResponse"] | components["schemas"]["FullDistributionResponse"] | components["schemas"]["ScenarioExtremesResponse"] | components["schemas"]["ComparativeAnalysisResponse"] | components["schemas"]["DeepDiveResponse"];
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not enough tokens for this depth of analysis */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalog. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every catalog event. */
                        events: components["schemas"]["CatalogEvent"][];
                        /** @description Number of events. */
                        count: number;
                    };
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The event_id. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A sample event of the catalog. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogEvent"];
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLabModules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Lab's modules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "modules": [
                     *         {
                     *           "module_id": "elo-and-draws",
                     *           "title": "Elo ratings and the draw model",
                     *           "summary": "How two ratings and a home advantage become three probabilities.",
                     *           "level": "core",
                     *           "cost_tokens": 2,
                     *           "prerequisites": [
                     *             "monte-carlo-basics"
                     *           ],
                     *           "estimated_minutes": 12,
                     *           "section_count": 3,
                     *           "question_count": 4,
                     *           "unlocked": false,
                     *           "completed": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Every module, in teaching order (each after its prerequisites). */
                        modules: components["schemas"]["LabModuleSummary"][];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLabModule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The module id (GET /api/v2/lab/modules lists them). */
                module_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A Lab module: all of it, or a preview when it is locked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "module_id": "elo-and-draws",
                     *       "title": "Elo ratings and the draw model",
                     *       "summary": "How two ratings and a home advantage become three probabilities.",
                     *       "level": "core",
                     *       "cost_tokens": 2,
                     *       "prerequisites": [
                     *         "monte-carlo-basics"
                     *       ],
                     *       "estimated_minutes": 12,
                     *       "section_count": 3,
                     *       "question_count": 4,
                     *       "unlocked": false,
                     *       "completed": false,
                     *       "locked": true,
                     *       "sections": [
                     *         {
                     *           "section_id": "ratings-as-strength",
                     *           "title": "A rating gap is a win chance",
                     *           "body": "An **Elo rating** puts every side on one number line. Only the *gap* matters…",
                     *           "try_it": {
                     *             "sport": "tennis",
                     *             "home_team": "Ana Petrova",
                     *             "away_team": "Bea Lindqvist",
                     *             "home_rating": 1700,
                     *             "away_rating": 1500,
                     *             "rating_uncertainty": 0,
                     *             "config": {
                     *               "seed": 3
                     *             }
                     *           }
                     *         }
                     *       ],
                     *       "quiz": []
                     *     }
                     */
                    "application/json": {
                        /** @description Kebab-case module id. */
                        module_id: string;
                        /** @description Module title. */
                        title: string;
                        /** @description What the module teaches, in a sentence or two. */
                        summary: string;
                        /**
                         * @description intro, core or deep.
                         * @enum {string}
                         */
                        level: "intro" | "core" | "deep";
                        /** @description Tokens to unlock it once, for good: 0 for a free module. */
                        cost_tokens: number;
                        /** @description Modules to complete (pass their quiz) before this one can be unlocked. */
                        prerequisites: string[];
                        /** @description Reading and quiz time, roughly. */
                        estimated_minutes: number;
                        /** @description Sections in the full module. */
                        section_count: number;
                        /** @description Questions in its quiz. */
                        question_count: number;
                        /** @description Whether the calling actor can read all of it (free modules always); null when anonymous. */
                        unlocked: boolean | null;
                        /** @description Whether the calling actor has passed its quiz; null when anonymous. */
                        completed: boolean | null;
                        /** @description True when the caller has not unlocked this paid module: only the first section is shown and the quiz is empty. */
                        locked: boolean;
                        /** @description Every section, or only the first one as a preview when locked. */
                        sections: components["schemas"]["LabSection"][];
                        /** @description The quiz questions (never their answers); empty when locked. */
                        quiz: components["schemas"]["LabQuizQuestion"][];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unlockLabModule: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (docs/API.md, Idempotency). */
                "idempotency-key"?: string;
            };
            path: {
                /** @description The module id (GET /api/v2/lab/modules lists them). */
                module_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result of an unlock. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Kebab-case module id. */
                        module_id: string;
                        /**
                         * @description The module is now open to the actor, for good.
                         * @enum {boolean}
                         */
                        unlocked: true;
                        /** @description Tokens this request spent: the price on the first unlock, 0 afterwards and for free modules. */
                        tokens_charged: number;
                        /** @description True when nothing was bought: the module was unlocked before, or is free. */
                        already_unlocked: boolean;
                        /** @description The ledger spend of this unlock; null when nothing was charged. */
                        transaction_id: string | null;
                        /** @description The actor's balance after this request. */
                        balance_after: number;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not enough tokens for this depth of analysis */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    submitLabQuiz: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (docs/API.md, Idempotency). */
                "idempotency-key"?: string;
            };
            path: {
                /** @description The module id (GET /api/v2/lab/modules lists them). */
                module_id: string;
            };
            cookie?: never;
        };
        /** @description Answers to every question of the module's quiz. */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "answers": [
                 *         {
                 *           "question_id": "first-question",
                 *           "choice_id": "a"
                 *         },
                 *         {
                 *           "question_id": "second-question",
                 *           "choice_id": "c"
                 *         },
                 *         {
                 *           "question_id": "third-question",
                 *           "choice_id": "b"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description One answer for every question of the quiz, each question once. */
                    answers: {
                        /** @description A question of this module. */
                        question_id: string;
                        /** @description One of that question's choices. */
                        choice_id: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description A graded quiz attempt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "module_id": "elo-and-draws",
                     *       "score": 2,
                     *       "total": 3,
                     *       "passed": false,
                     *       "completed": false,
                     *       "results": [
                     *         {
                     *           "question_id": "first-question",
                     *           "correct": true,
                     *           "explanation": "Why the right choice is right, shown only after grading."
                     *         },
                     *         {
                     *           "question_id": "second-question",
                     *           "correct": false,
                     *           "explanation": "Each question comes back with its explanation, right or wrong."
                     *         },
                     *         {
                     *           "question_id": "third-question",
                     *           "correct": true,
                     *           "explanation": "Results follow the order of the quiz."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description Kebab-case module id. */
                        module_id: string;
                        /** @description Questions answered right. */
                        score: number;
                        /** @description Questions in the quiz. */
                        total: number;
                        /** @description score / total ≥ 0.8. */
                        passed: boolean;
                        /** @description The module is completed: by this attempt or an earlier passing one (a later failure never undoes it). */
                        completed: boolean;
                        /** @description Every question, in quiz order. */
                        results: {
                            /** @description The question. */
                            question_id: string;
                            /** @description Whether the answer was right. */
                            correct: boolean;
                            /** @description Why the right answer is right. */
                            explanation: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLabProgress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calling actor's progress through the Lab. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "act_01JZ8Q4R9C2M7T5V6W8X0Y1Z2A",
                     *       "modules": [
                     *         {
                     *           "module_id": "monte-carlo-basics",
                     *           "unlocked": true,
                     *           "completed": true,
                     *           "best_score": 4,
                     *           "attempts": 2,
                     *           "completed_at": "2025-06-01T09:30:00.000Z"
                     *         },
                     *         {
                     *           "module_id": "elo-and-draws",
                     *           "unlocked": true,
                     *           "completed": false,
                     *           "best_score": 1,
                     *           "attempts": 1,
                     *           "completed_at": null
                     *         }
                     *       ],
                     *       "tokens_spent_on_lab": 2
                     *     }
                     */
                    "application/json": {
                        /** @description Actor id (sign-ups get act_<ULID>). */
                        user_id: string;
                        /** @description Every module, in teaching order. */
                        modules: {
                            /** @description Kebab-case module id. */
                            module_id: string;
                            /** @description Open to the actor (free, or unlocked). */
                            unlocked: boolean;
                            /** @description Its quiz was passed at least once. */
                            completed: boolean;
                            /** @description Most questions answered right in one attempt; null before any attempt. */
                            best_score: number | null;
                            /** @description Quiz attempts graded. */
                            attempts: number;
                            /** @description When the first passing attempt was graded; null while not completed. */
                            completed_at: string | null;
                        }[];
                        /** @description Tokens the actor spent on unlocks, net of refunds. */
                        tokens_spent_on_lab: number;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLeagues: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every league, by id. */
                        leagues: components["schemas"]["LeagueSummary"][];
                    };
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLeague: {
        parameters: {
            query?: {
                /** @description Fit on matches strictly before this date (YYYY-MM-DD) only: no look-ahead. */
                as_of?: string;
            };
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A league's fitted ratings (docs/ENGINE.md, "Leagues"). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description Display name. */
                        name: string;
                        /** @description Sport. */
                        sport: string;
                        /** @description The embedded synthetic league (teams carry true_rating). */
                        synthetic: boolean;
                        /** @description Named table zones, e.g. {"champion": [1, 1], "top4": [1, 4], "relegation": [18, 20]}. */
                        zones: {
                            [key: string]: number[];
                        };
                        /** @description The data version the fit was computed on. */
                        data_version: number;
                        /** @description The fit uses matches strictly before this date (the requested as_of, else the day after the last match). */
                        as_of: string | null;
                        /** @description Played matches behind the fit. */
                        matches_used: number;
                        /** @description Latest match in the fit. */
                        last_match_date: string | null;
                        /** @description Fitted home advantage, Elo points. */
                        home_advantage: number;
                        /** @description Fitted draw rate of two equal teams (§3.2). */
                        draw_rate: number;
                        /** @description Teams by rating, highest first. */
                        teams: components["schemas"]["TeamRatingView"][];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLeagueBacktest: {
        parameters: {
            query?: {
                /** @description Predict every played match on or after this date from the matches before it (default: the first date of the data's second season). */
                from?: string;
            };
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Walk-forward backtest (SPEC §13.3). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description The data version it was computed on (cached per version). */
                        data_version: number;
                        /** @description First date predicted. */
                        from: string;
                        /** @description Matches predicted. */
                        n: number;
                        model: {
                            /** @description Mean ranked probability score (order home, draw, away). */
                            rps: number;
                            /** @description Mean Brier score over the three outcomes (0…2). */
                            brier: number;
                            /** @description Mean −ln p(outcome). */
                            log_loss: number;
                        };
                        /** @description Uniform thirds, and the home/draw/away frequencies of the matches before each one. */
                        baselines: {
                            uniform: {
                                /** @description Mean ranked probability score (order home, draw, away). */
                                rps: number;
                                /** @description Mean Brier score over the three outcomes (0…2). */
                                brier: number;
                                /** @description Mean −ln p(outcome). */
                                log_loss: number;
                            };
                            base_rates: {
                                /** @description Mean ranked probability score (order home, draw, away). */
                                rps: number;
                                /** @description Mean Brier score over the three outcomes (0…2). */
                                brier: number;
                                /** @description Mean −ln p(outcome). */
                                log_loss: number;
                            };
                        };
                        /** @description Reliability table per outcome: 10 bins of predicted probability. */
                        reliability: {
                            home: {
                                /** @description Lower edge of the predicted-probability bin. */
                                bin_lower: number;
                                /** @description Upper edge. */
                                bin_upper: number;
                                /** @description Predictions in the bin. */
                                count: number;
                                /** @description Mean predicted probability (null for an empty bin). */
                                mean_predicted: number | null;
                                /** @description Observed frequency of the outcome. */
                                observed: number | null;
                                /** @description 95 % Wilson interval of the observed frequency, lower end. */
                                ci_lower: number | null;
                                /** @description Upper end. */
                                ci_upper: number | null;
                            }[];
                            draw: {
                                /** @description Lower edge of the predicted-probability bin. */
                                bin_lower: number;
                                /** @description Upper edge. */
                                bin_upper: number;
                                /** @description Predictions in the bin. */
                                count: number;
                                /** @description Mean predicted probability (null for an empty bin). */
                                mean_predicted: number | null;
                                /** @description Observed frequency of the outcome. */
                                observed: number | null;
                                /** @description 95 % Wilson interval of the observed frequency, lower end. */
                                ci_lower: number | null;
                                /** @description Upper end. */
                                ci_upper: number | null;
                            }[];
                            away: {
                                /** @description Lower edge of the predicted-probability bin. */
                                bin_lower: number;
                                /** @description Upper edge. */
                                bin_upper: number;
                                /** @description Predictions in the bin. */
                                count: number;
                                /** @description Mean predicted probability (null for an empty bin). */
                                mean_predicted: number | null;
                                /** @description Observed frequency of the outcome. */
                                observed: number | null;
                                /** @description 95 % Wilson interval of the observed frequency, lower end. */
                                ci_lower: number | null;
                                /** @description Upper end. */
                                ci_upper: number | null;
                            }[];
                        };
                        /** @description Expected calibration error per outcome. */
                        ece: {
                            home: number;
                            draw: number;
                            away: number;
                        };
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLeagueBacktestPredictions: {
        parameters: {
            query?: {
                /** @description As for the backtest. */
                from?: string;
                /** @description next_cursor of the previous page. */
                cursor?: string;
                /** @description Predictions per page (default 100; CSV: all from the cursor unless given). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The predictions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description The data version of the backtest. */
                        data_version: number;
                        /** @description First date predicted. */
                        from: string;
                        /** @description Predictions in all pages. */
                        n: number;
                        /** @description Predictions in date order. */
                        items: {
                            /** @description Match date. */
                            date: string;
                            /** @description Home team. */
                            home_team: string;
                            /** @description Away team. */
                            away_team: string;
                            /** @description Predicted probability of a home win, from earlier matches only. */
                            prob_home: number;
                            /** @description Of a draw. */
                            prob_draw: number;
                            /** @description Of an away win. */
                            prob_away: number;
                            /**
                             * @description What happened.
                             * @enum {string}
                             */
                            outcome: "home" | "draw" | "away";
                            /** @description Baseline: home-win frequency of the matches before it. */
                            base_rate_home: number;
                            /** @description Baseline: draw frequency. */
                            base_rate_draw: number;
                            /** @description Baseline: away-win frequency. */
                            base_rate_away: number;
                        }[];
                        /** @description Cursor of the next page; null on the last. */
                        next_cursor: string | null;
                    };
                    "text/csv": string;
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminPutLeague: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        /** @description A league to create or update. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Display name of the league. */
                    name: string;
                    /**
                     * @description Sport (default football).
                     * @enum {string}
                     */
                    sport?: "football" | "basketball" | "american_football" | "tennis" | "mma";
                    /** @description Named table zones, e.g. {"champion": [1, 1], "top4": [1, 4], "relegation": [18, 20]}. */
                    zones?: {
                        [key: string]: number[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The league did not exist before. */
                        created: boolean;
                        league: components["schemas"]["LeagueSummary"];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The league did not exist before. */
                        created: boolean;
                        league: components["schemas"]["LeagueSummary"];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminImportLeagueMatches: {
        parameters: {
            query?: {
                /** @description The season of the file (2024-25, or 2025): required for CSV and for an openfootball file whose name does not end in a year pair. */
                season?: string;
            };
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What an import did (SPEC §13.7). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description Season of the imported file. */
                        season: string;
                        /** @description New matches (played or to be played). */
                        added: number;
                        /** @description Former fixtures that now have a result. */
                        filled: number;
                        /** @description Stored results changed by the file (listed in corrections). */
                        corrected: number;
                        /** @description Matches already stored as in the file. */
                        unchanged: number;
                        /** @description Matches of the file still to be played. */
                        fixtures: number;
                        /** @description New teams. */
                        teams_added: number;
                        /** @description Spellings of the file reconciled with an existing team (case, punctuation, accents, club affixes, founding years, abbreviations). */
                        merged: {
                            /** @description The spelling in the file. */
                            from: string;
                            /** @description The team it was reconciled with. */
                            into: string;
                        }[];
                        /** @description Teams that may be one club under two names: confirm with PUT …/aliases. */
                        possible_duplicates: {
                            /** @description A team name. */
                            a: string;
                            /** @description Another team name, never seen in the same season. */
                            b: string;
                            /** @description Why they may be one club. */
                            reason: string;
                        }[];
                        /** @description Every corrected result. */
                        corrections: {
                            /** @description Match date. */
                            date: string;
                            /** @description Home team. */
                            home_team: string;
                            /** @description Away team. */
                            away_team: string;
                            /** @description The stored score [home, away]. */
                            from: number[];
                            /** @description The score of the file, now stored. */
                            to: number[];
                        }[];
                        /** @description Matches of a later round dated a year too early, before the season's first round, and stored one year later (docs/API.md, "Dates a file gets wrong"). */
                        redated: {
                            /** @description The match in the file (a JSON pointer). */
                            where: string;
                            /** @description Home team, as the file spells it. */
                            home_team: string;
                            /** @description Away team, as the file spells it. */
                            away_team: string;
                            /**
                             * Format: date
                             * @description The date the file gives.
                             */
                            from: string;
                            /**
                             * Format: date
                             * @description The date stored: one year later.
                             */
                            to: string;
                        }[];
                        /** @description The league's data version after the import (unchanged when nothing changed). */
                        data_version: number;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    adminPutLeagueAliases: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description {"<name as in the data>": "<canonical team name>"}: the first names the second's team from now on, in stored matches and in every later import. */
                    aliases: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description The league's data version after the change. */
                        data_version: number;
                        /** @description The league's teams after merging. */
                        teams: {
                            /** @description Team id. */
                            team_id: string;
                            /** @description Canonical name. */
                            name: string;
                            /** @description Every spelling that names this team. */
                            spellings: string[];
                        }[];
                        /** @description Pairs still to confirm. */
                        possible_duplicates: {
                            /** @description A team name. */
                            a: string;
                            /** @description Another team name, never seen in the same season. */
                            b: string;
                            /** @description Why they may be one club. */
                            reason: string;
                        }[];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getLeagueFixtures: {
        parameters: {
            query?: {
                /** @description The first fixtures by date (default 20, at most 400). */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fixtures still to be played, with the model's probabilities. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description The data version the fit was computed on. */
                        data_version: number;
                        /** @description The latest season with a fixture still to be played (null: none left). */
                        season: string | null;
                        /** @description Fixtures of that season still to be played (the list holds the first `limit`). */
                        total: number;
                        /** @description Fixtures by date, then home and away team. */
                        fixtures: {
                            /** @description Date of the fixture (YYYY-MM-DD). */
                            date: string;
                            /** @description Home team, as POST /api/v2/simulate accepts it with league_id. */
                            home_team: string;
                            /** @description Away team. */
                            away_team: string;
                            /** @description Probability of a home win from the current fit, averaged over both teams' rating uncertainty (as the backtest predicts). */
                            prob_home: number;
                            /** @description Probability of a draw. */
                            prob_draw: number;
                            /** @description Probability of an away win. */
                            prob_away: number;
                        }[];
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    simulateLeagueSeason: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (see Idempotency in the API description). */
                "idempotency-key"?: string;
            };
            path: {
                /** @description League id: 2–40 characters of a-z, 0-9 and -. */
                league_id: string;
            };
            cookie?: never;
        };
        /** @description A season outlook request. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Simulated seasons (100 … 100 000, default 10 000). */
                    n_simulations?: number;
                    /** @description PRNG seed; when omitted it is derived from the other inputs (the answer reports it). */
                    seed?: number;
                    /** @description Simulate the season holding this date from it on: its results before as_of count, its matches from as_of on are simulated, the ratings use matches before it only. */
                    as_of?: string;
                };
            };
        };
        responses: {
            /** @description The season outlook (SPEC §13.4, §13.7). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description League id. */
                        league_id: string;
                        /** @description The season simulated. */
                        season: string;
                        /** @description The league's data version (part of the fingerprint). */
                        data_version: number;
                        /** @description Simulated seasons. */
                        n_simulations: number;
                        /** @description The seed used. */
                        seed: number;
                        /** @description The date simulated from (null: the season's unplayed fixtures). */
                        as_of: string | null;
                        /** @description Fixtures simulated. */
                        remaining_fixtures: number;
                        /** @description Teams in the order of the current table. */
                        teams: components["schemas"]["SeasonTeam"][];
                        /** @description What the model cannot know. */
                        notes: string[];
                        /** @description Price of the outlook in tokens. */
                        cost_tokens: number;
                        /** @description Server time spent on the outlook, in milliseconds. */
                        execution_time_ms: number;
                        meta: components["schemas"]["SimulationMeta"];
                        /** @description The ledger entry of the charge, on a charged answer. */
                        transaction_id?: string;
                    };
                };
            };
            /** @description Invalid request (validation_error lists every failing field) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not enough tokens for this depth of analysis */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials valid but not allowed here */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported media type or Content-Encoding (send application/json, UTF-8, unencoded) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Well-formed but not processable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limit exceeded (per route, or failed authentications per address) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Service unavailable: admin routes without ADMIN_TOKEN, the database cannot take writes (storage_unavailable), or, on simulation routes, more heavy work queued than the service accepts (overloaded; nothing charged); retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
