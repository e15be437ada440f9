//! The Google Reader API over HTTP: login, lists, item pages and id sets, and the writes.
//!
//! One reqwest client per [`Client`], with the same limits as feed fetching: a connect and a
//! total timeout per request and a byte cap enforced while the body streams in (so a server
//! that sends 100,000 ids is read page by page, and one that never stops is cut off). Every
//! list is paged with `n` and followed through `continuation`, because servers default to
//! small pages (FreshRSS: 20) and cap them (Inoreader: 1,000). Writes send the action token
//! `T`, fetched once and again when the server says it went stale. A request refused after
//! login logs in again once, for servers whose sessions expire.
//!
//! What it must not do: touch the cache, or let a server's text reach the user unsanitised
//! (error details are cut and sanitised here; items go through [`super::item`]).

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use reqwest::header::{self, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

pub use super::decode::{
    decode_item_ids, decode_quickadd, decode_stream_page, decode_subscriptions,
    decode_unread_counts,
};
use super::decode::{excerpt, expect_ok, looks_like_html, parse_json};
use super::error::from_reqwest;
use super::item::{Item, ItemId};
use super::streams;
use super::wire::{Subscription, Tag, TagList, UnreadCounts};
use super::{Password, SyncError};
use crate::sanitize::sanitize_line;

/// Item ids asked for per `stream/items/ids` page.
pub const IDS_PAGE: usize = 10_000;
/// Ids sent per `stream/items/contents` request.
pub const CONTENTS_BATCH: usize = 250;
/// Ids sent per `edit-tag` request (FreshRSS reads at most 1 MiB of a POST body).
pub const EDIT_BATCH: usize = 1_000;
/// An id set larger than this is refused rather than read on forever.
pub const MAX_IDS: usize = 2_000_000;
/// Pages followed for one id set before the server is deemed to loop.
const MAX_ID_PAGES: usize = 10_000;

/// Limits and identity for a [`Client`].
///
/// Every request is bounded twice: by `connect_timeout` to get a connection, and by
/// `timeout` for the whole exchange (connection, headers and body). A server that accepts
/// and never answers, or trickles its answer, is a [`SyncError::Timeout`] after `timeout`,
/// never a hang; a sync, made of many requests, stops at the first one that times out.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Limit for establishing the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Limit for one whole request: connection, headers and body.
    pub timeout: Duration,
    /// Largest body accepted, after decompression.
    pub max_bytes: u64,
    /// Sent as `User-Agent`.
    pub user_agent: String,
}

impl Default for ClientOptions {
    fn default() -> ClientOptions {
        ClientOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 64 << 20,
            user_agent: crate::config::DEFAULT_USER_AGENT.to_owned(),
        }
    }
}

impl ClientOptions {
    /// The limits of `[settings]`, as for a feed: `connect_timeout_secs` (default 10 s) to
    /// connect, `timeout_secs` (default 30 s) for each whole request, and its user agent. A
    /// page of items is asked for at most 500 at a time and an id list 10,000 at a time, so
    /// each answer is a few megabytes at most: a feed's limit fits it.
    pub fn from_settings(settings: &crate::config::Settings) -> ClientOptions {
        ClientOptions {
            connect_timeout: settings.connect_timeout,
            timeout: settings.timeout,
            user_agent: settings.user_agent.clone(),
            ..ClientOptions::default()
        }
    }
}

/// What `stream/contents` should return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamQuery {
    /// Items per page (`n`); servers cap it.
    pub count: usize,
    /// Where the previous page ended (`c`).
    pub continuation: Option<String>,
    /// Only items the server got at or after this unix time (`ot`).
    pub newer_than: Option<i64>,
    /// Leave out items with this state (`xt`), e.g. [`streams::READ`].
    pub exclude: Option<String>,
    /// Oldest first (`r=o`) instead of newest first.
    pub oldest_first: bool,
}

/// One page of items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StreamPage {
    pub items: Vec<Item>,
    /// Pass as [`StreamQuery::continuation`] for the next page; `None` at the end.
    pub continuation: Option<String>,
    /// Items the server sent that could not be read (no usable id, wrong types).
    pub skipped: usize,
}

/// A change to a subscription (`subscription/edit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubscriptionEdit {
    /// Subscribe to a feed URL, optionally titled and in a label.
    Subscribe {
        url: String,
        title: Option<String>,
        label: Option<String>,
    },
    /// Drop a subscription (its stream id, `feed/3`).
    Unsubscribe { stream: String },
    /// Rename a subscription.
    Rename { stream: String, title: String },
    /// Put a subscription into a label.
    AddLabel { stream: String, label: String },
    /// Take a subscription out of a label.
    RemoveLabel { stream: String, label: String },
}

/// What `dateline sync --check` reports when everything works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// The API base used.
    pub url: String,
    pub user: String,
    /// Subscriptions on the server.
    pub subscriptions: usize,
    /// Unread items on the server (its reading list's count).
    pub unread: Option<i64>,
}

/// A logged-in (or not yet) Google Reader API client. Cheap to share by reference: every
/// method takes `&self`. Its `Debug` shows no secret (password, session, token).
pub struct Client {
    http: reqwest::Client,
    /// The API base, with a trailing slash so that joins append.
    base: Url,
    /// `host:port`, for error messages.
    authority: String,
    options: ClientOptions,
    /// The user and password, kept to log in again when a session expires.
    credentials: Mutex<Option<(String, Password)>>,
    /// The `Auth=` value of the last login.
    auth: Mutex<Option<String>>,
    /// The action token `T` for writes.
    token: Mutex<Option<String>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base.as_str())
            .field("options", &self.options)
            .field("logged_in", &lock(&self.auth).is_some())
            .finish_non_exhaustive()
    }
}

/// A request body.
enum Form<'a> {
    None,
    Pairs(&'a [(&'a str, String)]),
}

impl Client {
    /// A client for the API at `base_url` (`https://example.org/api/greader.php`); nothing
    /// is sent yet.
    pub fn new(base_url: &str, options: ClientOptions) -> Result<Client, SyncError> {
        let trimmed = base_url.trim();
        let mut base = Url::parse(trimmed).map_err(|e| {
            SyncError::Config(format!("[sync] url {trimmed:?} is not a valid URL: {e}"))
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(SyncError::Config(format!(
                "[sync] url {trimmed:?} must be an http:// or https:// address"
            )));
        }
        base.set_query(None);
        base.set_fragment(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let host = base.host_str().unwrap_or_default().to_owned();
        let authority = match base.port_or_known_default() {
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        let http = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| SyncError::Other(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Client {
            http,
            base,
            authority,
            options,
            credentials: Mutex::new(None),
            auth: Mutex::new(None),
            token: Mutex::new(None),
        })
    }

    /// The API base, as used.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// Logs in with ClientLogin and keeps the session (and the credentials, to log in again
    /// should the session expire).
    pub async fn login(&self, user: &str, password: &Password) -> Result<(), SyncError> {
        let auth = self.client_login(user, password).await?;
        *lock(&self.auth) = Some(auth);
        *lock(&self.credentials) = Some((user.to_owned(), password.clone()));
        *lock(&self.token) = None;
        Ok(())
    }

    async fn client_login(&self, user: &str, password: &Password) -> Result<String, SyncError> {
        const WHAT: &str = "the login";
        let url = self.endpoint(&["accounts", "ClientLogin"])?;
        let form = [
            ("Email", user.to_owned()),
            ("Passwd", password.secret().to_owned()),
        ];
        let response = self
            .http
            .post(url.clone())
            .form(&form)
            .send()
            .await
            .map_err(|e| self.transport(&e, WHAT))?;
        let status = response.status();
        if matches!(status.as_u16(), 401 | 403) {
            return Err(SyncError::BadCredentials {
                status: status.as_u16(),
            });
        }
        if matches!(status.as_u16(), 404 | 405 | 410) {
            return Err(self.not_greader(format!("HTTP {} at {url}", status.as_u16())));
        }
        let body = self.read_body(response, WHAT).await?;
        if !status.is_success() {
            return Err(self.status_error(status, None, WHAT, &body));
        }
        let text = String::from_utf8_lossy(&body);
        let auth = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Auth="))
            .map(str::trim)
            .filter(|a| !a.is_empty());
        match auth {
            Some(auth) if HeaderValue::from_str(&format!("GoogleLogin auth={auth}")).is_ok() => {
                Ok(auth.to_owned())
            }
            Some(_) => Err(SyncError::Malformed {
                what: WHAT,
                detail: "the Auth= value cannot be sent back as a header".into(),
            }),
            None if looks_like_html(&body) => Err(self
                .not_greader("the login answered with a web page, not an Auth= line".to_owned())),
            None => Err(self.not_greader(format!(
                "the login answered without an Auth= line: {}",
                excerpt(&body)
            ))),
        }
    }

    /// Logs in, fetches the token and the subscription list and unread count: what `dateline
    /// sync --check` does.
    pub async fn check(&self, user: &str, password: &Password) -> Result<CheckReport, SyncError> {
        self.login(user, password).await?;
        self.token().await?;
        let subscriptions = self.subscriptions().await?;
        let counts = self.unread_counts().await?;
        let unread = counts
            .unreadcounts
            .iter()
            .find(|c| c.id == streams::READING_LIST)
            .and_then(|c| c.count)
            .or(counts.max);
        Ok(CheckReport {
            url: self.base.to_string(),
            user: user.to_owned(),
            subscriptions: subscriptions.len(),
            unread,
        })
    }

    /// The action token for writes, fetched once per session.
    pub async fn token(&self) -> Result<String, SyncError> {
        if let Some(token) = lock(&self.token).clone() {
            return Ok(token);
        }
        let body = self
            .request(
                Method::GET,
                &["reader", "api", "0", "token"],
                &[],
                Form::None,
                "the token",
            )
            .await?;
        let token = String::from_utf8_lossy(&body).trim().to_owned();
        if token.is_empty() || token.len() > 1024 || looks_like_html(&body) {
            return Err(SyncError::Malformed {
                what: "the token",
                detail: format!("not a token: {}", excerpt(&body)),
            });
        }
        *lock(&self.token) = Some(token.clone());
        Ok(token)
    }

    /// `subscription/list`.
    pub async fn subscriptions(&self) -> Result<Vec<Subscription>, SyncError> {
        let body = self
            .get_body(
                &["reader", "api", "0", "subscription", "list"],
                &[],
                "the subscription list",
            )
            .await?;
        decode_subscriptions(&body)
    }

    /// `tag/list`: states and labels.
    pub async fn tags(&self) -> Result<Vec<Tag>, SyncError> {
        let list: TagList = self
            .get_json(
                &["reader", "api", "0", "tag", "list"],
                &[],
                "the label list",
            )
            .await?;
        Ok(list.tags)
    }

    /// `unread-count`.
    pub async fn unread_counts(&self) -> Result<UnreadCounts, SyncError> {
        let body = self
            .get_body(
                &["reader", "api", "0", "unread-count"],
                &[],
                "the unread count",
            )
            .await?;
        decode_unread_counts(&body)
    }

    /// One page of `stream/contents/<stream>`.
    pub async fn stream_contents(
        &self,
        stream: &str,
        query: &StreamQuery,
    ) -> Result<StreamPage, SyncError> {
        let mut pairs = vec![("n", query.count.max(1).to_string())];
        if let Some(c) = &query.continuation {
            pairs.push(("c", c.clone()));
        }
        if let Some(ot) = query.newer_than {
            pairs.push(("ot", ot.to_string()));
        }
        if let Some(xt) = &query.exclude {
            pairs.push(("xt", xt.clone()));
        }
        if query.oldest_first {
            pairs.push(("r", "o".to_owned()));
        }
        let mut path = vec!["reader", "api", "0", "stream", "contents"];
        path.extend(stream.split('/'));
        let body = self.get_body(&path, &pairs, "a page of items").await?;
        decode_stream_page(&body, "a page of items")
    }

    /// Every id of `stream` (minus the items tagged `exclude`), following continuations
    /// with pages of [`IDS_PAGE`]. Ids come back in the server's order, without repeats.
    pub async fn item_ids(
        &self,
        stream: &str,
        exclude: Option<&str>,
    ) -> Result<Vec<ItemId>, SyncError> {
        self.item_ids_paged(stream, exclude, IDS_PAGE).await
    }

    /// [`Self::item_ids`] with a chosen page size (for tests of paging).
    pub async fn item_ids_paged(
        &self,
        stream: &str,
        exclude: Option<&str>,
        page_size: usize,
    ) -> Result<Vec<ItemId>, SyncError> {
        const WHAT: &str = "the item id list";
        let mut ids = Vec::new();
        let mut seen = HashSet::new();
        let mut continuation: Option<String> = None;
        let mut continuations = HashSet::new();
        for _ in 0..MAX_ID_PAGES {
            let mut pairs = vec![
                ("s", stream.to_owned()),
                ("n", page_size.max(1).to_string()),
            ];
            if let Some(xt) = exclude {
                pairs.push(("xt", xt.to_owned()));
            }
            if let Some(c) = &continuation {
                pairs.push(("c", c.clone()));
            }
            let body = self
                .get_body(
                    &["reader", "api", "0", "stream", "items", "ids"],
                    &pairs,
                    WHAT,
                )
                .await?;
            let (page, next) = decode_item_ids(&body)?;
            let before = ids.len();
            for id in page {
                if seen.insert(id) {
                    ids.push(id);
                }
            }
            if ids.len() > MAX_IDS {
                return Err(SyncError::Malformed {
                    what: WHAT,
                    detail: format!("more than {MAX_IDS} ids"),
                });
            }
            match next {
                // A page that adds nothing, or a continuation seen before, ends the list
                // rather than looping on a confused server.
                Some(c) if ids.len() > before && continuations.insert(c.clone()) => {
                    continuation = Some(c);
                }
                _ => return Ok(ids),
            }
        }
        Err(SyncError::Malformed {
            what: WHAT,
            detail: format!("more than {MAX_ID_PAGES} pages"),
        })
    }

    /// `stream/items/contents` for `ids`, in requests of [`CONTENTS_BATCH`].
    pub async fn items_contents(&self, ids: &[ItemId]) -> Result<StreamPage, SyncError> {
        let mut all = StreamPage::default();
        for chunk in ids.chunks(CONTENTS_BATCH) {
            let form: Vec<(&str, String)> = chunk.iter().map(|id| ("i", id.long_form())).collect();
            let body = self
                .request_with_token(
                    &["reader", "api", "0", "stream", "items", "contents"],
                    &[("output", "json".to_owned())],
                    &form,
                    "the items asked for",
                )
                .await?;
            let page = decode_stream_page(&body, "the items asked for")?;
            all.items.extend(page.items);
            all.skipped += page.skipped;
        }
        Ok(all)
    }

    /// A GET with `output=json`, parsed as `T`.
    async fn get_json<T: DeserializeOwned>(
        &self,
        path: &[&str],
        query: &[(&str, String)],
        what: &'static str,
    ) -> Result<T, SyncError> {
        let body = self.get_body(path, query, what).await?;
        parse_json(&body, what)
    }

    /// A GET with `output=json`: the body as it came.
    async fn get_body(
        &self,
        path: &[&str],
        query: &[(&str, String)],
        what: &'static str,
    ) -> Result<Vec<u8>, SyncError> {
        let mut pairs: Vec<(&str, String)> = vec![("output", "json".to_owned())];
        pairs.extend(query.iter().cloned());
        self.request(Method::GET, path, &pairs, Form::None, what)
            .await
    }

    /// A POST carrying the action token; a token the server calls stale is fetched again
    /// and the request repeated once.
    async fn request_with_token(
        &self,
        path: &[&str],
        query: &[(&str, String)],
        form: &[(&str, String)],
        what: &'static str,
    ) -> Result<Vec<u8>, SyncError> {
        for attempt in 0..2 {
            let token = self.token().await?;
            let mut pairs: Vec<(&str, String)> = form.to_vec();
            pairs.push(("T", token));
            match self
                .request(Method::POST, path, query, Form::Pairs(&pairs), what)
                .await
            {
                Err(SyncError::Unauthorized { .. }) if attempt == 0 => {
                    // A stale token and an expired session look alike (401); drop the token
                    // so that it is fetched again (after a new login, if `request` did one).
                    *lock(&self.token) = None;
                }
                other => return other,
            }
        }
        Err(SyncError::Unauthorized { status: 401, what })
    }

    /// Sends one authenticated request; on 401/403 logs in again once (when it has the
    /// credentials) and repeats it.
    async fn request(
        &self,
        method: Method,
        path: &[&str],
        query: &[(&str, String)],
        form: Form<'_>,
        what: &'static str,
    ) -> Result<Vec<u8>, SyncError> {
        let mut relogged = false;
        loop {
            match self
                .request_once(method.clone(), path, query, &form, what)
                .await
            {
                Err(SyncError::Unauthorized { .. }) if !relogged => {
                    let credentials = lock(&self.credentials).clone();
                    let Some((user, password)) = credentials else {
                        return Err(SyncError::Unauthorized { status: 401, what });
                    };
                    relogged = true;
                    let auth = self.client_login(&user, &password).await?;
                    *lock(&self.auth) = Some(auth);
                    if matches!(form, Form::Pairs(_)) {
                        // The token belongs to the session; the caller fetches a new one.
                        *lock(&self.token) = None;
                        return Err(SyncError::Unauthorized { status: 401, what });
                    }
                }
                other => return other,
            }
        }
    }

    async fn request_once(
        &self,
        method: Method,
        path: &[&str],
        query: &[(&str, String)],
        form: &Form<'_>,
        what: &'static str,
    ) -> Result<Vec<u8>, SyncError> {
        let auth = lock(&self.auth).clone().ok_or_else(|| {
            SyncError::Other("not logged in to the sync server (call login first)".to_owned())
        })?;
        let url = self.endpoint(path)?;
        let mut builder = self
            .http
            .request(method, url)
            .header(header::AUTHORIZATION, format!("GoogleLogin auth={auth}"));
        if !query.is_empty() {
            builder = builder.query(query);
        }
        if let Form::Pairs(pairs) = form {
            builder = builder.form(pairs);
        }
        let response = builder.send().await.map_err(|e| self.transport(&e, what))?;
        let status = response.status();
        let retry_after = retry_after(&response);
        if matches!(status.as_u16(), 401 | 403) {
            return Err(SyncError::Unauthorized {
                status: status.as_u16(),
                what,
            });
        }
        let body = self.read_body(response, what).await?;
        if !status.is_success() {
            return Err(self.status_error(status, retry_after, what, &body));
        }
        Ok(body)
    }

    /// The URL of an API path: the base plus `segments`, each percent-encoded.
    fn endpoint(&self, segments: &[&str]) -> Result<Url, SyncError> {
        let mut url = self.base.clone();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|()| SyncError::Config("[sync] url cannot have a path".to_owned()))?;
            path.pop_if_empty();
            path.extend(segments);
        }
        Ok(url)
    }

    /// Reads the body chunk by chunk, stopping as soon as it passes the cap.
    async fn read_body(
        &self,
        response: reqwest::Response,
        what: &'static str,
    ) -> Result<Vec<u8>, SyncError> {
        let limit = self.options.max_bytes;
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(SyncError::TooLarge { what, limit });
        }
        let mut body = Vec::new();
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| self.transport(&e, what))?;
            if (body.len() as u64).saturating_add(chunk.len() as u64) > limit {
                return Err(SyncError::TooLarge { what, limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn transport(&self, err: &reqwest::Error, what: &'static str) -> SyncError {
        from_reqwest(
            err,
            &self.authority,
            what,
            self.options.timeout,
            self.options.connect_timeout,
        )
    }

    fn not_greader(&self, reason: String) -> SyncError {
        SyncError::NotGReader {
            url: sanitize_line(self.base.as_str()),
            reason,
        }
    }

    fn status_error(
        &self,
        status: StatusCode,
        retry_after: Option<DateTime<Utc>>,
        what: &'static str,
        body: &[u8],
    ) -> SyncError {
        let code = status.as_u16();
        match code {
            429 => SyncError::RateLimited { retry_after },
            500..=599 => SyncError::Server {
                status: code,
                what,
                retry_after,
            },
            404 => self.not_greader(format!("HTTP 404 for {what}")),
            _ => SyncError::Status {
                status: code,
                what,
                detail: if looks_like_html(body) {
                    String::new()
                } else {
                    excerpt(body)
                },
            },
        }
    }
}

/// `Retry-After` as an absolute time (seconds or an HTTP date).
fn retry_after(response: &reqwest::Response) -> Option<DateTime<Utc>> {
    let value = response
        .headers()
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<i64>() {
        return Utc::now().checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?);
    }
    DateTime::parse_from_rfc2822(value)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Locks a mutex, recovering from a poisoned one (the data are plain values).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}

mod write;

#[cfg(test)]
mod tests;
