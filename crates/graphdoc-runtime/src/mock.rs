//! A local HTTP server answering with canned responses (feature `mock`), for
//! tests of code that sends requests: no network beyond 127.0.0.1.
//!
//! ```
//! use graphdoc_runtime::http::Response;
//! use graphdoc_runtime::mock::MockServer;
//!
//! let server = MockServer::start().unwrap();
//! server.push(Response::json(200, &serde_json::json!({"id": "1"})));
//! // ... point a client at `server.url()` and send one request, then:
//! # let _ = std::net::TcpStream::connect(server.url().trim_start_matches("http://"))
//! #     .and_then(|mut s| { use std::io::{Read, Write};
//! #         s.write_all(b"GET /v1.0/me HTTP/1.1\r\nHost: x\r\n\r\n")?; s.read_to_end(&mut Vec::new()) });
//! let requests = server.requests();
//! assert_eq!(requests[0].path_and_query(), "/v1.0/me");
//! ```
//!
//! Each connection gets one response (`Connection: close`), the next one queued;
//! with none queued, a `500` whose Graph error says so.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::http::{Method, Request, Response};

#[derive(Default)]
struct Shared {
    responses: Mutex<VecDeque<Response>>,
    requests: Mutex<Vec<Request>>,
    stop: AtomicBool,
}

/// A server on `127.0.0.1` (a free port) in a thread of its own, stopped when
/// dropped.
pub struct MockServer {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("url", &self.url)
            .finish()
    }
}

impl MockServer {
    /// Starts a server with no response queued.
    pub fn start() -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}");
        let shared = Arc::new(Shared::default());
        let thread = {
            let (shared, url) = (Arc::clone(&shared), url.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if shared.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        // A broken connection is the client's problem: it sees it.
                        let _ = serve(stream, &shared, &url);
                    }
                }
            })
        };
        Ok(Self {
            url,
            addr,
            shared,
            thread: Some(thread),
        })
    }

    /// The server's root, `http://127.0.0.1:<port>`: what `Client::host` takes.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Queues the response to the next request.
    pub fn push(&self, response: Response) -> &Self {
        lock(&self.shared.responses).push_back(response);
        self
    }

    /// The requests received so far, in order, with absolute URLs on this server.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.requests).clone()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        if TcpStream::connect(self.addr).is_ok()
            && let Some(thread) = self.thread.take()
        {
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn serve(stream: TcpStream, shared: &Shared, url: &str) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/").to_owned();
    let method = match method {
        "GET" => Some(Method::Get),
        "POST" => Some(Method::Post),
        "PUT" => Some(Method::Put),
        "PATCH" => Some(Method::Patch),
        "DELETE" => Some(Method::Delete),
        _ => None,
    };
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let length = headers
        .iter()
        .find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let mut body = vec![0; length.unwrap_or(0)];
    reader.read_exact(&mut body)?;
    let response = match method {
        Some(method) => {
            lock(&shared.requests).push(Request {
                method,
                url: format!("{url}{target}"),
                headers,
                body: length.map(|_| body),
            });
            lock(&shared.responses).pop_front().unwrap_or_else(|| {
                Response::json(
                    500,
                    &serde_json::json!({"error": {
                        "code": "mockExhausted",
                        "message": "the mock server has no response queued"
                    }}),
                )
            })
        }
        None => Response::new(405),
    };
    write_response(reader.into_inner(), &response)
}

fn write_response(mut stream: TcpStream, response: &Response) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} Mock\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}
