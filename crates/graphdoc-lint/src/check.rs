//! Checking one example of one operation.

use std::borrow::Cow;
use std::cell::OnceCell;

use graphdoc_ir::{
    ApiModel, Body, BodyType, CheckedExample, CheckedRequest, CheckedResponse, Code, Diagnostic,
    Example, ExampleRequest, ExampleResponse, Loc, ModelOperation, OperationKind, Primitive,
    Property, Related, RequestShape, ResolvedType, ResponseShape, RouteMatch, SourceLine,
    Target as Ty, TypeId, TypeKind, TypeUse,
};
use serde_json::Value;

use crate::Linter;
use crate::locate::{self, BodyMap, Seg, display};
use crate::url;
use crate::value::{BaseHint, Finding, Target, Walk, is_annotation};

/// What a response or request body is checked against.
#[derive(Clone)]
enum Declared<'m> {
    Known(Target<'m>, ResolvedType),
    /// Named, but no page defines it: the spelling, and whether a collection.
    Undefined(String, bool),
    None,
}

impl Declared<'_> {
    fn collection(&self) -> bool {
        match self {
            Declared::Known(_, r) => r.collection,
            Declared::Undefined(_, c) => *c,
            Declared::None => false,
        }
    }

    fn with_collection(mut self, collection: bool) -> Self {
        match &mut self {
            Declared::Known(_, r) => r.collection = collection,
            Declared::Undefined(_, c) => *c = collection,
            Declared::None => {}
        }
        self
    }
}

pub(crate) struct Checker<'l, 'm> {
    pub(crate) linter: &'l Linter<'m>,
    pub(crate) model: &'m ApiModel,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Evidence of missing base types, each with the finding it would be
    /// on its own (none in a block the docs mark `ignored`).
    pub(crate) base_hints: Vec<(BaseHint, bool, Option<Diagnostic>)>,
}

/// Which side of an example a body is on.
enum Side<'m> {
    /// A request: the operation's Request body table may name fields the
    /// body's type lacks (write-only fields).
    Request { table: &'m [Property<TypeUse>] },
    /// A response; when complete, it shows every property but these.
    Response { complete: Option<Vec<String>> },
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

    /// The positions of a block's JSON body, when the page text is at hand;
    /// mapped on first use (`map` starts empty): most bodies have no finding
    /// to locate, and mapping one means scanning its page from the top.
    fn body_map<'c>(&self, map: &'c OnceCell<BodyMap>, loc: Loc) -> &'c BodyMap {
        map.get_or_init(|| match self.linter.sources.get(self.path(loc)) {
            Some(bytes) => locate::body_map(&String::from_utf8_lossy(bytes), loc.line),
            None => BodyMap::default(),
        })
    }

    /// Turns a walk's findings into diagnostics (at the JSON key's line
    /// where the page text is at hand). A block the docs mark `ignored`
    /// gets no structural findings: only invalid values, which keep its
    /// test from passing, are reported.
    fn report(
        &mut self,
        findings: Vec<Finding>,
        loc: Loc,
        map: &OnceCell<BodyMap>,
        what: &str,
        ignored: bool,
    ) {
        for f in findings {
            let (line, column) = self
                .body_map(map, loc)
                .find(&f.path)
                .unwrap_or((loc.line, loc.column));
            let message = format!("{what} {}", f.message);
            let d = Diagnostic::new(f.code, self.path(loc), line, column, message);
            let d = (!ignored || f.code == Code::InvalidExampleValue).then_some(d);
            match f.base_hint {
                Some(hint) => self.base_hints.push((hint, f.evidence, d)),
                None => self.diagnostics.extend(d),
            }
        }
    }

    fn type_known(&self, id: TypeId, collection: bool) -> Declared<'m> {
        Declared::Known(
            Target::Type(id),
            ResolvedType {
                name: self.model.ty(id).qualified.clone(),
                collection,
            },
        )
    }

    fn prim_known(p: Primitive, collection: bool) -> Declared<'m> {
        Declared::Known(
            Target::Prim(p),
            ResolvedType {
                name: p.edm_name().to_string(),
                collection,
            },
        )
    }

    /// What a type use of the model declares.
    fn declared(&self, ty: &TypeUse) -> Declared<'m> {
        let collection = ty.collection;
        match &ty.target {
            Ty::Primitive(p) => Self::prim_known(*p, collection),
            Ty::Type(id) => self.type_known(*id, collection),
            Ty::InlineEnum => Self::prim_known(Primitive::String, collection),
            Ty::Unresolved(raw) => Declared::Undefined(raw.clone(), collection),
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
        if !edm && let Some(id) = self.model.type_named(inner) {
            return self.type_known(id, collection);
        }
        match Primitive::from_doc_spelling(inner) {
            Some(p) => Self::prim_known(p, collection),
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
        let mut url = ex.request.as_ref().map(|r| url::split(&r.url));
        let mut route = url.as_ref().and_then(|u| self.route(op, u));
        // `/me` stands for `/users/{id}` of the signed-in user, and the
        // reverse: a URL in one form matches a template in the other; the
        // checked request takes the form its route builds.
        if route.is_none()
            && let Some(u) = &mut url
            && let Some(alias) = url::me_alias(&u.path)
        {
            let aliased = url::Url {
                path: alias,
                ..u.clone()
            };
            if let Some(m) = self.route(op, &aliased) {
                route = Some(m);
                *u = aliased;
            }
        }
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
            let form_only = ex
                .request
                .as_ref()
                .is_some_and(|r| r.annotation.block_type() == Some("ignored"));
            ignore_for(if form_only {
                "the docs show the request's form only (its block is marked `ignored`)".into()
            } else {
                "the example has no response".into()
            });
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
        let model = self.model;
        url::route(&op.op.paths, &url.path, |segment| {
            segment.eq_ignore_ascii_case("$count")
                || segment.contains('.') && model.type_named(segment).is_some()
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
        // A request to another host, or to a path none of the operation's
        // match (it calls another operation: `.../format/font` on a
        // `format` page), sends a body of a type the operation cannot say.
        let (declared, body_type) = if url.is_graph() && (route.is_some() || op.op.paths.is_empty())
        {
            self.request_type(op)
        } else {
            (Declared::None, None)
        };
        let table = op
            .op
            .request_body
            .as_ref()
            .map_or(&[][..], |b| b.properties.as_slice());
        let walked = self.body(
            r.body.as_ref(),
            &r.headers,
            &declared,
            Side::Request { table },
            r.loc,
            "request body",
            r.annotation.block_type() == Some("ignored"),
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

    /// What a request body is checked against: what the operation sends
    /// ([`ModelOperation::request`], decided by merge).
    fn request_type(&self, op: &'m ModelOperation) -> (Declared<'m>, Option<BodyType>) {
        let typed = |d: Declared<'m>| {
            let body_type = match &d {
                Declared::Known(_, resolved) => Some(BodyType::Type(resolved.clone())),
                _ => None,
            };
            (d, body_type)
        };
        match &op.request {
            RequestShape::Entity(id) | RequestShape::Patch(id) => {
                typed(self.type_known(*id, false))
            }
            RequestShape::Value(ty) => typed(self.declared(ty)),
            RequestShape::Parameters => {
                let params = op
                    .op
                    .request_body
                    .as_ref()
                    .map_or(&[][..], |b| b.properties.as_slice());
                let placeholder = ResolvedType {
                    name: String::new(),
                    collection: false,
                };
                (
                    Declared::Known(Target::Params(params), placeholder),
                    Some(BodyType::Parameters),
                )
            }
            RequestShape::None | RequestShape::Bytes | RequestShape::Json => (Declared::None, None),
        }
    }

    /// The type the page's Response section gives ([`ModelOperation::response`]).
    fn page_response_type(&self, op: &'m ModelOperation) -> Declared<'m> {
        match &op.response {
            ResponseShape::Entity(id) => self.type_known(*id, false),
            ResponseShape::Value(ty) => self.declared(ty),
            ResponseShape::Collection(elem) => match &elem.target {
                Ty::Primitive(Primitive::Json) => Declared::None,
                _ => self.declared(elem).with_collection(true),
            },
            ResponseShape::Bytes => Self::prim_known(Primitive::Stream, false),
            ResponseShape::None | ResponseShape::Json => {
                match op.op.response.as_ref().and_then(|r| r.ty.as_ref()) {
                    Some(ty) if matches!(ty.target, Ty::Unresolved(_)) => self.declared(ty),
                    _ => Declared::None,
                }
            }
        }
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
        // Kept as documented, unchecked.
        let as_is = || CheckedResponse {
            status: r.status,
            ty: None,
            truncated: r.truncated,
            headers: r.headers.clone(),
            body: r.body.clone(),
            source: self.source(r.loc),
        };
        if r.status >= 400 {
            // An error the docs show: the Graph error shape, no success type.
            let reason = format!("the response is an error ({})", r.status);
            return (as_is(), Some(reason));
        }
        // Not Graph's response (a webhook's, an upload service's), or media
        // content (`.../$value`).
        let media = route.is_some_and(|m| m.template.ends_with("/$value"));
        if !graph || media {
            return (as_is(), None);
        }
        let page = self.page_response_type(op);
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
        // The example's own annotation first, then the page: a page
        // documents several types' examples (`room` examples on a `place`
        // page). A collection either says so makes a collection.
        let page_collection = page.collection();
        let mut declared = match (annotation.map(|(_, d)| d), page) {
            (Some(k @ Declared::Known(..)), _) => {
                let collection = k.collection() || page_collection;
                k.with_collection(collection)
            }
            (_, k @ Declared::Known(..)) => k,
            (_, u @ Declared::Undefined(..)) => u,
            (Some(u @ Declared::Undefined(..)), _) => u,
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
                if let Some(id) = self.model.type_named(cast) {
                    declared = self.type_known(id, declared.collection());
                }
            }
            None => {}
        }
        let ty = match &declared {
            Declared::Known(_, resolved) => Some(resolved.clone()),
            _ => None,
        };
        let truncated = r.truncated;
        let q = query.unwrap_or_default().to_ascii_lowercase();
        // A complete response shows every property but the optional ones.
        let complete =
            (!truncated && !q.contains("$select") && !q.contains("select=")).then(|| {
                r.annotation
                    .optional_properties()
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            });
        let walked = self.body(
            r.body.as_ref(),
            &r.headers,
            &declared,
            Side::Response { complete },
            r.loc,
            "response body",
            r.annotation.block_type() == Some("ignored"),
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
        side: Side<'m>,
        loc: Loc,
        what: &str,
        ignored: bool,
    ) -> Walked {
        let response = matches!(side, Side::Response { .. });
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
                    self.unwrap_single(&mut value, None, loc, &OnceCell::new(), what);
                }
                return Walked {
                    body: Some(Body::Json(value)),
                    invalid: Some(format!("{what} type `{name}` is defined by no page")),
                };
            }
            Declared::None => {
                if response && !value.is_null() && !ignored {
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
        let map = OnceCell::new();
        let object = matches!(target, Target::Type(id) if self.model.ty(id).is_structured());
        let unwrapped = response
            && !resolved.collection
            && object
            && self.unwrap_single(&mut value, resolved_type(target), loc, &map, what);
        let walk = match side {
            Side::Response {
                complete: Some(optional),
            } => Walk::new(self.model, true).optional(optional),
            Side::Response { complete: None } => Walk::new(self.model, false),
            Side::Request { table } => Walk::new(self.model, false).request(table),
        };
        let mut walk = walk;
        walk_body(&mut walk, target, resolved, response, unwrapped, &mut value);
        let invalid = match walk.invalid.len() {
            0 => None,
            1 => Some(format!("{what} {}", walk.invalid[0])),
            n => Some(format!("{what} {} (and {} more)", walk.invalid[0], n - 1)),
        };
        self.report(walk.findings, loc, &map, what, ignored);
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
        q: Option<TypeId>,
        loc: Loc,
        map: &OnceCell<BodyMap>,
        what: &str,
    ) -> bool {
        if let Some(q) = q
            && self.model.property(q, "value").is_some()
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
        let shown = q.map_or(String::from("object"), |q| {
            format!("`{}`", self.model.ty(q).qualified)
        });
        let path = [Seg::Key("value".into())];
        let (line, column) = self
            .body_map(map, loc)
            .find(&path)
            .unwrap_or((loc.line, loc.column));
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

fn resolved_type(target: Target<'_>) -> Option<TypeId> {
    match target {
        Target::Type(id) => Some(id),
        _ => None,
    }
}

/// Walks a body of the declared shape: a collection response is a page
/// `{"value": [...]}`; a primitive or enum response may be wrapped in
/// `{"value": x}`; anything else is the value itself. `unwrapped`: the body
/// was unwrapped from `{"value": ...}` (paths still name the wrapper).
pub(crate) fn walk_body<'m>(
    walk: &mut Walk<'m>,
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
                    "$: {} is not a collection page `{{\"value\": [...]}}` of {}: the page says \
                     the response is a collection, the example shows one value (the page or the \
                     example is wrong)",
                    crate::value::describe(other),
                    resolved.name
                );
                walk.invalid.push(message.clone());
                walk.findings.push(Finding {
                    code: Code::InvalidExampleValue,
                    path: Vec::new(),
                    message,
                    base_hint: None,
                    evidence: false,
                });
            }
        }
        return;
    }
    let scalar = match target {
        Target::Prim(_) | Target::InlineEnum(_) => true,
        Target::Type(id) => walk.model().ty(id).kind == TypeKind::Enum,
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
pub(crate) fn recheck(model: &ApiModel, ex: &CheckedExample) -> Option<String> {
    let target = |ty: &ResolvedType| -> Target<'_> {
        match Primitive::ALL.iter().find(|p| p.edm_name() == ty.name) {
            Some(p) => Target::Prim(*p),
            None => model
                .get(&ty.name)
                .map_or(Target::Untyped, |t| Target::Type(t.id)),
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
                let op = model.operations.get(&ex.operation)?;
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
        let mut walk = Walk::new(model, false);
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
