//! The vendored runtime's `Cargo.toml`, rewritten to stand alone (used by
//! graphdoc's build script, which includes this file; tested here).
//!
//! The rewrite is line-based and strict rather than a TOML library's: the
//! build script runs in every build that uses graphdoc from build.rs, and a TOML
//! editor with its parser stack (toml_edit, toml_parser, winnow, indexmap,
//! hashbrown) costs about 9 s of CPU there, a fifth of graphdoc's own
//! closure. It knows the forms Cargo's workspace inheritance takes on one
//! line (`key.workspace = true`, `key = { workspace = true, ... }`) and fails
//! the build, naming the file and line, on anything else that names the
//! workspace, so it never writes a manifest that is silently wrong; the
//! `gen_builds` test builds the result.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The runtime's manifest as a crate of its own: each `workspace = true`
/// replaced by the workspace's value, and the sections only the runtime's
/// own tests use (`[dev-dependencies]`: its tests are not vendored) or that
/// only inherit (`[lints]`) dropped. `member` and `workspace` name the
/// files in messages.
pub(crate) fn standalone(
    text: &str,
    member: &str,
    ws_text: &str,
    workspace: &str,
) -> Result<String, String> {
    let ws_package = workspace_table(ws_text, workspace, "workspace.package")?;
    let ws_deps = workspace_table(ws_text, workspace, "workspace.dependencies")?;
    let mut out = String::new();
    let mut section = String::new();
    for (n, line) in text.lines().enumerate() {
        let at = |why: String| format!("{member}:{}: {why}: `{line}`", n + 1);
        let code = strip_comment(line).trim();
        if let Some(header) = code.strip_prefix('[') {
            section = header.trim_end_matches(']').trim().to_owned();
        }
        if matches!(section.as_str(), "dev-dependencies" | "lints") {
            continue;
        }
        if !code.contains("workspace") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let (key, value) = code
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim()))
            .ok_or_else(|| at("names the workspace outside a `key = value` line".into()))?;
        let is_deps = section == "dependencies"
            || section == "build-dependencies"
            || (section.starts_with("target.") && section.ends_with(".dependencies"));
        let (name, local) = if let Some(name) = key.strip_suffix(".workspace") {
            if value != "true" {
                return Err(at("only `.workspace = true` is understood".into()));
            }
            (name.trim(), Vec::new())
        } else if is_deps {
            let entries = inline_table(value).ok_or_else(|| {
                at("a dependency naming the workspace must be `name.workspace = true` or an inline table on one line".into())
            })?;
            if !entries.iter().any(|(k, v)| k == "workspace" && v == "true") {
                return Err(at("names the workspace without `workspace = true`".into()));
            }
            let rest = entries
                .into_iter()
                .filter(|(k, _)| k != "workspace")
                .collect();
            (key, rest)
        } else {
            return Err(at(format!("inheritance in [{section}] is not understood")));
        };
        let inherited = match section.as_str() {
            "package" => ws_package.get(name),
            _ if is_deps => ws_deps.get(name),
            _ => None,
        }
        .ok_or_else(|| at(format!("the workspace sets no `{name}` for [{section}]")))?;
        let value = if local.is_empty() {
            inherited.clone()
        } else {
            merge_dependency(inherited, local).map_err(at)?
        };
        let source = inline_table(&value).unwrap_or_default();
        if source.iter().any(|(k, _)| k == "path" || k == "git") {
            return Err(at(format!(
                "the workspace gives `{name}` a path or git source, which a vendored crate cannot reach"
            )));
        }
        writeln!(out, "{name} = {value}").expect("writing to a String");
    }
    Ok(format!(
        "# graphdoc-runtime, vendored by graphdoc: do not edit (it is rewritten by `graphdoc gen`).\n{}",
        out.trim_end().to_owned() + "\n"
    ))
}

/// The one-line `key = value` entries of the table `[name]`, values as written.
fn workspace_table(text: &str, path: &str, name: &str) -> Result<BTreeMap<String, String>, String> {
    let mut entries = BTreeMap::new();
    let mut inside = false;
    for (n, line) in text.lines().enumerate() {
        let code = strip_comment(line).trim();
        if let Some(header) = code.strip_prefix('[') {
            inside = header.trim_end_matches(']').trim() == name;
            continue;
        }
        if !inside || code.is_empty() {
            continue;
        }
        let (key, value) = code.split_once('=').ok_or_else(|| {
            format!(
                "{path}:{}: expected `key = value` in [{name}]: `{line}`",
                n + 1
            )
        })?;
        entries.insert(key.trim().to_owned(), value.trim().to_owned());
    }
    Ok(entries)
}

/// A workspace dependency (`"1"` or `{ ... }`) with a member's own keys added:
/// features are appended to the workspace's, other keys set.
fn merge_dependency(inherited: &str, local: Vec<(String, String)>) -> Result<String, String> {
    let mut entries = match inline_table(inherited) {
        Some(entries) => entries,
        None if inherited.starts_with('"') => vec![("version".to_owned(), inherited.to_owned())],
        None => return Err(format!("the workspace's `{inherited}` is not understood")),
    };
    for (key, value) in local {
        match entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, existing)) if key == "features" => {
                let (a, b) = (
                    existing.trim_end_matches(']').trim().trim_end_matches(','),
                    value.trim_start_matches('[').trim(),
                );
                *existing = if a.trim() == "[" {
                    format!("[{b}")
                } else {
                    format!("{a}, {b}")
                };
            }
            Some((_, existing)) => *existing = value,
            None => entries.push((key, value)),
        }
    }
    let body: Vec<String> = entries.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    Ok(format!("{{ {} }}", body.join(", ")))
}

/// `{ a = 1, b = ["x", "y"] }` as its entries, values as written; `None` if
/// `value` is no inline table on one line.
fn inline_table(value: &str) -> Option<Vec<(String, String)>> {
    let body = value.strip_prefix('{')?.strip_suffix('}')?;
    let mut entries = Vec::new();
    let (mut depth, mut in_string, mut start) = (0usize, false, 0usize);
    let bytes = body.as_bytes();
    for i in 0..=bytes.len() {
        let c = bytes.get(i).copied();
        match c {
            Some(b'"') => in_string = !in_string,
            Some(b'[' | b'{') if !in_string => depth += 1,
            Some(b']' | b'}') if !in_string => depth = depth.checked_sub(1)?,
            Some(b',') | None if !in_string && depth == 0 => {
                let entry = body[start..i].trim();
                if !entry.is_empty() {
                    let (k, v) = entry.split_once('=')?;
                    entries.push((k.trim().to_owned(), v.trim().to_owned()));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    (!in_string && depth == 0).then_some(entries)
}

/// `line` up to a `#` that is not inside a string.
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '#' if !in_string => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSPACE: &str = r#"
[workspace]
members = ["crates/*"]

[workspace.package]
version = "0.3.1"
edition = "2024" # a comment

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
anyhow = "1"
local = { path = "crates/local" }
"#;

    fn rewrite(member: &str) -> Result<String, String> {
        standalone(member, "rt/Cargo.toml", WORKSPACE, "Cargo.toml")
    }

    #[test]
    fn inheritance_is_written_out_and_test_only_sections_dropped() {
        let out = rewrite(
            "[package]\nname = \"rt\"\nversion.workspace = true\nedition.workspace = true\n\n\
             [dependencies]\nserde = { workspace = true, features = [\"rc\"], optional = true }\n\
             anyhow.workspace = true # why\nitoa = \"1\"\n\n\
             [dev-dependencies]\nanyhow.workspace = true\n\n[lints]\nworkspace = true\n",
        )
        .unwrap();
        assert_eq!(
            out,
            "# graphdoc-runtime, vendored by graphdoc: do not edit (it is rewritten by `graphdoc gen`).\n\
             [package]\nname = \"rt\"\nversion = \"0.3.1\"\nedition = \"2024\"\n\n\
             [dependencies]\nserde = { version = \"1\", features = [\"derive\", \"rc\"], optional = true }\n\
             anyhow = \"1\"\nitoa = \"1\"\n"
        );
    }

    #[test]
    fn what_it_cannot_rewrite_is_an_error_naming_the_line() {
        let err = rewrite("[package]\nname = \"rt\"\nlicense.workspace = true\n").unwrap_err();
        assert!(
            err.starts_with("rt/Cargo.toml:3: the workspace sets no `license`"),
            "{err}"
        );
        let err = rewrite("[dependencies]\nlocal.workspace = true\n").unwrap_err();
        assert!(
            err.starts_with("rt/Cargo.toml:2: the workspace gives `local` a path"),
            "{err}"
        );
        let err = rewrite("[dependencies]\nserde = { workspace = true,\n  features = [] }\n")
            .unwrap_err();
        assert!(
            err.starts_with("rt/Cargo.toml:2: a dependency naming the workspace"),
            "{err}"
        );
        let err = rewrite("[badges]\nworkspace = \"x\"\n").unwrap_err();
        assert!(err.starts_with("rt/Cargo.toml:2: "), "{err}");
    }

    #[test]
    fn inline_tables_split_at_top_level_commas_only() {
        assert_eq!(
            inline_table(r#"{ a = "x,y", b = ["c", "d"], e = { f = 1, g = 2 } }"#).unwrap(),
            [
                ("a".to_owned(), r#""x,y""#.to_owned()),
                ("b".to_owned(), r#"["c", "d"]"#.to_owned()),
                ("e".to_owned(), "{ f = 1, g = 2 }".to_owned()),
            ]
        );
        assert_eq!(inline_table(r#"{ a = "x }"#), None);
    }
}
