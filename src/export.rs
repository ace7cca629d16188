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
            '\r' | '\u{fffe}' | '\u{ffff}' => {}
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

/// Options of the DOT export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DotOptions {
    /// Add a legend of the quad-class colours.
    pub legend: bool,
    /// Draw the persons acting for a state in a box with that state.
    pub clusters: bool,
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
    to_dot_with(graph, DotOptions::default())
}

/// [`to_dot`] with a legend and clusters of office-holders under their state, on request.
pub fn to_dot_with(graph: &Graph, options: DotOptions) -> String {
    let nodes: Vec<_> = graph.nodes().collect();
    let index: std::collections::HashMap<&str, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let label_of = |n: &crate::graph::Node| match &n.country {
        Some(c) if n.kind != crate::model::ActorKind::Country => format!("{}\n({c})", n.name),
        _ => n.name.clone(),
    };
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
        // persons of a state drawn inside a box with it
        let mut clustered = std::collections::HashSet::new();
        if options.clusters {
            let mut by_state: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
            for (i, n) in nodes.iter().enumerate() {
                if let Some(c) = n.country.as_deref() {
                    by_state.entry(c).or_default().push(i);
                }
            }
            for (state, members) in by_state {
                if members.len() < 2 {
                    continue;
                }
                let mut cluster = g.cluster();
                cluster
                    .graph_attributes()
                    .set("label", &escape_dot(state), true)
                    .set("style", "dashed", true);
                for i in members {
                    let n = nodes[i];
                    cluster.node_named(format!("n{i}")).set("label", &escape_dot(&label_of(n)), true).set(
                        "tooltip",
                        &escape_dot(&format!("{} [{}]", n.id, n.kind.as_str())),
                        true,
                    );
                    clustered.insert(i);
                }
            }
        }
        for (i, n) in nodes.iter().enumerate() {
            if clustered.contains(&i) {
                continue;
            }
            g.node_named(format!("n{i}")).set("label", &escape_dot(&label_of(n)), true).set(
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
        if options.legend {
            let mut legend = g.cluster();
            legend.graph_attributes().set("label", "quad class", true);
            for (q, name) in QUADS.iter().enumerate() {
                let q = q as u8 + 1;
                legend.node_named(format!("legend{q}a")).set("shape", "point", false);
                legend.node_named(format!("legend{q}b")).set("shape", "point", false);
                legend
                    .edge(format!("legend{q}a"), format!("legend{q}b"))
                    .attributes()
                    .set("label", name, true)
                    .set("color", quad_color(q), true)
                    .set("fontcolor", quad_color(q), true);
            }
        }
    }
    String::from_utf8(bytes).expect("dot-writer writes the UTF-8 it is given")
}

/// The names of the four quad classes.
pub const QUADS: [&str; 4] =
    ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/// The graph in node-link form, as networkx 3.6's default `node_link_graph(d)` reads it (and D3,
/// from `d.nodes` and `d.edges`):
/// `{"directed": true, "multigraph": true, "graph": {...}, "nodes": [{"id": ...}], "edges": [{"source", "target", "key", ...}]}`.
///
/// The relations are under `edges` alone: networkx before 3.6 read `links` by default, and a
/// second copy of every relation (evidence included) under that name would double the file.
pub fn to_json(graph: &Graph) -> Value {
    let nodes: Vec<Value> =
        graph.nodes().map(|n| serde_json::to_value(n).expect("node serialises")).collect();
    let edges: Vec<Value> = graph
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
        "edges": edges,
    })
}

/// Escapes text for XML content and attribute values: markup characters as entities, tab and
/// line breaks as character references (so that a parser gives them back as they were, in
/// attributes too), and the characters XML 1.0 forbids (other controls, U+FFFE, U+FFFF) dropped.
///
/// ```
/// assert_eq!(geokg::export::escape_xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
/// ```
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // as character references, which attribute values and line-end handling keep
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // outside XML 1.0's characters: C0 and C1 controls, U+FFFE and U+FFFF
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The graph as GraphML, for Gephi, yEd and networkx `read_graphml`, with typed attributes:
/// `label` (the actor's name, the relation's label) and `weight` (the event count, a double) are
/// the keys Gephi shows as labels and uses as edge weights; `evidence` is every piece of evidence
/// of the relation as a JSON array (`[{"date", "doc", "sentence", "span", "text", "trigger",
/// "confidence"}]`, as in the graph file), and `cameo` a string that keeps its leading zero.
pub fn to_graphml(graph: &Graph) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    let keys = [
        ("label", "node", "string"),
        ("name", "node", "string"),
        ("kind", "node", "string"),
        ("country", "node", "string"),
        ("role", "node", "string"),
        ("mentions", "node", "int"),
        ("cameo", "edge", "string"),
        ("label", "edge", "string"),
        ("quad", "edge", "int"),
        ("goldstein", "edge", "double"),
        ("count", "edge", "int"),
        ("weight", "edge", "double"),
        ("first_date", "edge", "string"),
        ("last_date", "edge", "string"),
        ("evidence", "edge", "string"),
    ];
    for (name, target, ty) in keys {
        x.push_str(&format!(
            "  <key id=\"{target}_{name}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
        ));
    }
    x.push_str("  <graph id=\"geokg\" edgedefault=\"directed\">\n");
    let data = |x: &mut String, key: &str, v: &str| {
        x.push_str(&format!("      <data key=\"{key}\">{}</data>\n", escape_xml(v)));
    };
    for n in graph.nodes() {
        x.push_str(&format!("    <node id=\"{}\">\n", escape_xml(&n.id)));
        data(&mut x, "node_label", &n.name);
        data(&mut x, "node_name", &n.name);
        data(&mut x, "node_kind", n.kind.as_str());
        data(&mut x, "node_country", n.country.as_deref().unwrap_or(""));
        data(&mut x, "node_role", n.role.as_deref().unwrap_or(""));
        data(&mut x, "node_mentions", &n.mentions.to_string());
        x.push_str("    </node>\n");
    }
    for (i, e) in graph.edges().enumerate() {
        x.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n",
            escape_xml(&e.source),
            escape_xml(&e.target)
        ));
        data(&mut x, "edge_cameo", &e.cameo);
        data(&mut x, "edge_label", &e.label);
        data(&mut x, "edge_quad", &e.quad.to_string());
        data(&mut x, "edge_goldstein", &e.goldstein.to_string());
        data(&mut x, "edge_count", &e.count.to_string());
        data(&mut x, "edge_weight", &e.count.to_string());
        data(&mut x, "edge_first_date", e.first_date.as_deref().unwrap_or(""));
        data(&mut x, "edge_last_date", e.last_date.as_deref().unwrap_or(""));
        data(&mut x, "edge_evidence", &serde_json::to_string(&e.evidence).expect("evidence serialises"));
        x.push_str("    </edge>\n");
    }
    x.push_str("  </graph>\n</graphml>\n");
    x
}

/// The dates a spell can carry: evidence dates that are `YYYY-MM-DD` (a graph file written by
/// hand may hold others, which Gephi could not read).
fn spell_dates(e: &crate::graph::Edge) -> std::collections::BTreeSet<&str> {
    e.evidence
        .iter()
        .filter_map(|ev| ev.date.as_deref())
        .filter(|d| crate::ingest::parse_iso_date(d).as_deref() == Some(*d))
        .collect()
}

/// Writes `<spells>`: one point spell (`start` = `end`) per date.
fn push_spells(x: &mut String, dates: &std::collections::BTreeSet<&str>, indent: &str) {
    if dates.is_empty() {
        return;
    }
    x.push_str(&format!("{indent}<spells>\n"));
    for d in dates {
        x.push_str(&format!("{indent}  <spell start=\"{d}\" end=\"{d}\"/>\n"));
    }
    x.push_str(&format!("{indent}</spells>\n"));
}

/// The RGB of a quad class's colour ([`quad_color`]).
fn quad_rgb(quad: u8) -> (u8, u8, u8) {
    let hex = quad_color(quad);
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("quad colours are #rrggbb");
    (byte(1), byte(3), byte(5))
}

/// The graph as GEXF 1.3, for Gephi (and networkx `read_gexf`): a dynamic graph whose timeline
/// is the events' dates. Each relation has one spell per day it has evidence on (a point spell,
/// `start` = `end` = the day), each actor the days of all its relations; a relation with no
/// dated evidence has no spell, and neither has an actor taking part in one, which Gephi shows at
/// every time. Actors and relations carry `label` (name; relation label) and relations their
/// event count as `weight`, their CAMEO code as `kind` (so that Gephi keeps the parallel edges of
/// different codes apart) and a colour by quad class; the other fields are typed attributes.
///
/// ```
/// let gexf = geokg::export::to_gexf(&geokg::Graph::new());
/// assert!(gexf.contains(r#"<graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">"#));
/// ```
pub fn to_gexf(graph: &Graph) -> String {
    use std::collections::{BTreeMap, BTreeSet};
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(concat!(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
        "  <meta>\n    <creator>geokg</creator>\n",
        "    <description>actors and their CAMEO-coded relations, dated by their evidence</description>\n",
        "  </meta>\n",
        "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\">\n",
    ));
    let node_attrs = [("kind", "string"), ("country", "string"), ("role", "string"), ("mentions", "integer")];
    let edge_attrs = [
        ("cameo", "string"),
        ("quad", "integer"),
        ("goldstein", "double"),
        ("count", "integer"),
        ("first_date", "string"),
        ("last_date", "string"),
    ];
    for (class, attrs) in [("node", &node_attrs[..]), ("edge", &edge_attrs[..])] {
        x.push_str(&format!("    <attributes class=\"{class}\" mode=\"static\">\n"));
        for (i, (title, ty)) in attrs.iter().enumerate() {
            x.push_str(&format!("      <attribute id=\"{i}\" title=\"{title}\" type=\"{ty}\"/>\n"));
        }
        x.push_str("    </attributes>\n");
    }
    let attvalues = |x: &mut String, values: &[Option<String>]| {
        x.push_str("        <attvalues>\n");
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                x.push_str(&format!("          <attvalue for=\"{i}\" value=\"{}\"/>\n", escape_xml(v)));
            }
        }
        x.push_str("        </attvalues>\n");
    };
    // an actor's days: those of its relations, none (always there) when one of them has none
    let mut days: BTreeMap<&str, Option<BTreeSet<&str>>> = BTreeMap::new();
    let edge_days: Vec<BTreeSet<&str>> = graph.edges().map(spell_dates).collect();
    for (e, dates) in graph.edges().zip(&edge_days) {
        for end in [e.source.as_str(), e.target.as_str()] {
            let entry = days.entry(end).or_insert_with(|| Some(BTreeSet::new()));
            match (entry.as_mut(), dates.is_empty()) {
                (Some(_), true) => *entry = None,
                (Some(all), false) => all.extend(dates),
                (None, _) => {}
            }
        }
    }
    x.push_str("    <nodes>\n");
    for n in graph.nodes() {
        x.push_str(&format!("      <node id=\"{}\" label=\"{}\">\n", escape_xml(&n.id), escape_xml(&n.name)));
        attvalues(
            &mut x,
            &[
                Some(n.kind.as_str().to_string()),
                n.country.clone(),
                n.role.clone(),
                Some(n.mentions.to_string()),
            ],
        );
        if let Some(Some(dates)) = days.get(n.id.as_str()) {
            push_spells(&mut x, dates, "        ");
        }
        x.push_str("      </node>\n");
    }
    x.push_str("    </nodes>\n    <edges>\n");
    for (i, (e, dates)) in graph.edges().zip(&edge_days).enumerate() {
        x.push_str(&format!(
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" kind=\"{}\" label=\"{}\" weight=\"{}\">\n",
            escape_xml(&e.source),
            escape_xml(&e.target),
            escape_xml(&e.cameo),
            escape_xml(&e.label),
            e.count
        ));
        attvalues(
            &mut x,
            &[
                Some(e.cameo.to_string()),
                Some(e.quad.to_string()),
                Some(e.goldstein.to_string()),
                Some(e.count.to_string()),
                e.first_date.as_deref().map(str::to_string),
                e.last_date.as_deref().map(str::to_string),
            ],
        );
        push_spells(&mut x, dates, "        ");
        let (r, g, b) = quad_rgb(e.quad);
        x.push_str(&format!("        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>\n"));
        x.push_str("      </edge>\n");
    }
    x.push_str("    </edges>\n  </graph>\n</gexf>\n");
    x
}

/// The graph as Cytoscape.js elements: `{"elements": {"nodes": [{"data": ...}], "edges": [...]}}`,
/// which networkx' `cytoscape_graph` reads too.
pub fn to_cytoscape(graph: &Graph) -> Value {
    let nodes: Vec<Value> = graph
        .nodes()
        .map(|n| {
            json!({"data": {"id": n.id, "value": n.id, "name": n.name, "label": n.name, "kind": n.kind.as_str(),
                "country": n.country, "role": n.role, "mentions": n.mentions}})
        })
        .collect();
    let edges: Vec<Value> = graph
        .edges()
        .enumerate()
        .map(|(i, e)| {
            json!({"data": {"id": format!("e{i}"), "key": e.cameo, "source": e.source, "target": e.target, "cameo": e.cameo,
                "label": format!("{} {}", e.cameo, e.label), "quad": e.quad, "goldstein": e.goldstein,
                "count": e.count, "first_date": e.first_date, "last_date": e.last_date,
                "color": quad_color(e.quad)}})
        })
        .collect();
    // "data", "directed" and "multigraph" also let networkx' cytoscape_graph read it
    json!({"data": {"name": "geokg"}, "directed": true, "multigraph": true,
        "elements": {"nodes": nodes, "edges": edges}})
}

/// A CSV cell as `neo4j-admin database import` reads it: quoted when it holds a comma, a quote
/// or a line break (quotes doubled), control characters but line breaks turned into spaces, and
/// otherwise the value itself: no spreadsheet-style `'` before a leading `=`, `+`, `-` or `@`,
/// which Neo4j would keep as part of the data (the files are for Neo4j, not for a spreadsheet).
///
/// ```
/// assert_eq!(geokg::export::csv_cell("=HYPERLINK(\"x\")"), "\"=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(geokg::export::csv_cell("@SUM(A1)"), "@SUM(A1)");
/// assert_eq!(geokg::export::csv_cell("023"), "023");
/// assert_eq!(geokg::export::csv_cell("Russia, again"), "\"Russia, again\"");
/// ```
pub fn csv_cell(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_control() && c != '\n' { ' ' } else { c }).collect();
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A Neo4j array cell (`string[]`): the items joined by `;`, Neo4j's array delimiter, which has
/// no escape: a `;` inside an item becomes a `,`.
///
/// ```
/// assert_eq!(geokg::export::csv_array(["Poutine", "Putin; V."]), "\"Poutine;Putin, V.\"");
/// ```
pub fn csv_array<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    csv_cell(&items.into_iter().map(|i| i.replace(';', ",")).collect::<Vec<_>>().join(";"))
}

/// A `:date` cell: the day when it is `YYYY-MM-DD` (a hand-made graph file may hold other
/// text, which would stop the import), else empty (no property).
fn neo4j_date(d: Option<&str>) -> String {
    d.filter(|d| crate::ingest::parse_iso_date(d).as_deref() == Some(*d)).unwrap_or("").to_string()
}

/// The graph as the two CSV files of `neo4j-admin database import`: nodes (`id:ID`, the
/// aliases as a `string[]` array, `:LABEL`) and relationships (`:START_ID`, `:END_ID`, `:TYPE`,
/// the CAMEO code as a `string` that keeps its leading zero, the first and last days as `:date`).
pub fn to_csv(graph: &Graph) -> (String, String) {
    let mut nodes = String::from("id:ID,name,kind,country,role,aliases:string[],mentions:long,:LABEL\n");
    for n in graph.nodes() {
        let label = match n.kind {
            crate::model::ActorKind::Country => "Actor;Country",
            crate::model::ActorKind::Person => "Actor;Person",
            crate::model::ActorKind::Organization => "Actor;Organization",
            crate::model::ActorKind::Group => "Actor;Group",
            crate::model::ActorKind::Location => "Actor;Location",
        };
        let row = [
            csv_cell(&n.id),
            csv_cell(&n.name),
            csv_cell(n.kind.as_str()),
            csv_cell(n.country.as_deref().unwrap_or("")),
            csv_cell(n.role.as_deref().unwrap_or("")),
            csv_array(n.aliases.iter().map(String::as_str)),
            n.mentions.to_string(),
            label.to_string(),
        ];
        nodes.push_str(&row.join(","));
        nodes.push('\n');
    }
    let mut edges = String::from(
        ":START_ID,:END_ID,:TYPE,cameo:string,label,quad:int,goldstein:double,count:long,first_date:date,last_date:date\n",
    );
    for e in graph.edges() {
        let row = [
            csv_cell(&e.source),
            csv_cell(&e.target),
            format!("QUAD{}", e.quad),
            csv_cell(&e.cameo),
            csv_cell(&e.label),
            e.quad.to_string(),
            e.goldstein.to_string(),
            e.count.to_string(),
            neo4j_date(e.first_date.as_deref()),
            neo4j_date(e.last_date.as_deref()),
        ];
        edges.push_str(&row.join(","));
        edges.push('\n');
    }
    (nodes, edges)
}

/// The largest graph [`to_svg`] renders: beyond it, a layout in pure Rust is too slow and too
/// crowded to read; use DOT and Graphviz.
pub const SVG_MAX_NODES: usize = 150;

/// The picture of a graph with no actor (an empty graph, or filters that leave nothing): the layout
/// engine cannot lay out nothing, so it is drawn here, a line saying so.
pub const SVG_EMPTY: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#,
    r#"<svg width="240" height="40" viewBox="0 0 240 40" xmlns="http://www.w3.org/2000/svg">"#,
    r#"<text x="120" y="25" text-anchor="middle" font-family="sans-serif" font-size="14">"#,
    "no relations to draw</text></svg>\n"
);

/// Renders the graph to SVG in pure Rust (layout-rs), for graphs of at most [`SVG_MAX_NODES`]
/// actors; a graph with no actor is [`SVG_EMPTY`].
#[cfg(feature = "svg")]
pub fn to_svg(graph: &Graph) -> crate::Result<String> {
    use crate::error::{Error, ErrorKind};
    if graph.node_count() == 0 {
        // layout-rs panics ("Sorting an empty graph") on a graph without nodes
        return Ok(SVG_EMPTY.to_string());
    }
    if graph.node_count() > SVG_MAX_NODES {
        return Err(Error::new(
            ErrorKind::Usage,
            format!(
                "{} actors is too many to draw here (at most {SVG_MAX_NODES}): export --format dot and run Graphviz (dot -Tsvg), or take a subgraph (--ego, --actors, --top)",
                graph.node_count()
            ),
        ));
    }
    // layout-rs reads a plain subset of DOT: names in quotes, no graph-wide attributes
    let mut dot = String::from("digraph {\n");
    for n in graph.nodes() {
        dot.push_str(&format!(
            "  \"{}\" [label=\"{}\", shape=box];\n",
            escape_dot(&n.id),
            escape_dot(&n.name)
        ));
    }
    for e in graph.edges() {
        dot.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\", color=\"{}\"];\n",
            escape_dot(&e.source),
            escape_dot(&e.target),
            escape_dot(&format!(
                "{} {}{}",
                e.cameo,
                e.label,
                if e.count > 1 { format!(" ×{}", e.count) } else { String::new() }
            )),
            quad_color(e.quad)
        ));
    }
    dot.push_str("}\n");
    let mut parser = layout::gv::DotParser::new(&dot);
    let ast = parser
        .process()
        .map_err(|e| Error::new(ErrorKind::Graph, format!("cannot lay out the graph: {e}")))?;
    let mut builder = layout::gv::GraphBuilder::new();
    builder.visit_graph(&ast);
    let mut visual = builder.get();
    let mut svg = layout::backends::svg::SVGWriter::new();
    visual.do_it(false, false, false, &mut svg);
    Ok(svg.finalize())
}
