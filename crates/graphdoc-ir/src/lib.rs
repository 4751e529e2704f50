//! The intermediate representation (IR) of Microsoft Graph documentation.
//!
//! Plain, serializable data and nothing else: the contract between graphdoc's
//! stages. The parser turns one markdown page into a [`Page`]; a run over many
//! pages yields a [`Corpus`]; emitters read the IR and never the markdown.
//! The merge stage folds pages into an [`ApiModel`] per version: a resolved
//! graph whose types live in an arena and are referenced by [`TypeId`], whose
//! operations carry their binding and body shapes, and whose queries
//! (ancestors, inherited properties, derived types) serve every later stage.
//! Path templates are parsed once, by the parser, into [`Segment`]s. The lint
//! stage checks the model's examples into [`CheckedExample`]s, one generated
//! test each.
//!
//! Pages and the model share their record types ([`Property`],
//! [`Operation`], ...), generic over how a type is referenced: as the docs
//! write it ([`TypeRef`]) in pages, resolved ([`TypeUse`]) in the model.
//!
//! Every item remembers where it came from ([`Loc`]: file, line, column), so any
//! later stage can point a docs maintainer at the exact line behind a finding.
//! Collections are `Vec`s in document order or `BTreeMap`s, so serializing the
//! same input always gives the same bytes.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod checked;
mod diagnostic;
mod explain;
mod level;
mod model;
mod path;
mod typeref;

pub use checked::{
    BodyType, CheckedExample, CheckedRequest, CheckedResponse, ResolvedType, RouteMatch, SourceLine,
};
pub use diagnostic::{Code, Diagnostic, Related, Severity, group_per_file};
pub use explain::Explanation;
pub use level::{Level, Levels, LintName};
pub use model::{
    ApiModel, Binding, ModelOperation, ModelType, ROOT_NAMESPACE, RequestShape, ResponseShape,
    Target, TypeId, TypeUse,
};
pub use path::{
    Argument, ParamPlace, PathTemplate, Piece, Segment, TemplateParam, Token, is_graph_host,
};
pub use typeref::{Primitive, TypeName, TypeRef};

/// Index of a source file in [`Corpus::files`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct FileId(pub u32);

/// A position in a source file. Lines and columns are 1-based; column counts
/// characters, not bytes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Loc {
    pub file: FileId,
    pub line: u32,
    pub column: u32,
}

impl Loc {
    pub fn new(file: FileId, line: u32, column: u32) -> Self {
        Self { file, line, column }
    }
}

/// The result of reading a set of pages: the file table, the pages in file
/// order, and everything the parser had to say about them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Source paths, indexed by [`FileId`]. Paths are as given on input, with `/` separators.
    pub files: Vec<String>,
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Corpus {
    /// The path of a file id, or `"<unknown>"` for an id not in the table.
    pub fn path(&self, file: FileId) -> &str {
        self.files
            .get(file.0 as usize)
            .map_or("<unknown>", String::as_str)
    }
}

/// Microsoft Graph API versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiVersion {
    #[serde(rename = "v1.0")]
    V1_0,
    #[serde(rename = "beta")]
    Beta,
}

impl ApiVersion {
    pub const ALL: [ApiVersion; 2] = [ApiVersion::V1_0, ApiVersion::Beta];

    /// The version as it appears in URLs and doc tree paths: `v1.0` or `beta`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// The service root, e.g. `https://graph.microsoft.com/v1.0`.
    pub fn base_url(self) -> &'static str {
        match self {
            ApiVersion::V1_0 => "https://graph.microsoft.com/v1.0",
            ApiVersion::Beta => "https://graph.microsoft.com/beta",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "v1.0" => Some(ApiVersion::V1_0),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `doc_type` front-matter field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DocType {
    ApiPage,
    ResourcePage,
    EnumPage,
    ConceptualPage,
    /// A value graphdoc does not know, kept verbatim.
    Other(String),
    /// No `doc_type` in the front matter.
    Missing,
}

/// One documentation page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub file: FileId,
    pub meta: PageMeta,
    /// Types the page defines: the resource of a resource page, the enums of
    /// an enum page, enums a page documents in "X values" sections.
    pub types: Vec<TypeDef>,
    /// Operations the page documents (an API page usually has one).
    pub operations: Vec<Operation>,
    /// Request/response examples, paired.
    pub examples: Vec<Example>,
    /// Rows of a resource page's Methods table.
    pub methods: Vec<MethodLink>,
    /// Types a resource page's "Derived types" table says derive from the
    /// page's type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derived_types: Vec<DerivedType>,
}

/// A row of a resource page's "Derived types" table: a type deriving from
/// the page's type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DerivedType {
    /// The name as written, e.g. `organizerMeetingInfo`.
    pub name: String,
    /// The linked page, as written.
    pub link: Option<String>,
    pub loc: Loc,
}

/// Page-level facts: front matter, title, namespace, version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageMeta {
    /// Every front-matter key with its scalar value, verbatim.
    pub front_matter: BTreeMap<String, String>,
    pub doc_type: Option<DocType>,
    /// The text of the first h1 heading.
    pub title: Option<String>,
    /// From the `Namespace: microsoft.graph` line.
    pub namespace: Option<String>,
    /// From the tree path (`api-reference/v1.0/...`), else the example URLs.
    pub api_version: Option<ApiVersion>,
    /// The workload: front-matter `ms.prod`, when it is a real value (not empty, not a TODO).
    pub workload: Option<String>,
    /// The first paragraph after the title and namespace line.
    pub description: Option<String>,
}

/// Whether a type is an entity (addressable, keyed), a complex (value) type or an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

/// A type definition as one page states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// The simple name as the docs spell it, e.g. `user`, `privilegedSignupStatus`.
    pub name: String,
    /// e.g. `microsoft.graph` or `microsoft.graph.callRecords`.
    pub namespace: Option<String>,
    pub kind: TypeKind,
    pub description: Option<String>,
    /// Qualified or simple name of the base type (annotation `baseType`, or "Inherits from" text).
    pub base_type: Option<String>,
    /// The base the page's text names ("Inherits from X") when the annotation
    /// names another: merge keeps the more derived of the two when one derives
    /// from the other (an annotation often names only the root, `entity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_in_text: Option<String>,
    /// The key property (annotation `keyProperty`; entities default to `id`).
    pub key: Option<String>,
    /// Annotation `openType`.
    pub open_type: bool,
    /// Properties (from the Properties table) then navigation properties (Relationships table).
    pub properties: Vec<Property>,
    /// Members, for enums.
    pub members: Vec<EnumMember>,
    /// The enum's members are bit flags (values are powers of two, or the docs say "flags").
    pub is_flags: bool,
    pub loc: Loc,
}

/// A property of a type, or a body parameter of an action. `T` is how its
/// type is referenced: as written ([`TypeRef`], in pages) or resolved
/// ([`TypeUse`], in the model).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property<T = TypeRef> {
    /// The wire name, e.g. `displayName`, `@odata.type`.
    pub name: String,
    pub ty: T,
    pub description: Option<String>,
    /// From a Relationships table.
    pub navigation: bool,
    /// Values listed in the description ("Possible values are: `a`, `b`").
    pub enum_values: Vec<String>,
    /// From an "Inherited from \[entity\]" note.
    pub inherited_from: Option<String>,
    /// The description says "Required" (body parameter tables).
    pub required: bool,
    pub loc: Loc,
}

/// One member of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    pub name: String,
    /// The numeric value where the docs give one.
    pub value: Option<i64>,
    pub description: Option<String>,
    pub loc: Loc,
}

/// What an operation does, as far as the docs tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    Create,
    List,
    Get,
    Update,
    Delete,
    Action,
    Function,
    Other,
}

/// HTTP methods the docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_uppercase().as_str() {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            "PUT" => HttpMethod::Put,
            "PATCH" => HttpMethod::Patch,
            "DELETE" => HttpMethod::Delete,
            _ => return None,
        })
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A documented HTTP operation (one API page). `T` as for [`Property`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation<T = TypeRef> {
    /// A stable identifier: the page's file stem, e.g. `user-list`.
    pub id: String,
    /// The page title, e.g. `Create privilegedSignupStatus` or `privilegedSignupStatus: signUp`.
    pub title: String,
    pub kind: OperationKind,
    pub method: HttpMethod,
    /// For actions and functions: the name in the path (`signUp`, `delta`).
    pub action_name: Option<String>,
    /// For bound actions and functions: the binding type from the title (`privilegedSignupStatus`).
    pub binding_type: Option<String>,
    /// One or more path templates from the HTTP request block; all share the method.
    pub paths: Vec<PathTemplate>,
    pub request_headers: Vec<Header>,
    pub path_parameters: Vec<Parameter<T>>,
    pub query_parameters: Vec<Parameter<T>>,
    /// OData system query options the page says it supports (`$select`, `$filter`, ...).
    pub odata_options: Vec<String>,
    pub request_body: Option<RequestBody<T>>,
    pub response: Option<ResponseSpec<T>>,
    pub permissions: Vec<Permission>,
    pub loc: Loc,
}

/// A documented request header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub name: String,
    /// The value or description cell, e.g. `Bearer {token}. Required.`
    pub description: Option<String>,
    pub required: bool,
    pub loc: Loc,
}

/// A documented path or query parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter<T = TypeRef> {
    pub name: String,
    pub ty: Option<T>,
    pub description: Option<String>,
    pub required: bool,
    pub loc: Loc,
}

/// What a request sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody<T = TypeRef> {
    /// The linked resource ("supply a JSON representation of \[user\]").
    pub ty: Option<T>,
    /// The Request body table: properties (create/update) or parameters (actions).
    pub properties: Vec<Property<T>>,
    /// The page says not to supply a body.
    pub none: bool,
    pub loc: Loc,
}

/// The documented successful response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseSpec<T = TypeRef> {
    /// e.g. 200, 201, 204.
    pub status: Option<u16>,
    /// The linked type; `collection` marks a collection response.
    pub ty: Option<T>,
    pub loc: Loc,
}

/// One row of a Permissions table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Permission {
    /// e.g. `Delegated (work or school account)`, `Application`.
    pub kind: String,
    /// Scopes, e.g. `User.Read`; empty when not supported or not yet documented.
    pub scopes: Vec<String>,
    pub loc: Loc,
}

/// A row of a resource page's Methods table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodLink {
    pub title: String,
    /// The linked page, as written (e.g. `../api/user-list.md`).
    pub link: Option<String>,
    pub returns: Option<TypeRef>,
    pub description: Option<String>,
    pub loc: Loc,
}

/// A request/response pair from the Examples section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The request annotation's `name`.
    pub name: Option<String>,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
    /// The index into [`Page::operations`] of the operation this example exercises.
    pub operation: Option<usize>,
}

/// An example request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: HttpMethod,
    /// The URL as written (absolute or relative).
    pub url: String,
    /// Version taken from the URL, if it names one.
    pub api_version: Option<ApiVersion>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    pub annotation: Annotation,
    pub loc: Loc,
}

/// An example response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: u16,
    pub reason: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Body>,
    pub annotation: Annotation,
    /// Not every property is shown: the annotation says `truncated`, or the
    /// page says its responses are shortened ("might be shortened for
    /// readability").
    #[serde(default)]
    pub truncated: bool,
    pub loc: Loc,
}

/// A message body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Body {
    Json(serde_json::Value),
    /// Not JSON (or too deeply nested to parse safely): kept verbatim.
    Raw(String),
}

/// The JSON annotation in the HTML comment before a code block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Every key, verbatim.
    pub keys: BTreeMap<String, serde_json::Value>,
    /// The annotation did not parse as strict JSON and was read leniently.
    pub lenient: bool,
    pub loc: Loc,
}

impl Annotation {
    fn str_key(&self, key: &str) -> Option<&str> {
        self.keys.get(key).and_then(serde_json::Value::as_str)
    }

    fn bool_key(&self, key: &str) -> bool {
        match self.keys.get(key) {
            Some(serde_json::Value::Bool(b)) => *b,
            Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }

    /// `blockType`: request, response, resource, ignored, example, samples.
    pub fn block_type(&self) -> Option<&str> {
        self.str_key("blockType")
    }
    pub fn name(&self) -> Option<&str> {
        self.str_key("name")
    }
    /// `name`, or each name of a `name` list (a response shared by the
    /// requests it names).
    pub fn names(&self) -> Vec<&str> {
        match self.keys.get("name") {
            Some(serde_json::Value::String(s)) => vec![s.as_str()],
            Some(serde_json::Value::Array(items)) => {
                items.iter().filter_map(serde_json::Value::as_str).collect()
            }
            _ => Vec::new(),
        }
    }
    /// `@odata.type`, or the older `@type` some pages use for it.
    pub fn odata_type(&self) -> Option<&str> {
        self.str_key("@odata.type")
            .or_else(|| self.str_key("@type"))
    }
    pub fn truncated(&self) -> bool {
        self.bool_key("truncated")
    }
    pub fn is_collection(&self) -> bool {
        self.bool_key("isCollection")
    }
    pub fn open_type(&self) -> bool {
        self.bool_key("openType")
    }
    pub fn base_type(&self) -> Option<&str> {
        self.str_key("baseType")
    }
    pub fn key_property(&self) -> Option<&str> {
        self.str_key("keyProperty")
    }
    pub fn optional_properties(&self) -> Vec<&str> {
        match self.keys.get("optionalProperties") {
            Some(serde_json::Value::Array(items)) => {
                items.iter().filter_map(serde_json::Value::as_str).collect()
            }
            _ => Vec::new(),
        }
    }
}

impl<T> Property<T> {
    /// The same property with its type reference mapped (a page's to a model's).
    pub fn map_type<U>(self, f: &mut impl FnMut(T) -> U) -> Property<U> {
        Property {
            name: self.name,
            ty: f(self.ty),
            description: self.description,
            navigation: self.navigation,
            enum_values: self.enum_values,
            inherited_from: self.inherited_from,
            required: self.required,
            loc: self.loc,
        }
    }
}

impl<T> Operation<T> {
    /// The same operation with every type reference mapped.
    pub fn map_types<U>(self, mut f: impl FnMut(T) -> U) -> Operation<U> {
        let params = |ps: Vec<Parameter<T>>, f: &mut dyn FnMut(T) -> U| -> Vec<Parameter<U>> {
            ps.into_iter()
                .map(|p| Parameter {
                    name: p.name,
                    ty: p.ty.map(&mut *f),
                    description: p.description,
                    required: p.required,
                    loc: p.loc,
                })
                .collect()
        };
        Operation {
            id: self.id,
            title: self.title,
            kind: self.kind,
            method: self.method,
            action_name: self.action_name,
            binding_type: self.binding_type,
            paths: self.paths,
            request_headers: self.request_headers,
            path_parameters: params(self.path_parameters, &mut f),
            query_parameters: params(self.query_parameters, &mut f),
            odata_options: self.odata_options,
            request_body: self.request_body.map(|b| RequestBody {
                ty: b.ty.map(&mut f),
                properties: b
                    .properties
                    .into_iter()
                    .map(|p| p.map_type(&mut f))
                    .collect(),
                none: b.none,
                loc: b.loc,
            }),
            response: self.response.map(|r| ResponseSpec {
                status: r.status,
                ty: r.ty.map(&mut f),
                loc: r.loc,
            }),
            permissions: self.permissions,
            loc: self.loc,
        }
    }
}
