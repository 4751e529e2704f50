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
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident; )*) => {
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

            /// The severity a finding with this code has unless configured otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            pub fn parse(s: &str) -> Option<Code> {
                match s { $($code => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// graphdoc itself failed on this input (a caught panic). Please report it.
    InternalError = "GD0001", Error;
    /// The file could not be read.
    Unreadable = "GD0002", Error;
    /// The file is empty.
    EmptyFile = "GD0003", Warning;
    /// The file looks binary (it holds NUL bytes).
    BinaryFile = "GD0004", Error;
    /// The file is not valid UTF-8; invalid bytes were replaced.
    InvalidUtf8 = "GD0005", Warning;

    /// The front matter is missing or does not parse.
    FrontMatter = "GD0100", Warning;
    /// An annotation is not strict JSON but was read leniently.
    LenientAnnotation = "GD0101", Warning;
    /// An annotation could not be read at all.
    InvalidAnnotation = "GD0102", Error;
    /// A request example without a response, or a response without a request.
    UnpairedExample = "GD0103", Warning;
    /// A table row has more or fewer cells than the header.
    RaggedTableRow = "GD0104", Warning;
    /// A type cell names nothing graphdoc recognises.
    UnknownTypeSpelling = "GD0105", Warning;
    /// A TODO or "Not yet documented" placeholder.
    TodoPlaceholder = "GD0106", Info;
    /// An HTTP request or response block does not parse.
    BadHttpBlock = "GD0107", Error;
    /// A code block that should carry an annotation has none.
    MissingAnnotation = "GD0108", Warning;
    /// A code fence is never closed.
    UnterminatedFence = "GD0109", Warning;
    /// An example body is not valid JSON; it is kept raw.
    InvalidJsonBody = "GD0110", Warning;
    /// An expected section (HTTP request, Properties, ...) is missing.
    MissingSection = "GD0111", Warning;
    /// The page has no h1 title.
    MissingTitle = "GD0112", Warning;
    /// A resource page has no Properties table; its properties were read from
    /// the JSON representation (types from the placeholder values).
    PropertiesFromJson = "GD0113", Info;

    /// Two resource (or enum) pages define the same type; the first by path order is kept.
    DuplicateTypeDefinition = "GD0300", Warning;
    /// Two pages disagree on a property's type; the resource page (else the first by path) wins.
    PropertyTypeConflict = "GD0301", Warning;
    /// Two pages list different members for the same enum; the union is kept.
    EnumMemberConflict = "GD0302", Warning;
    /// A type reference (property, base type, binding, body or response type) names no known type.
    UnresolvedType = "GD0303", Warning;
    /// Two operation pages would get the same operation id; the later one is renamed.
    DuplicateOperationId = "GD0304", Warning;
    /// A request body table lists a property that the type's resource page lacks; it is added.
    BodyOnlyProperty = "GD0305", Info;
    /// Base types form a cycle; the cycle is cut.
    InheritanceCycle = "GD0306", Warning;
    /// Two pages disagree on whether a type is an entity, a complex type or an enum.
    TypeKindConflict = "GD0307", Warning;

    /// The metadata uses an Edm type graphdoc does not model; it is kept as unknown.
    CsdlUnsupportedType = "GD0500", Warning;
    /// The metadata defines the same type twice; the first is kept.
    CsdlDuplicate = "GD0501", Warning;
    /// The docs describe a type, property, member or operation that the metadata lacks.
    NotInMetadata = "GD0502", Info;
    /// The metadata has a type, property, member or operation that no page documents.
    Undocumented = "GD0503", Info;
    /// The docs and the metadata disagree on a property's type.
    MetadataTypeMismatch = "GD0504", Warning;

    /// An example value is a type placeholder (`"String (timestamp)"`, `"Int32"`,
    /// `"String"` for an enum, ...); the checked example holds a typed sample instead.
    PlaceholderValue = "GD0200", Info;
    /// An example value is neither valid for its documented type nor a
    /// placeholder; the example's test is ignored.
    InvalidExampleValue = "GD0201", Warning;
    /// A complete (not `truncated`) example response lacks properties the type's table lists.
    MissingExampleProperty = "GD0202", Warning;
    /// An example has a property that the type's table (or the parameters table) lacks.
    UnknownExampleProperty = "GD0203", Warning;
    /// An example enum value is not among the enum's members.
    UnknownEnumValue = "GD0204", Warning;
    /// An example response has a body but neither the page nor the example names its type.
    UndeclaredResponseType = "GD0205", Warning;
    /// An example (`@odata.type` in a body or an annotation) names a type that no page defines.
    UndefinedExampleType = "GD0206", Warning;
    /// Two examples of one API version have the same name.
    DuplicateExampleName = "GD0207", Warning;
    /// An example response wraps a single entity or complex value in `{"value": ...}`;
    /// the checked example holds it unwrapped.
    WrappedSingleValue = "GD0208", Warning;
    /// An example's URL matches none of its operation's path templates.
    UnmatchedExampleUrl = "GD0209", Warning;
    /// An example's `@odata.type` names a type that is not the documented one nor derived from it.
    ExampleTypeMismatch = "GD0210", Warning;
    /// An example's request uses another HTTP method than its operation's.
    ExampleMethodMismatch = "GD0211", Warning;
    /// A type names no base type, but its examples show properties its table
    /// lacks that a base type declares, or use it where another type is
    /// declared: reported once per type.
    BaseTypeNotNamed = "GD0212", Warning;
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
