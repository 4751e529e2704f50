//! The blocking client end to end, against the mock server on 127.0.0.1.

#![cfg(all(feature = "client", feature = "mock"))]

use std::time::{Duration, Instant};

use graphdoc_runtime::client::Client;
use graphdoc_runtime::http::{
    Collection, Error, Json, Method, NoContent, RequestBuilder, Response,
};
use graphdoc_runtime::mock::MockServer;
use serde_json::{Value, json};

const BASE: &str = "https://graph.microsoft.com/v1.0";

fn client(server: &MockServer) -> Client {
    Client::new()
        .bearer_token("t0ken")
        .host(server.url())
        .max_retry_delay(Duration::from_millis(50))
}

fn users() -> RequestBuilder<Collection<Value>> {
    RequestBuilder::new(Method::Get, BASE, "/users", &[])
}

#[test]
fn follows_next_links_over_three_pages() {
    let server = MockServer::start().unwrap();
    let next = |token: &str| format!("{BASE}/users?$top=2&$skiptoken={token}");
    server
        .push(Response::json(
            200,
            &json!({"@odata.count": 5, "@odata.nextLink": next("p2"), "value": [{"id": "1"}, {"id": "2"}]}),
        ))
        .push(Response::json(
            200,
            &json!({"@odata.nextLink": next("p3"), "value": [{"id": "3"}, {"id": "4"}]}),
        ))
        .push(Response::json(200, &json!({"value": [{"id": "5"}]})));
    let client = client(&server);
    let request = users()
        .top(2)
        .count(true)
        .header("ConsistencyLevel", "eventual");
    let ids: Vec<String> = client
        .items(request)
        .map(|user| user.unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);

    let requests = server.requests();
    let urls: Vec<&str> = requests.iter().map(|r| r.path_and_query()).collect();
    assert_eq!(
        urls,
        [
            "/v1.0/users?$top=2&$count=true",
            "/v1.0/users?$top=2&$skiptoken=p2",
            "/v1.0/users?$top=2&$skiptoken=p3"
        ]
    );
    for request in &requests {
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.header("authorization"), Some("Bearer t0ken"));
        // Headers of the first request go with the next ones.
        assert_eq!(request.header("ConsistencyLevel"), Some("eventual"));
        assert_eq!(request.body, None);
    }
}

#[test]
fn pages_expose_counts_and_stop_at_an_error() {
    let server = MockServer::start().unwrap();
    server
        .push(Response::json(
            200,
            &json!({"@odata.count": 9, "@odata.nextLink": format!("{BASE}/users?$skiptoken=2"), "value": []}),
        ))
        .push(Response::json(
            400,
            &json!({"error": {"code": "badRequest", "message": "Invalid skip token"}}),
        ));
    let pages: Vec<_> = client(&server).pages(users()).collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].as_ref().unwrap().count, Some(9));
    let err = pages[1].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.graph_error().unwrap().code, "badRequest");
}

#[test]
fn retries_429_after_retry_after_then_succeeds() {
    let server = MockServer::start().unwrap();
    server
        .push(
            Response::json(
                429,
                &json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
            )
            .with_header("Retry-After", "0"),
        )
        .push(Response::new(429).with_header("Retry-After", "1"))
        .push(Response::json(200, &json!({"id": "me"})));
    let me: RequestBuilder<Json<Value>> = RequestBuilder::new(Method::Get, BASE, "/me", &[]);
    let started = Instant::now();
    let value = client(&server).send(me).unwrap();
    assert_eq!(value["id"], "me");
    // `Retry-After: 1` is capped by the client's maximum delay (50 ms).
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn retries_503_and_gives_up_after_max_retries() {
    let server = MockServer::start().unwrap();
    server
        .push(Response::new(503))
        .push(Response::json(201, &json!({"id": "new"})));
    let create: RequestBuilder<Json<Value>> =
        RequestBuilder::new(Method::Post, BASE, "/groups", &[]).json(&json!({"displayName": "G"}));
    assert_eq!(client(&server).send(create).unwrap()["id"], "new");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[1].body.as_deref(),
        Some(&br#"{"displayName":"G"}"#[..])
    );
    assert_eq!(requests[1].header("Content-Type"), Some("application/json"));

    for _ in 0..3 {
        server.push(Response::new(503).with_header("Retry-After", "0"));
    }
    let delete: RequestBuilder<NoContent> =
        RequestBuilder::new(Method::Delete, BASE, "/groups/{}", &["g1"]);
    let err = client(&server).max_retries(2).send(delete).unwrap_err();
    assert!(matches!(err, Error::Status { status: 503, .. }), "{err}");
    assert_eq!(server.requests().len(), 2 + 3);
}

#[test]
fn a_graph_error_body_is_typed() {
    let server = MockServer::start().unwrap();
    server.push(Response::json(
        404,
        &json!({"error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'x' does not exist.",
            "innerError": {"date": "2024-05-01T10:00:00", "request-id": "req-1", "client-request-id": "c-1"}
        }}),
    ));
    let get: RequestBuilder<Json<Value>> =
        RequestBuilder::new(Method::Get, BASE, "/users/{}", &["x"]);
    let err = client(&server).send(get).unwrap_err();
    let Error::Graph { status, error } = &err else {
        panic!("not a Graph error: {err}")
    };
    assert_eq!(*status, 404);
    assert_eq!(error.code, "Request_ResourceNotFound");
    assert_eq!(
        error.inner_error.as_ref().unwrap().request_id.as_deref(),
        Some("req-1")
    );
}

#[test]
fn no_content_and_an_empty_post() {
    let server = MockServer::start().unwrap();
    server.push(Response::new(204)).push(Response::new(202));
    let client = client(&server);
    let delete: RequestBuilder<NoContent> =
        RequestBuilder::new(Method::Delete, BASE, "/users/{}", &["a b"]);
    client.send(delete).unwrap();
    let send: RequestBuilder<NoContent> =
        RequestBuilder::new(Method::Post, BASE, "/me/messages/{}/send", &["m1"]);
    client.send(send).unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].method, Method::Delete);
    assert_eq!(requests[0].path_and_query(), "/v1.0/users/a%20b");
    // Graph answers 411 to a POST without a length.
    assert_eq!(requests[1].header("Content-Length"), Some("0"));
}

#[test]
fn urls_off_the_graph_host_are_left_alone_and_transport_errors_are_reported() {
    // Nothing listens on port 9 of 127.0.0.1 (discard), so the connection fails.
    let request: RequestBuilder<NoContent> =
        RequestBuilder::new(Method::Get, "http://127.0.0.1:9/v1.0", "/me", &[]);
    let err = Client::new()
        .host("http://127.0.0.1:1")
        .send(request)
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err}");
}

#[test]
fn the_token_goes_only_to_allowed_hosts() {
    let server = MockServer::start().unwrap();
    server.push(Response::new(204)).push(Response::new(204));
    // Pointed at the server with `host`: the server is allowed the token.
    client(&server)
        .send(RequestBuilder::<NoContent>::new(
            Method::Delete,
            BASE,
            "/users/1",
            &[],
        ))
        .unwrap();
    // The same server addressed directly, never allowed: no token goes there.
    let direct = Client::new().bearer_token("t0ken");
    direct
        .send(RequestBuilder::<NoContent>::new(
            Method::Delete,
            &format!("{}/v1.0", server.url()),
            "/users/2",
            &[],
        ))
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("Authorization"), Some("Bearer t0ken"));
    assert_eq!(requests[1].header("Authorization"), None);
    // Allowed by name, it is.
    server.push(Response::new(204));
    let host = graphdoc_runtime::http::hosts::host_of(server.url()).unwrap();
    direct
        .clone()
        .allow_host(&host)
        .send(RequestBuilder::<NoContent>::new(
            Method::Delete,
            &format!("{}/v1.0", server.url()),
            "/users/3",
            &[],
        ))
        .unwrap();
    assert_eq!(
        server.requests()[2].header("Authorization"),
        Some("Bearer t0ken")
    );
}

#[test]
fn a_next_link_to_another_host_is_refused() {
    let server = MockServer::start().unwrap();
    server.push(Response::json(
        200,
        &json!({"@odata.nextLink": "https://evil.example/v1.0/users?$skiptoken=x", "value": [{"id": "1"}]}),
    ));
    let results: Vec<Result<Value, Error>> = client(&server).items(users()).collect();
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let err = results[1].as_ref().unwrap_err();
    assert!(matches!(err, Error::ForeignNextLink { .. }), "{err:?}");
    assert!(err.to_string().contains("evil.example"), "{err}");
    assert_eq!(server.requests().len(), 1, "nothing sent to the other host");
}

#[test]
fn debug_forms_never_show_a_token() {
    let client = Client::new().bearer_token("s3cret-t0ken");
    assert!(!format!("{client:?}").contains("s3cret"), "{client:?}");
    let request = users()
        .header("Authorization", "Bearer s3cret-t0ken")
        .build()
        .unwrap();
    let shown = format!("{request:?}");
    assert!(
        !shown.contains("s3cret") && shown.contains("[redacted]"),
        "{shown}"
    );
}

#[test]
fn a_batch_is_one_request_and_its_answers_parse_by_route() {
    let server = MockServer::start().unwrap();
    server.push(Response::json(
        200,
        &json!({"responses": [
            {"id": "2", "status": 404, "body": {"error": {"code": "itemNotFound", "message": "no"}}},
            {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"id": "me"}}
        ]}),
    ));
    let mut batch = graphdoc_runtime::http::batch::Batch::new();
    let me = batch
        .add(RequestBuilder::<Json<Value>>::new(
            Method::Get,
            BASE,
            "/me",
            &[],
        ))
        .unwrap();
    let gone = batch
        .add(RequestBuilder::<NoContent>::new(
            Method::Delete,
            BASE,
            "/users/{}",
            &["x"],
        ))
        .unwrap();
    let responses = client(&server).send_batch(&batch).unwrap();
    assert_eq!(me.parse(&responses).unwrap()["id"], "me");
    assert_eq!(gone.parse(&responses).unwrap_err().status(), Some(404));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path_and_query(), "/v1.0/$batch");
    assert_eq!(requests[0].header("authorization"), Some("Bearer t0ken"));
}

#[test]
fn live_assertions_pass_on_a_typed_answer_and_name_the_client_that_failed() {
    use graphdoc_runtime::testing::assert_live_at;
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct User {
        id: String,
    }
    let server = MockServer::start().unwrap();
    // A request per client compiled in.
    let clients = if cfg!(feature = "client-async") { 2 } else { 1 };
    for _ in 0..clients {
        server.push(Response::json(200, &json!({"id": "1"})));
    }
    for _ in 0..clients {
        server.push(Response::json(200, &json!({"id": 1})));
    }
    let user = || RequestBuilder::<Json<User>>::new(Method::Get, BASE, "/users/{}", &["a b"]);
    assert_live_at(server.url(), user, "$select=id&x=a%20b");
    assert_eq!(
        server.requests()[0].path_and_query(),
        "/v1.0/users/a%20b?$select=id&x=a%20b"
    );
    let url = server.url();
    let failed = std::panic::catch_unwind(|| assert_live_at(url, user, ""));
    let message = *failed.unwrap_err().downcast::<String>().unwrap();
    assert!(
        message
            .starts_with("GET https://graph.microsoft.com/v1.0/users/a%20b via http://127.0.0.1:"),
        "{message}"
    );
    assert!(
        message.contains("blocking client: cannot read the response"),
        "{message}"
    );
}
