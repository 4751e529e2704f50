//! Renders a [`Plan`] as token streams: structs, patch structs and enums.
//!
//! Emitted code names everything by absolute path (`::std::option::Option`,
//! `::serde::Serialize`, the runtime crate's path), so no generated type name can
//! shadow what the code means. Types of the same API version refer to each other
//! as `super::Name`, which resolves through the version module's re-exports
//! whatever file (workload module) the target lives in.

use graphdoc_ir::{Primitive, TypeKind};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::plan::{EnumPlan, Field, FieldType, Item, Plan, Scalar, StructPlan, TypeKey};

/// Paths and derive lists shared by every item of a run.
#[derive(Clone)]
pub struct Ctx {
    /// The runtime crate's path as tokens and as text (for serde attribute strings).
    pub rt: TokenStream,
    pub rt_text: String,
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
pub fn doc_attrs(entries: &[String]) -> TokenStream {
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
    quote! { #( #[doc = #lines] )* }
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
                Primitive::String | Primitive::Stream => quote!(::std::string::String),
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
            quote!(::std::vec::Vec<#inner>)
        } else if ty.boxed {
            quote!(::std::boxed::Box<#inner>)
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
            #[serde(flatten)]
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
                #[serde(rename = "@odata.type", skip_serializing_if = "::std::option::Option::is_none")]
                pub #f: ::std::option::Option<::std::string::String>,
            }
        });
        let fields = s.fields.iter().map(|f| {
            let doc = doc_attrs(&f.doc);
            let wire = &f.wire;
            let rust = ident(&f.rust);
            let ty = self.field_type(plan, &f.ty);
            let cfg = self.field_cfg(plan, s, f);
            quote! {
                #doc
                #cfg
                #[serde(rename = #wire, skip_serializing_if = "::std::option::Option::is_none")]
                pub #rust: ::std::option::Option<#ty>,
            }
        });
        let additional = self.additional_field(&s.additional);
        let deserialize = self.deserialize_impl(plan, s);
        quote! {
            #doc
            #derives
            pub struct #name {
                #odata
                #(#fields)*
                #additional
            }

            #deserialize
        }
    }

    /// `FromObject` (what a family builds its variants with) and `Deserialize`
    /// through it and the runtime's `deserialize_object`: much cheaper to
    /// compile than serde's derive (see `graphdoc_runtime::Object`).
    fn deserialize_impl(&self, plan: &Plan, s: &StructPlan) -> TokenStream {
        let rt = &self.rt;
        let name = ident(plan.name(&s.key));
        let fields = s.fields.iter().map(|f| {
            let rust = ident(&f.rust);
            let wire = &f.wire;
            let cfg = self.field_cfg(plan, s, f);
            quote!(#cfg #rust: o.take(#wire)?,)
        });
        let build = Self::build_from_object(
            s.odata_type.as_deref(),
            &ident("take"),
            fields,
            &s.additional,
        );
        quote! {
            impl #rt::FromObject for #name {
                fn from_object(o: &mut #rt::Object) -> ::std::result::Result<Self, #rt::serde_json::Error> {
                    #build
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #rt::deserialize_object(deserializer, <Self as #rt::FromObject>::from_object)
                }
            }
        }
    }

    /// `Ok(Self { .. })` from the object `o`: the `@odata.type` field (if any)
    /// and the `fields` (`name: o.#take(wire)?,` each) taken with `take`, the
    /// rest into `additional`.
    fn build_from_object(
        odata_type: Option<&str>,
        take: &Ident,
        fields: impl Iterator<Item = TokenStream>,
        additional: &str,
    ) -> TokenStream {
        let odata = odata_type.map(|f| {
            let f = ident(f);
            quote!(#f: o.#take("@odata.type")?,)
        });
        let additional = ident(additional);
        quote! {
            ::std::result::Result::Ok(Self {
                #odata
                #(#fields)*
                #additional: o.finish(),
            })
        }
    }

    /// `impl Deserialize for #name` building it from a JSON object (see
    /// [`Ctx::build_from_object`]).
    pub fn deserialize_object_impl(
        &self,
        name: &Ident,
        odata_type: Option<&str>,
        take: &Ident,
        fields: impl Iterator<Item = TokenStream>,
        additional: &str,
    ) -> TokenStream {
        let rt = &self.rt;
        let build = Self::build_from_object(odata_type, take, fields, additional);
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #rt::deserialize_object(deserializer, |o: &mut #rt::Object| {
                        #build
                    })
                }
            }
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
        let skip = format!("{}::Patch::is_absent", self.rt_text);
        let patch_field =
            |doc: TokenStream, cfg: TokenStream, wire: &str, rust: &str, ty: TokenStream| {
                let rust = ident(rust);
                quote! {
                    #doc
                    #cfg
                    #[serde(rename = #wire, skip_serializing_if = #skip)]
                    pub #rust: #rt::Patch<#ty>,
                }
            };
        let odata = s.odata_type.as_deref().map(|f| {
            patch_field(
                Self::odata_type_doc(),
                TokenStream::new(),
                "@odata.type",
                f,
                quote!(::std::string::String),
            )
        });
        let fields = s.fields.iter().filter(|f: &&Field| !f.navigation).map(|f| {
            patch_field(
                doc_attrs(&f.doc),
                self.field_cfg(plan, s, f),
                &f.wire,
                &f.rust,
                self.field_type(plan, &f.ty),
            )
        });
        let additional = self.additional_field(&s.additional);
        let deserialize_fields = s.fields.iter().filter(|f| !f.navigation).map(|f| {
            let rust = ident(&f.rust);
            let wire = &f.wire;
            let cfg = self.field_cfg(plan, s, f);
            quote!(#cfg #rust: o.take_patch(#wire)?,)
        });
        let deserialize = self.deserialize_object_impl(
            &name,
            s.odata_type.as_deref(),
            &ident("take_patch"),
            deserialize_fields,
            &s.additional,
        );
        quote! {
            #doc
            #derives
            pub struct #name {
                #odata
                #(#fields)*
                #additional
            }

            #deserialize
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
        let wires: Vec<&str> = e.members.iter().map(|m| m.wire.as_str()).collect();
        let from_wire = if e.members.is_empty() {
            quote!(Self::#catch_all(value.into_owned()))
        } else {
            quote! {
                match &*value {
                    #( #wires => Self::#variants, )*
                    _ => Self::#catch_all(value.into_owned()),
                }
            }
        };
        quote! {
            #doc
            #derives
            pub enum #name {
                #( #docs #variants, )*
                #catch_all_doc
                #catch_all(::std::string::String),
            }

            impl #rt::GraphEnum for #name {
                fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #wires, )*
                        Self::#catch_all(value) => value,
                    }
                }

                fn from_wire(value: ::std::borrow::Cow<'_, str>) -> Self {
                    #from_wire
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(#rt::GraphEnum::as_str(self))
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    #rt::deserialize_enum(deserializer)
                }
            }
        }
    }
}
