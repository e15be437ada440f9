//! Unit tests for config parsing and validation.

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::from_toml(text, Path::new("/cfg/config.toml"))
}

#[test]
fn probe() {
    for t in [
        "[settings]\nconcurrency = 0\n",
        "[settings]\nconcurency = 3\n",
        "[setings]\nconcurrency = 3\n",
        "[settings]\nconcurrency = \"3\"\n",
        "[[feeds]]\nurl = \"https://a\"\n\n[[feeds]]\ntitle = \"x\"\n",
        "[[feeds]]\nurl = \"https://a\"\n\n[[feeds]]\nurl = \"https://b\"\ntags = [\"a\", 3]\n",
        "[[feeds]]\nurl = \"https://a\"\nfoo = 1\n",
        "[settings]\nconcurrency = = 3\n",
        "[keys]\nquit = 3\n",
        "[[views]]\nname = \"x\"\n",
        "feeds = 3\n",
        "x = 3\n",
        "[settings]\nrefresh_on_start = \"yes\"\n",
    ] {
        eprintln!("{t:?}\n   -> {}", parse(t).err().map(|e| e.to_string()).unwrap_or_default());
    }
}
