//! The mock of the whole v1.0 docs tree answers what users try first: a
//! user by any id, the signed-in user's messages, and a 404 for a path no
//! page documents.
//!
//! Needs the real docs tree (skips with a message when absent, fails under CI).

use graphdoc_ir::ApiVersion;
use graphdoc_mock::{MockGraph, MockRequest};
use serde_json::Value;

#[test]
fn v1_tree_answers_users_messages_and_404() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("mock of the v1.0 tree") else {
        return;
    };
    let sources = graphdoc_testkit::corpus_v1_sources(&v1);
    let corpus = graphdoc_parse::parse_sources(&sources);
    let model = graphdoc_merge::merge_version(&corpus, ApiVersion::V1_0);
    let mock = MockGraph::from_model(&model).quiet(true);
    println!("{}", mock.summary());
    let get = |target: &str| {
        let answer = mock.answer(&MockRequest {
            method: "GET",
            target,
            origin: "http://127.0.0.1:8787",
            headers: &[],
            body: &[],
        });
        let body: Value = serde_json::from_slice(&answer.response.body)
            .unwrap_or_else(|e| panic!("GET {target}: not JSON ({e}): {answer:?}"));
        (answer.response.status, answer.template, body)
    };

    for id in [
        "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "anyone@contoso.com",
        "x",
    ] {
        let (status, template, user) = get(&format!("/v1.0/users/{id}"));
        assert_eq!(status, 200, "{user}");
        assert!(template.unwrap().starts_with("/users/{"));
        assert!(
            user.get("value").is_none(),
            "one user, not a collection: {user}"
        );
        assert!(
            user.get("displayName").is_some() || user.get("id").is_some(),
            "a user: {user}"
        );
    }

    let (status, template, messages) = get("/v1.0/me/messages");
    assert_eq!(status, 200, "{messages}");
    assert_eq!(template.as_deref(), Some("/me/messages"));
    let items = messages["value"]
        .as_array()
        .unwrap_or_else(|| panic!("a collection: {messages}"));
    assert!(!items.is_empty());

    let (status, template, error) = get("/v1.0/no/such/thing");
    assert_eq!(status, 404);
    assert_eq!(template, None);
    assert_eq!(error["error"]["code"], "ResourceNotFound");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/no/such/thing")
    );
}
