//! Hand-made API models for the tests: one mirroring the seed pages, one with every
//! edge case the emitter handles. (To be replaced by real parse + merge output.)

#![allow(dead_code)]

use graphdoc_ir::{
    ApiModel, ApiVersion, EnumMember, Header, HttpMethod, Loc, ModelOperation, ModelType,
    Operation, OperationKind, Parameter, PathTemplate, Primitive, Property, RequestBody,
    ResponseSpec, TypeDef, TypeKind, TypeName, TypeRef,
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
        key: (kind == TypeKind::Entity).then(|| "id".to_owned()),
        open_type: false,
        properties: Vec::new(),
        members: Vec::new(),
        is_flags: false,
        loc: Loc::default(),
    }
}

pub struct T(pub ModelType);

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
        T(ModelType {
            def,
            workload: None,
            sources: Vec::new(),
        })
    }
    pub fn base(mut self, base: &str) -> Self {
        self.0.def.base_type = Some(base.to_owned());
        self
    }
    pub fn doc(mut self, text: &str) -> Self {
        self.0.def.description = Some(text.to_owned());
        self
    }
    pub fn props(mut self, props: Vec<Property>) -> Self {
        self.0.def.properties = props;
        self
    }
    pub fn workload(mut self, w: &str) -> Self {
        self.0.workload = Some(w.to_owned());
        self
    }
    pub fn flags(mut self) -> Self {
        self.0.def.is_flags = true;
        self
    }
    pub fn open(mut self) -> Self {
        self.0.def.open_type = true;
        self
    }
}

pub fn model(version: ApiVersion, types: Vec<T>, operations: Vec<Operation>) -> ApiModel {
    let mut m = ApiModel::new(version);
    for T(t) in types {
        let key = format!("{}.{}", t.def.namespace.as_deref().unwrap(), t.def.name);
        m.types.insert(key, t);
    }
    for op in operations {
        m.operations.insert(
            op.id.clone(),
            ModelOperation {
                op,
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
            op("privilegedsignupstatus-post", OperationKind::Create, HttpMethod::Post, Some("microsoft.graph.privilegedSignupStatus"), Some("microsoft.graph.privilegedSignupStatus")),
            op("privilegedsignupstatus-signup", OperationKind::Action, HttpMethod::Post, None, Some("microsoft.graph.privilegedSignupStatus")),
            op("intune-deviceconfig-deviceconfigurationuserstatus-create", OperationKind::Create, HttpMethod::Post, Some("microsoft.graph.deviceConfigurationUserStatus"), Some("microsoft.graph.deviceConfigurationUserStatus")),
            op("educationsynchronizationprofilestatus-post", OperationKind::Create, HttpMethod::Post, Some("microsoft.graph.educationSynchronizationProfileStatus"), Some("microsoft.graph.educationSynchronizationProfileStatus")),
            op("intune-apps-manageddevicemobileappconfigurationuserstatus-create", OperationKind::Create, HttpMethod::Post, Some("microsoft.graph.managedDeviceMobileAppConfigurationUserStatus"), Some("microsoft.graph.managedDeviceMobileAppConfigurationUserStatus")),
        ],
    )
}

/// An operation under construction, for the route edge cases.
pub struct O(pub Operation);

impl O {
    pub fn new(id: &str, kind: OperationKind, method: HttpMethod, paths: &[&str]) -> Self {
        let mut op = op(id, kind, method, None, None);
        op.title = format!("Title of {id}");
        op.paths = paths
            .iter()
            .map(|t| PathTemplate {
                template: t.to_string(),
                params: Vec::new(),
                loc: Loc::default(),
            })
            .collect();
        op.request_headers.push(header("Authorization", true));
        O(op)
    }
    pub fn body(mut self, ty: Option<TypeRef>, properties: Vec<Property>) -> Self {
        self.0.request_body = Some(RequestBody {
            ty,
            properties,
            none: false,
            loc: Loc::default(),
        });
        self
    }
    pub fn no_body(mut self) -> Self {
        self.0.request_body = Some(RequestBody {
            ty: None,
            properties: Vec::new(),
            none: true,
            loc: Loc::default(),
        });
        self
    }
    pub fn response(mut self, status: u16, ty: Option<TypeRef>) -> Self {
        self.0.response = Some(ResponseSpec {
            status: Some(status),
            ty,
            loc: Loc::default(),
        });
        self
    }
    pub fn header(mut self, name: &str, required: bool) -> Self {
        self.0.request_headers.push(header(name, required));
        self
    }
    pub fn odata(mut self, options: &[&str]) -> Self {
        self.0.odata_options = options.iter().map(|o| o.to_string()).collect();
        self
    }
    pub fn query(mut self, name: &str, required: bool) -> Self {
        self.0.query_parameters.push(Parameter {
            name: name.to_owned(),
            ty: Some(prim(Primitive::String)),
            description: None,
            required,
            loc: Loc::default(),
        });
        self
    }
    pub fn action(mut self, name: &str, binding: Option<&str>) -> Self {
        self.0.action_name = Some(name.to_owned());
        self.0.binding_type = binding.map(str::to_owned);
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
pub fn route_operations() -> Vec<Operation> {
    use HttpMethod as M;
    use OperationKind as K;
    use Primitive::*;
    let user = || named("microsoft.graph.user");
    let required = |mut p: Property| {
        p.required = true;
        p
    };
    let users_list =
        |id: &str| O::new(id, K::List, M::Get, &["/users"]).response(200, Some(many(user())));
    vec![
        users_list("user-list")
            .odata(&["$select", "$filter", "$count", "$search", "$top", "$bogus"])
            .header("ConsistencyLevel", false)
            .0,
        // The same route from workload copies of the page: one function for both.
        users_list("intune-devices-user-list").0,
        users_list("intune-mam-user-list").odata(&["$select"]).0,
        O::new("user-get", K::Get, M::Get, &["/users/{id | userPrincipalName}", "/me"])
            .odata(&["$select", "$expand"])
            .response(200, Some(user()))
            .0,
        O::new("user-post-users", K::Create, M::Post, &["/users"])
            .body(Some(user()), Vec::new())
            .response(201, Some(user()))
            .0,
        O::new("user-update", K::Update, M::Patch, &["/users/{id | userPrincipalName}"])
            .body(Some(user()), Vec::new())
            .header("If-Match", true)
            .header("if-match", true)
            .header("Prefer", false)
            .header("Prefer: outlook.timezone", false)
            .response(204, None)
            .0,
        O::new("user-delete", K::Delete, M::Delete, &["/users/{id}"]).response(204, None).0,
        O::new("user-sendmail", K::Action, M::Post, &["/me/sendMail", "/users/{id | userPrincipalName}/sendMail"])
            .action("sendMail", Some("microsoft.graph.user"))
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
            .0,
        O::new("user-checkmembergroups", K::Action, M::Post, &["/users/{id}/checkMemberGroups"])
            .action("checkMemberGroups", Some("user"))
            .body(None, vec![prop("groupIds", many(prim(String)), None)])
            .response(200, Some(many(prim(String))))
            .0,
        O::new("user-ismanaged", K::Function, M::Get, &["/users/{id}/isManaged()"])
            .action("isManaged", Some("microsoft.graph.user"))
            .response(200, Some(prim(Boolean)))
            .0,
        O::new("user-reprocess", K::Action, M::Post, &["/users/{id}/reprocess"])
            .action("reprocess", Some("microsoft.graph.user"))
            .no_body()
            .response(200, Some(user()))
            .0,
        O::new("move", K::Action, M::Post, &["/move"]).action("move", None).0,
        O::new("type-get", K::Get, M::Get, &["/type/{id}"]).response(200, Some(named("microsoft.graph.notAType"))).0,
        O::new("attachment-get", K::Get, M::Get, &["/users/{id}/events/{id}/attachments/{id}/items/{id}/items/{id}"])
            .response(200, Some(named("microsoft.graph.entity")))
            .0,
        O::new("reportroot-getemailactivitycounts", K::Function, M::Get, &["/reports/getEmailActivityCounts(period='{period_value}')"])
            .query("period", true)
            .response(302, None)
            .0,
        O::new("reports-getgrouparchivedprintjobs", K::Function, M::Get, &["/reports/getGroupArchivedPrintJobs"])
            .query("groupId", true)
            .query("startDateTime", false)
            .query("/groups", true)
            .response(200, Some(many(named("microsoft.graph.printJob"))))
            .0,
        O::new("range-resize", K::Function, M::Get, &["/me/drive/items/{id}/workbook/worksheets/{id|name}/range/resizedRange(deltaRows={n}, deltaColumns={n})", "/me/drive/root:/{item-path}:/workbook/range(address='<address>')"])
            .response(200, Some(named("microsoft.graph.entity")))
            .0,
        O::new("driveitem-put-content", K::Update, M::Put, &["/me/drive/root:/{item-path}:/content"])
            .response(201, Some(named("microsoft.graph.driveItem")))
            .0,
        O::new("profilephoto-update", K::Other, M::Put, &["/me/photo/$value"]).response(200, None).0,
        O::new("entity-list", K::List, M::Get, &["/entities"]).0,
        O::new("orphan-op", K::Get, M::Get, &[]).0,
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
