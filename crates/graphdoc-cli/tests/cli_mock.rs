//! `graphdoc mock` as users run it: it prints where it listens, answers
//! documented routes with their examples, 404s the rest with a Graph error,
//! and logs a line per request.

#![cfg(feature = "mock")]

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use graphdoc_runtime::client::Client;
use graphdoc_runtime::http::{Method, Request, Response};
use serde_json::Value;

/// A running `graphdoc mock` on a free port, killed when dropped.
struct Mock {
    child: Child,
    url: String,
}

impl Mock {
    fn start(inputs: &[PathBuf], extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
            .arg("mock")
            .args(inputs)
            .args(["--addr", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("graphdoc runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no URL in {line:?}"))
            .to_owned();
        assert!(line.starts_with("graphdoc mock: listening on "), "{line}");
        Self { child, url }
    }

    fn get(&self, path: &str) -> (Response, Value) {
        let request = Request {
            method: Method::Get,
            url: format!("{}{path}", self.url),
            headers: Vec::new(),
            body: None,
        };
        let response = Client::new().execute(&request).unwrap();
        let body = serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {response:?}"));
        (response, body)
    }

    /// Stops it and returns what it logged.
    fn log(mut self) -> String {
        self.child.kill().unwrap();
        let mut log = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        self.child.wait().unwrap();
        log
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn mock_of_the_seeds_answers_logs_and_404s() {
    let mock = Mock::start(&graphdoc_testkit::seed_files(), &["--api-version", "v1.0"]);
    let path = "/v1.0/deviceAppManagement/mobileAppConfigurations/c1/userStatuses";
    let (response, body) = mock.get(path);
    assert_eq!(response.status, 405, "only POST is documented: {body}");
    assert_eq!(body["error"]["code"], "MethodNotAllowed");
    let (response, _) = mock.get("/beta/privilegedSignupStatus");
    assert_eq!(response.status, 404, "only v1.0 is served");
    let log = mock.log();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "GET {path} 405 /deviceAppManagement/mobileAppConfigurations/{{managedDeviceMobileAppConfigurationId}}/userStatuses"
            ),
            "GET /beta/privilegedSignupStatus 404 (no documented path)".to_owned()
        ]
    );
}

#[test]
fn mock_of_the_v1_tree_answers_a_user_messages_and_404() {
    let Some(v1) = graphdoc_testkit::corpus_v1_dir("graphdoc mock of the v1.0 tree") else {
        return;
    };
    let mock = Mock::start(&[v1], &[]);
    let (response, user) = mock.get("/v1.0/users/0a1b2c3d-any-id");
    assert_eq!(response.status, 200, "{user}");
    assert_eq!(response.header("Content-Type"), Some("application/json"));
    assert!(
        user.get("value").is_none() && user.get("id").is_some(),
        "a user: {user}"
    );

    let (response, messages) = mock.get("/v1.0/me/messages");
    assert_eq!(response.status, 200, "{messages}");
    assert!(
        messages["value"].as_array().is_some_and(|v| !v.is_empty()),
        "a collection: {messages}"
    );

    let (response, error) = mock.get("/v1.0/no/such/path");
    assert_eq!(response.status, 404);
    assert_eq!(error["error"]["code"], "ResourceNotFound");
    assert!(error["error"]["message"].is_string());

    let log = mock.log();
    assert!(
        log.lines()
            .any(|l| l.starts_with("GET /v1.0/users/0a1b2c3d-any-id 200 /users/{")),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l == "GET /v1.0/me/messages 200 /me/messages"),
        "{log}"
    );
}
