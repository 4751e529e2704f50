//! Merges parsed pages into one resolved [`ApiModel`] per API version.
//!
//! The parser sees one page at a time; a type is usually described on many:
//! its resource page, the Request body tables of its create and update pages,
//! enum pages, "X values" sections and inline "Possible values" lists. This
//! crate folds those facts into one model per API version and is the only
//! stage that resolves a name: types go into an arena and every reference
//! (property types, base and derived types, bindings, body shapes) becomes a
//! [`graphdoc_ir::TypeId`]. It attaches operations (with their examples) to
//! their binding types, decides what each operation means (see
//! [Operations](#operations)), and reports the conflicts it meets as located
//! diagnostics (codes `GD03xx`). The output is deterministic: the same corpus
//! gives the same model, byte for byte once serialized.
//!
//! Where each decision lives:
//!
//! | decision | function |
//! | --- | --- |
//! | what a written name refers to | `Merger::resolve` (links, then names) |
//! | a type's base | `Merger::resolve_bases`, `Merger::bases_from_keys` |
//! | entity or complex | `Merger::decide_kinds` |
//! | how a path segment is spelled | `Merger::segment_spellings` |
//! | an operation's binding type | `Merger::complete_operation` |
//! | whether the binding is a collection | `meaning::bound_to_collection` |
//! | the type an update changes | `meaning::update_target` |
//! | what a request sends | `meaning::request_shape` |
//! | what a response holds | `meaning::response_shape` |
//!
//! # Versions
//! A page belongs to the version its [`PageMeta::api_version`] names; a page
//! without one counts as v1.0. [`merge`] returns one model per version present,
//! v1.0 first.
//!
//! # Types
//! - Every type a page defines ([`Page::types`]) is registered under its
//!   qualified name `namespace.name`, the namespace being the type's own, else
//!   the page's `Namespace:` line, else `microsoft.graph`. Names are matched
//!   case-insensitively; the spelling of the defining page is kept.
//! - Resource pages are authoritative: their definitions are registered first,
//!   pages named after their type (`user.md` for `user`) before pages that
//!   repeat it (`intune-devices-user.md`), each group in path order. A second definition of the same type
//!   is reported ([`Code::DuplicateTypeDefinition`], both locations) and only
//!   adds what the first lacks. Enums defined twice get the union of their
//!   members, with [`Code::EnumMemberConflict`] when the lists differ.
//! - The Request body table of a create, update or other non-action page
//!   whose body is "a JSON representation of \[X\]" describes X: where X has no
//!   page it becomes an entity type from the table alone (its base from the
//!   rows' "Inherited from" notes); where X has a page, the table only adds
//!   missing properties ([`Code::BodyOnlyProperty`], info). Where two pages
//!   give one property different types, the resource page wins, else the
//!   first by path ([`Code::PropertyTypeConflict`], both locations).
//! - Inline enums become named enum types. A property typed `Enumeration`
//!   with "Possible values" gets an enum named `{ownerType}{Property}` (the
//!   property's first letter upper-cased: `privilegedSignupStatusStatus`), in
//!   the owner's namespace. A property whose type names a type no page defines
//!   but lists possible values (`complianceStatus` ... "Possible values are
//!   ...") defines an enum of that name. Possible values of a property typed
//!   with a known enum add the members that enum lacks. Action parameters typed
//!   `Enumeration` get `{actionName}{Parameter}`.
//! - References resolve through their markdown link first (`../resources/x.md`,
//!   `x.md`, site paths such as `/graph/api/resources/x`, and `#x-values`
//!   anchors naming an enum section of the target page; where the linked page
//!   defines other types and a type has exactly the written name, the written
//!   name wins: `[invitationParticipantInfo](participantinfo.md)`), then by name:
//!   qualified names exactly, simple names preferring the referring page's
//!   namespace, then `microsoft.graph`, then the first by qualified name. What
//!   does not resolve becomes [`TypeName::Unknown`] with
//!   [`Code::UnresolvedType`]. A cell offering alternatives (`a or b`) resolves
//!   to their nearest common base type, else the first.
//! - Base types come from `baseType`/"Inherits from"/"derived from"/
//!   "subclass of", else a base page's "Derived types" table or its "the
//!   derived types are ..." sentence; where a type names none, the most
//!   derived type its "Inherited from" notes name. An entity type that names
//!   none and whose table lacks its key property (`keyProperty`) inherits the
//!   key: its base is the root type that declares the key and that most
//!   types derive from (OData gives every entity type a key, its own or a
//!   base's). Each type lists the types deriving from it. A property the base chain already has
//!   is dropped from the derived type (CSDL has no redeclaring); where the
//!   derived page gives it another type, that is reported
//!   ([`Code::PropertyTypeConflict`]). Base cycles are cut
//!   ([`Code::InheritanceCycle`]).
//! - A navigation property documented as single-valued that a request path
//!   addresses by key below an entity instance (`/x/{id}/replies/{reply-id}`)
//!   is a collection.
//! - Entity or complex: a type the parser read as an entity only for its
//!   `id` (no base, no navigation properties, no Methods table linking to
//!   operations) that other types embed as the type of structural properties,
//!   and that no navigation property, request body or response names, is a
//!   complex type. A derived type takes the kind of its root.
//!
//! # Operations
//! Operation ids are the parser's (the page's file stem); a repeated id gets
//! `-2`, `-3`, ... in path order ([`Code::DuplicateOperationId`]). Literal
//! path segments are spelled as the model spells them, Graph's URLs being
//! case-insensitive: as a property of that name (navigation first), else as
//! most templates do (`/directoryroles` becomes `/directoryRoles`). The binding
//! type of an action or function is the one the page title names (a type
//! whose Methods table links to the page and whose name ends with the title's
//! name, else resolved by name, else as the type of the page with that file stem, also without a
//! `Collection` suffix or plural `s`: `Range` -> `workbookRange`,
//! `ChartCollection` -> `workbookChart`; a title name that resolves to nothing
//! is kept, qualified with the page's namespace, with a diagnostic); where the
//! title names none, the type of the path's navigation before the operation
//! (`/directory/deletedItems/{id}/restore` -> the type properties named
//! `deletedItems` hold, when that is one type), unless the page's file stem or
//! a Methods table names a type deriving from it; else the type the file stem
//! starts with (`driveitem-copy` -> `driveItem`), else the first resource page
//! whose Methods table links to the page. An action or function without an `action_name` gets the last segment
//! of its first path. An operation binds to a collection of its type when
//! the segment before it names a collection: one the docs address by key
//! (`/users/delta`, `/me/messages/delta`, `/workbook/tables/add`). Request
//! and response shapes follow from the method, kind, status and the types
//! the page names (see `meaning`). Examples go with the operation they
//! exercise (all of a page's examples when it has one operation). The
//! workload of a type or an operation is its page's front-matter `ms.prod`.
//!
//! [`PageMeta::api_version`]: graphdoc_ir::PageMeta::api_version
//! [`Page::types`]: graphdoc_ir::Page::types
//! [`TypeName::Unknown`]: graphdoc_ir::TypeName::Unknown
//! [`Code::DuplicateTypeDefinition`]: graphdoc_ir::Code::DuplicateTypeDefinition
//! [`Code::EnumMemberConflict`]: graphdoc_ir::Code::EnumMemberConflict
//! [`Code::BodyOnlyProperty`]: graphdoc_ir::Code::BodyOnlyProperty
//! [`Code::PropertyTypeConflict`]: graphdoc_ir::Code::PropertyTypeConflict
//! [`Code::UnresolvedType`]: graphdoc_ir::Code::UnresolvedType
//! [`Code::InheritanceCycle`]: graphdoc_ir::Code::InheritanceCycle
//! [`Code::DuplicateOperationId`]: graphdoc_ir::Code::DuplicateOperationId

use std::collections::{BTreeSet, HashMap};

use graphdoc_ir::{ApiModel, ApiVersion, Corpus, Example, Page};

mod links;
mod meaning;
mod merger;

/// The namespace of a type whose page names none.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// The version a page belongs to: the one it names, else v1.0.
pub fn page_version(page: &Page) -> ApiVersion {
    page.meta.api_version.unwrap_or(ApiVersion::V1_0)
}

/// Merges a corpus into one model per API version present (v1.0 first; an
/// empty corpus gives no model). See the crate documentation for the rules.
pub fn merge(corpus: &Corpus) -> Vec<ApiModel> {
    versions(corpus)
        .into_iter()
        .map(|v| merge_version(corpus, v))
        .collect()
}

/// Merges the pages of one API version (an empty model when there are none).
pub fn merge_version(corpus: &Corpus, version: ApiVersion) -> ApiModel {
    let (mut model, origins) = merger::Merger::new(corpus, version).run();
    attach_examples(&mut model, origins, |page, ex| {
        corpus.pages[page].examples[ex].clone()
    });
    model
}

/// [`merge`], moving the pages' examples into the models instead of copying
/// them, which leaves the pages without examples: for a caller that is
/// done with the pages. The examples are most of a model's memory (about
/// 24 MB of the v1.0 tree's): copied, they are held twice while merging.
pub fn merge_taking_examples(corpus: &mut Corpus) -> Vec<ApiModel> {
    let merged: Vec<_> = versions(corpus)
        .into_iter()
        .map(|v| merger::Merger::new(corpus, v).run())
        .collect();
    // An example attached to several operations is copied for all but its last.
    let mut uses: HashMap<(usize, usize), usize> = HashMap::new();
    for at in merged
        .iter()
        .flat_map(|(_, origins)| origins)
        .flat_map(|(_, at)| at)
    {
        *uses.entry(*at).or_default() += 1;
    }
    let mut slots: Vec<Vec<Option<Example>>> = corpus
        .pages
        .iter_mut()
        .map(|p| {
            std::mem::take(&mut p.examples)
                .into_iter()
                .map(Some)
                .collect()
        })
        .collect();
    merged
        .into_iter()
        .map(|(mut model, origins)| {
            attach_examples(&mut model, origins, |page, ex| {
                let left = uses.get_mut(&(page, ex)).expect("counted above");
                *left -= 1;
                let slot = &mut slots[page][ex];
                let example = if *left == 0 {
                    slot.take()
                } else {
                    slot.clone()
                };
                example.expect("an example is taken on its last use only")
            });
            model
        })
        .collect()
}

/// The API versions the pages of `corpus` describe, in order.
fn versions(corpus: &Corpus) -> BTreeSet<ApiVersion> {
    corpus.pages.iter().map(page_version).collect()
}

/// Gives each operation of `model` its examples, `example(page, index)` for
/// each of their places in the corpus.
fn attach_examples(
    model: &mut ApiModel,
    origins: merger::ExampleOrigins,
    mut example: impl FnMut(usize, usize) -> Example,
) {
    for (id, at) in origins {
        if let Some(op) = model.operations.get_mut(&id) {
            op.examples = at.into_iter().map(|(page, ex)| example(page, ex)).collect();
        }
    }
}
