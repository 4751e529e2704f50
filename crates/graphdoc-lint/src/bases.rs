//! Types whose examples suggest a base type their pages do not name: the
//! evidence of many examples folded into one finding per type
//! ([`Code::BaseTypeNotNamed`]), instead of one finding per property per
//! example.
//!
//! - An entity type that names no base type and lacks its key property
//!   (it must inherit it): every property its examples show that its table
//!   lacks is such evidence.
//! - Any type that names no base: an `@odata.type` naming it where another
//!   type is declared.
//! - Any type: a property its table lacks that a candidate base declares (a
//!   type of its kind that declares two or more of the missing properties
//!   and could be its base, or sit between it and its named base, because it
//!   derives only from the type's ancestors): `createdDateTime` on a type
//!   whose page names `entity` while `changeTrackedEntity`, itself derived
//!   from `entity`, declares it.
//! - Any type: a property its table lacks that a sibling's examples show
//!   and its table lacks too (a type with the same named base), where the
//!   two share two or more such properties (a base type no page documents).
//!
//! Only example objects that show properties of the type's own table count:
//! an object showing none is more likely another type's example, mistyped
//! (its findings stay as they are).
//!
//! A property a type's examples show that its base's examples show too is
//! the base's evidence. The finding names the candidate that declares most
//! of the properties, if one does.
//!
//! A property that is no such evidence is a row missing from the type's
//! table: one finding per (type, property), at the type's definition,
//! naming the examples that show it. Other findings stay as they are.

use std::collections::{BTreeMap, BTreeSet};

use graphdoc_ir::{ApiModel, Code, Diagnostic, Related, TypeId};

use crate::value::BaseHint;

/// Examples named in a finding's related locations, at most.
const MAX_RELATED: usize = 5;

#[derive(Default)]
struct Evidence {
    /// Property -> whether an object showing it is of the type (it shows
    /// the type's own properties too), and the findings that show it.
    properties: BTreeMap<String, (bool, Vec<Option<Diagnostic>>)>,
    /// Declared type -> the same for the findings that use the type in its place.
    used_as: BTreeMap<TypeId, (bool, Vec<Option<Diagnostic>>)>,
}

/// The findings for `hints`: one per type whose examples suggest a base,
/// and the findings that are no such evidence, as they were.
pub(crate) fn findings(
    model: &ApiModel,
    hints: Vec<(BaseHint, bool, Option<Diagnostic>)>,
) -> Vec<Diagnostic> {
    let mut shown_on: BTreeMap<&str, BTreeSet<TypeId>> = BTreeMap::new();
    for (hint, _, _) in &hints {
        if let BaseHint::Property(t, name) = hint {
            shown_on.entry(name.as_str()).or_default().insert(*t);
        }
    }
    // The most ancestral type whose examples show the property too.
    let owner = |t: TypeId, name: &str| {
        let on = &shown_on[name];
        model
            .ancestors(t)
            .filter(|a| on.contains(a))
            .last()
            .unwrap_or(t)
    };
    let owners: Vec<Option<TypeId>> = hints
        .iter()
        .map(|(h, _, _)| match h {
            BaseHint::Property(t, name) => Some(owner(*t, name)),
            BaseHint::UsedAs(..) => None,
        })
        .collect();
    let mut by_type: BTreeMap<TypeId, Evidence> = BTreeMap::new();
    for ((hint, evidence, d), owner) in hints.into_iter().zip(owners) {
        let entry = match hint {
            BaseHint::Property(_, name) => by_type
                .entry(owner.expect("a property hint has an owner"))
                .or_default()
                .properties
                .entry(name)
                .or_default(),
            BaseHint::UsedAs(t, declared) => by_type
                .entry(t)
                .or_default()
                .used_as
                .entry(declared)
                .or_default(),
        };
        entry.0 |= evidence;
        entry.1.push(d);
    }
    // Which types' examples show each property their tables lack.
    let mut missing_on: BTreeMap<&str, BTreeSet<TypeId>> = BTreeMap::new();
    for (&t, evidence) in &by_type {
        for name in evidence.properties.keys() {
            missing_on.entry(name.as_str()).or_default().insert(t);
        }
    }
    // Siblings (types with the same named base) missing the same properties.
    let shared = |t: TypeId, name: &str| {
        let mine = &by_type[&t].properties;
        let base = model.ty(t).base;
        missing_on[name].iter().any(|&o| {
            o != t
                && base.is_some()
                && model.ty(o).base == base
                && by_type[&o]
                    .properties
                    .keys()
                    .filter(|n| mine.contains_key(*n))
                    .count()
                    >= 2
        })
    };
    let mut out = Vec::new();
    let mut pending = Vec::new();
    for (&t, evidence) in &by_type {
        let missing: Vec<&str> = evidence.properties.keys().map(String::as_str).collect();
        let candidates = candidate_bases(model, t, &missing);
        let ty = model.ty(t);
        let unnamed = ty.base.is_none();
        let keyless = ty
            .key
            .as_deref()
            .is_some_and(|k| model.property(t, k).is_none());
        let all = unnamed && ty.kind == graphdoc_ir::TypeKind::Entity && keyless;
        let declared_by = |name: &str| {
            candidates
                .iter()
                .any(|&b| model.ty(b).properties.iter().any(|p| p.name == name))
        };
        let folds: Vec<bool> = missing
            .iter()
            .map(|name| {
                evidence.properties[*name].0 && (all || declared_by(name) || shared(t, name))
            })
            .collect();
        pending.push((t, candidates, folds));
    }
    for ((t, evidence), (_, candidates, folds)) in by_type.into_iter().zip(pending) {
        let unnamed = model.ty(t).base.is_none();
        let mut folded: Vec<String> = Vec::new();
        let mut shown: Vec<Diagnostic> = Vec::new();
        for ((name, (_, ds)), fold) in evidence.properties.into_iter().zip(folds) {
            if fold {
                folded.push(name);
                shown.extend(ds.into_iter().flatten());
            } else {
                let ds: Vec<Diagnostic> = ds.into_iter().flatten().collect();
                out.extend(missing_row(model, t, &name, &ds));
            }
        }
        let mut used_as = BTreeSet::new();
        for (declared, (of_the_type, ds)) in evidence.used_as {
            if unnamed && of_the_type {
                used_as.insert(declared);
                shown.extend(ds.into_iter().flatten());
            } else {
                out.extend(ds.into_iter().flatten());
            }
        }
        if folded.is_empty() && used_as.is_empty() {
            continue;
        }
        out.push(finding(model, t, &folded, &used_as, &candidates, &shown));
    }
    out
}

/// The one finding for a property the table of `t` lacks, at the type's
/// definition, naming the examples (`shown`, one finding each) that show it.
fn missing_row(
    model: &ApiModel,
    t: TypeId,
    name: &str,
    shown: &[Diagnostic],
) -> Option<Diagnostic> {
    let first = shown.first()?;
    let ty = model.ty(t);
    let near = model
        .all_properties(t)
        .into_iter()
        .find(|(_, p)| p.name.eq_ignore_ascii_case(name))
        .map_or(String::new(), |(_, p)| {
            format!(" (the table has `{}`)", p.name)
        });
    let examples = match shown.len() {
        1 => "an example shows it".to_string(),
        n => format!("{n} examples show it"),
    };
    let message = format!(
        "`{name}` is not in the type's table of `{}`{near}, but {examples}: add the row, or fix the examples",
        ty.qualified
    );
    let at = if ty.loc.line == 0 { None } else { Some(ty.loc) };
    let mut d = match at {
        Some(loc) => Diagnostic::new(
            Code::UnknownExampleProperty,
            model.path(loc),
            loc.line,
            loc.column,
            message,
        ),
        None => Diagnostic::new(
            Code::UnknownExampleProperty,
            &first.file,
            first.line,
            first.column,
            message,
        ),
    };
    related(&mut d, shown, "an example showing it");
    Some(d)
}

/// Names up to [`MAX_RELATED`] distinct example locations on `d`.
fn related(d: &mut Diagnostic, shown: &[Diagnostic], message: &str) {
    let mut seen = BTreeSet::new();
    for s in shown
        .iter()
        .filter(|s| seen.insert((s.file.clone(), s.line)))
        .take(MAX_RELATED)
    {
        d.related.push(Related {
            file: s.file.clone(),
            line: s.line,
            column: s.column,
            message: message.into(),
        });
    }
}

/// The types that could be `t`'s base, or sit between it and its named
/// base: structured types of its kind that others derive from, that are
/// neither `t`, its descendants nor its ancestors, whose own ancestors are
/// all `t`'s, and that declare two or more of the `missing` properties and
/// half their own properties or more among them (a family's base, not a
/// type that happens to share two names).
fn candidate_bases(model: &ApiModel, t: TypeId, missing: &[&str]) -> Vec<TypeId> {
    let ty = model.ty(t);
    let ancestors: BTreeSet<TypeId> = model.ancestors(t).collect();
    let declares = |b: &graphdoc_ir::ModelType| {
        b.properties
            .iter()
            .filter(|p| missing.contains(&p.name.as_str()))
            .count()
    };
    model
        .types
        .iter()
        .filter(|b| b.kind == ty.kind && b.id != t)
        .filter(|b| !ancestors.contains(&b.id) && !model.derives_from(b.id, t))
        .filter(|b| ty.base.is_none() || model.ancestors(b.id).all(|a| ancestors.contains(&a)))
        .filter(|b| !b.derived.is_empty())
        .filter(|b| {
            let n = declares(b);
            n >= 2 && 2 * n >= b.properties.len()
        })
        .map(|b| b.id)
        .collect()
}

/// The finding for type `t`, at its definition, naming the candidate that
/// declares most of the properties itself (then the closest fit: the fewest
/// other properties; then by name).
fn finding(
    model: &ApiModel,
    t: TypeId,
    properties: &[String],
    used_as: &BTreeSet<TypeId>,
    candidates: &[TypeId],
    shown: &[Diagnostic],
) -> Diagnostic {
    let ty = model.ty(t);
    let covered = |b: TypeId| {
        let own = &model.ty(b).properties;
        properties
            .iter()
            .filter(|n| own.iter().any(|p| p.name == **n))
            .count()
    };
    let best = candidates
        .iter()
        .copied()
        .filter(|&b| covered(b) > 0)
        .max_by(|&a, &b| {
            let extra = |x: TypeId| model.ty(x).properties.len() - covered(x);
            covered(a)
                .cmp(&covered(b))
                .then_with(|| extra(b).cmp(&extra(a)))
                .then_with(|| model.ty(b).qualified.cmp(&model.ty(a).qualified))
        });
    let mut evidence = Vec::new();
    if !properties.is_empty() {
        let names: Vec<String> = properties.iter().map(|p| format!("`{p}`")).collect();
        let by = best.map_or(String::new(), |b| {
            format!(" ({} declared by `{}`)", covered(b), model.ty(b).qualified)
        });
        evidence.push(format!(
            "its examples show {}{by}, which its table lacks",
            names.join(", ")
        ));
    }
    if !used_as.is_empty() {
        let names: Vec<String> = used_as
            .iter()
            .map(|&d| format!("`{}`", model.ty(d).qualified))
            .collect();
        evidence.push(format!(
            "examples use it where {} is declared",
            names.join(" or ")
        ));
    }
    let subject = match model.base_name(ty) {
        None => format!("`{}` names no base type", ty.qualified),
        Some(base) => format!("`{}` derives from `{base}` only", ty.qualified),
    };
    let ask = match best {
        Some(b) => format!("does it derive from `{}`?", model.ty(b).qualified),
        None => {
            "name its base type (\"Inherits from [x](x.md)\") or add the properties to its table"
                .to_string()
        }
    };
    let message = format!("{subject}, but {}: {ask}", evidence.join(", and "));
    let mut d = Diagnostic::new(
        Code::BaseTypeNotNamed,
        model.path(ty.loc),
        ty.loc.line,
        ty.loc.column,
        message,
    );
    related(&mut d, shown, "an example showing it");
    d
}
