//! Renders a [`FamilyPlan`]: the enum of a type and the types derived from it.
//!
//! A variant per type, each boxing its struct (so the enum stays small, and a
//! family may contain itself). The runtime does the work (`Family`,
//! `deserialize_family`, `serialize_variant`); the emitted code is the table
//! of variants and one `match` per accessor.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::codegen::{Ctx, derive_attr, doc_attrs, ident, scalar_key};
use crate::plan::{FamilyPlan, Plan};

impl Ctx {
    pub fn family(&self, plan: &Plan, f: &FamilyPlan) -> TokenStream {
        let rt = &self.rt;
        let models = &self.models;
        let name = ident(plan.name(&f.key));
        let home = plan.module(&f.key);
        let doc = doc_attrs(&f.doc);
        // The structs' derives but those the enum implements by hand.
        let derives: Vec<syn::Path> = self
            .struct_derives
            .iter()
            .filter(|p| {
                let last = p.segments.last().map(|s| s.ident.to_string());
                !matches!(last.as_deref(), Some("Default" | "Serialize"))
            })
            .cloned()
            .collect();
        let derives = derive_attr(&derives);

        // Per variant: its gate, name and struct.
        let cfgs: Vec<TokenStream> = f
            .variants
            .iter()
            .map(|v| self.cfg_for(plan, home, [&v.key]))
            .collect();
        let variants: Vec<Ident> = f
            .variants
            .iter()
            .map(|v| ident(plan.name(&v.key)))
            .collect();
        let structs: Vec<TokenStream> = variants.iter().map(|v| quote!(#models::#v)).collect();
        let (base, base_struct) = (&variants[0], &structs[0]);
        let variant_docs = f
            .variants
            .iter()
            .map(|v| doc_attrs(&[format!("`{}`", v.qualified)]));
        let qualified: Vec<&str> = f.variants.iter().map(|v| v.qualified.as_str()).collect();
        let base_qualified = &f.qualified;

        // The derived types' table, sorted as the runtime searches it.
        let mut derived: Vec<usize> = (1..f.variants.len()).collect();
        derived.sort_by_key(|&i| f.variants[i].qualified.to_ascii_lowercase());
        let table = derived.iter().map(|&i| {
            let (cfg, q, ty) = (&cfgs[i], &qualified[i], &structs[i]);
            quote!(#cfg (#q, #rt::derived::<#ty, Self>),)
        });

        let serialize_arms = f.variants.iter().enumerate().map(|(i, v)| {
            let (cfg, variant) = (&cfgs[i], &variants[i]);
            if i == 0 {
                return quote!(#cfg Self::#variant(v) => ::serde::Serialize::serialize(&**v, serializer),);
            }
            let annotated = match &v.odata_type {
                Some(field) => {
                    let field = ident(field);
                    quote!(v.#field.is_some())
                }
                // No string field to hold one: never add a second.
                None => quote!(true),
            };
            let implied = format!("#{}", v.qualified);
            quote! {
                #cfg Self::#variant(v) => #rt::serialize_variant(&**v, #annotated, Some(#implied), serializer),
            }
        });

        let from_impls = f.variants.iter().enumerate().map(|(i, _)| {
            let (cfg, variant, ty) = (&cfgs[i], &variants[i], &structs[i]);
            quote! {
                #cfg
                impl From<#ty> for #name {
                    fn from(value: #ty) -> Self {
                        Self::#variant(Box::new(value))
                    }
                }
            }
        });

        let as_fns = f.variants.iter().enumerate().map(|(i, v)| {
            let (cfg, variant, ty) = (&cfgs[i], &variants[i], &structs[i]);
            let method = ident(&v.accessor);
            let doc = format!(
                " The `{}`, if it is one (not a type derived from it).",
                v.qualified
            );
            quote! {
                #[doc = #doc]
                #cfg
                pub fn #method(&self) -> Option<&#ty> {
                    match self {
                        Self::#variant(v) => Some(v),
                        _ => None,
                    }
                }
            }
        });

        // A `match self` arm per variant: `Self::Variant` and what `arm` gives
        // for it (the binding and the value).
        let arms = |arm: &dyn Fn(usize) -> TokenStream| -> Vec<TokenStream> {
            (0..f.variants.len())
                .map(|i| {
                    let (cfg, variant, arm) = (&cfgs[i], &variants[i], arm(i));
                    quote!(#cfg Self::#variant #arm,)
                })
                .collect()
        };
        let type_name_arms = arms(&|i| {
            let q = qualified[i];
            quote!((_) => #q)
        });
        let odata_type_arms = arms(&|i| match &f.variants[i].odata_type {
            Some(field) => {
                let field = ident(field);
                quote!((v) => v.#field.as_deref())
            }
            None => quote!((_) => None),
        });
        let additional = ident(&f.additional);
        let additional_arms = arms(&|_| quote!((v) => &v.#additional));
        let shared_fns = f.shared.iter().map(|field| {
            let method = ident(&field.method);
            let rust = ident(&field.rust);
            let ty = self.field_type(plan, &field.ty);
            let cfg = self.cfg_for(plan, home, scalar_key(&field.ty.scalar));
            let doc = doc_attrs(&field.doc);
            let field_arms = arms(&|i| {
                if field.boxed[i] {
                    quote!((v) => v.#rust.as_deref())
                } else {
                    quote!((v) => v.#rust.as_ref())
                }
            });
            quote! {
                #doc
                #cfg
                pub fn #method(&self) -> Option<&#ty> {
                    match self { #(#field_arms)* }
                }
            }
        });

        quote! {
            #doc
            #derives
            pub enum #name {
                #( #variant_docs #cfgs #variants(Box<#structs>), )*
            }

            impl Default for #name {
                fn default() -> Self {
                    Self::#base(Default::default())
                }
            }

            impl #rt::Family for #name {
                const BASE: &'static str = #base_qualified;
                const DERIVED: &'static [(&'static str, #rt::model::Build<Self>)] = &[ #(#table)* ];

                fn base(o: &mut #rt::Object) -> Result<Self, #rt::serde_json::Error> {
                    <#base_struct as #rt::FromObject>::from_object(o).map(Into::into)
                }
            }

            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self { #(#serialize_arms)* }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #rt::deserialize_family(deserializer)
                }
            }

            #(#from_impls)*

            #[allow(unreachable_patterns)]
            impl #name {
                /// The qualified name of the variant's type.
                pub fn type_name(&self) -> &'static str {
                    match self { #(#type_name_arms)* }
                }

                /// The value's `@odata.type` annotation, as received or set.
                pub fn odata_type(&self) -> Option<&str> {
                    match self { #(#odata_type_arms)* }
                }

                /// The properties the variant's struct has no field for, and the
                /// mismatched ones (see `AdditionalProperties::mismatched`).
                pub fn additional(&self) -> &#rt::AdditionalProperties {
                    match self { #(#additional_arms)* }
                }

                #(#as_fns)*

                #(#shared_fns)*
            }
        }
    }
}
