//! The core stays free of terminal code: no file under src/ other than the
//! explorer (src/tui/) and the binary (src/main.rs) may name ratatui or
//! crossterm, and no module under src/ imports one that imports it back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_never_imports_ratatui_or_crossterm() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let core: Vec<&PathBuf> = files
        .iter()
        .filter(|p| !p.starts_with(src.join("tui")) && *p != &src.join("main.rs"))
        .collect();
    assert!(core.len() > 5, "found only {core:?}");
    let mut offenders = Vec::new();
    for path in core {
        let text = std::fs::read_to_string(path).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if code.contains("ratatui") || code.contains("crossterm") {
                offenders.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "terminal code in the core:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_binary_reaches_the_terminal_only_through_the_explorer() {
    let main = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs"))
        .expect("read main.rs");
    for (n, line) in main.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        assert!(
            !code.contains("ratatui") && !code.contains("crossterm"),
            "src/main.rs:{}: {}",
            n + 1,
            line.trim()
        );
    }
}

// No import cycles among the modules under src/: if module A names module B
// (through `crate::` or `super::` paths), B must not name A, directly or
// through others. A module may name its own ancestors and descendants (a
// child using its parent's types is how Rust nests modules), so those edges
// are left out. Cycles are what make a change in one place spread to many.

/// `src/tui/app.rs` is `tui::app`; `src/tui/mod.rs` is `tui`; `src/lib.rs`
/// and `src/main.rs` are the roots and take no part.
fn module_of(src: &Path, file: &Path) -> Option<Vec<String>> {
    let rel = file.strip_prefix(src).ok()?;
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    if parts.is_empty() || parts == ["lib"] || parts == ["main"] {
        return None;
    }
    Some(parts)
}

/// Every path named after `crate::` or `super::` in `code`, one level of
/// `{a, b::c}` groups expanded, as absolute module paths (unresolved: the
/// tail may be an item rather than a module).
fn named_paths(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (anchor, base) in [("crate::", Vec::new()), ("super::", parent(here))] {
        let mut rest = code;
        while let Some(at) = rest.find(anchor) {
            let before = rest[..at].chars().last();
            rest = &rest[at + anchor.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut base = base.clone();
            let mut tail = rest;
            // `super::super::x`
            while let Some(more) = tail.strip_prefix("super::") {
                base = parent(&base);
                tail = more;
            }
            for path in expand(tail) {
                let mut full = base.clone();
                full.extend(path);
                out.push(full);
            }
        }
    }
    out
}

fn parent(module: &[String]) -> Vec<String> {
    module[..module.len().saturating_sub(1)].to_vec()
}

/// `a::b::C;` gives [a, b, C]; `{a::X, b}` gives [a, X] and [b].
fn expand(tail: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        for segment in s.split("::") {
            let name: String = segment
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let whole = name.len() == segment.len();
            if !name.is_empty() {
                out.push(name);
            }
            if !whole || out.is_empty() {
                break;
            }
        }
        out
    };
    if let Some(group) = tail.strip_prefix('{') {
        let end = group.find('}').unwrap_or(group.len());
        return group[..end]
            .split(',')
            .map(|item| ident(item.trim()))
            .filter(|p| !p.is_empty())
            .collect();
    }
    let head: String = tail
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
        .collect();
    if let Some(at) = head.find("::{") {
        let prefix = ident(&head[..at]);
        return expand(&tail[at + 2..])
            .into_iter()
            .map(|p| prefix.iter().cloned().chain(p).collect())
            .collect();
    }
    vec![ident(tail)]
}

/// The longest known module that `path` starts with.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

fn is_prefix(a: &[String], b: &[String]) -> bool {
    a.len() <= b.len() && b[..a.len()] == *a
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .filter_map(|f| module_of(&src, f).map(|m| (m, f.clone())))
        .collect();
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).expect("read");
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let targets: BTreeSet<Vec<String>> = named_paths(&code, module)
            .iter()
            .filter_map(|p| resolve(p, &known))
            .filter(|t| !is_prefix(t, module) && !is_prefix(module, t))
            .collect();
        edges.insert(module.clone(), targets);
    }
    edges
}

fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<String> {
    // Tarjan's strongly connected components, iterative depth first.
    let names: Vec<&Vec<String>> = edges.keys().collect();
    let index_of: BTreeMap<&Vec<String>, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let succ: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            edges[*n]
                .iter()
                .filter_map(|t| index_of.get(t).copied())
                .collect()
        })
        .collect();
    let n = names.len();
    let (mut index, mut low, mut on) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut next, mut found) = (Vec::new(), 0, Vec::new());
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&(v, i)) = work.last() {
            if i == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on[v] = true;
            }
            if let Some(&w) = succ[v].get(i) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on[w] = false;
                    component.push(names[w].join("::"));
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    found.push(component.join(" <-> "));
                }
            }
        }
    }
    found
}

#[test]
fn no_import_cycles_among_src_modules() {
    let edges = graph();
    assert!(edges.len() > 10, "found only {} modules", edges.len());
    let found = cycles(&edges);
    let new: Vec<&String> = found
        .iter()
        .filter(|c| !KNOWN_CYCLES.contains(&c.as_str()))
        .collect();
    assert!(new.is_empty(), "import cycles:\n{new:?}");
    for known in KNOWN_CYCLES {
        assert!(
            found.iter().any(|c| c == known),
            "`{known}` is no longer a cycle: take it off KNOWN_CYCLES"
        );
    }
}

/// Cycles that are known and not yet undone, each with what undoes it. The
/// test fails when one of them is gone, so the list cannot go stale. None
/// is left: the last, `tui::app <-> tui::pane_lines`, went when the detail
/// and help lines became plain text built from plain data (issue 12, item 1).
const KNOWN_CYCLES: &[&str] = &[];

#[test]
fn the_cycle_finder_sees_a_cycle() {
    let m = |s: &str| vec![s.to_string()];
    let mut edges = BTreeMap::new();
    edges.insert(m("a"), BTreeSet::from([m("b")]));
    edges.insert(m("b"), BTreeSet::from([m("c")]));
    edges.insert(m("c"), BTreeSet::from([m("a")]));
    edges.insert(m("d"), BTreeSet::from([m("a")]));
    assert_eq!(cycles(&edges), vec!["a <-> b <-> c".to_string()]);
}

#[test]
fn paths_are_read_from_use_lines_and_groups() {
    let here = vec!["tui".to_string(), "app".to_string()];
    let found = named_paths(
        "use crate::{loader::X, model};\nuse super::ui::Y;\nlet z = crate::text::inert(a);",
        &here,
    );
    let s = |v: &[&str]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert!(found.contains(&s(&["loader", "X"])), "{found:?}");
    assert!(found.contains(&s(&["model"])), "{found:?}");
    assert!(found.contains(&s(&["tui", "ui", "Y"])), "{found:?}");
    assert!(found.contains(&s(&["text", "inert"])), "{found:?}");
}
