//! Located findings about the docs, with stable codes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How bad a finding is. Errors make `graphdoc lint` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $level:ident; )*) => {
        /// Stable diagnostic codes. A code never changes meaning once released;
        /// retired codes are not reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Code {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, e.g. `GD0101`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The severity a finding with this code is reported with.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// The level the code has unless configured otherwise: codes
            /// that are not precise enough on real docs (see
            /// `docs/lint-precision.md`) are allowed (off) by default.
            pub fn default_level(self) -> crate::Level {
                match self { $(Code::$variant => crate::Level::$level,)* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                match s { $($code => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// graphdoc itself failed on this input (a caught panic). Please report it.
    InternalError = "GD0001", Error, Deny;
    /// The file could not be read.
    Unreadable = "GD0002", Error, Deny;
    /// The file is empty.
    EmptyFile = "GD0003", Warning, Warn;
    /// The file looks binary (it holds NUL bytes).
    BinaryFile = "GD0004", Error, Deny;
    /// The file is not valid UTF-8; invalid bytes were replaced.
    InvalidUtf8 = "GD0005", Warning, Warn;

    /// The front matter is missing or does not parse.
    FrontMatter = "GD0100", Warning, Warn;
    /// An annotation is not strict JSON but was read leniently.
    LenientAnnotation = "GD0101", Warning, Warn;
    /// An annotation could not be read at all.
    InvalidAnnotation = "GD0102", Error, Deny;
    /// A request example without a response, or a response without a request.
    UnpairedExample = "GD0103", Warning, Warn;
    /// A table row has more or fewer cells than the header.
    RaggedTableRow = "GD0104", Warning, Warn;
    /// A type cell names nothing graphdoc recognises.
    UnknownTypeSpelling = "GD0105", Warning, Warn;
    /// A TODO or "Not yet documented" placeholder.
    TodoPlaceholder = "GD0106", Info, Warn;
    /// An HTTP request or response block does not parse.
    BadHttpBlock = "GD0107", Error, Deny;
    /// A code block that should carry an annotation has none.
    MissingAnnotation = "GD0108", Warning, Allow;
    /// A code fence is never closed.
    UnterminatedFence = "GD0109", Warning, Warn;
    /// An example body is not valid JSON; it is kept raw.
    InvalidJsonBody = "GD0110", Warning, Warn;
    /// An expected section (HTTP request, Properties, ...) is missing.
    MissingSection = "GD0111", Warning, Allow;
    /// The page has no h1 title.
    MissingTitle = "GD0112", Warning, Warn;
    /// A resource page has no Properties table; its properties were read from
    /// the JSON representation (types from the placeholder values).
    PropertiesFromJson = "GD0113", Info, Warn;

    /// Two resource (or enum) pages define the same type; the first by path order is kept.
    DuplicateTypeDefinition = "GD0300", Warning, Warn;
    /// Two pages disagree on a property's type; the resource page (else the first by path) wins.
    PropertyTypeConflict = "GD0301", Warning, Warn;
    /// Two pages list different members for the same enum; the union is kept.
    EnumMemberConflict = "GD0302", Warning, Allow;
    /// A type reference (property, base type, binding, body or response type) names no known type.
    UnresolvedType = "GD0303", Warning, Warn;
    /// Two operation pages would get the same operation id; the later one is renamed.
    DuplicateOperationId = "GD0304", Warning, Warn;
    /// A request body table lists a property that the type's resource page lacks; it is added.
    BodyOnlyProperty = "GD0305", Info, Warn;
    /// Base types form a cycle; the cycle is cut.
    InheritanceCycle = "GD0306", Warning, Warn;
    /// Two pages disagree on whether a type is an entity, a complex type or an enum.
    TypeKindConflict = "GD0307", Warning, Warn;
    /// A page's annotation (`baseType`) and its text ("Inherits from") name
    /// different base types; the more derived is kept when one derives from
    /// the other, else the annotation's.
    BaseTypeConflict = "GD0308", Warning, Warn;

    /// The metadata uses an Edm type graphdoc does not model; it is kept as unknown.
    CsdlUnsupportedType = "GD0500", Warning, Warn;
    /// The metadata defines the same type twice; the first is kept.
    CsdlDuplicate = "GD0501", Warning, Warn;
    /// The docs describe a type, property, member or operation that the metadata lacks.
    NotInMetadata = "GD0502", Info, Warn;
    /// The metadata has a type, property, member or operation that no page documents.
    Undocumented = "GD0503", Info, Warn;
    /// The docs and the metadata disagree on a property's type.
    MetadataTypeMismatch = "GD0504", Warning, Warn;

    /// An example value is a type placeholder (`"String (timestamp)"`, `"Int32"`,
    /// `"String"` for an enum, ...); the checked example holds a typed sample instead.
    PlaceholderValue = "GD0200", Info, Warn;
    /// An example value is neither valid for its documented type nor a
    /// placeholder; the example's test is ignored.
    InvalidExampleValue = "GD0201", Warning, Warn;
    /// A complete (not `truncated`) example response lacks properties the type's table lists.
    MissingExampleProperty = "GD0202", Warning, Allow;
    /// An example has a property that the type's table (or the parameters table) lacks.
    UnknownExampleProperty = "GD0203", Warning, Warn;
    /// An example enum value is not among the enum's members.
    UnknownEnumValue = "GD0204", Warning, Warn;
    /// An example response has a body but neither the page nor the example names its type.
    UndeclaredResponseType = "GD0205", Warning, Allow;
    /// An example (`@odata.type` in a body or an annotation) names a type that no page defines.
    UndefinedExampleType = "GD0206", Warning, Warn;
    /// Two examples of one API version have the same name.
    DuplicateExampleName = "GD0207", Warning, Warn;
    /// An example response wraps a single entity or complex value in `{"value": ...}`;
    /// the checked example holds it unwrapped.
    WrappedSingleValue = "GD0208", Warning, Warn;
    /// An example's URL matches none of its operation's path templates.
    UnmatchedExampleUrl = "GD0209", Warning, Allow;
    /// An example's `@odata.type` names a type that is not the documented one nor derived from it.
    ExampleTypeMismatch = "GD0210", Warning, Warn;
    /// An example's request uses another HTTP method than its operation's.
    ExampleMethodMismatch = "GD0211", Warning, Warn;
    /// A type names no base type, but its examples show properties its table
    /// lacks that a base type declares, or use it where another type is
    /// declared: reported once per type.
    BaseTypeNotNamed = "GD0212", Warning, Allow;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location, e.g. the other side of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Related {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A located finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the finding is about the whole file.
    pub line: u32,
    /// 1-based, in characters; 0 when unknown.
    pub column: u32,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(
        code: Code,
        file: impl Into<String>,
        line: u32,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            column,
            severity: code.default_severity(),
            code,
            message: message.into(),
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }
}

impl fmt::Display for Diagnostic {
    /// The one-line form `path:line:col: warning[GD0101]: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file, self.line, self.column, self.severity, self.code, self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate code {code}");
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn one_line_form() {
        let d = Diagnostic::new(Code::LenientAnnotation, "a.md", 3, 1, "trailing comma");
        assert_eq!(d.to_string(), "a.md:3:1: warning[GD0101]: trailing comma");
    }
}

/// Other occurrences a grouped finding names, at most.
const MAX_GROUPED_RELATED: usize = 5;

/// One finding per cause: replaces the findings of `code` by one per file,
/// the first by position, its message `summary(count, first)` when there
/// are several, the next few named as related locations. For conventions a
/// page follows throughout (unannotated examples, type placeholders).
pub fn group_per_file(
    diagnostics: Vec<Diagnostic>,
    code: Code,
    summary: impl Fn(usize, &Diagnostic) -> String,
) -> Vec<Diagnostic> {
    let (grouped, mut out): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.code == code);
    let mut by_file: std::collections::BTreeMap<String, Vec<Diagnostic>> = Default::default();
    for d in grouped {
        by_file.entry(d.file.clone()).or_default().push(d);
    }
    for (_, mut ds) in by_file {
        ds.sort();
        let rest = ds.split_off(1);
        let mut first = ds.pop().expect("a group has a first finding");
        if !rest.is_empty() {
            first.message = summary(rest.len() + 1, &first);
            first
                .related
                .extend(rest.iter().take(MAX_GROUPED_RELATED).map(|d| Related {
                    file: d.file.clone(),
                    line: d.line,
                    column: d.column,
                    message: d.message.clone(),
                }));
        }
        out.push(first);
    }
    out
}

#[cfg(test)]
mod group_tests {
    use super::*;

    #[test]
    fn one_finding_per_file_with_a_count() {
        let d = |file: &str, line, code| Diagnostic::new(code, file, line, 1, format!("at {line}"));
        let out = group_per_file(
            vec![
                d("a.md", 9, Code::PlaceholderValue),
                d("a.md", 3, Code::PlaceholderValue),
                d("b.md", 1, Code::PlaceholderValue),
                d("a.md", 5, Code::InvalidExampleValue),
            ],
            Code::PlaceholderValue,
            |n, first| format!("{n} here; first {}", first.message),
        );
        let grouped: Vec<(&str, u32, &str, usize)> = out
            .iter()
            .filter(|d| d.code == Code::PlaceholderValue)
            .map(|d| (d.file.as_str(), d.line, d.message.as_str(), d.related.len()))
            .collect();
        assert_eq!(
            grouped,
            [("a.md", 3, "2 here; first at 3", 1), ("b.md", 1, "at 1", 0)]
        );
        assert_eq!(out.len(), 3, "other codes untouched");
    }
}
