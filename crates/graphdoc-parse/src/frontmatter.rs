//! YAML front matter: read with yaml-rust2, or line by line when that fails.

use std::collections::BTreeMap;

use graphdoc_ir::{Code, DocType};
use yaml_rust2::{Yaml, YamlLoader};

use crate::text::{LineIndex, Sink};

/// Front matter this big or this deeply indented is not given to the YAML
/// parser (whose loader recurses on nesting); the line reader handles it.
const MAX_YAML_LEN: usize = 64 * 1024;
const MAX_YAML_INDENT: usize = 64;

/// Reads front matter `text` (without the `---` fences); `off` is the byte
/// offset of the block's first line in the page.
pub(crate) fn read(
    text: &str,
    off: usize,
    idx: &LineIndex<'_>,
    sink: &mut Sink<'_>,
) -> BTreeMap<String, String> {
    // The text starts on the line after the opening `---`.
    let first_line = idx.line(off) + 1;
    // Most front matter is `key: scalar` lines, read here exactly as YAML
    // would read them; anything else goes to the YAML parser.
    if let Some(map) = read_simple(text) {
        scan_todos(text, first_line, off, idx, sink);
        return map;
    }
    let yaml_ok = text.len() <= MAX_YAML_LEN
        && text
            .lines()
            .all(|l| l.len() - l.trim_start().len() <= MAX_YAML_INDENT);
    let parsed = if yaml_ok {
        match YamlLoader::load_from_str(text) {
            Ok(docs) => match docs.into_iter().next() {
                Some(Yaml::Hash(h)) => Ok(h
                    .into_iter()
                    .filter_map(|(k, v)| Some((scalar(&k)?, scalar(&v)?)))
                    .collect::<BTreeMap<_, _>>()),
                Some(Yaml::Null) | None => Ok(BTreeMap::new()),
                Some(_) => Err("front matter is not a mapping".to_string()),
            },
            Err(e) => Err(e.to_string()),
        }
    } else {
        Err("front matter is too large or too deeply nested for YAML".to_string())
    };
    let map = match parsed {
        Ok(m) => m,
        Err(e) => {
            let loc = graphdoc_ir::Loc::new(idx.loc(off).file, first_line, 1);
            sink.at(
                Code::FrontMatter,
                loc,
                format!("front matter is not valid YAML ({e}); read as `key: value` lines"),
            );
            read_lines(text)
        }
    };
    scan_todos(text, first_line, off, idx, sink);
    map
}

/// TODO placeholders, one per occurrence, on their own line.
fn scan_todos(text: &str, first_line: u32, off: usize, idx: &LineIndex<'_>, sink: &mut Sink<'_>) {
    if !text.contains("TODO") {
        return;
    }
    for (i, line) in text.lines().enumerate() {
        for (col, _) in line.match_indices("TODO") {
            let col = line[..col].chars().count() as u32 + 1;
            let loc = graphdoc_ir::Loc::new(idx.loc(off).file, first_line + i as u32, col);
            let key = line.split(':').next().unwrap_or("").trim();
            sink.at(
                Code::TodoPlaceholder,
                loc,
                format!("placeholder in front matter `{key}`"),
            );
        }
    }
}

/// Reads front matter made only of `key: value` lines whose values YAML
/// reads verbatim (plain scalars without YAML syntax, or simply quoted
/// strings). `None` when any line needs the real YAML parser.
fn read_simple(text: &str) -> Option<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let (k, v) = line.split_once(':')?;
        if k.is_empty()
            || !k
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        {
            return None;
        }
        if !v.is_empty() && !v.starts_with(' ') {
            return None;
        }
        let v = v.trim();
        let value = match v.as_bytes().first() {
            None => String::new(),
            Some(b'"') => {
                let inner = v.strip_prefix('"')?.strip_suffix('"')?;
                if inner.contains(['"', '\\']) {
                    return None;
                }
                inner.to_string()
            }
            Some(b'\'') => {
                let inner = v.strip_prefix('\'')?.strip_suffix('\'')?;
                if inner.contains('\'') {
                    return None;
                }
                inner.to_string()
            }
            Some(c) => {
                // A value starting with a digit that holds a `/` or a space
                // (`09/10/2017`) is no YAML number: a plain string.
                let digit_text = c.is_ascii_digit() && v.contains(['/', ' ']);
                // YAML indicators, numbers and special words go to YAML.
                if (!digit_text && b"[]{}&*!|>%@`#,?-+.~0123456789".contains(c))
                    || v.as_bytes().windows(2).any(|w| w == b": " || w == b" #")
                    || v.ends_with(':')
                    || ["null", "true", "false", "yes", "no", "on", "off"]
                        .iter()
                        .any(|w| v.eq_ignore_ascii_case(w))
                {
                    return None;
                }
                v.to_string()
            }
        };
        if map.insert(k.to_string(), value).is_some() {
            return None;
        }
    }
    Some(map)
}

fn scalar(y: &Yaml) -> Option<String> {
    Some(match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Null => String::new(),
        _ => return None,
    })
}

/// The fallback reader: `key: value` per line, quotes stripped.
fn read_lines(text: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let k = k.trim();
        if k.is_empty() || k.contains(' ') {
            continue;
        }
        map.insert(k.to_string(), unquote(v.trim()).to_string());
    }
    map
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v.trim_start_matches(['"', '\''])
        .trim_end_matches(['"', '\''])
}

/// Classifies a `doc_type` value; the second item says whether the value was
/// not spelled cleanly (quotes, junk characters, odd case).
pub(crate) fn doc_type(raw: &str) -> (DocType, bool) {
    let t = raw.trim();
    let cleaned: String = t
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_ascii_lowercase();
    let dt = match cleaned.as_str() {
        "apipagetype" => DocType::ApiPage,
        "resourcepagetype" => DocType::ResourcePage,
        "enumpagetype" => DocType::EnumPage,
        "conceptualpagetype" => DocType::ConceptualPage,
        "" => return (DocType::Missing, true),
        _ => return (DocType::Other(t.to_string()), false),
    };
    let canonical = match dt {
        DocType::ApiPage => "apiPageType",
        DocType::ResourcePage => "resourcePageType",
        DocType::EnumPage => "enumPageType",
        _ => "conceptualPageType",
    };
    (dt, t != canonical)
}

/// The workload from `ms.prod`, when it is a real value.
pub(crate) fn workload(fm: &BTreeMap<String, String>) -> Option<String> {
    let v = fm.get("ms.prod")?.trim();
    if v.is_empty() || v.contains("TODO") || v.starts_with('*') || v.contains(' ') {
        return None;
    }
    Some(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_types() {
        assert_eq!(doc_type("apiPageType"), (DocType::ApiPage, false));
        assert_eq!(doc_type("resourcePageType_"), (DocType::ResourcePage, true));
        assert_eq!(doc_type("'apiPageType'"), (DocType::ApiPage, true));
        assert_eq!(doc_type("howTo"), (DocType::Other("howTo".into()), false));
    }

    #[test]
    fn simple_reader_agrees_with_yaml() {
        let text = "title: \"Create x\"\ndescription: 'a: b'\nms.prod: \"\"\nauthor: someone\ndoc_type: apiPageType\nempty:\n";
        let simple = read_simple(text).expect("simple front matter");
        let yaml = match YamlLoader::load_from_str(text).unwrap().into_iter().next() {
            Some(Yaml::Hash(h)) => h
                .into_iter()
                .filter_map(|(k, v)| Some((scalar(&k)?, scalar(&v)?)))
                .collect::<BTreeMap<_, _>>(),
            _ => panic!("a mapping"),
        };
        assert_eq!(simple, yaml);
        for hard in [
            "a: [1, 2]",
            "a: b: c",
            "a: \"x\\\"y\"",
            "  nested: x",
            "a: 007",
            "a: true",
            "a: x #c",
        ] {
            assert!(read_simple(hard).is_none(), "{hard}");
        }
    }

    #[test]
    fn line_reader() {
        let m = read_lines("title: \"a: b\"\nms.prod: ''\n  nested: x\nbad line\n");
        assert_eq!(m["title"], "a: b");
        assert_eq!(m["ms.prod"], "");
        assert!(!m.contains_key("nested"));
    }
}
