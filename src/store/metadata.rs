//! The store's `metadata.json` for Datasette: a title, each table and
//! column described, and the canned queries a desk asks every morning.

use serde_json::{Value, json};

use super::read::NEW_CONTRADICTIONS;

/// Keys in conflict now, worst first.
const CONTESTED_KEYS: &str = "\
SELECT k.id AS key, k.kind, k.subject, k.verdict, k.grade, k.independent_sources, k.claims,
       k.range_min, k.range_max
FROM keys k JOIN grades g ON g.name = k.grade
WHERE k.verdict = 'contradict' OR k.grade IN ('contested', 'contradicts-reference')
ORDER BY g.rank, k.id";

/// One outlet's standing claims and how their keys stand.
const OUTLET_CLAIMS: &str = "\
SELECT c.id, c.document, d.published, c.kind, c.subject, c.value, c.speaker, c.quote,
       k.verdict, k.grade
FROM current_claims c JOIN documents d ON d.id = c.document JOIN keys k ON k.id = c.key
WHERE c.outlet = :outlet
ORDER BY d.published, d.seq, c.span_start";

/// Claims that came after a run.
const CLAIMS_SINCE: &str = "\
SELECT e.run, c.id, c.document, c.outlet, c.key, c.value, c.quote
FROM claim_events e JOIN claims c ON c.id = e.claim
WHERE e.run > :run AND e.change = 'added' AND c.removed IS NULL
ORDER BY e.run, c.document, c.span_start";

/// What each table holds, for Datasette's table pages.
const TABLES: &[(&str, &str)] = &[
    (
        "runs",
        "One row per ingest: when, with which rules version, and its counts.",
    ),
    (
        "warnings",
        "Problems reading documents and values refused while extracting, by run.",
    ),
    (
        "documents",
        "Every article ingested, with its metadata, text and content hash.",
    ),
    (
        "claims",
        "Every claim ever extracted; `removed` names the run that dropped it (NULL: it stands).",
    ),
    (
        "current_claims",
        "The claims that stand now (claims whose `removed` is NULL).",
    ),
    ("claim_events", "When each claim was added or removed."),
    (
        "keys",
        "Comparison keys (kind, subject, qualifier) and how each stands after the latest run.",
    ),
    (
        "versions",
        "Each distinct value of a key, who carries it and its judgement.",
    ),
    (
        "families",
        "Groups of claims that count as one source, and why.",
    ),
    ("pairs", "Pairs of claims on a key and their verdict."),
    ("verdicts", "The verdicts on a pair or a key."),
    ("grades", "The grades of a key, worst first."),
    (
        "reference_facts",
        "Authoritative facts the claims are checked against.",
    ),
    (
        "corrections",
        "Reviewer corrections applied by a run, with their author and note.",
    ),
    (
        "verdict_history",
        "Each key's verdict and grade at each run: what changed since yesterday.",
    ),
];

/// The metadata for a store Datasette names `database` (its file name
/// without `.sqlite` or `.db`).
pub fn metadata(database: &str) -> Value {
    let tables: serde_json::Map<String, Value> = TABLES
        .iter()
        .map(|(name, description)| {
            let mut table = json!({ "description": description });
            if *name == "claims" || *name == "current_claims" {
                table["fts_table"] = json!("claims_fts");
                table["fts_pk"] = json!("claim");
            }
            (name.to_string(), table)
        })
        .collect();
    json!({
        "title": "crosscheck desk",
        "description": "Claims extracted from news articles, compared key by key, run after run (docs/store.md).",
        "databases": {
            database: {
                "tables": tables,
                "queries": {
                    "contested_keys": {
                        "title": "Contested keys",
                        "description": "Keys whose sources contradict each other or the reference, worst first.",
                        "sql": CONTESTED_KEYS
                    },
                    "new_contradictions": {
                        "title": "New contradictions since the last run",
                        "description": "Keys in conflict after the latest run that were not after the run before.",
                        "sql": NEW_CONTRADICTIONS
                    },
                    "outlet_claims": {
                        "title": "One outlet's claims",
                        "description": "The claims an outlet makes now, and how their keys stand.",
                        "sql": OUTLET_CLAIMS
                    },
                    "claims_since": {
                        "title": "Claims added since a run",
                        "description": "Claims that came after run :run and still stand.",
                        "sql": CLAIMS_SINCE
                    }
                }
            }
        }
    })
}

/// The queries, for tests that run them against a store.
#[cfg(test)]
pub(super) const CANNED: &[(&str, &str)] = &[
    ("contested_keys", CONTESTED_KEYS),
    ("outlet_claims", OUTLET_CLAIMS),
    ("claims_since", CLAIMS_SINCE),
];
