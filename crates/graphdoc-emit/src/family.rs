//! Renders a [`FamilyPlan`]: the enum of a type and the types derived from it.
//!
//! A variant per type, each boxing its struct (so the enum stays small, and a
//! family may contain itself). The runtime does the work: its
//! `graph_family!` expands the trait impls and the accessors from the list of
//! variants and the list of the properties they share, so the emitted code is
//! those lists.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::codegen::{Ctx, derive_attr, doc_attrs, doc_attrs_in_macro, ident, scalar_key};
use crate::plan::{FamilyPlan, Plan};

impl Ctx {
    pub fn family(&self, plan: &Plan, f: &FamilyPlan) -> TokenStream {
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
        let variant_docs = f
            .variants
            .iter()
            .map(|v| doc_attrs(&[format!("`{}`", v.qualified)]));

        let impls = self.family_impls(plan, f, &cfgs, &variants, &structs);

        quote! {
            #doc
            #derives
            pub enum #name {
                #( #variant_docs #cfgs #variants(Box<#structs>), )*
            }

            #impls
        }
    }

    /// `Default`, `Family`, the serde impls, `From` each variant's struct and
    /// the accessors: one `graph_family!`
    /// invocation (see the runtime) listing the variants (with their `as_*`
    /// accessor and the field holding `@odata.type`), the field of the other
    /// properties, the derived types' table, sorted as the runtime searches
    /// it, and the properties every variant has (method, field and type).
    fn family_impls(
        &self,
        plan: &Plan,
        f: &FamilyPlan,
        cfgs: &[TokenStream],
        variants: &[Ident],
        structs: &[TokenStream],
    ) -> TokenStream {
        let rt = &self.rt;
        let name = ident(plan.name(&f.key));
        let home = plan.module(&f.key);
        let entries = f.variants.iter().enumerate().map(|(i, v)| {
            let (cfg, variant, ty) = (&cfgs[i], &variants[i], &structs[i]);
            // The base variant is the family's declared type.
            let q = if i == 0 { &f.qualified } else { &v.qualified };
            let accessor = ident(&v.accessor);
            let odata_type = v.odata_type.as_deref().map(|field| {
                let field = ident(field);
                quote!(unless #field)
            });
            quote!(#cfg #variant(#ty) = #q as #accessor #odata_type,)
        });
        let additional = ident(&f.additional);
        let mut derived: Vec<usize> = (1..f.variants.len()).collect();
        derived.sort_by_key(|&i| f.variants[i].qualified.to_ascii_lowercase());
        let table = derived.iter().map(|&i| {
            let (cfg, q, ty) = (&cfgs[i], &f.variants[i].qualified, &structs[i]);
            quote!(#cfg #q => #ty,)
        });
        // The accessors of the properties every variant has, if any.
        let shared = f.shared.iter().map(|field| {
            let method = ident(&field.method);
            let rust = ident(&field.rust);
            let ty = self.field_type(plan, &field.ty);
            let cfg = self.cfg_for(plan, home, scalar_key(&field.ty.scalar));
            // Inside the macro invocation: tokens, not a comment.
            let doc = doc_attrs_in_macro(&field.doc);
            quote!(#doc #cfg #method(#rust) -> #ty,)
        });
        let shared = (!f.shared.is_empty()).then(|| quote!(shared { #(#shared)* }));
        quote! {
            #rt::graph_family!(#name { #(#entries)* ..#additional } derived { #(#table)* } #shared);
        }
    }
}
