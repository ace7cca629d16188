//! Stage 6a: exports — Graphviz DOT (written with dot-writer) and node-link JSON (networkx, D3).
//!
//! dot-writer escapes nothing, so this module uses synthetic node ids (`n0`, `n1`, in actor-id
//! order), escapes `\`, `"` and line breaks in every label itself, and always writes in pretty mode.

use dot_writer::{Attributes, DotWriter};
use serde_json::{json, Value};

use crate::graph::Graph;

/// Escapes a string for a double-quoted DOT label: `\` → `\\`, `"` → `\"`, line breaks → `\n`.
///
/// ```
/// assert_eq!(geokg::export::escape_dot("a \"b\"\\c\nd"), "a \\\"b\\\"\\\\c\\nd");
/// ```
pub fn escape_dot(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The colour of a quad class: green and blue for cooperation, orange and red for conflict.
pub fn quad_color(quad: u8) -> &'static str {
    match quad {
        1 => "#2e7d32",
        2 => "#1565c0",
        3 => "#ef6c00",
        _ => "#c62828",
    }
}

/// Writes the graph as Graphviz DOT: one box per actor (name and country), one arrow per
/// (source, target, code) labelled with the code, its label and the count, coloured by quad class
/// and as wide as the count warrants.
///
/// ```
/// let g = geokg::Graph::new();
/// assert!(geokg::export::to_dot(&g).starts_with("digraph {"));
/// ```
pub fn to_dot(graph: &Graph) -> String {
    let nodes: Vec<_> = graph.nodes().collect();
    let index: std::collections::HashMap<&str, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        g.graph_attributes().set("rankdir", "LR", false).set("label", "geokg", true);
        g.node_attributes().set("shape", "box", false).set("style", "rounded", true).set(
            "fontname",
            "Helvetica",
            true,
        );
        g.edge_attributes().set("fontname", "Helvetica", true).set("fontsize", "10", false);
        for (i, n) in nodes.iter().enumerate() {
            let label = match &n.country {
                Some(c) if n.kind != crate::model::ActorKind::Country => {
                    format!("{}\n({c})", n.name)
                }
                _ => n.name.clone(),
            };
            g.node_named(format!("n{i}")).set("label", &escape_dot(&label), true).set(
                "tooltip",
                &escape_dot(&format!("{} [{}]", n.id, n.kind.as_str())),
                true,
            );
        }
        for e in graph.edges() {
            let label = format!(
                "{} {}{}",
                e.cameo,
                e.label,
                if e.count > 1 { format!(" ×{}", e.count) } else { String::new() }
            );
            let width = 1.0 + (e.count as f64).ln();
            g.edge(format!("n{}", index[e.source.as_str()]), format!("n{}", index[e.target.as_str()]))
                .attributes()
                .set("label", &escape_dot(&label), true)
                .set("color", quad_color(e.quad), true)
                .set("fontcolor", quad_color(e.quad), true)
                .set("penwidth", &format!("{width:.2}"), false);
        }
    }
    String::from_utf8(bytes).expect("dot-writer writes the UTF-8 it is given")
}

/// The graph in node-link form, as networkx' `node_link_graph` and D3 read it:
/// `{"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id": ...}], "links": [{"source", "target", "key", ...}]}`.
pub fn to_json(graph: &Graph) -> Value {
    let nodes: Vec<Value> =
        graph.nodes().map(|n| serde_json::to_value(n).expect("node serialises")).collect();
    let links: Vec<Value> = graph
        .edges()
        .map(|e| {
            let mut v = serde_json::to_value(e).expect("edge serialises");
            v["key"] = json!(e.cameo);
            v
        })
        .collect();
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {"name": "geokg", "format": crate::graph::FORMAT_VERSION},
        "nodes": nodes,
        "links": links,
    })
}
