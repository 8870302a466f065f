//! The compact view: entities → keys → versions, the reference facts, and
//! red edges where versions contradict each other or the reference. No
//! outlets, documents or single claims: each version names its outlets.

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{DiGraph, NodeIndex};

use super::{ClaimGraph, Edge, Node, entity_node, urls};
use crate::compare::{Comparison, Verdict};
use crate::corpus::DocumentInfo;
use crate::recognize::Gazetteer;

/// The versions of one key that its listed pairs find contradicting each
/// other, each pair once (lower index first).
fn contradicting_versions(c: &Comparison) -> BTreeSet<(usize, usize)> {
    let version_of: HashMap<&str, usize> = c
        .versions
        .iter()
        .enumerate()
        .flat_map(|(i, v)| v.claims.iter().map(move |id| (id.as_str(), i)))
        .collect();
    c.pairs
        .iter()
        .filter(|p| p.verdict == Verdict::Contradict)
        .filter_map(|p| {
            let (a, b) = (
                *version_of.get(p.a.as_str())?,
                *version_of.get(p.b.as_str())?,
            );
            (a != b).then(|| (a.min(b), a.max(b)))
        })
        .collect()
}

/// Adds one key: its node, edges from its entities, its versions, its
/// reference fact, and the contradictions between its versions.
fn add_key(
    graph: &mut DiGraph<Node, Edge>,
    entities: &mut HashMap<String, NodeIndex>,
    gazetteer: &Gazetteer,
    k: usize,
    c: &Comparison,
) {
    let key = graph.add_node(Node::Key(k));
    let subject = entity_node(graph, entities, gazetteer, &c.key.subject);
    graph.add_edge(subject, key, Edge::Key);
    for (name, value) in &c.key.qualifier {
        if gazetteer.find_id(value).is_some() {
            let entity = entity_node(graph, entities, gazetteer, value);
            graph.add_edge(entity, key, Edge::Qualifier(name.clone()));
        }
    }
    let versions: Vec<NodeIndex> = (0..c.versions.len())
        .map(|v| {
            let node = graph.add_node(Node::Version(k, v));
            graph.add_edge(key, node, Edge::Says);
            node
        })
        .collect();
    if c.reference.is_some() {
        let fact = graph.add_node(Node::Reference(k));
        graph.add_edge(key, fact, Edge::Says);
        for (v, version) in c.versions.iter().enumerate() {
            if let Some(verdict) = version.reference {
                graph.add_edge(fact, versions[v], Edge::Checks(verdict));
            }
        }
    }
    for (a, b) in contradicting_versions(c) {
        graph.add_edge(versions[a], versions[b], Edge::Verdict(Verdict::Contradict));
    }
}

impl ClaimGraph {
    /// The compact view of a run's comparisons (see the module docs).
    pub fn compact(
        gazetteer: &Gazetteer,
        documents: &[DocumentInfo],
        comparisons: &[Comparison],
    ) -> ClaimGraph {
        let mut graph = DiGraph::new();
        let mut entities = HashMap::new();
        for (k, c) in comparisons.iter().enumerate() {
            add_key(&mut graph, &mut entities, gazetteer, k, c);
        }
        ClaimGraph {
            graph,
            claims: Vec::new(),
            outlets: HashMap::new(),
            comparisons: comparisons.to_vec(),
            urls: urls(documents),
        }
    }
}
