//! A blocking client for route builders (feature `client`), on `ureq`.
//!
//! It adds what the sans-IO [`crate::http`] types leave to a transport: the bearer
//! token (sent only to Graph's hosts and the ones you allow, see
//! [`crate::http::hosts`]), retries of throttled requests (`429 Too Many
//! Requests` and `503 Service Unavailable`, after the `Retry-After` the
//! response gives, else an exponential backoff) and `@odata.nextLink` paging
//! (never to another host). Its `Debug` form never shows the token.
//!
//! ```no_run
//! use graphdoc_runtime::client::Client;
//! use graphdoc_runtime::http::{Collection, Method, RequestBuilder};
//!
//! let client = Client::new().bearer_token("eyJ0eXAi...");
//! let users: RequestBuilder<Collection<serde_json::Value>> = RequestBuilder::new(
//!     Method::Get,
//!     "https://graph.microsoft.com/v1.0",
//!     "/users",
//!     &[],
//! );
//! for user in client.items(users.top(100)) {
//!     println!("{}", user?["displayName"]);
//! }
//! # Ok::<(), graphdoc_runtime::http::Error>(())
//! ```

use std::marker::PhantomData;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::http::batch::Batch;
use crate::http::policy::ClientPolicy;
use crate::http::{
    Collection, CollectionPage, Error, Request, RequestBuilder, Response, ResponseKind,
};

/// A blocking Microsoft Graph client. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    policy: ClientPolicy,
    max_body: u64,
}

impl Default for Client {
    fn default() -> Self {
        Self::new()
    }
}

impl Client {
    /// A client with a default agent: TLS through rustls, redirects followed,
    /// a 100-second timeout per request, no token.
    pub fn new() -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(100)))
            .build()
            .new_agent();
        Self::with_agent(agent)
    }

    /// A client on this agent. The agent must be configured with
    /// `http_status_as_error(false)`, or error responses lose their body.
    pub fn with_agent(agent: ureq::Agent) -> Self {
        Self {
            agent,
            policy: ClientPolicy::default(),
            max_body: 100 * 1024 * 1024,
        }
    }

    /// Sends `Authorization: Bearer <token>` with every request to an
    /// allowed host (Graph's, and [`Client::allow_host`]'s) that sets no
    /// `Authorization` of its own.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.policy.set_token(token.into());
        self
    }

    /// Also sends the token to this host (any port).
    pub fn allow_host(mut self, host: &str) -> Self {
        self.policy.allow_host(host);
        self
    }

    /// Sends requests for `https://graph.microsoft.com` to this scheme and host
    /// instead (`http://127.0.0.1:8080` for a local test server, a national
    /// cloud's host); the path, with its version, is kept. The host is allowed
    /// the token.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.policy.set_host(&host.into());
        self
    }

    /// How often a throttled request (`429`, `503`) is retried (default 3).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.policy.retry.max_retries = retries;
        self
    }

    /// The longest wait before a retry (default 60 s), whatever `Retry-After` says.
    pub fn max_retry_delay(mut self, delay: Duration) -> Self {
        self.policy.retry.max_delay = delay;
        self
    }

    /// The largest response body read, in bytes (default 100 MiB).
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    /// Builds and sends a route's request, and parses the response into the
    /// route's typed result.
    pub fn send<R: ResponseKind>(&self, builder: RequestBuilder<R>) -> Result<R::Output, Error> {
        let request = builder.build()?;
        R::parse(self.execute(&request)?)
    }

    /// The pages of a collection, following `@odata.nextLink` until the last page
    /// or the first error.
    pub fn pages<T: DeserializeOwned>(
        &self,
        builder: RequestBuilder<Collection<T>>,
    ) -> Pages<'_, T> {
        Pages {
            client: self,
            next: Some(builder.build()),
            item: PhantomData,
        }
    }

    /// The items of a collection, page after page: [`Client::pages`], flattened.
    pub fn items<T: DeserializeOwned>(
        &self,
        builder: RequestBuilder<Collection<T>>,
    ) -> Items<'_, T> {
        Items {
            pages: self.pages(builder),
            current: Vec::new().into_iter(),
        }
    }

    /// Sends a [`Batch`] as one `$batch` request and splits its answer
    /// into each request's response, in the order added (parse each with
    /// its [`BatchItem`](crate::http::batch::BatchItem)).
    pub fn send_batch(&self, batch: &Batch) -> Result<Vec<Response>, Error> {
        let response = self.execute(&batch.build()?)?;
        batch.responses(response)
    }

    /// Sends a request as it is (adding the token, and retrying when throttled) and
    /// returns the response, whatever its status.
    pub fn execute(&self, request: &Request) -> Result<Response, Error> {
        let url = self.policy.url(request);
        let mut attempt = 0;
        loop {
            let response = self.execute_once(request, &url)?;
            let Some(delay) = self.policy.retry.delay(&response, attempt) else {
                return Ok(response);
            };
            std::thread::sleep(delay);
            attempt += 1;
        }
    }

    fn execute_once(&self, request: &Request, url: &str) -> Result<Response, Error> {
        let mut http = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(url);
        for (name, value) in &request.headers {
            http = http.header(name.as_str(), value.as_str());
        }
        if let Some(authorization) = self.policy.authorization(request, url) {
            http = http.header("Authorization", authorization);
        }
        let result = match &request.body {
            Some(body) => self
                .agent
                .run(http.body(body.as_slice()).map_err(transport)?),
            // An empty body still sends `Content-Length: 0`, which Graph requires.
            None if request.method.has_body() => {
                self.agent.run(http.body(&[][..]).map_err(transport)?)
            }
            None => self.agent.run(http.body(()).map_err(transport)?),
        };
        let mut response = match result {
            Ok(response) => response,
            Err(ureq::Error::StatusCode(status)) => {
                return Ok(Response::new(status));
            }
            Err(err) => return Err(transport(err)),
        };
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_body)
            .read_to_vec()
            .map_err(transport)?;
        Ok(Response {
            status: response.status().as_u16(),
            headers,
            body,
        })
    }
}

fn transport(err: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::Transport(Box::new(err))
}

/// The pages of a collection: see [`Client::pages`].
#[derive(Debug)]
pub struct Pages<'c, T> {
    client: &'c Client,
    next: Option<Result<Request, Error>>,
    item: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Iterator for Pages<'_, T> {
    type Item = Result<CollectionPage<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = match self.next.take()? {
            Ok(request) => request,
            Err(err) => return Some(Err(err)),
        };
        let result = self
            .client
            .execute(&request)
            .and_then(Collection::<T>::parse);
        if let Ok(page) = &result {
            self.next = self.client.policy.next_page(page, &request);
        }
        Some(result)
    }
}

/// The items of a collection: see [`Client::items`].
#[derive(Debug)]
pub struct Items<'c, T> {
    pages: Pages<'c, T>,
    current: std::vec::IntoIter<T>,
}

impl<T: DeserializeOwned> Iterator for Items<'_, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = page.value.into_iter(),
                Err(err) => return Some(Err(err)),
            }
        }
    }
}
