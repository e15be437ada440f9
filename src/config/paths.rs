//! Where dateline keeps its files: config, cache database and log.
//!
//! Defaults come from `directories::ProjectDirs`; `--config`/`DATELINE_CONFIG` and
//! `--db`/`DATELINE_DB` override them (clap reads the environment, this module takes the
//! result). Nothing here creates directories: the config loader and the store do that when
//! they first write.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// Resolved locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The TOML config file.
    pub config: PathBuf,
    /// The SQLite cache.
    pub db: PathBuf,
    /// Directory for the log file.
    pub log_dir: PathBuf,
}

/// No home directory, so no default location exists.
#[derive(Debug, thiserror::Error)]
#[error(
    "cannot find your home directory to keep dateline's files in: set HOME, or give both \
     --config FILE and --db FILE (or DATELINE_CONFIG and DATELINE_DB)"
)]
pub struct NoHomeDir;

impl Paths {
    /// Default locations, overridden by the given files.
    ///
    /// Defaults: `config_dir/config.toml`, `data_dir/cache.db`, and logs in `data_dir` (on
    /// Linux `~/.config/dateline` and `~/.local/share/dateline`). Fails with [`NoHomeDir`]
    /// when a default is needed and no home directory can be found.
    pub fn resolve(config: Option<PathBuf>, db: Option<PathBuf>) -> anyhow::Result<Paths> {
        let dirs = ProjectDirs::from("", "", "dateline");
        Ok(resolve_with(
            dirs.as_ref().map(|d| (d.config_dir(), d.data_dir())),
            config,
            db,
        )?)
    }
}

/// [`Paths::resolve`] with the project directories (config dir, data dir) given, so the
/// no-home case can be tested.
fn resolve_with(
    dirs: Option<(&Path, &Path)>,
    config: Option<PathBuf>,
    db: Option<PathBuf>,
) -> Result<Paths, NoHomeDir> {
    match (dirs, config, db) {
        (Some((config_dir, data_dir)), config, db) => Ok(Paths {
            config: config.unwrap_or_else(|| config_dir.join("config.toml")),
            db: db.unwrap_or_else(|| data_dir.join("cache.db")),
            log_dir: data_dir.to_path_buf(),
        }),
        // Without a home, both files must be given; the log goes beside the database.
        (None, Some(config), Some(db)) => {
            let log_dir = db
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            Ok(Paths {
                config,
                db,
                log_dir,
            })
        }
        (None, _, _) => Err(NoHomeDir),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs() -> Option<(&'static Path, &'static Path)> {
        Some((
            Path::new("/home/u/.config/dateline"),
            Path::new("/home/u/.local/share/dateline"),
        ))
    }

    #[test]
    fn defaults_come_from_the_project_dirs() {
        let paths = resolve_with(dirs(), None, None).unwrap();
        assert_eq!(
            paths.config,
            Path::new("/home/u/.config/dateline/config.toml")
        );
        assert_eq!(
            paths.db,
            Path::new("/home/u/.local/share/dateline/cache.db")
        );
        assert_eq!(paths.log_dir, Path::new("/home/u/.local/share/dateline"));
    }

    #[test]
    fn explicit_files_override_each_default_separately() {
        let paths = resolve_with(dirs(), Some("/tmp/c.toml".into()), None).unwrap();
        assert_eq!(paths.config, Path::new("/tmp/c.toml"));
        assert_eq!(
            paths.db,
            Path::new("/home/u/.local/share/dateline/cache.db")
        );
        let paths = resolve_with(dirs(), None, Some("/tmp/x.db".into())).unwrap();
        assert_eq!(
            paths.config,
            Path::new("/home/u/.config/dateline/config.toml")
        );
        assert_eq!(paths.db, Path::new("/tmp/x.db"));
    }

    #[test]
    fn no_home_is_a_clear_error_unless_both_files_are_given() {
        let err = resolve_with(None, Some("c.toml".into()), None).unwrap_err();
        assert!(err.to_string().contains("home directory"), "{err}");
        assert!(resolve_with(None, None, None).is_err());
        let paths =
            resolve_with(None, Some("c.toml".into()), Some("/var/x/cache.db".into())).unwrap();
        assert_eq!(paths.log_dir, Path::new("/var/x"));
        let paths = resolve_with(None, Some("c.toml".into()), Some("cache.db".into())).unwrap();
        assert_eq!(paths.log_dir, Path::new("."));
    }

    #[test]
    fn resolve_on_this_machine_names_dateline_files() {
        // The test environment has a home directory; the names are ours whatever the OS.
        if let Ok(paths) = Paths::resolve(None, None) {
            assert!(paths.config.ends_with("config.toml"));
            assert!(paths.db.ends_with("cache.db"));
            assert!(paths.log_dir.to_string_lossy().contains("dateline"));
        }
    }
}
