//! The type-directed walk over an example body: checks each value against
//! its documented type, replaces placeholders with typed samples, and
//! collects findings by JSON path.

use graphdoc_ir::{ApiModel, Code, Primitive, Property, Target as Ty, TypeId, TypeKind, TypeUse};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::locate::{Seg, display};

/// What a value is checked against.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target<'m> {
    Prim(Primitive),
    /// A type of the model.
    Type(TypeId),
    /// An `Enumeration` property's listed values.
    InlineEnum(&'m [String]),
    /// An action's parameters.
    Params(&'m [Property<TypeUse>]),
    /// Unknown or untyped: anything goes.
    Untyped,
}

impl<'m> Target<'m> {
    pub(crate) fn of_property(p: &'m Property<TypeUse>) -> Self {
        match &p.ty.target {
            Ty::Primitive(prim) => Target::Prim(*prim),
            Ty::Type(id) => Target::Type(*id),
            Ty::InlineEnum if !p.enum_values.is_empty() => Target::InlineEnum(&p.enum_values),
            Ty::InlineEnum => Target::Prim(Primitive::String),
            Ty::Unresolved(_) => Target::Untyped,
        }
    }
}

/// A finding at a path of the body.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) code: Code,
    pub(crate) path: Vec<Seg>,
    pub(crate) message: String,
    /// What the finding says about a type that names no base: a property
    /// its table lacks, or a declared type it stands in for.
    pub(crate) base_hint: Option<BaseHint>,
    /// The object also shows properties of the type's own table, so it is
    /// of that type: evidence of a base, not of a mistyped example.
    pub(crate) evidence: bool,
}

/// Evidence that a type without a base type may have one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum BaseHint {
    /// An example shows this property on the type, which its table lacks.
    Property(TypeId, String),
    /// An example's `@odata.type` names the type (first) where the second is declared.
    UsedAs(TypeId, TypeId),
}

/// The deterministic sample for a placeholder in a position of type `p`;
/// `None` keeps the value (strings and untyped JSON).
pub(crate) fn sample(p: Primitive) -> Option<Value> {
    Some(match p {
        Primitive::String | Primitive::Stream | Primitive::Json => return None,
        Primitive::Boolean => Value::Bool(false),
        Primitive::Byte
        | Primitive::SByte
        | Primitive::Int16
        | Primitive::Int32
        | Primitive::Int64
        | Primitive::Single
        | Primitive::Double
        | Primitive::Decimal => Value::from(0),
        Primitive::DateTimeOffset => Value::from("2000-01-01T00:00:00Z"),
        Primitive::Date => Value::from("2000-01-01"),
        Primitive::TimeOfDay => Value::from("00:00:00"),
        Primitive::Duration => Value::from("PT0S"),
        Primitive::Guid => Value::from("00000000-0000-0000-0000-000000000000"),
        Primitive::Binary => Value::from("AA=="),
    })
}

/// The type a placeholder string names: a doc spelling of a primitive
/// (`String`, `Int32`, `Integer`, `Edm.Guid`, `boolean`, ...), optionally
/// followed by a qualifier in parentheses that refines it where it spells a
/// primitive itself (`String (timestamp)` names `Edm.DateTimeOffset`,
/// `String (identifier)` names `Edm.String`).
pub(crate) fn placeholder(s: &str) -> Option<Primitive> {
    let s = s.trim();
    if s.len() > 40 {
        return None;
    }
    let (head, qualifier) = match s.split_once('(') {
        Some((head, rest)) => (head.trim(), Some(rest.strip_suffix(')')?.trim())),
        None => (s, None),
    };
    let head = Primitive::from_doc_spelling(head)?;
    let refined = qualifier.and_then(|q| {
        let squashed: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        Primitive::from_doc_spelling(&squashed)
    });
    Some(refined.unwrap_or(head))
}

/// Whether a string is a placeholder: it spells a type ([`placeholder`]),
/// is one of the older docs' forms `"datetime-value"` and
/// `"@odata.type: microsoft.graph.alertFeedback"`, or marks an elided value
/// (`"<<content removed>>"`, `"..."`).
pub(crate) fn is_placeholder(s: &str) -> bool {
    let s = s.trim();
    placeholder(s).is_some()
        || is_value_placeholder(s)
        || s.contains("...")
        || s.contains('\u{2026}')
        || s.contains("<<") && s.contains(">>")
        || s.strip_prefix("@odata.type:").is_some_and(|t| {
            let t = t.trim();
            !t.is_empty() && !t.contains(char::is_whitespace)
        })
}

/// The older docs' placeholders: a name then `-value`, maybe numbered
/// (`"datetime-value"`, `"skuId-value-1"`, `"base64-contentBytes-value"`).
fn is_value_placeholder(s: &str) -> bool {
    let s = s.trim_end_matches(|c: char| c.is_ascii_digit());
    let s = s.strip_suffix('-').unwrap_or(s);
    s.strip_suffix("-value").is_some_and(|name| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    })
}

/// Whether a runtime type deserializes from `v`.
fn de<T: DeserializeOwned>(v: &Value) -> Result<(), String> {
    T::deserialize(v).map(drop).map_err(|e| e.to_string())
}

/// Whether a runtime type deserializes from `v`, and what it serializes
/// back to when that is not `v` itself.
fn canon<T: DeserializeOwned + Serialize>(v: &Value) -> Result<Option<Value>, String> {
    let t = T::deserialize(v).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(&t).map_err(|e| e.to_string())?;
    Ok((back != *v).then_some(back))
}

/// Whether `v` is a valid value of `p` for the runtime the bindings use,
/// and its canonical form (what the runtime writes back) where that differs:
/// `1.0` for a Double is written `1`, an upper-case Guid in lower case.
pub(crate) fn check_primitive(p: Primitive, v: &Value) -> Result<Option<Value>, String> {
    use graphdoc_runtime as rt;
    let unchanged = |r: Result<(), String>| r.map(|()| None);
    match p {
        Primitive::String | Primitive::Stream => unchanged(de::<String>(v)),
        Primitive::Boolean => unchanged(de::<bool>(v)),
        Primitive::Byte => unchanged(de::<u8>(v)),
        Primitive::SByte => unchanged(de::<i8>(v)),
        Primitive::Int16 => unchanged(de::<i16>(v)),
        Primitive::Int32 => unchanged(de::<i32>(v)),
        Primitive::Int64 => unchanged(de::<i64>(v)),
        Primitive::Single => canon::<rt::GraphF32>(v),
        Primitive::Double => canon::<rt::GraphF64>(v),
        Primitive::Decimal => canon::<rt::Decimal>(v),
        Primitive::DateTimeOffset => canon::<rt::DateTimeOffset>(v),
        Primitive::Date => canon::<rt::Date>(v),
        Primitive::TimeOfDay => canon::<rt::TimeOfDay>(v),
        Primitive::Duration => canon::<rt::IsoDuration>(v),
        Primitive::Guid => canon::<rt::Guid>(v),
        Primitive::Binary => canon::<rt::Base64Bytes>(v),
        Primitive::Json => Ok(None),
    }
}

/// Whether `v` is a valid value of `p` for the runtime the bindings use.
#[cfg(test)]
pub(crate) fn valid_primitive(p: Primitive, v: &Value) -> Result<(), String> {
    check_primitive(p, v).map(drop)
}

/// A short description of a value for messages.
pub(crate) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 40 => {
            let head: String = s.chars().take(37).collect();
            format!("{:?}", head + "...")
        }
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Keys that are annotations (`@odata.type`, `photo@odata.mediaEditLink`), not properties.
pub(crate) fn is_annotation(key: &str) -> bool {
    key.contains('@')
}

/// One walk over one body.
pub(crate) struct Walk<'m> {
    model: &'m ApiModel,
    /// Demand every (non-navigation) property of objects: a complete response.
    complete: bool,
    /// A request body: the service reads its enum values in any case.
    request: bool,
    /// Fields the operation's Request body table names, accepted on the
    /// body's top-level object.
    table: &'m [Property<TypeUse>],
    /// Properties a complete response need not show (the annotation's
    /// `optionalProperties`).
    optional: Vec<String>,
    pub(crate) findings: Vec<Finding>,
    /// Messages of the values that make the body untypeable, in order.
    pub(crate) invalid: Vec<String>,
    /// Valid values replaced by the runtime's canonical form.
    pub(crate) canonicalized: usize,
}

impl<'m> Walk<'m> {
    pub(crate) fn new(model: &'m ApiModel, complete: bool) -> Self {
        Self {
            model,
            complete,
            request: false,
            table: &[],
            optional: Vec::new(),
            findings: Vec::new(),
            invalid: Vec::new(),
            canonicalized: 0,
        }
    }

    /// Properties a complete response need not show.
    pub(crate) fn optional(mut self, names: Vec<String>) -> Self {
        self.optional = names;
        self
    }

    /// Walks a request body, whose top-level object may carry the fields
    /// the operation's Request body table names.
    pub(crate) fn request(mut self, table: &'m [Property<TypeUse>]) -> Self {
        self.request = true;
        self.table = table;
        self
    }

    pub(crate) fn model(&self) -> &'m ApiModel {
        self.model
    }

    fn find(&mut self, code: Code, path: &[Seg], message: String) {
        self.findings.push(Finding {
            code,
            path: path.to_vec(),
            message,
            base_hint: None,
            evidence: false,
        });
    }

    /// A finding that may be evidence of a base type the docs do not name
    /// (see [`crate::bases`]).
    fn find_hinting(
        &mut self,
        code: Code,
        path: &[Seg],
        message: String,
        hint: BaseHint,
        evidence: bool,
    ) {
        self.findings.push(Finding {
            code,
            path: path.to_vec(),
            message,
            base_hint: Some(hint),
            evidence,
        });
    }

    /// Whether an object shows a property of `t`'s own table, besides its key.
    fn shows_own(&self, t: TypeId, map: &serde_json::Map<String, Value>) -> bool {
        let ty = self.model.ty(t);
        ty.properties
            .iter()
            .any(|p| Some(p.name.as_str()) != ty.key.as_deref() && map.contains_key(&p.name))
    }

    fn bad(&mut self, path: &[Seg], v: &Value, expected: &str) {
        let message = format!("{}: {} is not {expected}", display(path), describe(v));
        self.invalid.push(message.clone());
        self.find(Code::InvalidExampleValue, path, message);
    }

    fn name(&self, target: Target<'_>) -> String {
        match target {
            Target::Prim(p) => p.edm_name().to_string(),
            Target::Type(id) => self.model.ty(id).qualified.clone(),
            Target::InlineEnum(_) => "Enumeration".to_string(),
            Target::Params(_) => "parameters".to_string(),
            Target::Untyped => "JSON".to_string(),
        }
    }

    /// The sample replacing a placeholder in a position of `target`.
    fn sample_for(&self, target: Target<'m>, placeholder: &str) -> Value {
        let keep = || Value::from(placeholder);
        match target {
            Target::Prim(p) => sample(p).unwrap_or_else(keep),
            Target::InlineEnum(members) => members
                .first()
                .map_or_else(keep, |m| Value::from(m.as_str())),
            Target::Type(id) => match self.model.ty(id) {
                t if t.kind == TypeKind::Enum => t
                    .members
                    .first()
                    .map_or_else(keep, |m| Value::from(m.name.as_str())),
                _ => Value::Object(Default::default()),
            },
            Target::Params(_) => Value::Object(Default::default()),
            Target::Untyped => keep(),
        }
    }

    /// Replaces the placeholder `v` at `path` with `new`, noting it.
    fn replace(&mut self, path: &[Seg], v: &mut Value, new: Value, target: &str) {
        let message = format!(
            "{}: placeholder {} for {target}; the checked example uses {new}",
            display(path),
            describe(v),
        );
        self.find(Code::PlaceholderValue, path, message);
        *v = new;
    }

    /// Checks `v` against `target` (a collection of it when `collection`).
    pub(crate) fn value(
        &mut self,
        target: Target<'m>,
        collection: bool,
        v: &mut Value,
        path: &mut Vec<Seg>,
    ) {
        if !collection {
            return self.single(target, v, path, false);
        }
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    path.push(Seg::Index(i));
                    self.single(target, item, path, true);
                    path.pop();
                }
            }
            Value::Null => {}
            Value::String(s) if is_placeholder(s) && !matches!(target, Target::Untyped) => {
                let element = self.sample_for(target, s);
                let what = format!("Collection({})", self.name(target));
                self.replace(path, v, Value::Array(vec![element]), &what);
            }
            _ if matches!(target, Target::Untyped) => {}
            _ => {
                // One value where the table documents a collection: the
                // table or the example is wrong, and a value valid as one
                // element says which is likelier.
                let mut one = self.single_copy(target, v);
                let what = if one.take().is_some() {
                    format!(
                        "a collection of {}: the table documents a collection, the example \
                         one valid value (the table or the example is wrong)",
                        self.name(target)
                    )
                } else {
                    format!("a collection of {}", self.name(target))
                };
                self.bad(path, &v.clone(), &what);
            }
        }
    }

    /// `v` checked as one value of `target` on a scratch walk: `Some` when
    /// it is valid.
    fn single_copy(&self, target: Target<'m>, v: &Value) -> Option<Value> {
        let mut scratch = Walk::new(self.model, false);
        let mut copy = v.clone();
        scratch.single(target, &mut copy, &mut Vec::new(), false);
        scratch.invalid.is_empty().then_some(copy)
    }

    fn single(&mut self, target: Target<'m>, v: &mut Value, path: &mut Vec<Seg>, element: bool) {
        if v.is_null() {
            if element && !matches!(target, Target::Untyped | Target::Prim(Primitive::Json)) {
                let what = format!("a valid {} (collections hold no nulls)", self.name(target));
                self.bad(path, &Value::Null, &what);
            }
            return;
        }
        match target {
            Target::Untyped => {}
            Target::Prim(p) => self.primitive(p, v, path),
            Target::InlineEnum(members) => {
                let members: Vec<&str> = members.iter().map(String::as_str).collect();
                self.enumeration(&members, false, "Enumeration", v, path);
            }
            Target::Params(props) => self.object(None, Some(props), v, path),
            Target::Type(id) => {
                let t = self.model.ty(id);
                if t.kind == TypeKind::Enum {
                    let members: Vec<&str> = t.members.iter().map(|m| m.name.as_str()).collect();
                    self.enumeration(&members, t.is_flags, &t.qualified, v, path);
                } else {
                    self.object(Some(id), None, v, path);
                }
            }
        }
    }

    fn primitive(&mut self, p: Primitive, v: &mut Value, path: &[Seg]) {
        match check_primitive(p, v) {
            Ok(None) => return,
            Ok(Some(canonical)) => {
                self.canonicalized += 1;
                *v = canonical;
                return;
            }
            Err(_) => {}
        }
        if let Value::String(s) = v
            && is_placeholder(s)
            && let Some(new) = sample(p)
        {
            self.replace(path, v, new, p.edm_name());
            return;
        }
        let what = format!("a valid {}", p.edm_name());
        self.bad(path, &v.clone(), &what);
    }

    fn enumeration(
        &mut self,
        members: &[&str],
        flags: bool,
        name: &str,
        v: &mut Value,
        path: &[Seg],
    ) {
        let Value::String(s) = v else {
            let what = format!("a member of {name}");
            return self.bad(path, &v.clone(), &what);
        };
        let is_member = |m: &str| members.contains(&m);
        let ok = if flags {
            s.split(',')
                .map(str::trim)
                .all(|m| m.is_empty() || is_member(m))
        } else {
            is_member(s)
        };
        if ok || members.is_empty() {
            return;
        }
        let simple = name.rsplit('.').next().unwrap_or(name);
        let placeholder_like = is_placeholder(s)
            || s.eq_ignore_ascii_case(simple)
            || s.eq_ignore_ascii_case("enumeration");
        if placeholder_like {
            let first = Value::from(members[0]);
            return self.replace(path, v, first, name);
        }
        let near = members.iter().find(|m| m.eq_ignore_ascii_case(s));
        if near.is_some() && self.request {
            // The service reads a request's enum values in any case.
            return;
        }
        let hint = match near {
            Some(m) => format!(" (the member is spelled `{m}`)"),
            None => {
                let shown: Vec<&str> = members.iter().take(8).copied().collect();
                let more = if members.len() > 8 { ", ..." } else { "" };
                format!(" (members: {}{more})", shown.join(", "))
            }
        };
        let message = format!(
            "{}: {} is not a member of {name}{hint}",
            display(path),
            describe(v)
        );
        self.find(Code::UnknownEnumValue, path, message);
    }

    /// An object of type `q` (or an action's parameters).
    fn object(
        &mut self,
        q: Option<TypeId>,
        params: Option<&'m [Property<TypeUse>]>,
        v: &mut Value,
        path: &mut Vec<Seg>,
    ) {
        let model = self.model;
        let expected = q.map_or("parameters", |q| model.ty(q).qualified.as_str());
        let Value::Object(map) = v else {
            if let Value::String(s) = v
                && is_placeholder(s)
            {
                return self.replace(path, v, Value::Object(Default::default()), expected);
            }
            let what = format!("an object of {expected}");
            return self.bad(path, &v.clone(), &what);
        };
        let mut ty = q;
        if let (Some(q), Some(Value::String(named))) = (q, map.get("@odata.type")) {
            path.push(Seg::Key("@odata.type".into()));
            match model.type_named(named) {
                Some(d) if model.derives_from(d, q) => ty = Some(d),
                Some(d) if model.derives_from(q, d) => {}
                Some(d) => {
                    let (dq, qq) = (&model.ty(d).qualified, &model.ty(q).qualified);
                    let message = format!(
                        "{}: `{named}` names `{dq}`, which is not `{qq}` nor, by its page, \
                         derived from it (checked as `{dq}`)",
                        display(path)
                    );
                    let evidence = self.shows_own(d, map);
                    self.find_hinting(
                        Code::ExampleTypeMismatch,
                        path,
                        message,
                        BaseHint::UsedAs(d, q),
                        evidence,
                    );
                    if model.ty(d).is_structured() {
                        ty = Some(d);
                    }
                }
                None => {
                    let message =
                        format!("{}: `{named}` names a type no page defines", display(path));
                    self.find(Code::UndefinedExampleType, path, message);
                    // Of a type no page defines: its properties are not the
                    // declared type's to miss.
                    path.pop();
                    return;
                }
            }
            path.pop();
        }
        let mut props: Vec<&'m Property<TypeUse>> = match (ty, params) {
            (Some(t), _) => model
                .all_properties(t)
                .into_iter()
                .map(|(_, p)| p)
                .collect(),
            (None, Some(params)) => params.iter().collect(),
            (None, None) => return,
        };
        // A type without any property documents none to compare with (a bag
        // of properties that depend on data: a schema's, a connector's).
        let open = ty.is_some_and(|t| model.is_open(t)) || props.is_empty();
        if path.is_empty() {
            let extra: Vec<&'m Property<TypeUse>> = self
                .table
                .iter()
                .filter(|t| props.iter().all(|p| p.name != t.name))
                .collect();
            props.extend(extra);
        }
        let shown = ty.map_or(expected, |t| model.ty(t).qualified.as_str());
        let own_shown = ty.is_some_and(|t| self.shows_own(t, map));
        for (key, value) in map.iter_mut() {
            if is_annotation(key) {
                continue;
            }
            path.push(Seg::Key(key.clone()));
            match props.iter().find(|p| p.name == *key) {
                Some(p) => {
                    let target = Target::of_property(p);
                    self.value(target, p.ty.collection, value, path);
                }
                // Open, or a null the example shows of a property it names
                // (a capture of the service's output) and no property spelled
                // like it: nothing to report.
                None if open
                    || value.is_null()
                        && !props.iter().any(|p| p.name.eq_ignore_ascii_case(key)) => {}
                None => {
                    let near = props.iter().find(|p| p.name.eq_ignore_ascii_case(key));
                    let hint =
                        near.map_or(String::new(), |p| format!(" (the table has `{}`)", p.name));
                    let what = if params.is_some() && q.is_none() {
                        "the parameters table"
                    } else {
                        "the type's table"
                    };
                    let message = format!(
                        "{}: `{key}` is not in {what} of `{shown}`{hint}",
                        display(path)
                    );
                    match ty {
                        Some(t) => self.find_hinting(
                            Code::UnknownExampleProperty,
                            path,
                            message,
                            BaseHint::Property(t, key.clone()),
                            own_shown,
                        ),
                        None => self.find(Code::UnknownExampleProperty, path, message),
                    }
                }
            }
            path.pop();
        }
        if self.complete && q.is_some() {
            let missing: Vec<&str> = props
                .iter()
                .filter(|p| {
                    // Streams are never sent inline; optional ones may be absent.
                    !p.navigation
                        && !is_annotation(&p.name)
                        && !map.contains_key(&p.name)
                        && p.ty.target != Ty::Primitive(Primitive::Stream)
                        && !self.optional.contains(&p.name)
                })
                .map(|p| p.name.as_str())
                .collect();
            if !missing.is_empty() {
                let shown_names: Vec<String> =
                    missing.iter().take(6).map(|m| format!("`{m}`")).collect();
                let more = match missing.len() {
                    n if n > 6 => format!(" and {} more", n - 6),
                    _ => String::new(),
                };
                let message = format!(
                    "{}: the response is not marked truncated but lacks {} of `{shown}`: {}{more}",
                    display(path),
                    if missing.len() == 1 {
                        "a property"
                    } else {
                        "properties"
                    },
                    shown_names.join(", "),
                );
                self.find(Code::MissingExampleProperty, path, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_name_their_types() {
        for (s, p) in [
            ("String", Primitive::String),
            ("string (identifier)", Primitive::String),
            ("String (timestamp)", Primitive::DateTimeOffset),
            ("String (time of day)", Primitive::TimeOfDay),
            ("String (duration)", Primitive::Duration),
            ("Integer", Primitive::Int32),
            ("Int32", Primitive::Int32),
            ("Double", Primitive::Double),
            ("Boolean", Primitive::Boolean),
            ("Guid", Primitive::Guid),
            ("Date", Primitive::Date),
            ("Edm.Binary", Primitive::Binary),
        ] {
            assert_eq!(placeholder(s), Some(p), "{s}");
        }
        for s in [
            "datetime-value",
            "skuId-value-1",
            "@odata.type: microsoft.graph.alertFeedback",
        ] {
            assert!(is_placeholder(s), "{s}");
        }
        for s in [
            "John Doe",
            "true",
            "String value",
            "(String)",
            "7086705f",
            "-value",
            "a b-value",
            "@odata.type:",
        ] {
            assert_eq!(placeholder(s), None, "{s}");
            assert!(!is_placeholder(s), "{s}");
        }
    }

    #[test]
    fn samples_are_valid_values_of_their_types() {
        for p in Primitive::ALL {
            if let Some(v) = sample(p) {
                assert_eq!(check_primitive(p, &v), Ok(None), "{p}: valid and canonical");
            }
        }
    }

    #[test]
    fn primitives_are_checked_by_the_runtime_parsers() {
        let ok = |p, v: Value| valid_primitive(p, &v).is_ok();
        assert!(ok(Primitive::Int32, Value::from(2_147_483_647)));
        assert!(!ok(Primitive::Int32, Value::from(2_147_483_648u64)));
        assert!(!ok(Primitive::Int32, Value::from(1.5)));
        assert!(ok(Primitive::Double, Value::from("NaN")));
        assert!(ok(Primitive::Double, Value::from("-INF")));
        assert!(!ok(Primitive::Double, Value::from("Double")));
        assert!(ok(
            Primitive::DateTimeOffset,
            Value::from("2021-07-16T10:00:00.1234567Z")
        ));
        assert!(!ok(
            Primitive::DateTimeOffset,
            Value::from("String (timestamp)")
        ));
        assert!(ok(Primitive::Date, Value::from("2021-07-16")));
        assert!(ok(Primitive::TimeOfDay, Value::from("10:00:00")));
        assert!(ok(Primitive::Duration, Value::from("PT1H30M")));
        assert!(!ok(Primitive::Duration, Value::from("1:30")));
        assert!(ok(
            Primitive::Guid,
            Value::from("7086705f-705f-7086-5f70-86705f708670")
        ));
        assert!(!ok(Primitive::Guid, Value::from("String (identifier)")));
        assert!(ok(Primitive::Binary, Value::from("aGVsbG8=")));
        assert!(!ok(Primitive::Binary, Value::from("not base64!")));
        assert!(!ok(Primitive::Boolean, Value::from("true")));
    }
}
