/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/lab/try-it.test.ts > TAP > every try_it is a valid POST /api/v2/simulate body that answers 200 > the figures the sections quote 1`] = `
Object {
  "calibration/bins-and-wilson": Object {
    "notes": Array [
      "A home win for Kestrel Bay is the most frequent outcome in 1000 simulations (53.9%); next comes a draw (24.8%).",
      "Confidence is moderate: the two most frequent outcomes are 29.1 percentage points apart and the volatility score is 33.4 of 100.",
      "Across simulations the median probability of this outcome is 54.0%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "moderate",
      "median_probability": 0.5401940138599939,
      "predicted_outcome": "home",
    },
  },
  "calibration/what-calibration-means": Object {
    "notes": Array [
      "A home win for Lowmarsh Rovers is the most frequent outcome in 1000 simulations (59.4%); next comes a draw (21.8%).",
      "Confidence is moderate: the two most frequent outcomes are 37.6 percentage points apart and the volatility score is 27.1 of 100.",
      "Across simulations the median probability of this outcome is 58.5%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "moderate",
      "median_probability": 0.5851314917183137,
      "predicted_outcome": "home",
    },
  },
  "elo-and-draws/home-advantage": Object {
    "notes": Array [
      "A home win for Harbour City is the most frequent outcome in 1000 simulations (62.3%); next comes an away win for Valley Falcons (37.7%).",
      "Confidence is moderate: the two most frequent outcomes are 24.6 percentage points apart and the volatility score is 0.0 of 100.",
      "Across simulations the median probability of this outcome is 64.0%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "moderate",
      "median_probability": 0.6400649998028851,
      "predicted_outcome": "home",
    },
  },
  "elo-and-draws/ratings-as-strength": Object {
    "notes": Array [
      "A win for Ana Petrova is the most frequent outcome in 1000 simulations (75.7%); next comes a win for Bea Lindqvist (24.3%).",
      "Confidence is high: the two most frequent outcomes are 51.4 percentage points apart and the volatility score is 0.0 of 100.",
      "Across simulations the median probability of this outcome is 76.0%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "high",
      "median_probability": 0.7597469266479578,
      "predicted_outcome": "home",
    },
  },
  "elo-and-draws/the-draw-band": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.361,
      0.245,
      0.394,
    ],
    "percentiles": Object {
      "p25": 0.37499999999999994,
      "p5": 0.37499999999999994,
      "p50": 0.37499999999999994,
      "p75": 0.37499999999999994,
      "p95": 0.37499999999999994,
    },
    "uncertainty": Object {
      "confidence_decay": 0.03,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 0,
    },
  },
  "monte-carlo-basics/frequencies-wobble": Object {
    "notes": Array [
      "A home win for Rovers is the most frequent outcome in 100 simulations (45.0%); next comes an away win for United (36.0%).",
      "Confidence is low: the two most frequent outcomes are 9.0 percentage points apart and the volatility score is 36.3 of 100.",
      "Across simulations the median probability of this outcome is 51.3%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "low",
      "median_probability": 0.513358934015655,
      "predicted_outcome": "home",
    },
  },
  "monte-carlo-basics/play-it-many-times": Object {
    "notes": Array [
      "A home win for Rovers is the most frequent outcome in 1000 simulations (50.0%); next comes an away win for United (27.2%).",
      "Confidence is moderate: the two most frequent outcomes are 22.8 percentage points apart and the volatility score is 31.3 of 100.",
      "Across simulations the median probability of this outcome is 51.1%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "moderate",
      "median_probability": 0.5114343350746657,
      "predicted_outcome": "home",
    },
  },
  "monte-carlo-basics/same-seed-same-numbers": Object {
    "notes": Array [
      "A home win for Rovers is the most frequent outcome in 1000 simulations (51.9%); next comes an away win for United (26.4%).",
      "Confidence is moderate: the two most frequent outcomes are 25.5 percentage points apart and the volatility score is 31.6 of 100.",
      "Across simulations the median probability of this outcome is 51.5%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "moderate",
      "median_probability": 0.5147216789359507,
      "predicted_outcome": "home",
    },
  },
  "rating-uncertainty/doubt-pulls-to-the-middle": Object {
    "aggressive": Object {
      "p25": 0.5436835528749165,
      "p5": 0.2740347667222377,
      "p50": 0.7196298235580817,
      "p75": 0.8518598742982636,
      "p95": 0.9497711257898412,
    },
    "bounds": Object {
      "lower": 0.2740347667222377,
      "prob_away_range": Array [
        0.2507,
        0.3244,
      ],
      "prob_draw_range": Array [
        0,
        0,
      ],
      "prob_home_range": Array [
        0.6756,
        0.7493,
      ],
      "upper": 0.973883963241591,
    },
    "conservative": Object {
      "p25": 0.6401268703093398,
      "p5": 0.33419783160667604,
      "p50": 0.8054389160562467,
      "p75": 0.9095790662447971,
      "p95": 0.973883963241591,
    },
    "convergence": Object {
      "closed_form": Object {
        "prob_away": 0.2402530733520421,
        "prob_draw": 0,
        "prob_home": 0.7597469266479578,
      },
      "n_sims": 10000,
      "standard_errors": Object {
        "away": 0.004554561559579583,
        "draw": 0,
        "home": 0.004554561559579583,
      },
    },
    "outcomes": Array [
      0.7063,
      0,
      0.2937,
    ],
    "percentiles": Object {
      "p25": 0.5807650271380935,
      "p5": 0.29238611669166975,
      "p50": 0.7565077331856916,
      "p75": 0.8789568596930463,
      "p95": 0.962145452048389,
    },
    "uncertainty": Object {
      "confidence_decay": 0.08374903307570232,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.2938651274862877,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 44.79086089641861,
    },
  },
  "rating-uncertainty/more-doubt-wider-range": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.693,
      0,
      0.307,
    ],
    "percentiles": Object {
      "p25": 0.5611821139577025,
      "p5": 0.2670042049361479,
      "p50": 0.740222319443632,
      "p75": 0.8668766916753321,
      "p95": 0.9542098222561384,
    },
    "uncertainty": Object {
      "confidence_decay": 0.08650763475642315,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.3093172118844602,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 47.08969563035263,
    },
  },
  "rating-uncertainty/ratings-are-estimates": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.751,
      0,
      0.249,
    ],
    "percentiles": Object {
      "p25": 0.6876508273560946,
      "p5": 0.5712187327957727,
      "p50": 0.7520592575346267,
      "p75": 0.8084893407977899,
      "p95": 0.8705130369707446,
    },
    "uncertainty": Object {
      "confidence_decay": 0.05358322663999983,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.12365896910538514,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 19.65268886666653,
    },
  },
  "reading-distributions/how-wide-is-it": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.633,
      0.168,
      0.199,
    ],
    "percentiles": Object {
      "p25": 0.48596852383973177,
      "p5": 0.2762670573452878,
      "p50": 0.6381725420742073,
      "p75": 0.7756911338724505,
      "p95": 0.9079014608265866,
    },
    "uncertainty": Object {
      "confidence_decay": 0.08827938097905536,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.31327554401278584,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 48.56615081587946,
    },
  },
  "reading-distributions/median-versus-mean": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.907,
      0.047,
      0.046,
    ],
    "percentiles": Object {
      "p25": 0.8881808479280414,
      "p5": 0.7188251869529355,
      "p50": 0.9454093082084072,
      "p75": 0.975716642532248,
      "p95": 0.9933258308764132,
    },
    "uncertainty": Object {
      "confidence_decay": 0.06604189197847489,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.10889114839462208,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 30.034909982062405,
    },
  },
  "reading-distributions/one-probability-per-run": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.648,
      0.184,
      0.168,
    ],
    "percentiles": Object {
      "p25": 0.5725256221657637,
      "p5": 0.4597633972183053,
      "p50": 0.646560631356732,
      "p75": 0.7192205919098368,
      "p95": 0.8122004490328965,
    },
    "uncertainty": Object {
      "confidence_decay": 0.05922541170645639,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.16664757815719095,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 24.35450975538033,
    },
  },
  "thinking-traps/base-rates": Object {
    "notes": Array [
      "A home win for Rovers is the most frequent outcome in 1000 simulations (52.3%); next comes an away win for United (25.7%).",
      "Confidence is moderate: the two most frequent outcomes are 26.6 percentage points apart and the volatility score is 0.0 of 100.",
      "Across simulations the median probability of this outcome is 51.6%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "moderate",
      "median_probability": 0.5161994906287461,
      "predicted_outcome": "home",
    },
  },
  "thinking-traps/nothing-is-due": Object {
    "notes": Array [
      "A win for Bea Lindqvist is the most frequent outcome in 1000 simulations (53.2%); next comes a win for Ana Petrova (46.8%).",
      "Confidence is low: the two most frequent outcomes are 6.4 percentage points apart and the volatility score is 0.0 of 100.",
      "Across simulations the median probability of this outcome is 50.0%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "low",
      "median_probability": 0.5,
      "predicted_outcome": "away",
    },
  },
  "thinking-traps/overconfidence": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.628,
      0.182,
      0.19,
    ],
    "percentiles": Object {
      "p25": 0.5382813147436853,
      "p5": 0.4269549092757635,
      "p50": 0.6131606926318973,
      "p75": 0.6866982586989994,
      "p95": 0.7844767775643133,
    },
    "uncertainty": Object {
      "confidence_decay": 0.060656109799378244,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.17804128408035405,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 25.546758166148543,
    },
  },
  "thinking-traps/small-samples": Object {
    "notes": Array [
      "A win for Ana Petrova is the most frequent outcome in 100 simulations (59.0%); next comes a win for Bea Lindqvist (41.0%).",
      "Confidence is low: the two most frequent outcomes are 18.0 percentage points apart and the volatility score is 0.0 of 100.",
      "Across simulations the median probability of this outcome is 50.0%. A headline is a summary of a model, not a forecast; deeper tiers show the whole distribution.",
    ],
    "pick": Object {
      "confidence": "low",
      "median_probability": 0.5,
      "predicted_outcome": "home",
    },
  },
  "three-scenarios/reading-the-bounds": Object {
    "aggressive": Object {
      "p25": 0.4687298255504476,
      "p5": 0.37821836463754105,
      "p50": 0.5483101397015584,
      "p75": 0.6231808439220259,
      "p95": 0.7157998439525196,
    },
    "bounds": Object {
      "lower": 0.37821836463754105,
      "prob_away_range": Array [
        0.192,
        0.246,
      ],
      "prob_draw_range": Array [
        0.192,
        0.22,
      ],
      "prob_home_range": Array [
        0.534,
        0.616,
      ],
      "upper": 0.7950272725057312,
    },
    "conservative": Object {
      "p25": 0.5500576437606421,
      "p5": 0.4480836107672145,
      "p50": 0.6346284876567844,
      "p75": 0.7094036949798151,
      "p95": 0.7950272725057312,
    },
    "convergence": null,
    "outcomes": null,
    "percentiles": null,
    "uncertainty": null,
  },
  "three-scenarios/same-draws": Object {
    "aggressive": Object {
      "p25": 0.41727343183055265,
      "p5": 0.3305166039959778,
      "p50": 0.49627833560247897,
      "p75": 0.5730581245248095,
      "p95": 0.6715027432757322,
    },
    "bounds": Object {
      "lower": 0.31498238038098186,
      "prob_away_range": Array [
        0.504,
        0.506,
      ],
      "prob_draw_range": Array [
        0,
        0,
      ],
      "prob_home_range": Array [
        0.494,
        0.496,
      ],
      "upper": 0.6871843151769076,
    },
    "conservative": Object {
      "p25": 0.4091192721704899,
      "p5": 0.31498238038098186,
      "p50": 0.49590358344942975,
      "p75": 0.5802936394480892,
      "p95": 0.6871843151769076,
    },
    "convergence": null,
    "outcomes": null,
    "percentiles": null,
    "uncertainty": null,
  },
  "three-scenarios/why-scenarios": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.579,
      0.201,
      0.22,
    ],
    "percentiles": Object {
      "p25": 0.5002859448719732,
      "p5": 0.40365920513165177,
      "p50": 0.583455705870242,
      "p75": 0.6598053027319954,
      "p95": 0.75122355456548,
    },
    "uncertainty": Object {
      "confidence_decay": 0.06469894669931384,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.18874333017226994,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 28.91578891609486,
    },
  },
  "volatility-and-data-quality/confidence-decay": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.648,
      0.184,
      0.168,
    ],
    "percentiles": Object {
      "p25": 0.5725256221657637,
      "p5": 0.4597633972183053,
      "p50": 0.646560631356732,
      "p75": 0.7192205919098368,
      "p95": 0.8122004490328965,
    },
    "uncertainty": Object {
      "confidence_decay": 0.15398607043678664,
      "data_quality_index": 38.232398079676166,
      "factors": Object {
        "data_age_days": 45,
        "distribution_cv": 0.16664757815719095,
        "event_horizon_days": 3,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 24.35450975538033,
    },
  },
  "volatility-and-data-quality/data-quality-index": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.648,
      0.184,
      0.168,
    ],
    "percentiles": Object {
      "p25": 0.5725256221657637,
      "p5": 0.4597633972183053,
      "p50": 0.646560631356732,
      "p75": 0.7192205919098368,
      "p95": 0.8122004490328965,
    },
    "uncertainty": Object {
      "confidence_decay": 0.08883811755968458,
      "data_quality_index": 40.56391928359868,
      "factors": Object {
        "data_age_days": 28,
        "distribution_cv": 0.16664757815719095,
        "event_horizon_days": 7,
        "feature_coverage": 0.5,
        "sample_size": 40,
      },
      "notes": undefined,
      "volatility_score": 24.35450975538033,
    },
  },
  "volatility-and-data-quality/volatility-score": Object {
    "aggressive": null,
    "bounds": null,
    "conservative": null,
    "convergence": null,
    "outcomes": Array [
      0.658,
      0.183,
      0.159,
    ],
    "percentiles": Object {
      "p25": 0.6145112034638005,
      "p5": 0.5596115592366147,
      "p50": 0.6507212920636752,
      "p75": 0.6879457361663526,
      "p95": 0.7412392360962585,
    },
    "uncertainty": Object {
      "confidence_decay": 0.04503525430030741,
      "data_quality_index": 50,
      "factors": Object {
        "data_age_days": null,
        "distribution_cv": 0.08452107574925405,
        "event_horizon_days": 7,
        "feature_coverage": null,
        "sample_size": null,
      },
      "notes": undefined,
      "volatility_score": 12.529378583589509,
    },
  },
}
`
