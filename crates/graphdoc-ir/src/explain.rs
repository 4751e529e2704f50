//! What each code means, why it matters and how to fix it: the text of
//! `graphdoc lint --explain`, of SARIF rules and of the docs-health report.

use crate::Code;

/// The long explanation of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// What the finding says.
    pub what: &'static str,
    /// Why it matters: to readers, to tools, to the generated bindings.
    pub why: &'static str,
    /// How to fix it in the docs.
    pub fix: &'static str,
}

impl Explanation {
    /// The text as `--explain` prints it.
    pub fn render(&self, code: Code) -> String {
        format!(
            "{code}: {what}\n\nWhy it matters: {why}\n\nHow to fix it: {fix}\n\nDefault level: {level}.\n",
            what = self.what,
            why = self.why,
            fix = self.fix,
            level = code.default_level(),
        )
    }
}

const fn e(what: &'static str, why: &'static str, fix: &'static str) -> Explanation {
    Explanation { what, why, fix }
}

impl Code {
    /// What the code means, why it matters and how to fix it.
    pub fn explain(self) -> Explanation {
        match self {
            Code::InternalError => e(
                "graphdoc itself failed on this page (a caught panic); the page was skipped.",
                "Nothing graphdoc knows about the page reaches the model or the bindings.",
                "Report it to graphdoc with the page attached; the page itself may be fine.",
            ),
            Code::Unreadable => e(
                "The file could not be read.",
                "Its content is missing from every output.",
                "Check the path and its permissions.",
            ),
            Code::EmptyFile => e(
                "The file is empty.",
                "An empty page documents nothing, usually by accident.",
                "Write the page, or delete it.",
            ),
            Code::BinaryFile => e(
                "The file holds NUL bytes: it looks binary, not markdown.",
                "A binary file among the pages is read as nothing.",
                "Move it out of the docs tree, or fix its encoding.",
            ),
            Code::InvalidUtf8 => e(
                "The file is not valid UTF-8; invalid bytes were replaced.",
                "Readers and tools may see garbled characters where the bytes were.",
                "Save the file as UTF-8.",
            ),
            Code::FrontMatter => e(
                "The YAML front matter is missing or does not parse, or its `doc_type` contradicts the page.",
                "Publishing tools and graphdoc use `doc_type` and `ms.prod` to know what a page is and which workload it belongs to.",
                "Fix the YAML between the `---` lines; spell `doc_type` as `apiPageType`, `resourcePageType`, `enumPageType` or `conceptualPageType`.",
            ),
            Code::LenientAnnotation => e(
                "An HTML-comment annotation (`<!-- { ... } -->`) is not strict JSON (trailing commas, single quotes, comments); graphdoc read it leniently.",
                "The docs' own test tools read annotations as JSON; a lenient one may be skipped or misread by them.",
                "Make the annotation strict JSON: double quotes, no trailing commas, no comments.",
            ),
            Code::InvalidAnnotation => e(
                "An annotation could not be read at all.",
                "Whatever it says (block type, example name, `@odata.type`) is lost, to graphdoc and the docs' test tools.",
                "Rewrite it as a JSON object inside `<!-- -->`.",
            ),
            Code::UnpairedExample => e(
                "An example request has no response, or a response no request.",
                "An example without its other half cannot be checked or turned into a test, and readers miss what the call returns.",
                "Add the missing block under the same example heading, or mark a request shown only for its form with `\"blockType\": \"ignored\"`.",
            ),
            Code::RaggedTableRow => e(
                "A table row has more or fewer cells than the header.",
                "Cells shift columns: a description can be read as a type, a type as a description.",
                "Give the row as many cells as the header; escape `|` inside cells as `\\|`.",
            ),
            Code::UnknownTypeSpelling => e(
                "A type cell names nothing graphdoc recognises as an Edm type or a documented type.",
                "The property's type is unknown to readers and tools; the bindings keep it as untyped JSON.",
                "Write an Edm type (`String`, `Int32`, `DateTimeOffset`, ...), a linked type (`[user](user.md)`), or `X collection`.",
            ),
            Code::TodoPlaceholder => e(
                "The page holds TODO or \"Not yet documented\" placeholders (reported once per page, with a count).",
                "Readers meet a gap where documentation should be.",
                "Write the missing text, or remove the placeholder.",
            ),
            Code::BadHttpBlock => e(
                "An HTTP request or response block does not parse: no `METHOD /path` line, no status line, or empty.",
                "The operation's paths, or the example, are lost to graphdoc and the docs' test tools.",
                "Start a request block with `GET /path` (or another method) and a response block with `HTTP/1.1 200 OK`.",
            ),
            Code::MissingAnnotation => e(
                "Example HTTP blocks on the page have no `<!-- { \"blockType\": ... } -->` annotation (reported once per page, with a count).",
                "The docs' test tools find examples by their annotations; without them examples are not validated, and pairing relies on position.",
                "Add `<!-- { \"blockType\": \"request\", \"name\": \"...\" } -->` before each example request, and `<!-- { \"blockType\": \"response\", \"@odata.type\": \"...\" } -->` before each response.",
            ),
            Code::UnterminatedFence => e(
                "A code fence is never closed.",
                "Everything after it renders as code, and the blocks after it are lost.",
                "Close the fence with a matching ``` line.",
            ),
            Code::InvalidJsonBody => e(
                "An example body that should be JSON does not parse; it is kept as raw text.",
                "Readers copying it get invalid JSON; the example cannot be checked or tested.",
                "Fix the JSON (quotes, commas, brackets); write elisions as a comment in prose, not `...` in the body.",
            ),
            Code::MissingSection => e(
                "A section a page of its kind should have (HTTP request, Response, Permissions, Properties) is missing.",
                "Readers miss what the operation takes or returns; tools miss its paths or its type.",
                "Add the section under its usual heading.",
            ),
            Code::MissingTitle => e(
                "The page has no `# title` heading.",
                "The page's name in navigation and search comes from its title; graphdoc names operations after it.",
                "Start the page with a `# ` heading.",
            ),
            Code::PropertiesFromJson => e(
                "A resource page has no Properties table; its properties were read from its JSON representation, with types guessed from the placeholder values.",
                "Property descriptions are missing and the guessed types may be wrong.",
                "Add a Properties table: name, type and description of each property.",
            ),
            Code::DuplicateTypeDefinition => e(
                "Two resource (or enum) pages define the same type; the first by path is kept.",
                "Readers may read the losing page; the two may disagree.",
                "Keep one definition and link to it from the other page.",
            ),
            Code::BaseTypeConflict => e(
                "A page's annotation (`baseType`) and its text (\"Inherits from ...\") name different base types. When one derives from the other the more derived is kept (both statements then hold); otherwise the annotation's.",
                "Readers and tools told different things: which properties the type inherits, and where its values may appear in place of a base's.",
                "Name the direct base type in both places.",
            ),
            Code::PropertyTypeConflict => e(
                "Two pages give one property different types; the resource page (else the first by path) wins.",
                "Readers of the losing page are told the wrong type.",
                "Give the property the same type on every page that lists it.",
            ),
            Code::EnumMemberConflict => e(
                "Two pages list different members for the same enum; the union is kept.",
                "A reader of either page misses members the other lists.",
                "List the same members everywhere, or link to the enum's one definition.",
            ),
            Code::UnresolvedType => e(
                "A type reference (property, base type, binding, body or response type) names no type any page defines.",
                "Readers cannot follow it, and the bindings keep the value as untyped JSON.",
                "Fix the name or its link, or document the type.",
            ),
            Code::DuplicateOperationId => e(
                "Two operation pages would get the same operation id (their file stem); the later one is renamed.",
                "Generated route names and test names depend on the id.",
                "Rename one of the pages.",
            ),
            Code::BodyOnlyProperty => e(
                "A request body table lists a property the type's resource page lacks; it is added to the type.",
                "The resource page is incomplete, or the body table documents something else.",
                "Add the property to the resource page's table, or fix the body table.",
            ),
            Code::InheritanceCycle => e(
                "Base types form a cycle; the cycle is cut.",
                "A type cannot derive from itself: one of the base types is wrong.",
                "Fix the \"Inherits from\" or `baseType` of one of the types.",
            ),
            Code::TypeKindConflict => e(
                "Two pages disagree on whether a type is an entity, a complex type or an enum; the first is kept.",
                "Readers and the bindings see one kind; the other page is wrong.",
                "Document the type the same way on every page.",
            ),
            Code::CsdlUnsupportedType => e(
                "The metadata uses an Edm type graphdoc does not model; it is kept as unknown.",
                "The comparison with the docs cannot check that property.",
                "Nothing in the docs; tell graphdoc about the type.",
            ),
            Code::CsdlDuplicate => e(
                "The metadata defines the same type twice; the first is kept.",
                "The metadata is inconsistent.",
                "Nothing in the docs.",
            ),
            Code::NotInMetadata => e(
                "The docs describe a type, property, member or operation that the service's metadata lacks.",
                "Readers may call for something the service does not have.",
                "Check the name against the service; fix or remove it from the docs.",
            ),
            Code::Undocumented => e(
                "The metadata has a type, property, member or operation that no page documents.",
                "Readers cannot discover it.",
                "Document it, or confirm it is deliberately undocumented.",
            ),
            Code::MetadataTypeMismatch => e(
                "The docs and the metadata disagree on a property's type (or a type's kind).",
                "Readers are told a type the service does not send.",
                "Use the metadata's type in the docs' table.",
            ),
            Code::PlaceholderValue => e(
                "Example values are type placeholders (`\"String\"`, `\"Int32\"`, `\"String (timestamp)\"`) rather than example values (reported once per page, with a count).",
                "Readers copying the example send invalid values; graphdoc's tests use typed samples instead.",
                "Write realistic values: `\"2021-07-01T08:00:00Z\"` for a timestamp, a member for an enum.",
            ),
            Code::InvalidExampleValue => e(
                "An example value is not valid for its documented type, and not a placeholder either.",
                "The example contradicts the type; code copying it fails, and its test is ignored.",
                "Fix the value, or the property's documented type.",
            ),
            Code::MissingExampleProperty => e(
                "A response the docs do not mark truncated lacks properties the type's table lists.",
                "Readers take the example for the whole response and miss those properties.",
                "Show the properties, or mark the response `\"truncated\": true` (or say so in the prose).",
            ),
            Code::UnknownExampleProperty => e(
                "An example shows a property the type's table (or the parameters table) lacks; reported once per type and property, at the type, naming the examples.",
                "Either the table is incomplete or the example is wrong: readers cannot tell which.",
                "Add the row to the table (or to the base type's), or fix the examples.",
            ),
            Code::UnknownEnumValue => e(
                "An example enum value is not among the enum's documented members.",
                "The member list is incomplete, or the example misspells a member.",
                "Add the member to the enum, or fix the example's value.",
            ),
            Code::UndeclaredResponseType => e(
                "An example response has a body, but neither the page's Response section nor the example's annotation names its type.",
                "Readers and tools cannot tell what the response holds; it cannot be checked or tested.",
                "Name the type in the Response section (\"returns a [user](../resources/user.md) object\"), or add `\"@odata.type\"` to the response annotation.",
            ),
            Code::UndefinedExampleType => e(
                "An example (`@odata.type` in a body or an annotation) names a type no page defines.",
                "Readers cannot look the type up; the example cannot be checked.",
                "Fix the type name, or document the type.",
            ),
            Code::DuplicateExampleName => e(
                "Two examples of one API version have the same annotation `name`.",
                "The docs' test tools and snippet generators key examples by name; one example shadows the other.",
                "Give each example a unique name.",
            ),
            Code::WrappedSingleValue => e(
                "An example response wraps a single entity or complex value in `{\"value\": ...}`, which OData uses only for collections and primitives.",
                "Code written against the example looks for the value in the wrong place.",
                "Show the object itself, or document the response as a collection if it is one.",
            ),
            Code::UnmatchedExampleUrl => e(
                "An example's URL matches none of its operation's documented paths.",
                "Either the HTTP request section misses a path form, or the example calls another operation.",
                "Add the path form to the HTTP request section, or fix the example's URL.",
            ),
            Code::ExampleTypeMismatch => e(
                "An example's `@odata.type` names a type that is neither the documented one nor derived from it.",
                "The example contradicts the documented type, or the derived type's page does not name its base.",
                "Fix the `@odata.type`, the documented type, or the derived type's \"Inherits from\".",
            ),
            Code::ExampleMethodMismatch => e(
                "An example's request uses another HTTP method than its operation.",
                "Readers copying the example call another operation.",
                "Use the operation's method in the example.",
            ),
            Code::BaseTypeNotNamed => e(
                "A type names no base type (or only a distant one), but its examples show properties its table lacks that a base type declares, or use it where another type is declared; reported once per type.",
                "Readers miss the inherited properties, and tools cannot tell the type belongs to a family of types.",
                "Say which type it derives from (\"Inherits from [x](x.md)\", or `\"baseType\"` in its annotation), or add the properties to its table.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained() {
        for &code in Code::ALL {
            let e = code.explain();
            assert!(!e.what.is_empty() && !e.why.is_empty() && !e.fix.is_empty());
            let text = e.render(code);
            assert!(text.starts_with(code.as_str()) && text.contains("Default level"));
        }
    }
}
