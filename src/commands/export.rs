//! `dateline export`: the feed list as OPML 2.0: the configuration's, or with `[sync]` set,
//! the sync server's subscriptions (labels as categories).

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::env::Env;
use super::output::Out;
use crate::config::import;
use crate::store::Store;
use crate::worker::sync::subscriptions::server_feed_list;

/// Writes the configured feeds as OPML 2.0 to standard output; a feed with no title in the
/// configuration gets its own title from the cache.
pub(super) fn run(env: &Env) -> Result<ExitCode> {
    let mut out = Out::new();
    if let Some(setup) = env.sync_setup() {
        let runtime = super::env::runtime(Some(1))?;
        let feeds = runtime
            .block_on(async {
                let (client, warning) = setup.connect().await?;
                if let Some(w) = warning {
                    eprintln!("warning: {w}");
                }
                server_feed_list(&client).await
            })
            .map_err(|e| {
                anyhow::anyhow!("cannot read the subscriptions from the sync server: {e}")
            })?;
        out.write(&import::export_opml(&feeds, &HashMap::new()))?;
        return Ok(ExitCode::SUCCESS);
    }
    out.write(&import::export_opml(
        &env.config.feeds,
        &own_titles(&env.db),
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The feeds' own titles as the cache last read them, by URL. Empty when there is no cache yet
/// (none is created) or it cannot be read: export then names those feeds by their URLs.
fn own_titles(db: &Path) -> HashMap<String, String> {
    if !db.exists() {
        return HashMap::new();
    }
    match Store::open_reader(db).and_then(|store| store.feeds()) {
        Ok(feeds) => feeds
            .into_iter()
            .filter_map(|f| Some((f.url, f.feed_title?)))
            .collect(),
        Err(e) => {
            eprintln!("warning: {e}; feeds without a title in the config are exported by URL");
            HashMap::new()
        }
    }
}
