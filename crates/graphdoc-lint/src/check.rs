//! Checking one example of one operation.

use std::borrow::Cow;

use graphdoc_ir::{
    Body, BodyType, CheckedExample, CheckedRequest, CheckedResponse, Code, Diagnostic, Example,
    ExampleRequest, ExampleResponse, HttpMethod, Loc, ModelOperation, OperationKind, Primitive,
    Related, ResolvedType, RouteMatch, SourceLine, TypeKind, TypeName, TypeRef,
};
use serde_json::Value;

use crate::Linter;
use crate::index::Index;
use crate::locate::{self, BodyMap, Seg, display};
use crate::url;
use crate::value::{Finding, Target, Walk, is_annotation};

/// What a response or request body is checked against.
enum Declared<'m> {
    Known(Target<'m>, ResolvedType),
    /// Named, but no page defines it: the spelling, and whether a collection.
    Undefined(String, bool),
    None,
}

pub(crate) struct Checker<'l, 'm> {
    pub(crate) linter: &'l Linter<'m>,
    pub(crate) index: &'l Index<'m>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// The body after the walk.
struct Walked {
    body: Option<Body>,
    /// Why it cannot be typed.
    invalid: Option<String>,
}

impl<'m> Checker<'_, 'm> {
    fn path(&self, loc: Loc) -> &'m str {
        self.linter.model.path(loc)
    }

    fn source(&self, loc: Loc) -> SourceLine {
        SourceLine {
            file: self.path(loc).to_string(),
            line: loc.line,
        }
    }

    fn diag(&mut self, code: Code, loc: Loc, message: String) -> &mut Diagnostic {
        let d = Diagnostic::new(code, self.path(loc), loc.line, loc.column, message);
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The positions of a block's JSON body, when the page text is at hand.
    fn body_map(&self, loc: Loc) -> BodyMap {
        match self.linter.sources.get(self.path(loc)) {
            Some(bytes) => locate::body_map(&String::from_utf8_lossy(bytes), loc.line),
            None => BodyMap::default(),
        }
    }

    fn report(&mut self, findings: Vec<Finding>, loc: Loc, map: &BodyMap, what: &str) {
        for f in findings {
            let (line, column) = map.find(&f.path).unwrap_or((loc.line, loc.column));
            let message = format!("{what} {}", f.message);
            let d = Diagnostic::new(f.code, self.path(loc), line, column, message);
            self.diagnostics.push(d);
        }
    }

    /// Resolves a type reference of the model.
    fn declared(&self, ty: &'m TypeRef) -> Declared<'m> {
        let collection = ty.collection;
        match &ty.name {
            TypeName::Primitive(p) => Declared::Known(
                Target::Prim(*p),
                ResolvedType {
                    name: p.edm_name().to_string(),
                    collection,
                },
            ),
            TypeName::Named { name, .. } => match self.index.resolve(name) {
                Some(q) => Declared::Known(
                    Target::Type(q),
                    ResolvedType {
                        name: q.to_string(),
                        collection,
                    },
                ),
                None => Declared::Undefined(name.clone(), collection),
            },
            TypeName::InlineEnum => Declared::Known(
                Target::Prim(Primitive::String),
                ResolvedType {
                    name: Primitive::String.edm_name().to_string(),
                    collection,
                },
            ),
            TypeName::Unknown(raw) => Declared::Undefined(raw.clone(), collection),
        }
    }

    /// Resolves an annotation's `@odata.type`: `microsoft.graph.user`,
    /// `Collection(microsoft.graph.user)`, `Edm.String`.
    fn annotated(&self, spelling: &str, collection: bool) -> Declared<'m> {
        let s = spelling.trim();
        let (inner, wrapped) = match s
            .strip_prefix("Collection(")
            .or_else(|| s.strip_prefix("collection("))
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(inner) => (inner.trim(), true),
            None => (s, false),
        };
        let collection = collection || wrapped;
        let edm = inner
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("edm."));
        if !edm && let Some(q) = self.index.resolve(inner) {
            return Declared::Known(
                Target::Type(q),
                ResolvedType {
                    name: q.to_string(),
                    collection,
                },
            );
        }
        match Primitive::from_doc_spelling(inner) {
            Some(p) => Declared::Known(
                Target::Prim(p),
                ResolvedType {
                    name: p.edm_name().to_string(),
                    collection,
                },
            ),
            None => Declared::Undefined(inner.to_string(), collection),
        }
    }

    pub(crate) fn example(
        &mut self,
        id: String,
        op: &'m ModelOperation,
        ex: &'m Example,
        first_of_name: Option<(String, u32)>,
    ) -> CheckedExample {
        let mut ignore: Option<String> = None;
        let mut ignore_for = |reason: String| {
            if ignore.is_none() {
                ignore = Some(reason);
            }
        };
        if let (Some((file, line)), Some(name)) = (first_of_name, &ex.name) {
            let loc = ex
                .request
                .as_ref()
                .map(|r| r.loc)
                .or(ex.response.as_ref().map(|r| r.loc))
                .unwrap_or_default();
            self.diag(
                Code::DuplicateExampleName,
                loc,
                format!("another example of this API version is also named `{name}`"),
            )
            .related
            .push(Related {
                file,
                line,
                column: 1,
                message: "first named here".into(),
            });
        }
        let url = ex.request.as_ref().map(|r| url::split(&r.url));
        let route = url.as_ref().and_then(|u| self.route(op, u));
        let request = ex.request.as_ref().zip(url.as_ref()).map(|(r, u)| {
            let (checked, reason) = self.request(op, r, u, route.clone());
            if let Some(reason) = reason {
                ignore_for(reason);
            }
            checked
        });
        let response = ex.response.as_ref().map(|r| {
            let query = url.as_ref().and_then(|u| u.query.as_deref());
            let graph = url.as_ref().is_none_or(url::Url::is_graph);
            let (checked, reason) = self.response(op, r, query, route.as_ref(), graph);
            if let Some(reason) = reason {
                ignore_for(reason);
            }
            checked
        });
        if request.is_none() {
            ignore_for("the example has no request".into());
        }
        if response.is_none() {
            ignore_for("the example has no response".into());
        }
        CheckedExample {
            id,
            name: ex.name.clone(),
            operation: op.op.id.clone(),
            request,
            response,
            ignore,
        }
    }

    /// The operation's path template a Graph URL matches.
    fn route(&self, op: &ModelOperation, url: &url::Url) -> Option<RouteMatch> {
        if !url.is_graph() {
            return None;
        }
        let index = self.index;
        url::route(&op.op.paths, &url.path, |segment| {
            segment.eq_ignore_ascii_case("$count")
                || segment.contains('.') && index.resolve(segment).is_some()
        })
    }

    fn request(
        &mut self,
        op: &'m ModelOperation,
        r: &'m ExampleRequest,
        url: &url::Url,
        route: Option<RouteMatch>,
    ) -> (CheckedRequest, Option<String>) {
        let mut reason = None;
        let path = &url.path;
        if !url.is_graph() {
            let host = url.host.as_deref().unwrap_or_default();
            reason = Some(format!(
                "the request goes to `{host}`, not to Microsoft Graph (a notification or upload)"
            ));
        } else if let Some(m) = route.as_ref().filter(|m| !m.suffix.is_empty()) {
            reason = Some(format!(
                "the URL appends `/{}` to the route `{}`, which routes do not build",
                m.suffix.join("/"),
                m.template
            ));
        } else if route.is_some() && r.method != op.op.method {
            self.diag(
                Code::ExampleMethodMismatch,
                r.loc,
                format!(
                    "the example sends {} to `{path}`, but the operation is a {}",
                    r.method, op.op.method
                ),
            );
            reason = Some(format!(
                "the example's method {} is not its operation's ({})",
                r.method, op.op.method
            ));
        } else if route.is_none() && !op.op.paths.is_empty() {
            let templates: Vec<&str> = op.op.paths.iter().map(|t| t.template.as_str()).collect();
            self.diag(
                Code::UnmatchedExampleUrl,
                r.loc,
                format!(
                    "example URL path `{path}` matches none of the documented paths: {}",
                    templates.join(", ")
                ),
            );
            reason = Some(format!("the URL path `{path}` matches no documented path"));
        }
        let (declared, body_type) = if url.is_graph() {
            self.request_type(op)
        } else {
            (Declared::None, None)
        };
        let walked = self.body(
            r.body.as_ref(),
            &r.headers,
            &declared,
            false,
            r.loc,
            "request body",
            false,
        );
        if let Some(invalid) = walked.invalid {
            reason.get_or_insert(invalid);
        }
        let body_type = walked.body.as_ref().and(body_type);
        let checked = CheckedRequest {
            method: r.method,
            path: url.path.clone(),
            query: url.query.clone(),
            route,
            headers: r.headers.clone(),
            body_type,
            body: walked.body,
            source: self.source(r.loc),
        };
        (checked, reason)
    }

    /// What a request body is checked against: an action's parameters, else
    /// the body's type, else (create, update) the response type.
    fn request_type(&self, op: &'m ModelOperation) -> (Declared<'m>, Option<BodyType>) {
        let o = &op.op;
        if matches!(o.method, HttpMethod::Get | HttpMethod::Delete) {
            return (Declared::None, None);
        }
        let callable = matches!(
            o.kind,
            OperationKind::Action | OperationKind::Function | OperationKind::Other
        );
        let Some(body) = o.request_body.as_ref().filter(|b| !b.none) else {
            return (Declared::None, None);
        };
        if callable && !body.properties.is_empty() {
            let target = Target::Params(&body.properties);
            let placeholder = ResolvedType {
                name: String::new(),
                collection: false,
            };
            return (
                Declared::Known(target, placeholder),
                Some(BodyType::Parameters),
            );
        }
        let ty = body.ty.as_ref().or_else(|| {
            (!callable)
                .then(|| o.response.as_ref().and_then(|r| r.ty.as_ref()))
                .flatten()
        });
        match ty.map(|t| self.declared(t)) {
            Some(Declared::Known(target, resolved)) => (
                Declared::Known(target, resolved.clone()),
                Some(BodyType::Type(resolved)),
            ),
            Some(other) => (other, None),
            None => match self.update_target(o) {
                Some(q) => {
                    let resolved = ResolvedType {
                        name: q.to_string(),
                        collection: false,
                    };
                    (
                        Declared::Known(Target::Type(q), resolved.clone()),
                        Some(BodyType::Type(resolved)),
                    )
                }
                None => (Declared::None, None),
            },
        }
    }

    /// The type an update whose page declares neither a body nor a response
    /// type changes, as the emitter's routes find it (the patch struct its
    /// route takes): the operation's binding type, else the type its id
    /// names (`alert-update`), when that is an entity or complex type.
    fn update_target(&self, o: &graphdoc_ir::Operation) -> Option<&'m str> {
        if o.kind != OperationKind::Update && o.method != HttpMethod::Patch {
            return None;
        }
        [o.binding_type.as_deref(), o.id.strip_suffix("-update")]
            .into_iter()
            .flatten()
            .filter_map(|n| self.index.resolve(n))
            .find(|q| {
                self.index
                    .kind(q)
                    .is_some_and(|k| matches!(k, TypeKind::Entity | TypeKind::Complex))
            })
    }

    fn response(
        &mut self,
        op: &'m ModelOperation,
        r: &'m ExampleResponse,
        query: Option<&str>,
        route: Option<&RouteMatch>,
        graph: bool,
    ) -> (CheckedResponse, Option<String>) {
        let o = &op.op;
        if !graph {
            // Not Graph's response (a webhook's, an upload service's): kept as is.
            let checked = CheckedResponse {
                status: r.status,
                ty: None,
                truncated: r.annotation.truncated(),
                headers: r.headers.clone(),
                body: r.body.clone(),
                source: self.source(r.loc),
            };
            return (checked, None);
        }
        let page = o
            .response
            .as_ref()
            .and_then(|s| s.ty.as_ref())
            .map(|t| self.declared(t));
        let annotation = r
            .annotation
            .odata_type()
            .filter(|s| !s.trim().is_empty())
            .map(|s| (s, self.annotated(s, r.annotation.is_collection())));
        if let Some((spelling, Declared::Undefined(..))) = &annotation {
            let loc = r.annotation.loc;
            let loc = if loc.line == 0 { r.loc } else { loc };
            self.diag(
                Code::UndefinedExampleType,
                loc,
                format!(
                    "the response annotation's `@odata.type` `{spelling}` names a type no page defines"
                ),
            );
        }
        let mut declared = match (page, annotation.map(|(_, d)| d)) {
            (Some(k @ Declared::Known(..)), _) => k,
            (_, Some(k @ Declared::Known(..))) => k,
            (Some(u @ Declared::Undefined(..)), _) => u,
            (_, Some(u @ Declared::Undefined(..))) => u,
            _ => Declared::None,
        };
        // A list page whose Response sentence does not say "collection":
        // the body's shape decides.
        if let Declared::Known(_, resolved) = &mut declared
            && o.kind == OperationKind::List
            && !resolved.collection
            && matches!(&r.body, Some(Body::Json(Value::Object(m))) if m.get("value").is_some_and(Value::is_array))
        {
            resolved.collection = true;
        }
        // OData segments after the route: `$count` is a bare number, a cast
        // narrows the type.
        match route.and_then(|m| m.suffix.last()) {
            Some(s) if s.eq_ignore_ascii_case("$count") => {
                declared = Declared::Known(
                    Target::Prim(Primitive::Int32),
                    ResolvedType {
                        name: Primitive::Int32.edm_name().into(),
                        collection: false,
                    },
                );
            }
            Some(cast) => {
                if let Some(q) = self.index.resolve(cast) {
                    let collection = match &declared {
                        Declared::Known(_, r) => r.collection,
                        _ => false,
                    };
                    declared = Declared::Known(
                        Target::Type(q),
                        ResolvedType {
                            name: q.into(),
                            collection,
                        },
                    );
                }
            }
            None => {}
        }
        let ty = match &declared {
            Declared::Known(_, resolved) => Some(resolved.clone()),
            _ => None,
        };
        let truncated = r.annotation.truncated();
        let q = query.unwrap_or_default().to_ascii_lowercase();
        let complete = !truncated && !q.contains("$select") && !q.contains("select=");
        let walked = self.body(
            r.body.as_ref(),
            &r.headers,
            &declared,
            complete,
            r.loc,
            "response body",
            true,
        );
        let checked = CheckedResponse {
            status: r.status,
            ty,
            truncated,
            headers: r.headers.clone(),
            body: walked.body,
            source: self.source(r.loc),
        };
        (checked, walked.invalid)
    }

    /// Checks and normalizes a body against what is declared for it.
    #[allow(clippy::too_many_arguments)]
    fn body(
        &mut self,
        body: Option<&'m Body>,
        headers: &[(String, String)],
        declared: &Declared<'m>,
        complete: bool,
        loc: Loc,
        what: &str,
        response: bool,
    ) -> Walked {
        let Some(body) = body else {
            return Walked {
                body: None,
                invalid: None,
            };
        };
        let content_type = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            .map(|(_, v)| v.to_ascii_lowercase());
        let json_expected = content_type.as_deref().is_none_or(|c| c.contains("json"));
        let value: Cow<'m, Value> = match body {
            Body::Json(v) => Cow::Borrowed(v),
            Body::Raw(text) => {
                let bytes_ok = matches!(declared, Declared::None)
                    || matches!(
                        declared,
                        Declared::Known(Target::Prim(Primitive::Stream | Primitive::Binary), _)
                    );
                if !json_expected && bytes_ok {
                    return Walked {
                        body: Some(body.clone()),
                        invalid: None,
                    };
                }
                match serde_json::from_str::<Value>(text.trim()) {
                    Ok(v) if !json_expected => Cow::Owned(v),
                    _ => {
                        let why = if json_expected {
                            format!("{what} is not valid JSON")
                        } else {
                            format!(
                                "{what} is `{}`, not JSON",
                                content_type.as_deref().unwrap_or_default()
                            )
                        };
                        return Walked {
                            body: Some(body.clone()),
                            invalid: Some(why),
                        };
                    }
                }
            }
        };
        let mut value = value.into_owned();
        let (target, resolved) = match declared {
            Declared::Known(target, resolved) => (*target, resolved),
            Declared::Undefined(name, collection) => {
                if response && !collection {
                    let map = self.body_map(loc);
                    self.unwrap_single(&mut value, None, loc, &map, what);
                }
                return Walked {
                    body: Some(Body::Json(value)),
                    invalid: Some(format!("{what} type `{name}` is defined by no page")),
                };
            }
            Declared::None => {
                if response && !value.is_null() {
                    self.diag(
                        Code::UndeclaredResponseType,
                        loc,
                        "example response has a body, but neither the page's Response section \
                         nor the example's `@odata.type` names its type"
                            .into(),
                    );
                    return Walked {
                        body: Some(Body::Json(value)),
                        invalid: Some(format!("{what}: no type is declared for it")),
                    };
                }
                return Walked {
                    body: Some(Body::Json(value)),
                    invalid: None,
                };
            }
        };
        let map = self.body_map(loc);
        let object = matches!(target, Target::Type(q) if self.index.kind(q).is_some_and(|k| k != TypeKind::Enum));
        let unwrapped = response
            && !resolved.collection
            && object
            && self.unwrap_single(&mut value, resolved_type(target), loc, &map, what);
        let mut walk = Walk::new(self.index, complete);
        walk_body(&mut walk, target, resolved, response, unwrapped, &mut value);
        let invalid = match walk.invalid.len() {
            0 => None,
            1 => Some(format!("{what} {}", walk.invalid[0])),
            n => Some(format!("{what} {} (and {} more)", walk.invalid[0], n - 1)),
        };
        self.report(walk.findings, loc, &map, what);
        Walked {
            body: Some(Body::Json(value)),
            invalid,
        }
    }

    /// Unwraps a single entity or complex value that a response wraps in
    /// `{"value": {...}}` (a type that has a `value` property of its own is
    /// left alone), with a diagnostic. Annotations of the wrapper move to
    /// the value where it lacks them.
    fn unwrap_single(
        &mut self,
        value: &mut Value,
        q: Option<&str>,
        loc: Loc,
        map: &BodyMap,
        what: &str,
    ) -> bool {
        if let Some(q) = q
            && self
                .index
                .props(q)
                .is_some_and(|p| p.by_name.contains_key("value"))
        {
            return false;
        }
        let Value::Object(outer) = value else {
            return false;
        };
        if !outer.get("value").is_some_and(Value::is_object)
            || !outer.keys().all(|k| k == "value" || is_annotation(k))
        {
            return false;
        }
        let mut outer = std::mem::take(outer);
        let Some(Value::Object(mut inner)) = outer.remove("value") else {
            unreachable!("checked to be an object");
        };
        for (k, v) in outer {
            inner.entry(k).or_insert(v);
        }
        *value = Value::Object(inner);
        let shown = q.map_or(String::from("object"), |q| format!("`{q}`"));
        let path = [Seg::Key("value".into())];
        let (line, column) = map.find(&path).unwrap_or((loc.line, loc.column));
        self.diagnostics.push(Diagnostic::new(
            Code::WrappedSingleValue,
            self.path(loc),
            line,
            column,
            format!(
                "{what} {}: a single {shown} is wrapped in `{{\"value\": ...}}`, which OData \
                 uses only for collections and primitives; checked unwrapped",
                display(&path)
            ),
        ));
        true
    }
}

/// The value inside a `{"value": x}` wrapper (other keys only annotations).
fn wrapper(value: &mut Value) -> Option<&mut Value> {
    match value {
        Value::Object(m)
            if m.contains_key("value") && m.keys().all(|k| k == "value" || is_annotation(k)) =>
        {
            m.get_mut("value")
        }
        _ => None,
    }
}

fn resolved_type(target: Target<'_>) -> Option<&str> {
    match target {
        Target::Type(q) => Some(q),
        _ => None,
    }
}

/// Walks a body of the declared shape: a collection response is a page
/// `{"value": [...]}`; a primitive or enum response may be wrapped in
/// `{"value": x}`; anything else is the value itself. `unwrapped`: the body
/// was unwrapped from `{"value": ...}` (paths still name the wrapper).
pub(crate) fn walk_body<'m>(
    walk: &mut Walk<'_, 'm>,
    target: Target<'m>,
    resolved: &ResolvedType,
    response: bool,
    unwrapped: bool,
    value: &mut Value,
) {
    let mut path = Vec::new();
    if unwrapped {
        path.push(Seg::Key("value".into()));
    }
    if !response {
        return walk.value(target, resolved.collection, value, &mut path);
    }
    if resolved.collection {
        match value {
            Value::Object(m) if m.contains_key("value") => {
                path.push(Seg::Key("value".into()));
                let items = m.get_mut("value").expect("checked");
                walk.value(target, true, items, &mut path);
            }
            other => {
                let message = format!(
                    "$: {} is not a collection page `{{\"value\": [...]}}` of {}",
                    crate::value::describe(other),
                    resolved.name
                );
                walk.invalid.push(message.clone());
                walk.findings.push(Finding {
                    code: Code::InvalidExampleValue,
                    path: Vec::new(),
                    message,
                });
            }
        }
        return;
    }
    let scalar = match target {
        Target::Prim(_) | Target::InlineEnum(_) => true,
        Target::Type(q) => walk.index().kind(q) == Some(TypeKind::Enum),
        Target::Params(_) | Target::Untyped => false,
    };
    match wrapper(value) {
        Some(inner) if scalar => {
            path.push(Seg::Key("value".into()));
            walk.value(target, false, inner, &mut path);
        }
        _ => walk.value(target, false, value, &mut path),
    }
}

/// The round trip of one checked example: its normalized bodies, checked
/// again against the types they were checked against, must check clean (no
/// invalid value, no placeholder, every primitive in canonical form) and
/// come out unchanged. The problem, if any.
pub(crate) fn recheck(index: &Index<'_>, ex: &CheckedExample) -> Option<String> {
    let target = |ty: &ResolvedType| -> Target<'_> {
        match Primitive::ALL.iter().find(|p| p.edm_name() == ty.name) {
            Some(p) => Target::Prim(*p),
            None => index
                .model
                .types
                .get_key_value(&ty.name)
                .map_or(Target::Untyped, |(q, _)| Target::Type(q)),
        }
    };
    let request = ex.request.as_ref().and_then(|r| {
        let Some(Body::Json(body)) = &r.body else {
            return None;
        };
        let params;
        let (target, resolved) = match r.body_type.as_ref()? {
            BodyType::Type(ty) => (target(ty), ty.clone()),
            BodyType::Parameters => {
                let op = index.model.operations.get(&ex.operation)?;
                params = op.op.request_body.as_ref()?.properties.as_slice();
                let resolved = ResolvedType {
                    name: String::new(),
                    collection: false,
                };
                (Target::Params(params), resolved)
            }
        };
        Some(("request", body, target, resolved, false))
    });
    let response = ex.response.as_ref().and_then(|r| match (&r.body, &r.ty) {
        (Some(Body::Json(body)), Some(ty)) => {
            Some(("response", body, target(ty), ty.clone(), true))
        }
        _ => None,
    });
    for (what, body, target, resolved, is_response) in request.into_iter().chain(response) {
        let mut again = body.clone();
        let mut walk = Walk::new(index, false);
        walk_body(&mut walk, target, &resolved, is_response, false, &mut again);
        if let Some(invalid) = walk.invalid.first() {
            return Some(format!("{what} body: {invalid}"));
        }
        if let Some(f) = walk
            .findings
            .iter()
            .find(|f| f.code == Code::PlaceholderValue)
        {
            return Some(format!("{what} body: placeholder left: {}", f.message));
        }
        if walk.canonicalized > 0 || again != *body {
            return Some(format!("{what} body: not a fixed point of the check"));
        }
    }
    None
}
