//! `compare`, `report` and `graph`: the analysis filtered — `--kind` and
//! `--entity` checked against the rules and the claims, an unknown one a
//! usage error with a suggestion — rendered, and the exit code it earns.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use anyhow::{Result, bail};

use super::args::{FilterArgs, Input, ReviewArgs, SourceArgs, ViewArgs};
use super::gather::{analyze, filtered};
use super::output::emit;
use super::{Exit, colour, view};
use crosscheck::compare::{Analysis, Comparison, Filter, Grade, Judgement, Verdict};
use crosscheck::corpus;
use crosscheck::graph::ClaimGraph;
use crosscheck::report::{Format, Page, Style, Subject};
use crosscheck::rules::{RuleSet, suggest};
use crosscheck::text::{normalize, tokenize};

/// The verdicts and grades `--verdict` takes.
const VERDICTS: [&str; 8] = [
    "contradict",
    "compatible",
    "agree",
    "single-source",
    "contradicts-reference",
    "contested",
    "corroborated",
    "matches-reference",
];

/// How `compare` and `report` show what they found.
pub struct Show<'a> {
    pub format: Format,
    pub fail_on_contradiction: bool,
    pub view: &'a ViewArgs,
    pub review: Option<&'a ReviewArgs>,
    pub source: &'a SourceArgs,
}

impl<'a> Show<'a> {
    pub fn new(
        format: Format,
        fail_on_contradiction: bool,
        view: &'a ViewArgs,
        review: Option<&'a ReviewArgs>,
        source: &'a SourceArgs,
    ) -> Show<'a> {
        Show {
            format,
            fail_on_contradiction,
            view,
            review,
            source,
        }
    }
}

/// The entity a name (an alias in any language) names, where it names one
/// whole.
fn entity_named(rules: &RuleSet, name: &str) -> Option<String> {
    let norm = normalize(name);
    let text = norm.text.as_str();
    let mut tokens = tokenize(text);
    rules.lexicon.mark(text, &mut tokens);
    let all = 0..tokens.tokens.len();
    rules
        .gazetteer
        .find(text, &tokens, all.clone())
        .into_iter()
        .find(|m| m.tokens == all && m.provisional.is_none() && m.fuzzy.is_none())
        .map(|m| rules.gazetteer.get(m.entity).id.clone())
}

/// Entities the run's keys name that the gazetteer does not list:
/// provisional places, new entities of a review.
fn named_in_keys(analysis: &Analysis) -> BTreeSet<String> {
    analysis
        .comparisons
        .iter()
        .flat_map(|c| std::iter::once(&c.key.subject).chain(c.key.qualifier.values()))
        .cloned()
        .collect()
}

/// One `--entity`: an id the rules or the claims know, or a name of one.
fn entity_id(rules: &RuleSet, in_keys: &BTreeSet<String>, given: &str) -> Result<String> {
    if rules.gazetteer.find_id(given).is_some() || in_keys.contains(given) {
        return Ok(given.to_string());
    }
    if let Some(id) = entity_named(rules, given) {
        writeln!(io::stderr(), "notice: --entity {given} is {id}")?;
        return Ok(id);
    }
    let ids: Vec<String> = rules
        .gazetteer
        .entities()
        .iter()
        .map(|e| e.id.clone())
        .chain(in_keys.iter().cloned())
        .collect();
    bail!(
        "unknown entity \"{given}\"{}: give an entity id (tal-afar) or one of its names (تلعفر, Tal Afar)",
        suggest(given, &ids)
    )
}

/// The filter with every kind and verdict checked and every entity
/// resolved to its id.
pub fn resolve(rules: &RuleSet, analysis: &Analysis, args: &FilterArgs) -> Result<Filter> {
    let mut filter = args.given();
    let kinds: Vec<String> = rules.kinds.keys().cloned().collect();
    for kind in &filter.kinds {
        if !rules.kinds.contains_key(kind) {
            bail!(
                "unknown kind \"{kind}\"{}; the kinds are {}",
                suggest(kind, &kinds),
                kinds.join(", ")
            );
        }
    }
    let verdicts: Vec<String> = VERDICTS.iter().map(|v| v.to_string()).collect();
    for verdict in &filter.verdicts {
        if !verdicts.contains(verdict) {
            bail!(
                "unknown verdict \"{verdict}\"{}; they are {}",
                suggest(verdict, &verdicts),
                VERDICTS.join(", ")
            );
        }
    }
    let in_keys = named_in_keys(analysis);
    filter.entities = filter
        .entities
        .iter()
        .map(|e| entity_id(rules, &in_keys, e))
        .collect::<Result<_>>()?;
    Ok(filter)
}

/// True when two independent source families contradict each other on
/// the key (not one outlet contradicting itself, not the reference).
fn sources_contradict(c: &Comparison) -> bool {
    if c.grade == Grade::Contested
        || c.versions
            .iter()
            .any(|v| v.judgement == Judgement::ContradictsOtherFamily)
    {
        return true;
    }
    let family: HashMap<&str, usize> = c
        .families
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.claims.iter().map(move |id| (id.as_str(), i)))
        .collect();
    c.pairs.iter().any(|p| {
        p.verdict == Verdict::Contradict && family.get(p.a.as_str()) != family.get(p.b.as_str())
    })
}

/// What `--fail-on-contradiction` makes of the keys shown: 1 for sources
/// contradicting each other, 3 when only reference facts are contradicted.
pub fn finding(analysis: &Analysis) -> Exit {
    if analysis.comparisons.iter().any(sources_contradict) {
        Exit::Finding
    } else if analysis
        .comparisons
        .iter()
        .any(|c| c.grade == Grade::ContradictsReference)
    {
        Exit::ReferenceOnly
    } else {
        Exit::Success
    }
}

/// The graph for an HTML page, or why there is none.
fn page_graph(
    rules: &RuleSet,
    analysis: &Analysis,
    format: Format,
) -> (Option<String>, Option<String>) {
    if format != Format::ReportHtml {
        return (None, None);
    }
    match view::graph_svg(rules, analysis) {
        Ok(svg) => (Some(svg), None),
        Err(note) => (None, Some(note)),
    }
}

/// `compare` and `report`: the analysis filtered and rendered.
pub fn show(rules: &RuleSet, input: &Input, filter: &FilterArgs, how: &Show<'_>) -> Result<Exit> {
    let analysis = analyze(rules, input, how.source)?;
    let filter = resolve(rules, &analysis, filter)?;
    let analysis = filtered(analysis, &filter);
    let format = how.format;
    let (svg, note) = page_graph(rules, &analysis, format);
    let review = how.review;
    if format == Format::ReportClaimReview && review.is_none_or(|r| r.review_url.is_none()) {
        writeln!(
            io::stderr(),
            "warning: without --review-url the reviews have no `url`, which fact-check search requires"
        )?;
    }
    let style = Style {
        colour: colour(input.output.as_deref()),
        width: view::width(how.view.width, input.output.as_deref()),
        layout: how.view.layout.layout(),
        timeline: how.view.timeline,
        page: Page {
            graph_svg: svg.as_deref(),
            graph_note: note.as_deref(),
            author: review.and_then(|r| r.author.as_deref()),
            review_url: review.and_then(|r| r.review_url.as_deref()),
        },
        ..Style::default()
    };
    let subject = Subject::Analysis(&analysis);
    emit(input.output.as_deref(), |out| {
        Ok(format.render(subject, style, out)?)
    })?;
    if corpus::unreadable(&analysis.problems) > 0 {
        return Ok(Exit::InputError);
    }
    Ok(if how.fail_on_contradiction {
        finding(&analysis)
    } else {
        Exit::Success
    })
}

/// `graph`: the compact graph (of one entity's keys), or the full graph
/// (or one entity's neighbourhood in it).
pub fn graph(
    rules: &RuleSet,
    input: &Input,
    source: &SourceArgs,
    format: Format,
    entity: Option<&str>,
    full: bool,
) -> Result<Exit> {
    let analysis = analyze(rules, input, source)?;
    let entity = match entity {
        Some(given) => Some(entity_id(rules, &named_in_keys(&analysis), given)?),
        None => None,
    };
    let filter = Filter {
        entities: entity.iter().filter(|_| !full).cloned().collect(),
        ..Filter::default()
    };
    let analysis = filtered(analysis, &filter);
    let graph = if full {
        let graph = ClaimGraph::build(
            &rules.gazetteer,
            &analysis.documents,
            &analysis.claims,
            &analysis.comparisons,
        );
        match &entity {
            Some(id) => graph.neighbourhood(id),
            None => graph,
        }
    } else {
        ClaimGraph::compact(&rules.gazetteer, &analysis.documents, &analysis.comparisons)
    };
    let subject = Subject::Graph(&graph);
    emit(input.output.as_deref(), |out| {
        Ok(format.render(subject, Style::default(), out)?)
    })?;
    Ok(if corpus::unreadable(&analysis.problems) > 0 {
        Exit::InputError
    } else {
        Exit::Success
    })
}
