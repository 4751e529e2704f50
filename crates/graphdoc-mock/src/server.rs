//! The mock on a real HTTP stack: hyper's HTTP/1.1 connections on a
//! current-thread tokio runtime, in a thread of its own.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;

use crate::{Error, MockGraph, MockRequest};

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub status: u16,
    /// The documented template the path matched.
    pub template: Option<String>,
}

impl std::fmt::Display for Logged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} {}",
            self.method,
            self.target,
            self.status,
            self.template.as_deref().unwrap_or("(no documented path)")
        )
    }
}

/// A running mock: stops when [`MockServer::stop`]ped or dropped.
#[derive(Debug)]
pub struct MockServer {
    url: String,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Logged>>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl MockServer {
    /// `http://127.0.0.1:PORT`: what a client's host override takes.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request answered so far, in order.
    pub fn requests(&self) -> Vec<Logged> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Stops serving (open connections are closed) and waits for the
    /// server's thread.
    pub fn stop(mut self) {
        self.shut_down();
    }

    /// Serves until the process ends (for the CLI).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

pub(crate) fn start(
    graph: MockGraph,
    addr: impl std::net::ToSocketAddrs + std::fmt::Display,
) -> Result<MockServer, Error> {
    let bind_error = |source| Error::Bind {
        addr: addr.to_string(),
        source,
    };
    let listener = std::net::TcpListener::bind(&addr).map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    let local = listener.local_addr().map_err(bind_error)?;
    let url = format!("http://{local}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(Error::Start)?;
    let (stop, stopped) = oneshot::channel();
    let log = Arc::new(Mutex::new(Vec::new()));
    let shared = Arc::new(Shared {
        graph,
        origin: url.clone(),
        log: Arc::clone(&log),
    });
    let thread = std::thread::Builder::new()
        .name("graphdoc-mock".to_owned())
        .spawn(move || runtime.block_on(accept(listener, shared, stopped)))
        .map_err(Error::Start)?;
    Ok(MockServer {
        url,
        addr: local,
        log,
        stop: Some(stop),
        thread: Some(thread),
    })
}

struct Shared {
    graph: MockGraph,
    /// The server's own URL, for a request without a `Host` header.
    origin: String,
    log: Arc<Mutex<Vec<Logged>>>,
}

async fn accept(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    mut stopped: oneshot::Receiver<()>,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("graphdoc mock: cannot listen: {err}");
            return;
        }
    };
    loop {
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A connection that failed before it was accepted is the client's problem.
                Err(_) => continue,
            },
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(handle(&shared, request).await) }
            });
            // A broken connection is the client's problem: it sees it.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    shared: &Shared,
    request: hyper::Request<Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let origin = parts
        .headers
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .map_or_else(|| shared.origin.clone(), |host| format!("http://{host}"));
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let answer = shared.graph.answer(&MockRequest {
        method: parts.method.as_str(),
        target: &target,
        origin: &origin,
        headers: &headers,
        body: &body,
    });
    let logged = Logged {
        method: parts.method.as_str().to_owned(),
        target,
        status: answer.response.status,
        template: answer.template,
    };
    if !shared.graph.quiet {
        eprintln!("{logged}");
    }
    shared
        .log
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(logged);

    let mut response = hyper::Response::new(Full::new(Bytes::from(answer.response.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(answer.response.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in &answer.response.headers {
        // A documented header that is not valid HTTP is left out.
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            hyper::header::HeaderValue::from_str(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
