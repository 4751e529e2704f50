// Tests of the v1.0 bindings' polymorphic values, that `corpus_examples.rs`
// copies into the crate it generates from the whole v1.0 tree (as
// `tests/polymorphism.rs`) and runs beside the example tests. Not compiled as
// part of graphdoc: it needs the generated crate (`graph_v1`).

use graph_v1::runtime::http::{Collection, Json, Response, ResponseKind};
use graph_v1::runtime::serde_json::{self, Value, json};
use graph_v1::runtime::{CollectionPage, strictly};
use graph_v1::v1_0::{
    AnyAttachment, AnyDirectoryObject, Message, Presence, TeamsAsyncOperation, User, routes,
};

/// Reads `body` as `R` would read a 200 response.
fn parse<R: ResponseKind>(body: &Value) -> R::Output {
    R::parse(Response::json(200, body)).expect("the response reads")
}

/// Serializes `value` and reads the JSON back.
fn json_of<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// A page in the shape of the docs' `GET /directoryObjects/delta` example:
/// users, groups and organizational contacts in one collection, with delta
/// annotations (`members@delta`, `@removed`) on some of them.
fn delta_page() -> Value {
    json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/directoryObjects/delta?$skiptoken=pqwSUjGYvb3jQpbwVAwEL7yuI3dU1LecfkkfLPtnIjsXoYQp_dpA3cNJWc",
        "value": [
            {
                "@odata.type": "#microsoft.graph.user",
                "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
                "displayName": "Adele Vance",
                "mail": "AdeleV@contoso.com",
                "userPrincipalName": "AdeleV@contoso.com",
                "accountEnabled": true
            },
            {
                "@odata.type": "#microsoft.graph.group",
                "id": "02bd9fd6-8f93-4758-87c3-1fb73740a315",
                "displayName": "HR Taskforce",
                "mailEnabled": true,
                "securityEnabled": false,
                "groupTypes": ["Unified"],
                "members@delta": [
                    { "@odata.type": "#microsoft.graph.user", "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd" }
                ]
            },
            {
                "@odata.type": "#microsoft.graph.orgContact",
                "id": "0e8d2fb5-ad8a-4f8a-a11a-7e40d04a4cd3",
                "displayName": "Sara Davis",
                "mail": "sara@fabrikam.com",
                "companyName": "Fabrikam"
            },
            {
                "@odata.type": "#microsoft.graph.user",
                "id": "e5e1a6f6-4be7-4b4f-b0e4-5c2fdd1a7f8b",
                "@removed": { "reason": "changed" }
            }
        ]
    })
}

#[test]
fn a_delta_page_mixing_users_groups_and_org_contacts_reads_each_as_its_own_variant() {
    let body = delta_page();
    let page: CollectionPage<AnyDirectoryObject> = serde_json::from_value(body.clone()).unwrap();
    // (The v1.0 page of orgContact spells it `orgcontact`; Graph matches
    // names case-insensitively, and so do the bindings.)
    let kinds: Vec<String> = page
        .value
        .iter()
        .map(|v| v.type_name().to_ascii_lowercase())
        .collect();
    assert_eq!(
        kinds,
        [
            "microsoft.graph.user",
            "microsoft.graph.group",
            "microsoft.graph.orgcontact",
            "microsoft.graph.user"
        ]
    );
    let AnyDirectoryObject::User(adele) = &page.value[0] else {
        panic!("not a user: {:?}", page.value[0]);
    };
    assert_eq!(adele.mail.as_deref(), Some("AdeleV@contoso.com"));
    assert_eq!(adele.account_enabled, Some(true));
    let group = page.value[1].as_group().expect("a group");
    assert_eq!(group.security_enabled, Some(false));
    assert_eq!(
        group.additional["members@delta"][0]["id"],
        "87d349ed-44d7-43e1-9a83-5f2406dee5bd"
    );
    let contact = page.value[2].as_orgcontact().expect("an org contact");
    assert_eq!(contact.company_name.as_deref(), Some("Fabrikam"));
    // Base properties, whatever the variant.
    assert_eq!(
        page.value[2].id().map(String::as_str),
        Some("0e8d2fb5-ad8a-4f8a-a11a-7e40d04a4cd3")
    );
    assert_eq!(page.value[3].additional()["@removed"]["reason"], "changed");
    // Typed, nothing lost: the round trip gives the page back.
    assert_eq!(json_of(&page), body);
    assert!(page.value.iter().all(|v| !v.additional().has_mismatches()));
}

#[test]
fn a_members_response_is_matched_on_its_variants() {
    // As the README shows it: `GET /groups/{id}/members` lists directory objects.
    let route = routes::groups::members_list("02bd9fd6-8f93-4758-87c3-1fb73740a315");
    assert!(
        route
            .url()
            .ends_with("/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/members")
    );
    let page = parse::<Collection<AnyDirectoryObject>>(&delta_page());
    let mut seen = Vec::new();
    for member in &page.value {
        seen.push(match member {
            AnyDirectoryObject::User(user) => {
                format!("user {}", user.mail.as_deref().unwrap_or("-"))
            }
            AnyDirectoryObject::Group(group) => {
                format!("group {}", group.display_name.as_deref().unwrap_or("-"))
            }
            other => format!(
                "{} {}",
                other.type_name().to_ascii_lowercase(),
                other.id().map_or("-", |id| id.as_str())
            ),
        });
    }
    assert_eq!(
        seen,
        [
            "user AdeleV@contoso.com",
            "group HR Taskforce",
            "microsoft.graph.orgcontact 0e8d2fb5-ad8a-4f8a-a11a-7e40d04a4cd3",
            "user -"
        ]
    );
}

#[test]
fn annotations_dispatch_whatever_their_spelling_and_unknown_types_keep_everything() {
    for annotation in [
        "#microsoft.graph.user",
        "microsoft.graph.user",
        "#Microsoft.Graph.User",
        "#user",
    ] {
        let v: AnyDirectoryObject =
            serde_json::from_value(json!({"@odata.type": annotation, "mail": "a@b.c"})).unwrap();
        assert_eq!(
            v.as_user().and_then(|u| u.mail.as_deref()),
            Some("a@b.c"),
            "{annotation}"
        );
    }
    // No annotation: the declared type.
    let v: AnyDirectoryObject = serde_json::from_value(json!({"id": "1"})).unwrap();
    assert!(matches!(v, AnyDirectoryObject::DirectoryObject(_)));
    // A type the bindings do not know: the declared type, with every property kept.
    let future = json!({"@odata.type": "#microsoft.graph.futureThing", "id": "2", "shiny": [1, 2]});
    let v: AnyDirectoryObject = serde_json::from_value(future.clone()).unwrap();
    let base = v.as_directory_object().expect("the base variant");
    assert_eq!(base.additional["shiny"], json!([1, 2]));
    assert_eq!(v.odata_type(), Some("#microsoft.graph.futureThing"));
    assert_eq!(json_of(&v), future);
    // Several levels deep (entity -> directoryObject -> user): the most derived type named.
    let v: graph_v1::v1_0::AnyEntity =
        serde_json::from_value(json!({"@odata.type": "#microsoft.graph.user", "mail": "a@b.c"}))
            .unwrap();
    assert_eq!(v.type_name(), "microsoft.graph.user");
}

#[test]
fn derived_values_in_fields_collections_and_routes_are_typed() {
    // A collection property: a message's attachments.
    let body = json!({
        "subject": "Report",
        "attachments": [
            {"@odata.type": "#microsoft.graph.fileAttachment", "name": "q3.xlsx", "contentBytes": "UEsDBA=="},
            {"@odata.type": "#microsoft.graph.itemAttachment", "name": "invite", "isInline": false},
            {"name": "plain"}
        ]
    });
    let message: Message = serde_json::from_value(body.clone()).unwrap();
    let attachments = message.attachments.as_ref().unwrap();
    assert!(
        matches!(&attachments[0], AnyAttachment::FileAttachment(f) if f.content_bytes.is_some())
    );
    assert!(matches!(&attachments[1], AnyAttachment::ItemAttachment(_)));
    assert!(matches!(&attachments[2], AnyAttachment::Attachment(_)));
    assert_eq!(attachments[0].name().map(String::as_str), Some("q3.xlsx"));
    assert_eq!(json_of(&message), body);

    // A single-valued property: a user's manager.
    let user: User = serde_json::from_value(
        json!({"manager": {"@odata.type": "#microsoft.graph.orgContact", "companyName": "Fabrikam"}}),
    )
    .unwrap();
    assert!(
        user.manager
            .as_ref()
            .and_then(AnyDirectoryObject::as_orgcontact)
            .is_some()
    );

    // A route's single value: `GET /directoryObjects/{id}`.
    let read = parse::<Json<AnyDirectoryObject>>(
        &json!({"@odata.type": "#microsoft.graph.group", "id": "g"}),
    );
    assert!(read.as_group().is_some());
    let _: fn(&str) -> graph_v1::runtime::http::RequestBuilder<Json<AnyDirectoryObject>> =
        routes::directory_objects::get;

    // Built in code: `From` each variant's struct, serialized with its annotation.
    let value = AnyDirectoryObject::from(User {
        mail: Some("x@y.z".into()),
        ..Default::default()
    });
    assert_eq!(
        json_of(&value),
        json!({"@odata.type": "#microsoft.graph.user", "mail": "x@y.z"})
    );
}

#[test]
fn one_mismatched_property_does_not_lose_the_object() {
    // The docs say `availability` and `activity` are string collections; the
    // service sends strings.
    let sent = json!({
        "id": "fa8bf3dc-eca7-46b7-bad1-db199b62afc3",
        "availability": "Available",
        "activity": "Available"
    });
    let presence: Presence = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(
        presence.id.as_deref(),
        Some("fa8bf3dc-eca7-46b7-bad1-db199b62afc3")
    );
    assert_eq!(presence.availability, None);
    assert_eq!(presence.additional["availability"], "Available");
    assert_eq!(
        presence.additional.mismatched().collect::<Vec<_>>(),
        ["activity", "availability"]
    );
    assert_eq!(json_of(&presence), sent);
    let again: Presence = serde_json::from_value(json_of(&presence)).unwrap();
    assert_eq!(again, presence);
    // Strictly (as a test may want), the same payload is an error naming the property.
    let err = strictly(|| serde_json::from_value::<Presence>(sent.clone())).unwrap_err();
    assert!(err.to_string().contains("availability"), "{err}");

    // `teamsAsyncOperation.error` is documented as an object and sometimes is a string.
    let sent = json!({"id": "op", "status": "failed", "error": "Team not found"});
    let op: TeamsAsyncOperation = serde_json::from_value(sent.clone()).unwrap();
    assert!(op.error.is_none() && op.status.is_some());
    assert_eq!(op.additional.mismatched().collect::<Vec<_>>(), ["error"]);
    assert_eq!(json_of(&op), sent);
}

/// Splitmix64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// Types a `directoryObject` may be, with a property only that type has
/// (`None`: the base, or a type these bindings do not know).
fn members() -> Vec<(&'static str, Option<(&'static str, Value)>)> {
    vec![
        ("microsoft.graph.user", Some(("mail", json!("a@b.c")))),
        (
            "microsoft.graph.group",
            Some(("securityEnabled", json!(true))),
        ),
        (
            "microsoft.graph.orgContact",
            Some(("companyName", json!("Fabrikam"))),
        ),
        (
            "microsoft.graph.device",
            Some(("operatingSystem", json!("Windows"))),
        ),
        (
            "microsoft.graph.servicePrincipal",
            Some(("appId", json!("00000003-0000-0000-c000-000000000000"))),
        ),
        (
            "microsoft.graph.application",
            Some(("signInAudience", json!("AzureADMyOrg"))),
        ),
        ("microsoft.graph.directoryObject", None),
        ("microsoft.graph.futureObject", None),
    ]
}

/// A random directory object: its JSON, and the type it must read as.
fn random_member(rng: &mut Rng) -> (Value, &'static str) {
    let kinds = members();
    let (qualified, own) = kinds[rng.below(kinds.len())].clone();
    let mut value = json!({ "id": format!("id-{}", rng.below(1000)) });
    // Spelled as Graph may: `#` or not, namespace or not, any case.
    let simple = qualified.rsplit('.').next().unwrap();
    let annotation = match rng.below(5) {
        0 => qualified.to_owned(),
        1 => format!("#{simple}"),
        2 => format!("#{}", qualified.to_ascii_uppercase()),
        3 if qualified == "microsoft.graph.directoryObject" => String::new(),
        _ => format!("#{qualified}"),
    };
    if !annotation.is_empty() {
        value["@odata.type"] = json!(annotation);
    }
    if let Some((property, sample)) = own {
        value[property] = sample;
    }
    if rng.below(3) == 0 {
        value["unknownToTheDocs"] = json!({"kept": [1, 2]});
    }
    let expected = if qualified == "microsoft.graph.futureObject" {
        "microsoft.graph.directoryObject"
    } else {
        qualified
    };
    (value, expected)
}

fn same_type(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

#[test]
fn random_derived_values_in_fields_collections_and_pages_dispatch_and_round_trip() {
    let mut rng = Rng(0x6772_6170_6864_6f63);
    for case in 0..300 {
        // A base-typed field (user.manager) and collection (group.members),
        // and a page of them.
        let (manager, manager_type) = random_member(&mut rng);
        let members: Vec<(Value, &str)> =
            (0..rng.below(5)).map(|_| random_member(&mut rng)).collect();
        let user_json = json!({"@odata.type": "#microsoft.graph.user", "manager": manager});
        let group_json = json!({
            "displayName": "g",
            "members": members.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>(),
        });
        let page_json = json!({
            "value": members.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>(),
            "@odata.nextLink": "https://graph.microsoft.com/v1.0/groups/g/members?$skiptoken=x",
        });

        let user: User = serde_json::from_value(user_json.clone()).unwrap();
        let read = user.manager.as_ref().expect("a manager");
        assert!(
            same_type(read.type_name(), manager_type),
            "case {case}: {manager} read as {}",
            read.type_name()
        );
        assert_eq!(json_of(&user), user_json, "case {case}");

        let group: graph_v1::v1_0::Group = serde_json::from_value(group_json.clone()).unwrap();
        let page: CollectionPage<AnyDirectoryObject> =
            serde_json::from_value(page_json.clone()).unwrap();
        for read in [
            group.members.clone().unwrap_or_default(),
            page.value.clone(),
        ] {
            assert_eq!(read.len(), members.len());
            for (item, (json, expected)) in read.iter().zip(&members) {
                assert!(
                    same_type(item.type_name(), expected),
                    "case {case}: {json} read as {}",
                    item.type_name()
                );
                // The type's own property is in its field, not left over.
                if let Some((property, _)) = members_own(expected) {
                    assert!(
                        !item.additional().contains_key(property),
                        "case {case}: {json}"
                    );
                }
            }
        }
        assert_eq!(json_of(&group), group_json, "case {case}");
        assert_eq!(json_of(&page), page_json, "case {case}");
    }
}

/// The property only `qualified` has, from [`members`].
fn members_own(qualified: &str) -> Option<(&'static str, Value)> {
    members()
        .into_iter()
        .find(|(q, _)| same_type(q, qualified))
        .and_then(|(_, own)| own)
}
