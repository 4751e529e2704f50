//! Renders a [`Plan`] as token streams: structs, patch structs and enums.
//!
//! Emitted code names what it uses by absolute path (`::serde::Serialize`, the
//! runtime crate's path), so no generated type name can shadow what the code
//! means. The exceptions are the std prelude's types, traits and derive
//! macros (`Option`, `String`, `Vec`, `Box`, `From`, `Debug`, ...): much
//! shorter, and as safe, since generated names never take a prelude name (see
//! `naming`) and the code lives in modules of its own, where nothing else is
//! imported. Types of the same API version
//! refer to each other as `super::Name`, which resolves through the version
//! module's re-exports whatever file (workload module) the target lives in.
//!
//! The serde impls are not emitted: a struct's or an enum's is one invocation
//! of the runtime's `graph_object!` or `graph_enum!`, listing the wire names,
//! so the per-field serde code exists only in the compiler, not in the source.

use graphdoc_ir::{Primitive, TypeKind};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::plan::{EnumPlan, Field, FieldType, Item, Plan, Scalar, StructPlan, TypeKey};

/// Paths and derive lists shared by every item of a run.
#[derive(Clone)]
pub struct Ctx {
    /// The runtime crate's path.
    pub rt: TokenStream,
    /// The path from the code being emitted to the version module, whose
    /// re-exports name every model type: `super` from a workload module or the
    /// routes module, `super::super` from a routes submodule.
    pub models: TokenStream,
    /// Gate code naming another workload's types behind that workload's feature.
    pub features: bool,
    pub struct_derives: Vec<syn::Path>,
    pub patch_derives: Vec<syn::Path>,
    pub enum_derives: Vec<syn::Path>,
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc]` attributes: one per line, entries separated by blank doc lines.
/// While [`crate::comments`] defers docs, one placeholder attribute
/// instead (the formatter need not lay out prose).
pub fn doc_attrs(entries: &[String]) -> TokenStream {
    let lines = doc_lines(entries);
    if lines.is_empty() {
        return TokenStream::new();
    }
    match crate::comments::placeholder(lines) {
        Ok(placeholder) => placeholder,
        Err(lines) => quote! { #( #[doc = #lines] )* },
    }
}

/// [`doc_attrs`] always as attributes: for docs inside a macro invocation,
/// which the formatter prints as tokens, not as comments.
pub fn doc_attrs_in_macro(entries: &[String]) -> TokenStream {
    let lines = doc_lines(entries);
    quote! { #( #[doc = #lines] )* }
}

/// The text after `///` of each line of a doc comment of `entries`.
fn doc_lines(entries: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(entry.lines().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        }));
    }
    lines
}

pub fn derive_attr(derives: &[syn::Path]) -> TokenStream {
    quote! { #[derive( #(#derives),* )] }
}

/// The model type a field's value names, if any.
pub fn scalar_key(scalar: &Scalar) -> Option<&TypeKey> {
    match scalar {
        Scalar::Struct(key) | Scalar::Enum { key, .. } => Some(key),
        Scalar::Primitive(_) | Scalar::Json => None,
    }
}

impl Ctx {
    /// `#[cfg(feature = ...)]` for code in module `home` (none: the routes) that
    /// names `keys`: one feature per workload module they live in, other than
    /// `home` and the always-compiled common module. Empty without workload features.
    pub fn cfg_for<'k>(
        &self,
        plan: &Plan,
        home: Option<&str>,
        keys: impl IntoIterator<Item = &'k TypeKey>,
    ) -> TokenStream {
        if !self.features {
            return TokenStream::new();
        }
        let features: std::collections::BTreeSet<&str> = keys
            .into_iter()
            .filter_map(|k| plan.module(k))
            .filter(|m| Some(*m) != home && *m != crate::plan::COMMON_MODULE)
            .collect();
        match features.len() {
            0 => TokenStream::new(),
            1 => {
                let f = features.first().expect("one feature");
                quote!(#[cfg(feature = #f)])
            }
            _ => {
                let fs = features.iter();
                quote!(#[cfg(all(#(feature = #fs),*))])
            }
        }
    }

    /// The gate of a struct field (see [`Ctx::cfg_for`]).
    fn field_cfg(&self, plan: &Plan, s: &StructPlan, f: &Field) -> TokenStream {
        self.cfg_for(plan, plan.module(&s.key), scalar_key(&f.ty.scalar))
    }

    pub fn type_ref(&self, plan: &Plan, key: &TypeKey) -> TokenStream {
        let name = ident(plan.name(key));
        let models = &self.models;
        quote!(#models::#name)
    }

    pub fn scalar(&self, plan: &Plan, scalar: &Scalar) -> TokenStream {
        let rt = &self.rt;
        match scalar {
            Scalar::Primitive(p) => match p {
                Primitive::String | Primitive::Stream => quote!(String),
                Primitive::Boolean => quote!(bool),
                Primitive::Byte => quote!(u8),
                Primitive::SByte => quote!(i8),
                Primitive::Int16 => quote!(i16),
                Primitive::Int32 => quote!(i32),
                Primitive::Int64 => quote!(i64),
                Primitive::Single => quote!(#rt::GraphF32),
                Primitive::Double => quote!(#rt::GraphF64),
                Primitive::Decimal => quote!(#rt::Decimal),
                Primitive::DateTimeOffset => quote!(#rt::DateTimeOffset),
                Primitive::Date => quote!(#rt::Date),
                Primitive::TimeOfDay => quote!(#rt::TimeOfDay),
                Primitive::Duration => quote!(#rt::IsoDuration),
                Primitive::Guid => quote!(#rt::Guid),
                Primitive::Binary => quote!(#rt::Base64Bytes),
                Primitive::Json => quote!(#rt::serde_json::Value),
            },
            Scalar::Struct(key) => self.type_ref(plan, key),
            Scalar::Enum { key, flags: false } => self.type_ref(plan, key),
            Scalar::Enum { key, flags: true } => {
                let inner = self.type_ref(plan, key);
                quote!(#rt::Flags<#inner>)
            }
            Scalar::Json => quote!(#rt::serde_json::Value),
        }
    }

    pub fn field_type(&self, plan: &Plan, ty: &FieldType) -> TokenStream {
        let inner = self.scalar(plan, &ty.scalar);
        if ty.collection {
            quote!(Vec<#inner>)
        } else if ty.boxed {
            quote!(Box<#inner>)
        } else {
            inner
        }
    }

    pub fn additional_field(&self, name: &str) -> TokenStream {
        let rt = &self.rt;
        let name = ident(name);
        let doc = doc_attrs(&[
            "Properties these bindings do not know, instance annotations such as \
             `@odata.etag`, and known properties whose value does not fit their \
             field (see `mismatched()`), kept verbatim so that a round trip loses nothing."
                .to_owned(),
        ]);
        quote! {
            #doc
            pub #name: #rt::AdditionalProperties,
        }
    }

    fn odata_type_doc() -> TokenStream {
        doc_attrs(&[
            "The type annotation (`@odata.type`), e.g. `#microsoft.graph.user`: names the \
                     derived type a value is, when it is one."
                .to_owned(),
        ])
    }

    pub fn item(&self, plan: &Plan, item: &Item) -> TokenStream {
        match item {
            Item::Struct(s) => {
                let model = self.model_struct(plan, s);
                if s.patch {
                    let patch = self.patch_struct(plan, s);
                    quote!(#model #patch)
                } else {
                    model
                }
            }
            Item::Enum(e) => self.enum_(plan, e),
            Item::Family(f) => self.family(plan, f),
        }
    }

    fn model_struct(&self, plan: &Plan, s: &StructPlan) -> TokenStream {
        let name = ident(plan.name(&s.key));
        let doc = doc_attrs(&s.doc);
        let derives = derive_attr(&self.struct_derives);
        let odata = s.odata_type.as_deref().map(|f| {
            let f = ident(f);
            let doc = Self::odata_type_doc();
            quote! {
                #doc
                pub #f: Option<String>,
            }
        });
        let fields = s.fields.iter().map(|f| {
            let doc = doc_attrs(&f.doc);
            let rust = ident(&f.rust);
            let ty = self.field_type(plan, &f.ty);
            let cfg = self.field_cfg(plan, s, f);
            quote! {
                #doc
                #cfg
                pub #rust: Option<#ty>,
            }
        });
        let additional = self.additional_field(&s.additional);
        let serde = self.object_impls(&name, self.wire_names(plan, s, false), &s.additional);
        quote! {
            #doc
            #derives
            pub struct #name {
                #odata
                #(#fields)*
                #additional
            }

            #serde
        }
    }

    /// The `graph_object!` list of a struct's fields: `@odata.type` first (if
    /// it has the field), then the properties (the patch struct's: those
    /// that are not navigation properties), each `name = "wire",` behind its gate.
    fn wire_names(&self, plan: &Plan, s: &StructPlan, patch: bool) -> Vec<TokenStream> {
        let odata = s.odata_type.as_deref().map(|f| {
            let f = ident(f);
            quote!(#f = "@odata.type",)
        });
        let fields = s
            .fields
            .iter()
            .filter(|f| !(patch && f.navigation))
            .map(|f| {
                let rust = ident(&f.rust);
                let wire = &f.wire;
                let cfg = self.field_cfg(plan, s, f);
                quote!(#cfg #rust = #wire,)
            });
        odata.into_iter().chain(fields).collect()
    }

    /// `FromObject`, `Deserialize` and `Serialize` of the struct `name`: one
    /// `graph_object!` invocation (see the runtime), from the `fields` list
    /// (`name = "wire",` each) and the field keeping the other properties.
    pub fn object_impls(
        &self,
        name: &Ident,
        fields: Vec<TokenStream>,
        additional: &str,
    ) -> TokenStream {
        let rt = &self.rt;
        let additional = ident(additional);
        quote! {
            #rt::graph_object!(#name { #(#fields)* ..#additional });
        }
    }

    fn patch_struct(&self, plan: &Plan, s: &StructPlan) -> TokenStream {
        let rt = &self.rt;
        let model_name = plan.name(&s.key);
        let name = ident(plan.name(&TypeKey::Patch(s.id)));
        let kind = if s.kind == TypeKind::Entity {
            "entity"
        } else {
            "complex value"
        };
        let doc = doc_attrs(&[
            format!("An update (PATCH) body for a [`{model_name}`] {kind}."),
            "A field set to `Patch::Value` changes the property, `Patch::Null` clears it, \
             and `Patch::Absent` (the default) leaves it out of the body. Relationships \
             (navigation properties) are not updated this way and are left out."
                .to_owned(),
        ]);
        let derives = derive_attr(&self.patch_derives);
        let odata = s.odata_type.as_deref().map(|f| {
            let (doc, f) = (Self::odata_type_doc(), ident(f));
            quote! {
                #doc
                pub #f: #rt::Patch<String>,
            }
        });
        let fields = s.fields.iter().filter(|f: &&Field| !f.navigation).map(|f| {
            let doc = doc_attrs(&f.doc);
            let cfg = self.field_cfg(plan, s, f);
            let rust = ident(&f.rust);
            let ty = self.field_type(plan, &f.ty);
            quote! {
                #doc
                #cfg
                pub #rust: #rt::Patch<#ty>,
            }
        });
        let additional = self.additional_field(&s.additional);
        let serde = self.object_impls(&name, self.wire_names(plan, s, true), &s.additional);
        quote! {
            #doc
            #derives
            pub struct #name {
                #odata
                #(#fields)*
                #additional
            }

            #serde
        }
    }

    fn enum_(&self, plan: &Plan, e: &EnumPlan) -> TokenStream {
        let rt = &self.rt;
        let name = ident(plan.name(&e.key));
        let doc = doc_attrs(&e.doc);
        let derives = derive_attr(&self.enum_derives);
        let catch_all = ident(&e.catch_all);
        let catch_all_doc = doc_attrs(&[
            "A value these bindings do not know (Graph enums gain members over time), kept verbatim."
                .to_owned(),
        ]);
        let variants: Vec<Ident> = e.members.iter().map(|m| ident(&m.rust)).collect();
        let docs = e.members.iter().map(|m| doc_attrs(&m.doc));
        let wires = e.members.iter().map(|m| m.wire.as_str());
        quote! {
            #doc
            #derives
            pub enum #name {
                #( #docs #variants, )*
                #catch_all_doc
                #catch_all(String),
            }

            #rt::graph_enum!(#name { #( #variants = #wires, )* ..#catch_all });
        }
    }
}
