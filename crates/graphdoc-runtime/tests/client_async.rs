//! The async client end to end, against the mock server on 127.0.0.1: the
//! same behaviour as the blocking client's tests, on tokio.

#![cfg(all(feature = "client-async", feature = "mock"))]

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use graphdoc_runtime::client_async::AsyncClient;
use graphdoc_runtime::http::{
    Collection, Error, Json, Method, NoContent, RequestBuilder, Response,
};
use graphdoc_runtime::mock::MockServer;
use serde_json::{Value, json};

const BASE: &str = "https://graph.microsoft.com/v1.0";

fn client(server: &MockServer) -> AsyncClient {
    AsyncClient::new()
        .bearer_token("t0ken")
        .host(server.url())
        .max_retry_delay(Duration::from_millis(50))
}

fn users() -> RequestBuilder<Collection<Value>> {
    RequestBuilder::new(Method::Get, BASE, "/users", &[])
}

#[tokio::test]
async fn streams_items_over_three_pages() {
    let server = MockServer::start().unwrap();
    let next = |token: &str| format!("{BASE}/users?$top=2&$skiptoken={token}");
    server
        .push(Response::json(
            200,
            &json!({"@odata.nextLink": next("p2"), "value": [{"id": "1"}, {"id": "2"}]}),
        ))
        .push(Response::json(
            200,
            &json!({"@odata.nextLink": next("p3"), "value": [{"id": "3"}, {"id": "4"}]}),
        ))
        .push(Response::json(200, &json!({"value": [{"id": "5"}]})));
    let client = client(&server);
    let ids: Vec<String> = client
        .items(users().top(2))
        .map(|user| user.unwrap()["id"].as_str().unwrap().to_owned())
        .collect()
        .await;
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| r.header("authorization") == Some("Bearer t0ken"))
    );
}

#[tokio::test]
async fn retries_throttled_requests_and_types_graph_errors() {
    let server = MockServer::start().unwrap();
    server
        .push(Response::new(429).with_header("Retry-After", "1"))
        .push(Response::new(503))
        .push(Response::json(200, &json!({"id": "me"})))
        .push(Response::json(
            404,
            &json!({"error": {"code": "itemNotFound", "message": "gone"}}),
        ));
    let me = || RequestBuilder::<Json<Value>>::new(Method::Get, BASE, "/me", &[]);
    let started = Instant::now();
    assert_eq!(client(&server).send(me()).await.unwrap()["id"], "me");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "delays capped at 50 ms"
    );
    let err = client(&server).send(me()).await.unwrap_err();
    assert_eq!(err.graph_error().unwrap().code, "itemNotFound");
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn the_token_goes_only_to_allowed_hosts_and_next_links_stay_home() {
    let server = MockServer::start().unwrap();
    server.push(Response::new(204));
    let direct = AsyncClient::new().bearer_token("t0ken");
    direct
        .send(RequestBuilder::<NoContent>::new(
            Method::Delete,
            &format!("{}/v1.0", server.url()),
            "/users/2",
            &[],
        ))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].header("Authorization"), None);

    server.push(Response::json(
        200,
        &json!({"@odata.nextLink": "https://evil.example/v1.0/users", "value": [{"id": "1"}]}),
    ));
    let results: Vec<Result<Value, Error>> = client(&server).items(users()).collect().await;
    assert_eq!(results.len(), 2);
    assert!(matches!(results[1], Err(Error::ForeignNextLink { .. })));
    assert_eq!(server.requests().len(), 2, "nothing sent to the other host");
    assert!(!format!("{:?}", client(&server)).contains("t0ken"));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let server = MockServer::start().unwrap();
    server
        .push(Response::json(200, &json!({"id": "0123456789"})))
        .push(Response::json(200, &json!({"id": "1"})));
    let me = || RequestBuilder::<Json<Value>>::new(Method::Get, BASE, "/me", &[]);
    let small = client(&server).max_body_size(12);
    let err = small.send(me()).await.unwrap_err();
    assert!(err.to_string().contains("larger than 12 bytes"), "{err}");
    assert_eq!(small.send(me()).await.unwrap()["id"], "1");
}
