//! An async client for route builders (feature `client-async`), on reqwest
//! and tokio, with rustls for TLS.
//!
//! It sends the same sans-IO [`Request`] values as the blocking client and
//! follows the same policies ([`crate::http::policy`], [`crate::http::hosts`]):
//! the token only to Graph's hosts and the ones you allow, retries of
//! `429`/`503` after `Retry-After`, `@odata.nextLink` paging never to another
//! host; collections are [`Stream`]s of typed items. Its `Debug` form never
//! shows the token.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use graphdoc_runtime::client_async::AsyncClient;
//! use graphdoc_runtime::http::{Collection, Method, RequestBuilder};
//!
//! # async fn run() -> Result<(), graphdoc_runtime::http::Error> {
//! let client = AsyncClient::new().bearer_token("eyJ0eXAi...");
//! let users: RequestBuilder<Collection<serde_json::Value>> = RequestBuilder::new(
//!     Method::Get,
//!     "https://graph.microsoft.com/v1.0",
//!     "/users",
//!     &[],
//! );
//! let mut users = std::pin::pin!(client.items(users.top(100)));
//! while let Some(user) = users.next().await {
//!     println!("{}", user?["displayName"]);
//! }
//! # Ok(())
//! # }
//! ```

use std::time::Duration;

use futures_util::Stream;
use futures_util::stream;
use serde::de::DeserializeOwned;

use crate::http::batch::Batch;
use crate::http::policy::ClientPolicy;
use crate::http::{
    Collection, CollectionPage, Error, Request, RequestBuilder, Response, ResponseKind,
};

/// An async Microsoft Graph client. Cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct AsyncClient {
    http: reqwest::Client,
    policy: ClientPolicy,
    max_body: usize,
}

impl Default for AsyncClient {
    fn default() -> Self {
        Self::new()
    }
}

impl AsyncClient {
    /// A client with a 100-second timeout per request and no token.
    pub fn new() -> Self {
        Self::with_timeout(Duration::from_secs(100))
    }

    /// A client whose requests time out after `timeout` (connection and
    /// response, body included).
    pub fn with_timeout(timeout: Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .expect("a client with rustls and a timeout builds");
        Self::with_client(http)
    }

    /// A client on this reqwest client (its own timeouts, proxy, pool).
    pub fn with_client(http: reqwest::Client) -> Self {
        Self {
            http,
            policy: ClientPolicy::default(),
            max_body: 100 * 1024 * 1024,
        }
    }

    /// Sends `Authorization: Bearer <token>` with every request to an
    /// allowed host that sets no `Authorization` of its own.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.policy.set_token(token.into());
        self
    }

    /// Also sends the token to this host (any port).
    pub fn allow_host(mut self, host: &str) -> Self {
        self.policy.allow_host(host);
        self
    }

    /// Sends requests for `https://graph.microsoft.com` to this scheme and
    /// host instead (a local test server, a national cloud); the host is
    /// allowed the token.
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
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// Builds and sends a route's request, and parses the response into the
    /// route's typed result.
    pub async fn send<R: ResponseKind>(
        &self,
        builder: RequestBuilder<R>,
    ) -> Result<R::Output, Error> {
        let request = builder.build()?;
        R::parse(self.execute(&request).await?)
    }

    /// The pages of a collection, following `@odata.nextLink` until the last
    /// page or the first error.
    pub fn pages<'c, T: DeserializeOwned + 'c>(
        &'c self,
        builder: RequestBuilder<Collection<T>>,
    ) -> impl Stream<Item = Result<CollectionPage<T>, Error>> + 'c {
        stream::unfold(Some(builder.build()), move |next| async move {
            let request = match next? {
                Ok(request) => request,
                Err(err) => return Some((Err(err), None)),
            };
            let result = match self.execute(&request).await {
                Ok(response) => Collection::<T>::parse(response),
                Err(err) => Err(err),
            };
            let next = match &result {
                Ok(page) => self.policy.next_page(page, &request),
                Err(_) => None,
            };
            Some((result, next))
        })
    }

    /// The items of a collection, page after page: [`AsyncClient::pages`], flattened.
    pub fn items<'c, T: DeserializeOwned + 'c>(
        &'c self,
        builder: RequestBuilder<Collection<T>>,
    ) -> impl Stream<Item = Result<T, Error>> + 'c {
        use futures_util::StreamExt;
        self.pages(builder).flat_map(|page| {
            let items: Vec<Result<T, Error>> = match page {
                Ok(page) => page.value.into_iter().map(Ok).collect(),
                Err(err) => vec![Err(err)],
            };
            stream::iter(items)
        })
    }

    /// Sends a [`Batch`] as one `$batch` request and splits its answer
    /// into each request's response, in the order added (parse each with
    /// its [`BatchItem`](crate::http::batch::BatchItem)).
    pub async fn send_batch(&self, batch: &Batch) -> Result<Vec<Response>, Error> {
        let response = self.execute(&batch.build()?).await?;
        batch.responses(response)
    }

    /// Sends a request as it is (adding the token where allowed, retrying
    /// when throttled) and returns the response, whatever its status.
    pub async fn execute(&self, request: &Request) -> Result<Response, Error> {
        let url = self.policy.url(request);
        let mut attempt = 0;
        loop {
            let response = self.execute_once(request, &url).await?;
            let Some(delay) = self.policy.retry.delay(&response, attempt) else {
                return Ok(response);
            };
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn execute_once(&self, request: &Request, url: &str) -> Result<Response, Error> {
        let method =
            reqwest::Method::from_bytes(request.method.as_str().as_bytes()).map_err(transport)?;
        let mut http = self.http.request(method, url);
        for (name, value) in &request.headers {
            http = http.header(name.as_str(), value.as_str());
        }
        if let Some(authorization) = self.policy.authorization(request, url) {
            http = http.header("Authorization", authorization);
        }
        http = match &request.body {
            Some(body) => http.body(body.clone()),
            // An empty body still sends `Content-Length: 0`, which Graph requires.
            None if request.method.has_body() => http.body(Vec::new()),
            None => http,
        };
        let mut response = http.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > self.max_body {
                return Err(transport(BodyTooLarge(self.max_body)));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// A response body over the client's limit.
#[derive(Debug, thiserror::Error)]
#[error("the response body is larger than {0} bytes")]
struct BodyTooLarge(usize);

fn transport(err: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::Transport(Box::new(err))
}
