//! The graph stage: outlets, documents, entities and claims as a petgraph
//! graph, with edges publishes / reports / about / qualifier and, between
//! claims on one key, agrees / compatible / contradicts.

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
    /// Claim → claim on the same key.
    Verdict(Verdict),
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
        for comparison in comparisons {
            for pair in &comparison.pairs {
                if let (Some(&a), Some(&b)) = (claim_nodes.get(&pair.a), claim_nodes.get(&pair.b)) {
                    graph.add_edge(a, b, Edge::Verdict(pair.verdict));
                }
            }
        }
        ClaimGraph {
            graph,
            claims: claims.to_vec(),
            outlets: documents
                .iter()
                .map(|d| (d.id.clone(), d.outlet.clone()))
                .collect(),
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
        }
    }
}
