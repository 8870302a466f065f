//! The graph stage: what a run found as a petgraph graph, in two views.
//! The compact view ([`ClaimGraph::compact`], the default) shows the
//! finding: entities → comparison keys → the versions of each key's
//! value, reference facts with red edges to the versions that contradict
//! them, and red edges between versions that contradict each other. The
//! full view ([`ClaimGraph::build`]) has every outlet, document and claim,
//! with edges publishes / reports / about / qualifier and, between claims
//! on one key, agrees / compatible / contradicts.

mod compact;

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::claim::Claim;
use crate::compare::{Comparison, Verdict};
use crate::corpus::DocumentInfo;
use crate::recognize::Gazetteer;

/// A node of the claim graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An outlet.
    Outlet(String),
    /// A document, by id.
    Document(String),
    /// An entity: id and label.
    Entity {
        /// Entity id.
        id: String,
        /// Its first alias.
        label: String,
    },
    /// A claim, by index into [`ClaimGraph::claims`].
    Claim(usize),
    /// A comparison key, by index into [`ClaimGraph::comparisons`].
    Key(usize),
    /// One version of a key's value: the key's index and the version's.
    Version(usize, usize),
    /// The reference fact of a key, by the key's index.
    Reference(usize),
}

/// An edge of the claim graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Edge {
    /// Outlet → document.
    Publishes,
    /// Document → claim.
    Reports,
    /// Claim → its subject.
    About,
    /// Claim → an entity named by a qualifier (`actor`, `from`…).
    Qualifier(String),
    /// Claim → claim (or version → version) on the same key.
    Verdict(Verdict),
    /// Entity → a key about it (compact view).
    Key,
    /// Key → one version of its value (compact view).
    Says,
    /// Reference fact → a claim or version, with their verdict.
    Checks(Verdict),
}

impl Edge {
    /// The edge's label.
    pub fn label(&self) -> String {
        match self {
            Edge::Publishes => "publishes".into(),
            Edge::Reports => "reports".into(),
            Edge::About => "about".into(),
            Edge::Qualifier(name) => name.clone(),
            Edge::Verdict(Verdict::Agree) => "agrees".into(),
            Edge::Verdict(Verdict::Contradict) => "contradicts".into(),
            Edge::Verdict(v) => v.as_str().into(),
            Edge::Key => "key".into(),
            Edge::Says => "says".into(),
            Edge::Checks(Verdict::Contradict) => "contradicts".into(),
            Edge::Checks(_) => "matches".into(),
        }
    }
}

/// The model every graph export is drawn from.
#[derive(Debug, Clone)]
pub struct ClaimGraph {
    /// The graph.
    pub graph: DiGraph<Node, Edge>,
    /// The claims its claim nodes point into.
    pub claims: Vec<Claim>,
    /// Outlet of each document id.
    pub outlets: HashMap<String, String>,
    /// The keys its key, version and reference nodes point into.
    pub comparisons: Vec<Comparison>,
    /// Addresses of documents, by id, for links.
    pub urls: HashMap<String, String>,
}

/// What a claim (or key) is about, in words: the event or kind, the place,
/// and any other qualifier — `liberation · tal-afar`,
/// `fighter_count · raqqa · actor=isis`.
pub fn describe(key: &crate::claim::Key) -> String {
    let event = key.qualifier.get("event");
    let mut out = format!(
        "{} · {}",
        event.map_or(key.kind.as_str(), String::as_str),
        key.subject
    );
    for (name, value) in key.qualifier.iter().filter(|(n, _)| n.as_str() != "event") {
        out.push_str(&format!(" · {name}={value}"));
    }
    out
}

fn urls(documents: &[DocumentInfo]) -> HashMap<String, String> {
    documents
        .iter()
        .filter_map(|d| Some((d.id.clone(), d.url.clone()?)))
        .collect()
}

/// The entity node for `id`, added once, labelled with its first alias.
fn entity_node(
    graph: &mut DiGraph<Node, Edge>,
    entities: &mut HashMap<String, NodeIndex>,
    gazetteer: &Gazetteer,
    id: &str,
) -> NodeIndex {
    *entities.entry(id.to_string()).or_insert_with(|| {
        let label = gazetteer
            .find_id(id)
            .map(|i| gazetteer.get(i).label.clone())
            .unwrap_or_default();
        graph.add_node(Node::Entity {
            id: id.to_string(),
            label,
        })
    })
}

impl ClaimGraph {
    /// Builds the graph of a corpus's claims and comparisons.
    pub fn build(
        gazetteer: &Gazetteer,
        documents: &[DocumentInfo],
        claims: &[Claim],
        comparisons: &[Comparison],
    ) -> ClaimGraph {
        let mut graph = DiGraph::new();
        let mut outlets: HashMap<String, NodeIndex> = HashMap::new();
        let mut docs: HashMap<String, NodeIndex> = HashMap::new();
        let mut entities: HashMap<String, NodeIndex> = HashMap::new();
        let mut claim_nodes: HashMap<String, NodeIndex> = HashMap::new();
        for doc in documents {
            let outlet = *outlets
                .entry(doc.outlet.clone())
                .or_insert_with(|| graph.add_node(Node::Outlet(doc.outlet.clone())));
            let node = graph.add_node(Node::Document(doc.id.clone()));
            graph.add_edge(outlet, node, Edge::Publishes);
            docs.insert(doc.id.clone(), node);
        }
        let mut entity = |graph: &mut DiGraph<Node, Edge>, id: &str| {
            entity_node(graph, &mut entities, gazetteer, id)
        };
        for (index, claim) in claims.iter().enumerate() {
            let node = graph.add_node(Node::Claim(index));
            claim_nodes.insert(claim.id.clone(), node);
            if let Some(&doc) = docs.get(&claim.doc) {
                graph.add_edge(doc, node, Edge::Reports);
            }
            let subject = entity(&mut graph, &claim.subject);
            graph.add_edge(node, subject, Edge::About);
            for (name, value) in &claim.qualifier {
                if gazetteer.find_id(value).is_some() {
                    let target = entity(&mut graph, value);
                    graph.add_edge(node, target, Edge::Qualifier(name.clone()));
                }
            }
        }
        for (k, comparison) in comparisons.iter().enumerate() {
            for pair in &comparison.pairs {
                if let (Some(&a), Some(&b)) = (claim_nodes.get(&pair.a), claim_nodes.get(&pair.b)) {
                    graph.add_edge(a, b, Edge::Verdict(pair.verdict));
                }
            }
            full_reference(&mut graph, &claim_nodes, comparison, k);
        }
        ClaimGraph {
            graph,
            claims: claims.to_vec(),
            outlets: documents
                .iter()
                .map(|d| (d.id.clone(), d.outlet.clone()))
                .collect(),
            comparisons: comparisons.to_vec(),
            urls: urls(documents),
        }
    }

    /// Keeps only one entity, the claims about or qualified by it, their
    /// documents and outlets, and the claims they are compared with.
    pub fn neighbourhood(&self, entity_id: &str) -> ClaimGraph {
        let g = &self.graph;
        let Some(centre) = g
            .node_indices()
            .find(|&n| matches!(&g[n], Node::Entity { id, .. } if id == entity_id))
        else {
            return ClaimGraph {
                graph: DiGraph::new(),
                claims: Vec::new(),
                outlets: self.outlets.clone(),
                comparisons: Vec::new(),
                urls: self.urls.clone(),
            };
        };
        let mut keep: std::collections::HashSet<NodeIndex> = [centre].into();
        let direct: Vec<NodeIndex> = g.neighbors_directed(centre, petgraph::Incoming).collect();
        for claim in &direct {
            keep.insert(*claim);
            for e in g
                .edges_directed(*claim, petgraph::Incoming)
                .chain(g.edges_directed(*claim, petgraph::Outgoing))
            {
                keep.insert(e.source());
                keep.insert(e.target());
            }
        }
        let docs: Vec<NodeIndex> = keep
            .iter()
            .copied()
            .filter(|&n| matches!(g[n], Node::Document(_)))
            .collect();
        for doc in docs {
            keep.extend(g.neighbors_directed(doc, petgraph::Incoming));
        }
        let graph = g.filter_map(
            |n, node| keep.contains(&n).then(|| node.clone()),
            |_, edge| Some(edge.clone()),
        );
        ClaimGraph {
            graph,
            claims: self.claims.clone(),
            outlets: self.outlets.clone(),
            comparisons: self.comparisons.clone(),
            urls: self.urls.clone(),
        }
    }
}

/// A key's reference fact as a node, with an edge to each claim it
/// checks: red where the claim's version contradicts it (full view).
fn full_reference(
    graph: &mut DiGraph<Node, Edge>,
    claim_nodes: &HashMap<String, NodeIndex>,
    comparison: &Comparison,
    k: usize,
) {
    if comparison.reference.is_none() {
        return;
    }
    let fact = graph.add_node(Node::Reference(k));
    for version in &comparison.versions {
        let Some(verdict) = version.reference else {
            continue;
        };
        for id in &version.claims {
            if let Some(&claim) = claim_nodes.get(id) {
                graph.add_edge(fact, claim, Edge::Checks(verdict));
            }
        }
    }
}
