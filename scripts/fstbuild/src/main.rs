//! Builds an `fst::Map` file from `key<TAB>u64` lines on stdin (keys strictly increasing
//! byte-wise), for scripts/build_gazetteers.py, which cannot write the fst format itself.
//!
//! Usage: `fstbuild OUT.fst < pairs.tsv`

use std::io::{BufRead, BufWriter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: fstbuild OUT.fst < pairs.tsv")?;
    let file = BufWriter::new(std::fs::File::create(&out)?);
    let mut builder = fst::MapBuilder::new(file)?;
    let stdin = std::io::stdin();
    let mut count = 0u64;
    for line in stdin.lock().lines() {
        let line = line?;
        let (key, value) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("line {} has no tab", count + 1))?;
        builder.insert(key, value.parse::<u64>()?)?;
        count += 1;
    }
    builder.finish()?;
    eprintln!("fstbuild: {count} keys -> {out}");
    Ok(())
}
