//! Rust identifiers from Graph names: case conversion with heck, then sanitising
//! (keywords, leading digits, symbols, prelude names), then deterministic
//! disambiguation.
//!
//! Every function here returns a valid, lint-clean identifier: `snake` ones pass
//! `non_snake_case`, `pascal` ones pass `non_camel_case_types`, none is a keyword
//! (keywords get a `_` suffix, because raw identifiers cannot spell `self`, `Self`,
//! `crate` or `super`), none starts with a digit (a `_` prefix), none is empty.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of the 2024 edition, plus `_`.
const KEYWORDS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names in the std prelude (types, traits, variants). A generated type with one of
/// these names would be shadowed by the prelude, or shadow it in a user's glob
/// import, so such types get a `_` suffix. Enum variants keep them (`None` is a
/// common Graph member, and variants are namespaced by their enum).
const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Non-ASCII-alphanumeric characters become word separators (heck drops them).
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn finish(mut ident: String, fallback: &str) -> String {
    if ident.is_empty() {
        ident = fallback.to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// A field or module name: `@odata.type` -> `odata_type`, `type` -> `type_`,
/// `2fa` -> `_2fa`.
pub fn snake(raw: &str) -> String {
    if !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        // No case boundaries: what heck gives is the words joined by `_`,
        // without its per-character case mapping.
        let words: Vec<&str> = raw
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        return finish(words.join("_"), "field");
    }
    finish(ascii_words(raw).to_snake_case(), "field")
}

/// An enum variant name: `notApplicable` -> `NotApplicable`, `Self` -> `Self_`,
/// `2G` -> `_2G`.
pub fn pascal(raw: &str) -> String {
    finish(ascii_words(raw).to_upper_camel_case(), "Value")
}

/// A type name: [`pascal`], and a `_` suffix for std prelude names (`Option_`).
pub fn type_name(raw: &str) -> String {
    let mut ident = pascal(raw);
    if PRELUDE.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// Gives out unique names in one namespace (the types of a module, the fields of
/// a struct, the variants of an enum), deterministically.
///
/// A batch of natural names is assigned in two passes: the first holder of each
/// free natural name keeps it; the others get the first free numbered form
/// (`name_2`, `name_3` for snake case; `Name2` for Pascal case) that is neither
/// taken nor the natural name of anything in the batch, so a later `foo_2` in the
/// input keeps its own name.
#[derive(Debug, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
    separator: &'static str,
}

impl Namer {
    /// For snake_case names: duplicates become `name_2`.
    pub fn snake() -> Self {
        Self {
            taken: BTreeSet::new(),
            separator: "_",
        }
    }

    /// For PascalCase names: duplicates become `Name2`.
    pub fn pascal() -> Self {
        Self {
            taken: BTreeSet::new(),
            separator: "",
        }
    }

    /// Marks a name as used.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether a name is used.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Unique names for a batch of natural (already sanitised) names, in order.
    pub fn assign(&mut self, naturals: &[String]) -> Vec<String> {
        let all: BTreeSet<&str> = naturals.iter().map(String::as_str).collect();
        let mut out: Vec<Option<String>> = Vec::with_capacity(naturals.len());
        for natural in naturals {
            if self.taken.insert(natural.clone()) {
                out.push(Some(natural.clone()));
            } else {
                out.push(None);
            }
        }
        for (slot, natural) in out.iter_mut().zip(naturals) {
            if slot.is_none() {
                // `type_` + `_2` would be `type__2`, which is not snake case.
                let stem = natural.trim_end_matches('_');
                let stem = if stem.is_empty() {
                    natural.as_str()
                } else {
                    stem
                };
                let name = (2..)
                    .map(|n| format!("{stem}{}{n}", self.separator))
                    .find(|c| !self.taken.contains(c) && !all.contains(c.as_str()))
                    .expect("an unbounded range finds a free name");
                self.taken.insert(name.clone());
                *slot = Some(name);
            }
        }
        out.into_iter().map(|n| n.expect("assigned")).collect()
    }

    /// A unique name for one natural name.
    pub fn assign_one(&mut self, natural: &str) -> String {
        self.assign(&[natural.to_owned()]).remove(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_ident(s: &str) {
        assert!(
            syn::parse_str::<syn::Ident>(s).is_ok(),
            "{s:?} is not a valid identifier"
        );
    }

    #[test]
    fn lowercase_snake_is_what_heck_gives() {
        for raw in [
            "abc1def",
            "v1_0",
            "a1_b2",
            "x2",
            "2fa",
            "odata_type",
            "a_1",
            "1_a",
            "type",
            "self",
            "list_2",
            "get_by_ids",
            "a2b2c",
            "o365_group",
            "user-id",
            "{id}",
            "a b",
            "é",
            "",
            "__a__",
            "a--b",
            "@odata.type",
            "item path",
            "x_é_y",
            "---",
        ] {
            assert_eq!(
                snake(raw),
                finish(ascii_words(raw).to_snake_case(), "field"),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn snake_case_fields() {
        assert_eq!(snake("displayName"), "display_name");
        assert_eq!(snake("isMFARegistered"), "is_mfa_registered");
        assert_eq!(snake("userPrincipalName"), "user_principal_name");
        assert_eq!(snake("lastReportedDateTime"), "last_reported_date_time");
        assert_eq!(snake("id"), "id");
    }

    #[test]
    fn odata_and_symbols() {
        assert_eq!(snake("@odata.type"), "odata_type");
        assert_eq!(snake("@odata.nextLink"), "odata_next_link");
        assert_eq!(snake("value@odata.count"), "value_odata_count");
        assert_eq!(snake("x-ms-client-request-id"), "x_ms_client_request_id");
        assert_eq!(snake("café"), "caf");
        assert_eq!(snake("@"), "field");
        assert_eq!(snake(""), "field");
        assert_eq!(pascal("..."), "Value");
    }

    #[test]
    fn keywords_get_a_suffix() {
        for (raw, want) in [
            ("type", "type_"),
            ("self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("async", "async_"),
            ("gen", "gen_"),
            ("try", "try_"),
            ("match", "match_"),
            ("_", "field"),
        ] {
            assert_eq!(snake(raw), want, "{raw}");
            assert_ident(&snake(raw));
        }
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("self"), "Self_");
        assert_ident(&pascal("Self"));
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("3dModel"), "_3d_model");
        assert_eq!(pascal("2G"), "_2g");
        assert_eq!(pascal("1080p"), "_1080p");
        assert_ident(&snake("2fa"));
        assert_ident(&pascal("2G"));
    }

    #[test]
    fn prelude_type_names_get_a_suffix() {
        for name in [
            "Option", "Result", "Box", "String", "Vec", "Some", "None", "Ok", "Err",
        ] {
            let lower = name[..1].to_lowercase() + &name[1..];
            assert_eq!(type_name(&lower), format!("{name}_"));
            assert_ident(&type_name(name));
        }
        assert_eq!(type_name("user"), "User");
        assert_eq!(
            type_name("privilegedSignupStatus"),
            "PrivilegedSignupStatus"
        );
        // Variants keep prelude names.
        assert_eq!(pascal("none"), "None");
    }

    #[test]
    fn duplicates_are_numbered_deterministically() {
        let mut namer = Namer::snake();
        namer.reserve("additional");
        let names = namer.assign(&[
            "display_name".into(),
            "display_name".into(),
            "display_name_2".into(),
            "additional".into(),
            "type_".into(),
            "type_".into(),
        ]);
        assert_eq!(
            names,
            [
                "display_name",
                "display_name_3",
                "display_name_2",
                "additional_2",
                "type_",
                "type_2"
            ]
        );
        let mut namer = Namer::pascal();
        assert_eq!(
            namer.assign(&[
                "Foo".into(),
                "Foo".into(),
                "Option_".into(),
                "Option_".into()
            ]),
            ["Foo", "Foo2", "Option_", "Option2"]
        );
        assert_eq!(namer.assign_one("Foo"), "Foo3");
        assert!(namer.is_taken("Foo3"));
    }

    #[test]
    fn wire_names_that_collide_after_conversion() {
        let naturals: Vec<String> = ["displayName", "DisplayName", "display_name"]
            .iter()
            .map(|w| snake(w))
            .collect();
        let names = Namer::snake().assign(&naturals);
        assert_eq!(names, ["display_name", "display_name_2", "display_name_3"]);
    }
}
