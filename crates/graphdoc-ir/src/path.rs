//! Path templates, parsed once: `/users/{id}/messages/delta`,
//! `/drive/root:/{item-path}:/content`, `/reports/getX(period='{period}')`.
//!
//! The parser reads each template of a request-syntax line into segments;
//! every later stage (merge, lint, emit, csdl) reads the segments and never the
//! text again. A concrete URL path parses the same way, so an example URL and
//! a template compare segment by segment ([`PathTemplate::matches`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Loc;

/// A path template such as `/users/{id}/messages`: host, version prefix and
/// query string removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The segments displayed: the template's canonical text, starting with
    /// `/` (kept in step with `segments` by [`PathTemplate::parse`] and
    /// [`PathTemplate::respell`]).
    pub template: String,
    pub segments: Vec<Segment>,
    pub loc: Loc,
}

/// One `/`-separated segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Segment {
    /// A name: an entity set, a singleton, a navigation property, an
    /// unqualified bound operation, or other fixed text (`root:`).
    Literal(String),
    /// A whole-segment placeholder, `{id}`: usually the key of the
    /// collection before it.
    Key(String),
    /// A segment mixing text and placeholders (`{item-path}:`).
    Param(Vec<Piece>),
    /// A function call: `delta(token='{token}')`, `range(address='A1')`.
    Function { name: String, args: Vec<Argument> },
    /// A namespace-qualified name: a type cast (`microsoft.graph.user`), or a
    /// bound operation called by its qualified name; the model tells which.
    Qualified(String),
    /// `$value`: the raw value (media content) of what precedes it.
    Value,
    /// `$ref`: the reference to an entity rather than the entity.
    Ref,
    /// `$count`: the number of items of the collection before it.
    Count,
}

/// Text or a placeholder inside a [`Segment::Param`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Piece {
    Text(String),
    Param(String),
}

/// One argument of a function call segment. Every argument is a parameter
/// of the route: a placeholder (`token='{token}'`) names it; a sample value
/// the docs give in its place (`period='D7'`, `count=n`) makes a parameter
/// named after the argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    /// The argument name; empty for a key in parentheses (`items('{id}')`).
    pub name: String,
    /// The parameter's name: the placeholder's, else the argument's.
    pub param: String,
    /// Written inside quotes: an OData string literal.
    pub quoted: bool,
    /// The sample value the docs wrote instead of a placeholder, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
}

impl Argument {
    fn fmt_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = if self.quoted { "'" } else { "" };
        match &self.sample {
            Some(s) => write!(f, "{q}{s}{q}"),
            None => write!(f, "{q}{{{}}}{q}", self.param),
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Literal(s) | Segment::Qualified(s) => f.write_str(s),
            Segment::Key(k) => write!(f, "{{{k}}}"),
            Segment::Param(pieces) => {
                for p in pieces {
                    match p {
                        Piece::Text(t) => f.write_str(t)?,
                        Piece::Param(n) => write!(f, "{{{n}}}")?,
                    }
                }
                Ok(())
            }
            Segment::Function { name, args } => {
                write!(f, "{name}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    if !a.name.is_empty() {
                        write!(f, "{}=", a.name)?;
                    }
                    a.fmt_value(f)?;
                }
                f.write_str(")")
            }
            Segment::Value => f.write_str("$value"),
            Segment::Ref => f.write_str("$ref"),
            Segment::Count => f.write_str("$count"),
        }
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.template)
    }
}

/// Whether a host is Microsoft Graph's (any cloud's), not a webhook's, a
/// bot's or an upload service's.
pub fn is_graph_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h.contains("graph.microsoft") || h.contains("microsoftgraph")
}

/// Where a parameter sits, which decides how its value is encoded in a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamPlace {
    /// One path segment (`/` must be encoded).
    Segment,
    /// A path spanning segments (`root:/{item-path}:`): `/` kept.
    Path,
    /// Inside an OData string literal (`'{x}'`): `'` doubled.
    Literal,
}

/// A parameter of a template, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateParam<'t> {
    /// As written between the braces (`id | userPrincipalName`), or a
    /// sample-valued function argument's name.
    pub name: &'t str,
    pub place: ParamPlace,
    /// The function argument it fills (`deltaRows` in `(deltaRows={n})`).
    pub argument: Option<&'t str>,
    /// The index of its segment.
    pub segment: usize,
}

/// A piece of a template flattened for matching and rendering: fixed text
/// (with the `/` separators) or a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'t> {
    Text(&'t str),
    Param(TemplateParam<'t>),
}

impl PathTemplate {
    /// Parses a template or a concrete URL path (without host, version and
    /// query). Empty segments (`//`, a trailing `/`) are dropped.
    pub fn parse(text: &str, loc: Loc) -> Self {
        let segments = split_segments(text.trim())
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_segment(s.trim()))
            .collect();
        Self::from_segments(segments, loc)
    }

    /// A template of these segments.
    pub fn from_segments(segments: Vec<Segment>, loc: Loc) -> Self {
        let template = display_segments(&segments);
        Self {
            template,
            segments,
            loc,
        }
    }

    /// Replaces each literal's spelling by `spell(literal)`, where it gives
    /// one (merge spells segments as the model does).
    pub fn respell(&mut self, mut spell: impl FnMut(&str) -> Option<String>) {
        let mut changed = false;
        for s in &mut self.segments {
            if let Segment::Literal(l) = s
                && let Some(new) = spell(l)
                && new != *l
            {
                *l = new;
                changed = true;
            }
        }
        if changed {
            self.template = display_segments(&self.segments);
        }
    }

    /// The template's parameters, in order.
    pub fn params(&self) -> Vec<TemplateParam<'_>> {
        self.tokens()
            .into_iter()
            .filter_map(|t| match t {
                Token::Param(p) => Some(p),
                Token::Text(_) => None,
            })
            .collect()
    }

    /// The template as text and parameters, in order; text includes the `/`
    /// separators.
    pub fn tokens<'t>(&'t self) -> Vec<Token<'t>> {
        let mut out = Vec::new();
        for (i, seg) in self.segments.iter().enumerate() {
            out.push(Token::Text("/"));
            let param = |name: &'t str, place, argument| TemplateParam {
                name: name.trim(),
                place,
                argument,
                segment: i,
            };
            match seg {
                Segment::Literal(s) | Segment::Qualified(s) => out.push(Token::Text(s)),
                Segment::Key(k) => out.push(Token::Param(param(k, place_of(k, false), None))),
                Segment::Param(pieces) => {
                    for (j, p) in pieces.iter().enumerate() {
                        match p {
                            Piece::Text(t) => out.push(Token::Text(t)),
                            Piece::Param(n) => {
                                let colon_follows = matches!(pieces.get(j + 1), Some(Piece::Text(t)) if t.starts_with(':'));
                                out.push(Token::Param(param(n, place_of(n, colon_follows), None)));
                            }
                        }
                    }
                }
                Segment::Function { name, args } => {
                    out.push(Token::Text(name));
                    out.push(Token::Text("("));
                    for (j, a) in args.iter().enumerate() {
                        if j > 0 {
                            out.push(Token::Text(","));
                        }
                        if !a.name.is_empty() {
                            out.push(Token::Text(&a.name));
                            out.push(Token::Text("="));
                        }
                        if a.quoted {
                            out.push(Token::Text("'"));
                        }
                        let place = if a.quoted {
                            ParamPlace::Literal
                        } else {
                            ParamPlace::Segment
                        };
                        let argument = (!a.name.is_empty()).then_some(a.name.as_str());
                        out.push(Token::Param(param(&a.param, place, argument)));
                        if a.quoted {
                            out.push(Token::Text("'"));
                        }
                    }
                    out.push(Token::Text(")"));
                }
                Segment::Value => out.push(Token::Text("$value")),
                Segment::Ref => out.push(Token::Text("$ref")),
                Segment::Count => out.push(Token::Text("$count")),
            }
        }
        out
    }

    /// How much fixed text the template has: the more, the more specific.
    pub fn specificity(&self) -> usize {
        self.tokens()
            .iter()
            .map(|t| match t {
                Token::Text(s) => s.len(),
                Token::Param(_) => 0,
            })
            .sum()
    }

    /// Matches a concrete path (relative to the version root, not decoded):
    /// the parameters' values in template order, or `None`. Text compares
    /// ASCII-case-insensitively, as Graph's URLs do; a parameter takes at
    /// least one character, within one segment unless it spans a path.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let path = path
            .strip_suffix('/')
            .filter(|p| !p.is_empty())
            .unwrap_or(path);
        let tokens = merge_text(self.tokens());
        match_tokens(&tokens, path)
    }

    /// The name of the operation the template ends with, if its last segment
    /// calls one: `delta` for `.../delta()` or `.../delta`, `assignLicense`
    /// for `.../microsoft.graph.assignLicense`.
    pub fn last_name(&self) -> Option<&str> {
        match self.segments.last()? {
            Segment::Literal(s) => Some(s),
            Segment::Function { name, .. } => Some(name.rsplit('.').next().unwrap_or(name)),
            Segment::Qualified(q) => q.rsplit('.').next(),
            _ => None,
        }
    }
}

/// A parameter spans segments when its name says it is a path, or a `:`
/// follows it (`root:/{item-path}:`).
fn place_of(name: &str, colon_follows: bool) -> ParamPlace {
    if colon_follows || name.to_ascii_lowercase().contains("path") {
        ParamPlace::Path
    } else {
        ParamPlace::Segment
    }
}

/// Adjacent text tokens joined, for matching.
enum MatchToken<'t> {
    Text(String),
    Param(TemplateParam<'t>),
}

fn merge_text(tokens: Vec<Token<'_>>) -> Vec<MatchToken<'_>> {
    let mut out: Vec<MatchToken<'_>> = Vec::new();
    for t in tokens {
        match (t, out.last_mut()) {
            (Token::Text(s), Some(MatchToken::Text(prev))) => prev.push_str(s),
            (Token::Text(s), _) => out.push(MatchToken::Text(s.to_string())),
            (Token::Param(p), _) => out.push(MatchToken::Param(p)),
        }
    }
    out
}

fn match_tokens(tokens: &[MatchToken<'_>], path: &str) -> Option<Vec<(String, String)>> {
    match tokens.split_first() {
        None => path.is_empty().then(Vec::new),
        Some((MatchToken::Text(l), rest)) => {
            let head = path.get(..l.len())?;
            if !head.eq_ignore_ascii_case(l) {
                return None;
            }
            match_tokens(rest, &path[l.len()..])
        }
        Some((MatchToken::Param(p), rest)) => {
            let ends: Vec<usize> = match rest.first() {
                None => vec![path.len()],
                Some(MatchToken::Text(l)) => {
                    let lower = path.to_ascii_lowercase();
                    let l = l.to_ascii_lowercase();
                    lower.match_indices(&l).map(|(i, _)| i).collect()
                }
                Some(MatchToken::Param(_)) => path.char_indices().map(|(i, _)| i).skip(1).collect(),
            };
            let spans = p.place == ParamPlace::Path
                || matches!(rest.first(), Some(MatchToken::Text(l)) if l.starts_with(':'));
            ends.into_iter().filter(|&end| end > 0).find_map(|end| {
                let value = path.get(..end)?;
                if !spans && value.contains('/') {
                    return None;
                }
                let mut args = match_tokens(rest, &path[end..])?;
                args.insert(0, (p.name.to_string(), value.to_string()));
                Some(args)
            })
        }
    }
}

fn display_segments(segments: &[Segment]) -> String {
    if segments.is_empty() {
        return "/".to_string();
    }
    use fmt::Write as _;
    let mut out = String::new();
    for s in segments {
        out.push('/');
        // Writing into a String cannot fail.
        let _ = write!(out, "{s}");
    }
    out
}

/// Splits at `/` outside braces, parentheses and quotes.
fn split_segments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in text.char_indices() {
        match c {
            '\'' if depth > 0 => quoted = !quoted,
            '{' | '(' if !quoted => depth += 1,
            '}' | ')' if !quoted => depth = (depth - 1).max(0),
            '/' if depth == 0 && !quoted => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

fn parse_segment(s: &str) -> Segment {
    let is = |keyword: &str| s.eq_ignore_ascii_case(keyword);
    if s.starts_with('$') {
        if is("$value") {
            return Segment::Value;
        } else if is("$ref") {
            return Segment::Ref;
        } else if is("$count") {
            return Segment::Count;
        }
    }
    if let Some(inner) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}'))
        && !inner.contains(['{', '}'])
    {
        return Segment::Key(inner.trim().to_string());
    }
    if let Some(open) = s.find('(')
        && s.ends_with(')')
        && open > 0
        && !s[..open].contains(['{', '}'])
    {
        return Segment::Function {
            name: s[..open].trim().to_string(),
            args: parse_arguments(&s[open + 1..s.len() - 1]),
        };
    }
    if s.contains('{') {
        return Segment::Param(parse_pieces(s));
    }
    let qualified = s.contains('.')
        && !s.starts_with('.')
        && !s.ends_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && s.split('.')
            .all(|p| p.starts_with(|c: char| c.is_ascii_alphabetic()));
    if qualified {
        Segment::Qualified(s.to_string())
    } else {
        Segment::Literal(s.to_string())
    }
}

fn parse_pieces(s: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_string()));
        }
        out.push(Piece::Param(rest[open + 1..close].trim().to_string()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

/// Splits at `,` outside quotes and braces.
fn split_arguments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0);
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted => depth -= 1,
            ',' if depth <= 0 && !quoted => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn parse_arguments(s: &str) -> Vec<Argument> {
    if s.trim().is_empty() {
        return Vec::new();
    }
    split_arguments(s)
        .into_iter()
        .filter(|a| !a.trim().is_empty())
        .map(|a| {
            let (name, value) = match a.split_once('=') {
                Some((k, v)) if !k.contains(['\'', '{']) => (k.trim(), v.trim()),
                _ => ("", a.trim()),
            };
            let (quoted, inner) = match value.strip_prefix('\'').and_then(|v| v.strip_suffix('\''))
            {
                Some(inner) if value.len() >= 2 => (true, inner),
                _ => (false, value),
            };
            match inner
                .strip_prefix('{')
                .and_then(|r| r.strip_suffix('}'))
                .filter(|p| !p.contains(['{', '}']))
            {
                Some(param) => Argument {
                    name: name.to_string(),
                    param: param.trim().to_string(),
                    quoted,
                    sample: None,
                },
                None => Argument {
                    name: name.to_string(),
                    param: if name.is_empty() {
                        "key".to_string()
                    } else {
                        name.to_string()
                    },
                    quoted,
                    sample: Some(inner.to_string()),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> PathTemplate {
        PathTemplate::parse(text, Loc::default())
    }

    #[test]
    fn dollar_keywords_in_any_case_and_only_whole() {
        let p = t("/me/photo/$Value");
        assert_eq!(p.segments.last(), Some(&Segment::Value));
        assert_eq!(p.template, "/me/photo/$value");
        assert_eq!(t("/groups/$COUNT").segments[1], Segment::Count);
        assert_eq!(t("/a/$refs").segments[1], Segment::Literal("$refs".into()));
    }

    #[test]
    fn segments_of_each_kind() {
        let p = t("/users/{id | userPrincipalName}/microsoft.graph.user/photo/$value");
        assert_eq!(
            p.segments,
            [
                Segment::Literal("users".into()),
                Segment::Key("id | userPrincipalName".into()),
                Segment::Qualified("microsoft.graph.user".into()),
                Segment::Literal("photo".into()),
                Segment::Value,
            ]
        );
        let p = t("/drive/root:/{item-path}:/content");
        assert_eq!(
            p.segments[2],
            Segment::Param(vec![
                Piece::Param("item-path".into()),
                Piece::Text(":".into())
            ])
        );
        assert_eq!(p.params()[0].place, ParamPlace::Path);
        let p = t("/reports/getY(count=n,on='{on}')/$count");
        let Segment::Function { name, args } = &p.segments[1] else {
            panic!("{:?}", p.segments)
        };
        assert_eq!(name, "getY");
        assert_eq!(args[0].sample.as_deref(), Some("n"));
        assert_eq!(args[0].param, "count");
        assert!(args[1].quoted && args[1].sample.is_none());
        assert_eq!(p.segments[2], Segment::Count);
        assert_eq!(p.to_string(), "/reports/getY(count=n,on='{on}')/$count");
        assert_eq!(
            p.params()
                .iter()
                .map(|p| (p.name, p.argument))
                .collect::<Vec<_>>(),
            [("count", Some("count")), ("on", Some("on"))]
        );
        assert_eq!(t("/range(address='A1:B2/C')").segments.len(), 1);
        assert_eq!(t("/users/").to_string(), "/users");
    }

    #[test]
    fn matches_case_insensitively_with_values() {
        let p = t("/users/{id}/events/delta");
        assert_eq!(
            p.matches("/Users/a1/EVENTS/delta"),
            Some(vec![("id".into(), "a1".into())])
        );
        assert_eq!(p.matches("/users/a/b/events/delta"), None);
        let p = t("/drive/root:/{item-path}:/content");
        assert_eq!(
            p.matches("/drive/root:/a/b.txt:/content"),
            Some(vec![("item-path".into(), "a/b.txt".into())])
        );
        let p = t("/reports/getY(count=n,on='parameterValue')");
        assert_eq!(
            p.matches("/reports/getY(count=3,on='me')"),
            Some(vec![
                ("count".into(), "3".into()),
                ("on".into(), "me".into())
            ])
        );
        assert!(t("/users/{id}").specificity() < t("/users/delta").specificity());
    }

    #[test]
    fn respelling_keeps_the_text_in_step() {
        let mut p = t("/directoryroles/{id}/members");
        p.respell(|l| (l == "directoryroles").then(|| "directoryRoles".to_string()));
        assert_eq!(p.template, "/directoryRoles/{id}/members");
        assert_eq!(p.last_name(), Some("members"));
    }
}
