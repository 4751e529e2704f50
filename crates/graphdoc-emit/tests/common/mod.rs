//! Hand-made API models for the tests: one mirroring the seed pages, one with every
//! edge case the emitter handles. (To be replaced by real parse + merge output.)
//!
//! Types and operations are written as the docs write them (type references by
//! name, [`TypeRef`]); [`model`] resolves them as the merge stage does and
//! builds the arena, and each operation states what it means ([`Sends`],
//! [`Returns`]), as merge decides it.

#![allow(dead_code)]

use graphdoc_ir::{
    ApiModel, ApiVersion, Binding, EnumMember, Header, HttpMethod, Loc, ModelOperation, ModelType,
    Operation, OperationKind, Parameter, PathTemplate, Primitive, Property, RequestBody,
    RequestShape, ResponseShape, ResponseSpec, Target, TypeDef, TypeId, TypeKind, TypeName,
    TypeRef, TypeUse,
};

pub fn prim(p: Primitive) -> TypeRef {
    TypeRef::single(TypeName::Primitive(p))
}

pub fn named(name: &str) -> TypeRef {
    TypeRef::single(TypeName::Named {
        name: name.to_owned(),
        link: None,
    })
}

pub fn many(r: TypeRef) -> TypeRef {
    TypeRef {
        collection: true,
        ..r
    }
}

pub fn prop(name: &str, ty: TypeRef, description: Option<&str>) -> Property {
    Property {
        name: name.to_owned(),
        ty,
        description: description.map(str::to_owned),
        navigation: false,
        enum_values: Vec::new(),
        inherited_from: None,
        required: false,
        loc: Loc::default(),
    }
}

/// A property with listed values ("Possible values are: ...").
pub fn listing(mut p: Property, values: &[&str]) -> Property {
    p.enum_values = values.iter().map(|v| v.to_string()).collect();
    p
}

pub fn nav(mut p: Property) -> Property {
    p.navigation = true;
    p
}

pub fn inline_enum(name: &str, values: &[&str], description: Option<&str>) -> Property {
    listing(
        prop(name, TypeRef::single(TypeName::InlineEnum), description),
        values,
    )
}

fn def(qualified: &str, kind: TypeKind) -> TypeDef {
    let (namespace, name) = qualified.rsplit_once('.').expect("qualified");
    TypeDef {
        name: name.to_owned(),
        namespace: Some(namespace.to_owned()),
        kind,
        description: None,
        base_type: None,
        base_in_text: None,
        key: (kind == TypeKind::Entity).then(|| "id".to_owned()),
        open_type: false,
        properties: Vec::new(),
        members: Vec::new(),
        is_flags: false,
        loc: Loc::default(),
    }
}

/// A type as its page defines it, with its workload.
pub struct T {
    pub def: TypeDef,
    pub workload: Option<String>,
}

impl T {
    pub fn entity(qualified: &str) -> Self {
        Self::new(def(qualified, TypeKind::Entity))
    }
    pub fn complex(qualified: &str) -> Self {
        Self::new(def(qualified, TypeKind::Complex))
    }
    pub fn enumeration(qualified: &str, members: &[&str]) -> Self {
        let mut d = def(qualified, TypeKind::Enum);
        d.members = members
            .iter()
            .map(|m| EnumMember {
                name: m.to_string(),
                value: None,
                description: None,
                loc: Loc::default(),
            })
            .collect();
        Self::new(d)
    }
    fn new(def: TypeDef) -> Self {
        T {
            def,
            workload: None,
        }
    }
    fn qualified(&self) -> String {
        format!(
            "{}.{}",
            self.def.namespace.as_deref().expect("qualified"),
            self.def.name
        )
    }
    pub fn base(mut self, base: &str) -> Self {
        self.def.base_type = Some(base.to_owned());
        self
    }
    pub fn doc(mut self, text: &str) -> Self {
        self.def.description = Some(text.to_owned());
        self
    }
    pub fn props(mut self, props: Vec<Property>) -> Self {
        self.def.properties = props;
        self
    }
    pub fn workload(mut self, w: &str) -> Self {
        self.workload = Some(w.to_owned());
        self
    }
    pub fn flags(mut self) -> Self {
        self.def.is_flags = true;
        self
    }
    pub fn open(mut self) -> Self {
        self.def.open_type = true;
        self
    }
}

/// What a request of an operation sends, as merge decides it; types by name.
#[derive(Clone)]
pub enum Sends {
    Nothing,
    Entity(&'static str),
    Patch(&'static str),
    Parameters,
    Value(TypeRef),
    Bytes,
    Json,
}

/// What a successful response holds, as merge decides it; types by name.
#[derive(Clone)]
pub enum Returns {
    Nothing,
    Entity(&'static str),
    Value(TypeRef),
    Collection(TypeRef),
    Bytes,
    Json,
}

/// A reference resolved as the merge stage resolves it: a type the model has,
/// else the name as written.
fn resolve(model: &ApiModel, r: TypeRef) -> TypeUse {
    let target = match r.name {
        TypeName::Primitive(p) => Target::Primitive(p),
        TypeName::Named { name, .. } => match model.type_named(&name) {
            Some(id) => Target::Type(id),
            None => Target::Unresolved(name),
        },
        TypeName::InlineEnum => Target::InlineEnum,
        TypeName::Unknown(raw) => Target::Unresolved(raw),
    };
    TypeUse {
        target,
        collection: r.collection,
    }
}

fn id_of(model: &ApiModel, qualified: &str) -> TypeId {
    model
        .get(qualified)
        .unwrap_or_else(|| panic!("no type {qualified}"))
        .id
}

/// The model of these types and operations. As in merge, a base that names
/// no type is dropped, and a cycle of bases is cut (the type closing it gets
/// no base).
pub fn model(version: ApiVersion, types: Vec<T>, operations: Vec<O>) -> ApiModel {
    let mut m = ApiModel::new(version);
    let skeleton = |t: &T, id: usize| ModelType {
        id: TypeId(id as u32),
        qualified: t.qualified(),
        kind: t.def.kind,
        description: t.def.description.clone(),
        base: None,
        derived: Vec::new(),
        key: t.def.key.clone(),
        open_type: t.def.open_type,
        properties: Vec::new(),
        members: t.def.members.clone(),
        is_flags: t.def.is_flags,
        loc: t.def.loc,
        workload: t.workload.clone(),
        sources: Vec::new(),
    };
    // The names first (sorted, numbered), then everything that refers to them.
    m.set_types(
        types
            .iter()
            .enumerate()
            .map(|(i, t)| skeleton(t, i))
            .collect(),
    );
    let ids: Vec<TypeId> = types.iter().map(|t| id_of(&m, &t.qualified())).collect();
    let mut bases: Vec<Option<TypeId>> = types
        .iter()
        .map(|t| t.def.base_type.as_deref().and_then(|b| m.type_named(b)))
        .collect();
    let index_of = |id: TypeId| ids.iter().position(|&i| i == id).expect("a given type");
    for i in 0..types.len() {
        let mut seen = vec![i];
        let mut cur = i;
        while let Some(b) = bases[cur] {
            let b = index_of(b);
            if seen.contains(&b) {
                bases[cur] = None;
                break;
            }
            seen.push(b);
            cur = b;
        }
    }
    let mut arena: Vec<Option<ModelType>> = vec![None; types.len()];
    for ((t, id), base) in types.into_iter().zip(&ids).zip(bases) {
        let mut mt = skeleton(&t, id.index());
        mt.base = base;
        mt.properties = t
            .def
            .properties
            .into_iter()
            .map(|p| p.map_type(&mut |r| resolve(&m, r)))
            .collect();
        arena[id.index()] = Some(mt);
    }
    let arena: Vec<ModelType> = arena.into_iter().map(|t| t.expect("every id")).collect();
    m.set_types(arena);
    for O { op, sends, returns } in operations {
        let binding = op
            .binding_type
            .as_deref()
            .and_then(|b| m.type_named(b))
            .map(|ty| Binding {
                ty,
                collection: false,
            });
        let request = match sends {
            Sends::Nothing => RequestShape::None,
            Sends::Entity(q) => RequestShape::Entity(id_of(&m, q)),
            Sends::Patch(q) => RequestShape::Patch(id_of(&m, q)),
            Sends::Parameters => RequestShape::Parameters,
            Sends::Value(r) => RequestShape::Value(resolve(&m, r)),
            Sends::Bytes => RequestShape::Bytes,
            Sends::Json => RequestShape::Json,
        };
        let response = match returns {
            Returns::Nothing => ResponseShape::None,
            Returns::Entity(q) => ResponseShape::Entity(id_of(&m, q)),
            Returns::Value(r) => ResponseShape::Value(resolve(&m, r)),
            Returns::Collection(r) => ResponseShape::Collection(resolve(&m, r)),
            Returns::Bytes => ResponseShape::Bytes,
            Returns::Json => ResponseShape::Json,
        };
        let op = op.map_types(|r| resolve(&m, r));
        m.operations.insert(
            op.id.clone(),
            ModelOperation {
                op,
                binding,
                request,
                response,
                workload: None,
                examples: Vec::new(),
            },
        );
    }
    m
}

pub fn op(
    id: &str,
    kind: OperationKind,
    method: HttpMethod,
    body: Option<&str>,
    response: Option<&str>,
) -> Operation {
    Operation {
        id: id.to_owned(),
        title: id.to_owned(),
        kind,
        method,
        action_name: None,
        binding_type: None,
        paths: Vec::new(),
        request_headers: Vec::new(),
        path_parameters: Vec::new(),
        query_parameters: Vec::new(),
        odata_options: Vec::new(),
        request_body: body.map(|b| RequestBody {
            ty: Some(named(b)),
            properties: Vec::new(),
            none: false,
            loc: Loc::default(),
        }),
        response: response.map(|r| ResponseSpec {
            status: Some(201),
            ty: Some(named(r)),
            loc: Loc::default(),
        }),
        permissions: Vec::new(),
        loc: Loc::default(),
    }
}

const TODO: &str = "**TODO: Add Description**";
const INHERITED: &str = "**TODO: Add Description** Inherited from [entity](../resources/entity.md)";
const COMPLIANCE: &[&str] = &[
    "unknown",
    "notApplicable",
    "compliant",
    "remediated",
    "nonCompliant",
    "error",
    "conflict",
    "notAssigned",
];

/// The five seed pages (`seeds/`), as the merge stage would give them: four
/// entities deriving from `entity`, the two enums they name, their operations.
pub fn seed_model() -> ApiModel {
    use Primitive::*;
    let user_status = |q: &str| {
        T::entity(q).base("microsoft.graph.entity").props(vec![
            prop("id", prim(String), Some(INHERITED)),
            prop("userDisplayName", prim(String), Some(TODO)),
            prop("devicesCount", prim(Int32), Some(TODO)),
            listing(
                prop(
                    "status",
                    named("microsoft.graph.complianceStatus"),
                    Some(&format!("{TODO}. Possible values are: `unknown`, `notApplicable`, `compliant`, `remediated`, `nonCompliant`, `error`, `conflict`, `notAssigned`.")),
                ),
                COMPLIANCE,
            ),
            prop("lastReportedDateTime", prim(DateTimeOffset), Some(TODO)),
            prop("userPrincipalName", prim(String), Some(TODO)),
        ])
    };
    model(
        ApiVersion::V1_0,
        vec![
            T::entity("microsoft.graph.entity").props(vec![prop(
                "id",
                prim(String),
                Some("The unique identifier for an entity. Read-only."),
            )]),
            T::entity("microsoft.graph.privilegedSignupStatus")
                .base("microsoft.graph.entity")
                .props(vec![
                    prop("id", prim(String), Some(" Inherited from [entity](../resources/entity.md)")),
                    prop("isRegistered", prim(Boolean), None),
                    inline_enum(
                        "status",
                        &[
                            "unknown",
                            "notRegisteredYet",
                            "registeredSetupNotStarted",
                            "registeredSetupInProgress",
                            "registrationAndSetupCompleted",
                            "registrationFailed",
                            "registrationTimedOut",
                            "disabled",
                        ],
                        Some(" Possible values are: `unknown`, `notRegisteredYet`, `registeredSetupNotStarted`, `registeredSetupInProgress`, `registrationAndSetupCompleted`, `registrationFailed`, `registrationTimedOut`, `disabled`."),
                    ),
                ]),
            user_status("microsoft.graph.deviceConfigurationUserStatus"),
            user_status("microsoft.graph.managedDeviceMobileAppConfigurationUserStatus"),
            T::entity("microsoft.graph.educationSynchronizationProfileStatus")
                .base("microsoft.graph.entity")
                .props(vec![
                    prop("id", prim(String), Some(INHERITED)),
                    listing(
                        prop(
                            "status",
                            named("microsoft.graph.educationSynchronizationStatus"),
                            Some(&format!("{TODO}. Possible values are: `paused`, `inProgress`, `success`, `error`, `validationError`, `quarantined`, `unknownFutureValue`.")),
                        ),
                        &["paused", "inProgress", "success", "error", "validationError", "quarantined", "unknownFutureValue"],
                    ),
                    prop("lastSynchronizationDateTime", prim(DateTimeOffset), Some(TODO)),
                ]),
            T::enumeration("microsoft.graph.complianceStatus", COMPLIANCE),
            T::enumeration(
                "microsoft.graph.educationSynchronizationStatus",
                &["paused", "inProgress", "success", "error", "validationError", "quarantined", "unknownFutureValue"],
            ),
        ],
        vec![
            create("privilegedsignupstatus-post", "microsoft.graph.privilegedSignupStatus"),
            O::of(op("privilegedsignupstatus-signup", OperationKind::Action, HttpMethod::Post, None, Some("microsoft.graph.privilegedSignupStatus")))
                .means(Sends::Nothing, Returns::Value(named("microsoft.graph.privilegedSignupStatus"))),
            create("intune-deviceconfig-deviceconfigurationuserstatus-create", "microsoft.graph.deviceConfigurationUserStatus"),
            create("educationsynchronizationprofilestatus-post", "microsoft.graph.educationSynchronizationProfileStatus"),
            create("intune-apps-manageddevicemobileappconfigurationuserstatus-create", "microsoft.graph.managedDeviceMobileAppConfigurationUserStatus"),
        ],
    )
}

/// A create (POST) of a type, sending and returning one.
fn create(id: &str, qualified: &'static str) -> O {
    O::of(op(
        id,
        OperationKind::Create,
        HttpMethod::Post,
        Some(qualified),
        Some(qualified),
    ))
    .means(Sends::Entity(qualified), Returns::Entity(qualified))
}

/// An operation under construction, with what it means (by default it sends
/// nothing and returns untyped JSON).
pub struct O {
    pub op: Operation,
    pub sends: Sends,
    pub returns: Returns,
}

impl O {
    pub fn of(op: Operation) -> Self {
        O {
            op,
            sends: Sends::Nothing,
            returns: Returns::Json,
        }
    }
    /// For the route edge cases: a titled operation of these paths.
    pub fn new(id: &str, kind: OperationKind, method: HttpMethod, paths: &[&str]) -> Self {
        let mut op = op(id, kind, method, None, None);
        op.title = format!("Title of {id}");
        op.paths = paths
            .iter()
            .map(|t| PathTemplate::parse(t, Loc::default()))
            .collect();
        op.request_headers.push(header("Authorization", true));
        O::of(op)
    }
    /// What the operation means, as merge decides it.
    pub fn means(mut self, sends: Sends, returns: Returns) -> Self {
        self.sends = sends;
        self.returns = returns;
        self
    }
    pub fn body(mut self, ty: Option<TypeRef>, properties: Vec<Property>) -> Self {
        self.op.request_body = Some(RequestBody {
            ty,
            properties,
            none: false,
            loc: Loc::default(),
        });
        self
    }
    pub fn no_body(mut self) -> Self {
        self.op.request_body = Some(RequestBody {
            ty: None,
            properties: Vec::new(),
            none: true,
            loc: Loc::default(),
        });
        self
    }
    pub fn response(mut self, status: u16, ty: Option<TypeRef>) -> Self {
        self.op.response = Some(ResponseSpec {
            status: Some(status),
            ty,
            loc: Loc::default(),
        });
        self
    }
    pub fn header(mut self, name: &str, required: bool) -> Self {
        self.op.request_headers.push(header(name, required));
        self
    }
    pub fn odata(mut self, options: &[&str]) -> Self {
        self.op.odata_options = options.iter().map(|o| o.to_string()).collect();
        self
    }
    pub fn query(mut self, name: &str, required: bool) -> Self {
        self.op.query_parameters.push(Parameter {
            name: name.to_owned(),
            ty: Some(prim(Primitive::String)),
            description: None,
            required,
            loc: Loc::default(),
        });
        self
    }
    pub fn action(mut self, name: &str, binding: Option<&str>) -> Self {
        self.op.action_name = Some(name.to_owned());
        self.op.binding_type = binding.map(str::to_owned);
        self
    }
}

fn header(name: &str, required: bool) -> Header {
    Header {
        name: name.to_owned(),
        description: None,
        required,
        loc: Loc::default(),
    }
}

/// Operations for every route edge case: kinds, bodies, responses, headers,
/// query options and parameters, encodings, names, duplicates.
pub fn route_operations() -> Vec<O> {
    use HttpMethod as M;
    use OperationKind as K;
    use Primitive::*;
    const USER: &str = "microsoft.graph.user";
    let user = || named(USER);
    let required = |mut p: Property| {
        p.required = true;
        p
    };
    let users_list = |id: &str| {
        O::new(id, K::List, M::Get, &["/users"])
            .response(200, Some(many(user())))
            .means(Sends::Nothing, Returns::Collection(user()))
    };
    vec![
        users_list("user-list")
            .odata(&["$select", "$filter", "$count", "$search", "$top", "$bogus"])
            .header("ConsistencyLevel", false),
        // The same route from workload copies of the page: one function for both.
        users_list("intune-devices-user-list"),
        users_list("intune-mam-user-list").odata(&["$select"]),
        O::new("user-get", K::Get, M::Get, &["/users/{id | userPrincipalName}", "/me"])
            .odata(&["$select", "$expand"])
            .response(200, Some(user()))
            .means(Sends::Nothing, Returns::Entity(USER)),
        O::new("user-post-users", K::Create, M::Post, &["/users"])
            .body(Some(user()), Vec::new())
            .response(201, Some(user()))
            .means(Sends::Entity(USER), Returns::Entity(USER)),
        O::new("user-update", K::Update, M::Patch, &["/users/{id | userPrincipalName}"])
            .body(Some(user()), Vec::new())
            .header("If-Match", true)
            .header("if-match", true)
            .header("Prefer", false)
            .header("Prefer: outlook.timezone", false)
            .response(204, None)
            .means(Sends::Patch(USER), Returns::Nothing),
        O::new("user-delete", K::Delete, M::Delete, &["/users/{id}"])
            .response(204, None)
            .means(Sends::Nothing, Returns::Nothing),
        O::new("user-sendmail", K::Action, M::Post, &["/me/sendMail", "/users/{id | userPrincipalName}/sendMail"])
            .action("sendMail", Some(USER))
            .header("Content-Type", true)
            .header("User-Agent", true)
            .body(
                None,
                vec![
                    prop("message", named("microsoft.graph.session"), Some("The message to send. Required.")),
                    required(prop("saveToSentItems", prim(Boolean), Some("Whether to save it."))),
                    inline_enum("importance", &["low", "high"], None),
                    prop("attachments", many(TypeRef::single(TypeName::Unknown("Attachment[]".into()))), None),
                    prop("Message", prim(String), Some("Clashes with `message` in Rust.")),
                ],
            )
            .response(202, None)
            .means(Sends::Parameters, Returns::Nothing),
        O::new("user-checkmembergroups", K::Action, M::Post, &["/users/{id}/checkMemberGroups"])
            .action("checkMemberGroups", Some("user"))
            .body(None, vec![prop("groupIds", many(prim(String)), None)])
            .response(200, Some(many(prim(String))))
            .means(Sends::Parameters, Returns::Collection(prim(String))),
        O::new("user-ismanaged", K::Function, M::Get, &["/users/{id}/isManaged()"])
            .action("isManaged", Some(USER))
            .response(200, Some(prim(Boolean)))
            .means(Sends::Nothing, Returns::Value(prim(Boolean))),
        O::new("user-reprocess", K::Action, M::Post, &["/users/{id}/reprocess"])
            .action("reprocess", Some(USER))
            .no_body()
            .response(200, Some(user()))
            .means(Sends::Nothing, Returns::Value(user())),
        O::new("move", K::Action, M::Post, &["/move"])
            .action("move", None)
            .means(Sends::Nothing, Returns::Json),
        O::new("type-get", K::Get, M::Get, &["/type/{id}"])
            .response(200, Some(named("microsoft.graph.notAType")))
            .means(Sends::Nothing, Returns::Json),
        O::new("attachment-get", K::Get, M::Get, &["/users/{id}/events/{id}/attachments/{id}/items/{id}/items/{id}"])
            .response(200, Some(named("microsoft.graph.entity")))
            .means(Sends::Nothing, Returns::Entity("microsoft.graph.entity")),
        O::new("reportroot-getemailactivitycounts", K::Function, M::Get, &["/reports/getEmailActivityCounts(period='{period_value}')"])
            .query("period", true)
            .response(302, None)
            .means(Sends::Nothing, Returns::Bytes),
        O::new("reports-getgrouparchivedprintjobs", K::Function, M::Get, &["/reports/getGroupArchivedPrintJobs"])
            .query("groupId", true)
            .query("startDateTime", false)
            .query("/groups", true)
            .response(200, Some(many(named("microsoft.graph.printJob"))))
            .means(Sends::Nothing, Returns::Collection(named("microsoft.graph.printJob"))),
        O::new("range-resize", K::Function, M::Get, &["/me/drive/items/{id}/workbook/worksheets/{id|name}/range/resizedRange(deltaRows={n}, deltaColumns={n})", "/me/drive/root:/{item-path}:/workbook/range(address='<address>')"])
            .response(200, Some(named("microsoft.graph.entity")))
            .means(Sends::Nothing, Returns::Value(named("microsoft.graph.entity"))),
        O::new("driveitem-put-content", K::Update, M::Put, &["/me/drive/root:/{item-path}:/content"])
            .response(201, Some(named("microsoft.graph.driveItem")))
            .means(Sends::Bytes, Returns::Json),
        O::new("profilephoto-update", K::Other, M::Put, &["/me/photo/$value"])
            .response(200, None)
            .means(Sends::Bytes, Returns::Json),
        O::new("entity-list", K::List, M::Get, &["/entities"])
            .means(Sends::Nothing, Returns::Collection(prim(Json))),
        O::new("orphan-op", K::Get, M::Get, &[]),
    ]
}

/// Every edge case: naming, primitives, inheritance, cycles, enums, workloads,
/// patches, and the route cases of [`route_operations`].
pub fn edge_model() -> ApiModel {
    use Primitive::*;
    let all_primitives: Vec<Property> = Primitive::ALL
        .iter()
        .map(|p| prop(&format!("{p:?}Value"), prim(*p), None))
        .chain([
            prop("manyStrings", many(prim(String)), None),
            prop("manyDoubles", many(prim(Double)), None),
            prop("manyTimes", many(prim(DateTimeOffset)), None),
        ])
        .collect();
    model(
        ApiVersion::Beta,
        vec![
            T::entity("microsoft.graph.entity").props(vec![prop("id", prim(String), None)]),
            T::entity("microsoft.graph.directoryObject")
                .base("microsoft.graph.entity")
                .workload("microsoft-identity-platform")
                .doc("An Azure AD object. See [directory objects](../concepts/dir.md).")
                .props(vec![prop(
                    "deletedDateTime",
                    prim(DateTimeOffset),
                    Some("Not yet documented"),
                )]),
            T::entity("microsoft.graph.user")
                .base("microsoft.graph.directoryObject")
                .workload("microsoft-identity-platform")
                .doc("Represents a user.\n\nSecond paragraph. TODO: more.")
                .open()
                .props(vec![
                    prop(
                        "displayName",
                        prim(String),
                        Some("The name displayed in the address book."),
                    ),
                    prop("DisplayName", prim(String), Some("Same name, other case.")),
                    prop("display_name", prim(String), None),
                    prop("type", prim(String), None),
                    prop("self", prim(String), None),
                    prop("2faEnabled", prim(Boolean), None),
                    prop("isMFARegistered", prim(Boolean), None),
                    prop(
                        "additional",
                        prim(String),
                        Some("A property named like the map of unknown properties."),
                    ),
                    prop(
                        "odataType",
                        prim(String),
                        Some("Named like the `@odata.type` field once converted."),
                    ),
                    prop("userKind", named("microsoft.graph.userKind"), None),
                    prop("tabs", named("microsoft.graph.tabKind"), None),
                    prop("tabHistory", many(named("microsoft.graph.tabKind")), None),
                    nav(prop(
                        "manager",
                        named("microsoft.graph.directoryObject"),
                        Some("The manager."),
                    )),
                    nav(prop(
                        "directReports",
                        many(named("microsoft.graph.directoryObject")),
                        None,
                    )),
                    prop("photoData", prim(Stream), None),
                ]),
            T::enumeration(
                "microsoft.graph.userKind",
                &[
                    "member",
                    "guest",
                    "other",
                    "none",
                    "Self",
                    "2G",
                    "member",
                    "unknownFutureValue",
                ],
            ),
            T::enumeration("microsoft.graph.tabKind", &["apps", "tabs"])
                .flags()
                .workload("teams"),
            T::enumeration(
                "microsoft.graph.setupStatus",
                &["unknown", "done", "failed"],
            ),
            T::enumeration("microsoft.graph.empty", &[]),
            T::complex("microsoft.graph.allPrimitives").props(all_primitives),
            // Names.
            T::complex("microsoft.graph.option").props(vec![prop("some", prim(String), None)]),
            T::complex("microsoft.graph.result").props(vec![
                prop("ok", prim(Boolean), None),
                prop("err", named("microsoft.graph.option"), None),
            ]),
            T::complex("microsoft.graph.self").props(vec![
                prop("crate", prim(String), None),
                prop("super", prim(String), None),
            ]),
            T::complex("microsoft.graph.fooBar"),
            T::complex("microsoft.graph.foo_bar"),
            T::complex("microsoft.graph.session").props(vec![prop(
                "@odata.type",
                prim(String),
                Some("Declared by the docs."),
            )]),
            T::complex("microsoft.graph.callRecords.session").props(vec![prop(
                "modalities",
                many(named("microsoft.graph.callRecords.modality")),
                None,
            )]),
            T::enumeration("microsoft.graph.callRecords.modality", &["audio", "video"]),
            // Cycles.
            T::complex("microsoft.graph.node").props(vec![
                prop("parent", named("microsoft.graph.node"), None),
                prop("children", many(named("microsoft.graph.node")), None),
            ]),
            T::complex("microsoft.graph.ping").props(vec![prop(
                "pong",
                named("microsoft.graph.pong"),
                None,
            )]),
            T::complex("microsoft.graph.pong").props(vec![prop(
                "ping",
                named("microsoft.graph.ping"),
                None,
            )]),
            T::complex("microsoft.graph.holder").props(vec![prop(
                "ping",
                named("microsoft.graph.ping"),
                None,
            )]),
            // Inheritance.
            T::complex("microsoft.graph.baseThing").props(vec![
                prop("name", prim(String), Some("Base name.")),
                prop("kept", prim(Int64), None),
            ]),
            T::complex("microsoft.graph.derivedThing")
                .base("baseThing")
                .props(vec![
                    prop("extra", prim(Int16), None),
                    prop("name", prim(Int32), Some("Derived name wins.")),
                ]),
            // A cycle of bases: [`model`] cuts it as merge does (`loopB` gets
            // no base); a base no page defines is dropped.
            T::complex("microsoft.graph.loopA")
                .base("microsoft.graph.loopB")
                .props(vec![prop("a", prim(String), None)]),
            T::complex("microsoft.graph.loopB")
                .base("microsoft.graph.loopA")
                .props(vec![prop("b", prim(String), None)]),
            T::complex("microsoft.graph.orphan")
                .base("microsoft.graph.ghost")
                .props(vec![prop("o", prim(String), None)]),
            // Enums the docs list inline, unresolved types.
            T::complex("microsoft.graph.settings")
                .workload("teams")
                .props(vec![
                    inline_enum(
                        "status",
                        &["on", "off", "on"],
                        Some("Possible values are: `on`, `off`."),
                    ),
                    inline_enum(
                        "setup",
                        &["done", "unknown", "failed"],
                        Some("Matches `setupStatus`."),
                    ),
                    prop(
                        "mode",
                        TypeRef::single(TypeName::InlineEnum),
                        Some("Enumeration without values."),
                    ),
                    listing(
                        prop("level", named("microsoft.graph.missingLevel"), None),
                        &["low", "high"],
                    ),
                    listing(
                        prop("otherLevel", named("microsoft.graph.missingLevel"), None),
                        &["high", "max"],
                    ),
                    prop("blob", named("microsoft.graph.notAType"), None),
                    prop(
                        "weird",
                        TypeRef::single(TypeName::Unknown("Strnig".into())),
                        None,
                    ),
                    prop(
                        "weirdList",
                        many(TypeRef::single(TypeName::Unknown("Foo[]".into()))),
                        None,
                    ),
                ]),
        ],
        route_operations(),
    )
}
