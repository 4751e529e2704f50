//! Reading type cells and descriptions: `[user](user.md) collection`,
//! `Collection(Edm.String)`, "Possible values are: `a`, `b`",
//! "Inherited from [entity](entity.md)".

use std::sync::LazyLock;

use graphdoc_ir::{Primitive, TypeName, TypeRef};
use memchr::memmem;

use crate::blocks::{Inline, clean_name};
use crate::text::contains_ci;

/// Reads a type cell. `Err(raw)` when the spelling is not recognised (the
/// caller records `TypeName::Unknown(raw)` and a diagnostic).
pub(crate) fn parse_type_cell(cell: &Inline) -> Result<TypeRef, String> {
    let raw = cell.trimmed();
    let plain = crate::blocks::clean_name_ref(raw);
    if plain.is_empty() {
        return Err(String::new());
    }
    let (inner, collection) = strip_collection(&plain);

    if let Some(alternatives) = alternatives(cell) {
        return Ok(alternatives);
    }
    if let Some(link) = cell.links.first() {
        let text = clean_name(cell.link_text(link));
        let (name, coll_in_link) = strip_collection(&text);
        // `[x](x.md) collection. More text...`: the word right after the link.
        let after = cell.text.get(link.text.end..).unwrap_or("").trim_start();
        let coll_after = after
            .get(..10)
            .is_some_and(|w| w.eq_ignore_ascii_case("collection"));
        let collection = collection || coll_in_link || coll_after;
        let name = name.trim();
        if name.is_empty() {
            return Err(raw.to_string());
        }
        if let Some(p) = primitive(name) {
            return Ok(TypeRef {
                name: TypeName::Primitive(p),
                collection,
            });
        }
        return Ok(TypeRef {
            name: TypeName::Named {
                name: name.to_string(),
                link: Some(link.dest.to_string()),
            },
            collection,
        });
    }
    // A link markdown did not recognise: `[x](x.md collection)`, `[x](x.md`.
    if let Some(rest) = plain.strip_prefix('[')
        && let Some((name, after)) = rest.split_once(']')
        && let Some(dest) = after.trim_start().strip_prefix('(')
    {
        let name = name.trim();
        let dest = dest.split([')', ' ']).next().unwrap_or("").trim();
        if is_type_ident(name) {
            let collection = collection || contains_ci(after, "collection");
            let name = match primitive(name) {
                Some(p) => TypeName::Primitive(p),
                None => TypeName::Named {
                    name: name.to_string(),
                    link: (!dest.is_empty()).then(|| dest.to_string()),
                },
            };
            return Ok(TypeRef { name, collection });
        }
    }
    match name_of(inner) {
        Some(name) => Ok(TypeRef { name, collection }),
        // `String, maximum size 20`: the type, then a note on it.
        None => match inner
            .split_once([',', ';'])
            .and_then(|(head, _)| name_of(head.trim()))
        {
            Some(name) => Ok(TypeRef { name, collection }),
            None => Err(raw.to_string()),
        },
    }
}

/// A cell offering linked alternatives, `[a](a.md) or [b](b.md)`: one
/// named reference `a or b` (linked to the first), which the merge reads as
/// the alternatives' nearest common base type.
fn alternatives(cell: &Inline) -> Option<TypeRef> {
    if cell.links.len() < 2 {
        return None;
    }
    let mut names = Vec::with_capacity(cell.links.len());
    let mut prev_end = None;
    for link in &cell.links {
        if let Some(end) = prev_end {
            let gap = cell.text.get(end..link.text.start)?.trim();
            if !gap.eq_ignore_ascii_case("or") && gap != "," && !gap.eq_ignore_ascii_case(", or") {
                return None;
            }
        }
        let name = clean_name(cell.link_text(link));
        if !is_type_ident(&name) || primitive(&name).is_some() {
            return None;
        }
        names.push(name);
        prev_end = Some(link.text.end);
    }
    if !cell.text.get(..cell.links[0].text.start)?.trim().is_empty() {
        return None;
    }
    let rest = cell.text.get(prev_end?..)?.trim();
    let (_, collection) = strip_collection(&format!("x {rest}"));
    if !rest.is_empty() && !collection {
        return None;
    }
    Some(TypeRef {
        name: TypeName::Named {
            name: names.join(" or "),
            link: Some(cell.links[0].dest.to_string()),
        },
        collection,
    })
}

/// Reads a type from plain text (no link), e.g. `String`, `Int32 collection`.
pub(crate) fn parse_type_text(text: &str) -> Option<TypeRef> {
    let plain = clean_name(text);
    let (inner, collection) = strip_collection(&plain);
    name_of(inner).map(|name| TypeRef { name, collection })
}

fn name_of(inner: &str) -> Option<TypeName> {
    let mut inner = inner.trim();
    // `(Optional) String`
    for note in ["(optional)", "(required)"] {
        if inner.len() > note.len()
            && inner.as_bytes()[..note.len()].eq_ignore_ascii_case(note.as_bytes())
        {
            inner = inner[note.len()..].trim();
        }
    }
    if let Some(p) = primitive(inner) {
        return Some(TypeName::Primitive(p));
    }
    if is_type_ident(inner)
        && !inner.eq_ignore_ascii_case("enum")
        && !inner.eq_ignore_ascii_case("enumeration")
        && !inner.eq_ignore_ascii_case("json")
    {
        return Some(TypeName::Named {
            name: inner.to_string(),
            link: None,
        });
    }
    let lower = inner.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "enumeration" | "enum" | "string (enum)" | "enumeration (string)" | "string enumeration"
    ) {
        return Some(TypeName::InlineEnum);
    }
    if matches!(
        lower.as_str(),
        "json object" | "untyped json object" | "untyped json" | "json"
    ) {
        return Some(TypeName::Primitive(Primitive::Json));
    }
    None
}

/// A primitive spelling, also with a parenthesized note: `String (timestamp)`.
fn primitive(s: &str) -> Option<Primitive> {
    // The common spellings, without the lowercase copy the general reader makes.
    let fast = match s {
        "String" => Some(Primitive::String),
        "Boolean" => Some(Primitive::Boolean),
        "Int32" => Some(Primitive::Int32),
        "Int64" => Some(Primitive::Int64),
        "DateTimeOffset" => Some(Primitive::DateTimeOffset),
        "Double" => Some(Primitive::Double),
        "Guid" => Some(Primitive::Guid),
        _ => None,
    };
    if fast.is_some() {
        return fast;
    }
    if let Some(p) = Primitive::from_doc_spelling(s) {
        return Some(p);
    }
    let s = s.trim();
    if let Some(open) = s.find('(')
        && s.ends_with(')')
        && open > 0
    {
        return Primitive::from_doc_spelling(&s[..open]);
    }
    None
}

/// `Collection(X)`, `X collection`, `collection of X`, `X[]`.
fn strip_collection(s: &str) -> (&str, bool) {
    let t = s.trim();
    let b = t.as_bytes();
    let starts = |p: &str| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let ends =
        |p: &str| b.len() >= p.len() && b[b.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
    if starts("collection(") && t.ends_with(')') {
        return (t["collection(".len()..t.len() - 1].trim(), true);
    }
    if starts("collection of ") {
        return (t["collection of ".len()..].trim(), true);
    }
    for suffix in [" collection", " collections", "[]"] {
        if ends(suffix) {
            return (t[..t.len() - suffix.len()].trim(), true);
        }
    }
    (t, false)
}

/// The type a JSON representation's placeholder value stands for:
/// `"String"`, `"String (timestamp)"`, `"Int32"`, `{"@odata.type": "x"}`,
/// `["string"]`, `true`, `1024`. A string that names no Edm type is a string;
/// an object without `@odata.type` is untyped JSON. `None` for `null` and
/// empty arrays.
pub(crate) fn json_placeholder_type(v: &serde_json::Value) -> Option<TypeRef> {
    use serde_json::Value;
    Some(match v {
        Value::String(s) => {
            let t = s.trim();
            let p = if contains_ci(t, "timestamp") {
                Primitive::DateTimeOffset
            } else if contains_ci(t, "duration") {
                Primitive::Duration
            } else {
                primitive(t).unwrap_or(Primitive::String)
            };
            TypeRef::single(TypeName::Primitive(p))
        }
        Value::Bool(_) => TypeRef::single(TypeName::Primitive(Primitive::Boolean)),
        Value::Number(n) => TypeRef::single(TypeName::Primitive(if n.is_f64() {
            Primitive::Double
        } else if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) {
            Primitive::Int32
        } else {
            Primitive::Int64
        })),
        Value::Object(o) => {
            match o
                .get("@odata.type")
                .and_then(Value::as_str)
                .map(|t| t.trim().trim_start_matches('#'))
            {
                Some(t) if !t.is_empty() => {
                    let (inner, collection) = strip_collection(t);
                    let name = match primitive(inner) {
                        Some(p) => TypeName::Primitive(p),
                        None if is_type_ident(inner) => TypeName::Named {
                            name: inner.to_string(),
                            link: None,
                        },
                        None => return None,
                    };
                    TypeRef { name, collection }
                }
                _ => TypeRef::single(TypeName::Primitive(Primitive::Json)),
            }
        }
        Value::Array(items) => {
            let first = json_placeholder_type(items.first()?)?;
            if first.collection {
                return None;
            }
            TypeRef::collection(first.name)
        }
        Value::Null => return None,
    })
}

/// A simple or qualified type name: letters, digits, `_`, `.`.
pub(crate) fn is_type_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !s.ends_with('.')
}

fn is_value_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphanumeric() || c == '_' || c == '@' || c == '-')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@' | ':' | '#'))
}

/// Words that, before "values", introduce a list of values.
const LEAD_WORDS: &[&str] = &["possible", "allowed", "supported", "valid"];

/// Values listed after "Possible values are:" (or "Allowed values", ...).
pub(crate) fn enum_values(inl: &Inline) -> Vec<String> {
    let text = &inl.text;
    // The first "value(s)" preceded by one of the lead words.
    static ALUE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new("alue"));
    let mut pos = None;
    let bytes = text.as_bytes();
    for j in ALUE.find_iter(bytes) {
        if j == 0 || !matches!(bytes[j - 1], b'v' | b'V') {
            continue;
        }
        let i = j - 1;
        let from = i + 5;
        let before = text[..i].trim_end_matches(' ');
        let word_start = before.rfind(' ').map_or(0, |j| j + 1);
        let word = &before[word_start..];
        if before.len() < text[..i].len() && LEAD_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
        {
            let end = if text[from..].starts_with(['s', 'S']) {
                from + 1
            } else {
                from
            };
            pos = Some(end);
            break;
        }
    }
    let Some(pos) = pos else {
        return Vec::new();
    };
    // Code spans right after the phrase, separated only by commas/and/or.
    let mut values = Vec::new();
    let mut cursor = pos;
    let mut first = true;
    for r in inl.codes.iter().filter(|r| r.start > pos) {
        // The gap covers the opening backtick too.
        let gap = text.get(cursor..r.start.saturating_sub(1)).unwrap_or("");
        let ok = if std::mem::take(&mut first) {
            is_lead_in(gap)
        } else {
            is_separator(gap)
        };
        if !ok {
            break;
        }
        let v = inl.code(r).trim();
        // `null` says the property may be unset; it is not a member.
        if !v.is_empty() && !v.eq_ignore_ascii_case("null") {
            values.push(v.to_string());
        }
        cursor = r.end + 1;
    }
    if !values.is_empty() {
        return values;
    }
    // Plain list: "Possible values are: none, low, high."
    let rest = &text[pos..];
    let rest = rest.trim_start();
    let rest = strip_words(rest);
    let end = sentence_end(rest);
    let list = &rest[..end];
    let items: Vec<&str> = list
        .split([',', ';', '|'])
        .flat_map(|s| s.split(" and "))
        .flat_map(|s| s.split(" or "))
        .map(|s| s.trim().trim_matches(['"', '\'', '*']))
        .map(|s| {
            s.strip_prefix("and ")
                .or_else(|| s.strip_prefix("or "))
                .unwrap_or(s)
        })
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() >= 2 && items.iter().all(|s| is_value_ident(s)) {
        return items
            .into_iter()
            .filter(|s| !s.eq_ignore_ascii_case("null"))
            .map(str::to_string)
            .collect();
    }
    Vec::new()
}

fn strip_words(mut s: &str) -> &str {
    loop {
        let before = s;
        for w in [
            "are",
            "is",
            "include",
            "includes",
            "for this property",
            "for this property are",
        ] {
            if let Some(r) = s.strip_prefix(w)
                && r.starts_with([' ', ':'])
            {
                s = r.trim_start();
            }
        }
        s = s.trim_start_matches([':', ' ', '-']);
        if s.len() == before.len() {
            return s;
        }
    }
}

fn sentence_end(s: &str) -> usize {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'.' && (i + 1 == b.len() || b[i + 1] == b' ') {
            return i;
        }
        if b[i] == b'(' || b[i] == b'[' {
            return i;
        }
    }
    b.len()
}

fn is_lead_in(gap: &str) -> bool {
    let g = gap.trim().trim_start_matches(':').trim();
    let g = g.trim_end_matches(':').trim();
    g.is_empty()
        || matches!(
            g.to_ascii_lowercase().as_str(),
            "are"
                | "is"
                | "include"
                | "includes"
                | "are as follows"
                | "for this property are"
                | "are:"
        )
}

/// A separator between listed values, after an optional parenthesized note
/// on the previous value: `, `, ` or `, ` (passwordless only), `.
fn is_separator(gap: &str) -> bool {
    let mut g = gap.trim();
    if let Some(rest) = g.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && !rest[..close].contains('(')
    {
        g = rest[close + 1..].trim();
    }
    let g = g.trim_start_matches([',', ';', '/', '|']).trim();
    g.is_empty() || matches!(g, "and" | "or" | "and/or")
}

/// The type named after "Inherited from" ("Inherited from [entity](entity.md)").
pub(crate) fn inherited_from(inl: &Inline) -> Option<String> {
    static F: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("nherited from"));
    after_phrase(inl, "inherited from", &F, Fallback::Word)
}

/// The type named after "Inherits from", "derives from", "Derived from" or
/// "subclass of" (resource pages: "The **drive** resource is derived from
/// [baseItem](baseitem.md)", "A subclass of [educationResource](educationresource.md)").
pub(crate) fn inherits_from(inl: &Inline) -> Option<String> {
    static F1: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("nherits from"));
    static F2: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("erives from"));
    static F3: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("erived from"));
    static F4: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("ubclass of"));
    static F5: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("ubclass from"));
    after_phrase(inl, "inherits from", &F1, Fallback::Word)
        .or_else(|| after_phrase(inl, "derives from", &F2, Fallback::Word))
        // Plain English too ("values derived from usage"): only a link counts.
        .or_else(|| after_phrase(inl, "derived from", &F3, Fallback::None))
        .or_else(|| after_phrase(inl, "subclass of", &F4, Fallback::None))
        .or_else(|| after_phrase(inl, "subclass from", &F5, Fallback::None))
}

/// The types a sentence lists as derived from the page's type ("the derived
/// types are [a](a.md), [b](b.md), and [c](c.md)"): each linked name with its
/// link, up to the end of the sentence.
pub(crate) fn derived_types_listed(inl: &Inline) -> Vec<(String, Option<String>)> {
    static F: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("erived types are"));
    let bytes = inl.text.as_bytes();
    let Some(at) = F
        .find_iter(bytes)
        .find(|&j| j > 0 && bytes[j - 1].eq_ignore_ascii_case(&b'd'))
    else {
        return Vec::new();
    };
    let mut pos = at - 1 + "derived types are".len();
    let mut out = Vec::new();
    for link in &inl.links {
        if link.text.start < pos {
            continue;
        }
        let gap = inl.text.get(pos..link.text.start).unwrap_or("");
        let gap = gap.trim().trim_start_matches(':').trim();
        let gap = gap.trim_start_matches(',').trim();
        if !(gap.is_empty() || gap == "and" || gap == "or") {
            break;
        }
        let name = clean_name(inl.link_text(link));
        if !is_type_ident(&name) {
            break;
        }
        out.push((name, Some(link.dest.to_string())));
        pos = link.text.end;
    }
    out
}

/// What [`after_phrase`] takes when no link follows the phrase.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fallback {
    /// The next word, if it looks like a type name.
    Word,
    /// Nothing.
    None,
}

/// `finder` searches the phrase without its first letter, whose case varies.
fn after_phrase(
    inl: &Inline,
    phrase: &str,
    finder: &memmem::Finder<'_>,
    fallback: Fallback,
) -> Option<String> {
    let first = phrase.as_bytes()[0];
    let bytes = inl.text.as_bytes();
    let at = finder
        .find_iter(bytes)
        .find(|&j| j > 0 && bytes[j - 1].eq_ignore_ascii_case(&first))?
        - 1;
    let pos = at + phrase.len();
    // A link starting within a few characters of the phrase ("inherits
    // from the base class [x]").
    for link in &inl.links {
        if link.text.start >= pos {
            let gap = inl.text.get(pos..link.text.start).unwrap_or("");
            let gap = gap.trim().trim_start_matches(':').trim();
            if gap.split_whitespace().all(is_filler) {
                let name = clean_name(inl.link_text(link));
                if !name.is_empty() {
                    return Some(name);
                }
            }
            break;
        }
    }
    if fallback == Fallback::None {
        return None;
    }
    let mut rest = inl.text[pos..]
        .trim_start()
        .trim_start_matches(':')
        .trim_start();
    // "inherits from base policy type": filler words, then a plain word
    // that names no type.
    while let Some((first, after)) = rest.split_once(char::is_whitespace) {
        if !is_filler(first) {
            break;
        }
        rest = after.trim_start();
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '`'))
        .collect();
    let after = rest[word.len()..].trim_start();
    // A plain lower-case word names a type only where the sentence ends
    // with it ("Inherits from entity."); a camelCase or code name always.
    let plain = !word.contains('`') && !word.contains(|c: char| c.is_ascii_uppercase());
    if plain && !(after.is_empty() || after.starts_with(['.', ',', ';', ')'])) {
        return None;
    }
    let word = clean_name(word.trim_end_matches('.'));
    is_type_ident(&word).then_some(word)
}

/// Words between "inherits from" and the type's name that name nothing.
fn is_filler(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "the" | "a" | "an" | "base" | "abstract" | "class" | "type"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Link;

    fn inl(text: &str) -> Inline<'static> {
        // Builds an Inline from markdown-lite text: `x` spans and [t](d) links.
        let mut out = Inline::default();
        let mut buf = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '`' => {
                    buf.push('`');
                    let start = buf.len();
                    for d in chars.by_ref() {
                        if d == '`' {
                            break;
                        }
                        buf.push(d);
                    }
                    let end = buf.len();
                    buf.push('`');
                    out.codes.push(start..end);
                }
                '[' => {
                    let start = buf.len();
                    for d in chars.by_ref() {
                        if d == ']' {
                            break;
                        }
                        buf.push(d);
                    }
                    let end = buf.len();
                    let mut dest = String::new();
                    if chars.peek() == Some(&'(') {
                        chars.next();
                        for d in chars.by_ref() {
                            if d == ')' {
                                break;
                            }
                            dest.push(d);
                        }
                    }
                    out.links.push(Link {
                        dest: dest.into(),
                        text: start..end,
                    });
                }
                c => buf.push(c),
            }
        }
        out.text = buf.into();
        out
    }

    fn named(name: &str, link: Option<&str>) -> TypeName {
        TypeName::Named {
            name: name.into(),
            link: link.map(Into::into),
        }
    }

    #[test]
    fn type_cells() {
        let t = parse_type_cell(&inl("[user](user.md) collection")).unwrap();
        assert_eq!(t, TypeRef::collection(named("user", Some("user.md"))));
        let t = parse_type_cell(&inl("Collection(Edm.String)")).unwrap();
        assert_eq!(
            t,
            TypeRef::collection(TypeName::Primitive(Primitive::String))
        );
        let t = parse_type_cell(&inl("String collection")).unwrap();
        assert_eq!(
            t,
            TypeRef::collection(TypeName::Primitive(Primitive::String))
        );
        let t = parse_type_cell(&inl("Int32")).unwrap();
        assert_eq!(t, TypeRef::single(TypeName::Primitive(Primitive::Int32)));
        let t = parse_type_cell(&inl("complianceStatus")).unwrap();
        assert_eq!(t, TypeRef::single(named("complianceStatus", None)));
        let t = parse_type_cell(&inl("[ageGroup](#agegroup-values)")).unwrap();
        assert_eq!(
            t,
            TypeRef::single(named("ageGroup", Some("#agegroup-values")))
        );
        let t = parse_type_cell(&inl("Enumeration")).unwrap();
        assert_eq!(t, TypeRef::single(TypeName::InlineEnum));
        let t = parse_type_cell(&inl("String (timestamp)")).unwrap();
        assert_eq!(t, TypeRef::single(TypeName::Primitive(Primitive::String)));
        assert_eq!(
            parse_type_cell(&inl("a string or a number")),
            Err("a string or a number".into())
        );
        let t = parse_type_cell(&inl("string, maximum size 20")).unwrap();
        assert_eq!(t, TypeRef::single(TypeName::Primitive(Primitive::String)));
        assert!(parse_type_cell(&inl("error object, or a string")).is_err());
        // Links markdown does not recognise (a space in the target, no closing paren).
        let mut broken = Inline {
            text: "[timeZoneInformation](timezoneinformation.md collection)".into(),
            ..Inline::default()
        };
        let t = parse_type_cell(&broken).unwrap();
        assert_eq!(
            t,
            TypeRef::collection(named("timeZoneInformation", Some("timezoneinformation.md")))
        );
        broken.text = "[invitedUserMessageInfo](invitedusermessageinfo.md".into();
        let t = parse_type_cell(&broken).unwrap();
        assert_eq!(
            t,
            TypeRef::single(named(
                "invitedUserMessageInfo",
                Some("invitedusermessageinfo.md")
            ))
        );
        let t = parse_type_cell(&inl("(Optional) String")).unwrap();
        assert_eq!(t, TypeRef::single(TypeName::Primitive(Primitive::String)));
        let t = parse_type_cell(&inl("Untyped JSON object")).unwrap();
        assert_eq!(t, TypeRef::single(TypeName::Primitive(Primitive::Json)));
        assert_eq!(parse_type_cell(&inl("")), Err(String::new()));
        // "collection" right after the link, then more text.
        let t =
            parse_type_cell(&inl("[educationOutcome](x.md) collection. Holds grades.")).unwrap();
        assert_eq!(
            t,
            TypeRef::collection(named("educationOutcome", Some("x.md")))
        );
        // Linked alternatives.
        let t = parse_type_cell(&inl("[a](a.md) or [b](b.md)")).unwrap();
        assert_eq!(t, TypeRef::single(named("a or b", Some("a.md"))));
        let t = parse_type_cell(&inl("[a](a.md) or [b](b.md) collection")).unwrap();
        assert_eq!(t, TypeRef::collection(named("a or b", Some("a.md"))));
        let t = parse_type_cell(&inl("[a](a.md), see [b](b.md)")).unwrap();
        assert_eq!(t, TypeRef::single(named("a", Some("a.md"))));
    }

    #[test]
    fn json_placeholders() {
        let ty = |v: serde_json::Value| json_placeholder_type(&v);
        let p = |p| Some(TypeRef::single(TypeName::Primitive(p)));
        assert_eq!(ty(serde_json::json!("String")), p(Primitive::String));
        assert_eq!(
            ty(serde_json::json!("personal | business")),
            p(Primitive::String)
        );
        assert_eq!(
            ty(serde_json::json!("String (timestamp)")),
            p(Primitive::DateTimeOffset)
        );
        assert_eq!(
            ty(serde_json::json!("String (ISO 8601 duration)")),
            p(Primitive::Duration)
        );
        assert_eq!(ty(serde_json::json!("Int64")), p(Primitive::Int64));
        assert_eq!(ty(serde_json::json!(true)), p(Primitive::Boolean));
        assert_eq!(ty(serde_json::json!(10)), p(Primitive::Int32));
        assert_eq!(ty(serde_json::json!(1.5)), p(Primitive::Double));
        assert_eq!(ty(serde_json::json!({"a": 1})), p(Primitive::Json));
        assert_eq!(
            ty(serde_json::json!([{"@odata.type": "microsoft.graph.x"}])),
            Some(TypeRef::collection(named("microsoft.graph.x", None)))
        );
        assert_eq!(ty(serde_json::json!(null)), None);
        assert_eq!(ty(serde_json::json!([])), None);
    }

    #[test]
    fn possible_values() {
        let v = enum_values(&inl(
            "TODO. Possible values are: `unknown`, `notApplicable`, `compliant`.",
        ));
        assert_eq!(v, ["unknown", "notApplicable", "compliant"]);
        let v = enum_values(&inl(
            "Allowed values: `null`, `minor`, `notAdult` and `adult`. See `x`.",
        ));
        // `null` says "unset", it is no member.
        assert_eq!(v, ["minor", "notAdult", "adult"]);
        let v = enum_values(&inl(
            "Possible values are: `any`, `deviceBasedPush` (passwordless only), `push`.",
        ));
        assert_eq!(v, ["any", "deviceBasedPush", "push"]);
        let v = enum_values(&inl(
            "Possible values are: none, low, medium, and high. More.",
        ));
        assert_eq!(v, ["none", "low", "medium", "high"]);
        assert!(enum_values(&inl("No values here: `a`, `b`")).is_empty());
        assert!(enum_values(&inl("Possible values depend on the weather.")).is_empty());
    }

    #[test]
    fn inherited() {
        assert_eq!(
            inherited_from(&inl("TODO Inherited from [entity](../resources/entity.md)")),
            Some("entity".into())
        );
        assert_eq!(
            inherited_from(&inl("Inherited from mobileApp.")),
            Some("mobileApp".into())
        );
        assert_eq!(
            inherits_from(&inl(
                "Represents a user. Inherits from [directoryObject](directoryobject.md)."
            )),
            Some("directoryObject".into())
        );
        assert_eq!(
            inherits_from(&inl(
                "The **drive** resource is derived from [**baseItem**](baseitem.md) and inherits properties from that resource."
            )),
            Some("baseItem".into())
        );
        assert_eq!(
            inherits_from(&inl("Derived from [attachment](attachment.md).")),
            Some("attachment".into())
        );
        assert_eq!(inherits_from(&inl("Values derived from usage.")), None);
        assert_eq!(
            inherits_from(&inl(
                "A subclass of [educationResource](educationresource.md)."
            )),
            Some("educationResource".into())
        );
        assert_eq!(inherits_from(&inl("A subclass of the form.")), None);
        assert_eq!(
            inherits_from(&inl(
                "Inherits from base class [identityUserFlow](identityuserflow.md)."
            )),
            Some("identityUserFlow".into())
        );
        assert_eq!(
            inherits_from(&inl("It inherits from base policy type.")),
            None
        );
        assert_eq!(
            inherits_from(&inl("Inherits from entity.")),
            Some("entity".into())
        );
        assert_eq!(
            inherits_from(&inl("Inherits from `directoryObject` and more.")),
            Some("directoryObject".into())
        );
        let listed = derived_types_listed(&inl(
            "This is a base class; the derived types are [a](a.md), [b](b.md), and [c](c.md). See [d](d.md).",
        ));
        assert_eq!(
            listed.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert!(derived_types_listed(&inl("No [x](x.md) here.")).is_empty());
        assert_eq!(inherited_from(&inl("Nothing")), None);
    }
}
