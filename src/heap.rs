//! The allocator's settings, applied once at the start of the process ([`tune`]).
//!
//! Why: glibc's malloc serves a block of 128 KiB or more with its own `mmap` and gives it back
//! on free, but it raises that threshold to the size of any such block freed (up to 32 MiB),
//! after which feed bodies (250 KB in the refresh bench), page bodies and SQLite's larger
//! buffers come from the heap arenas, where freed memory stays in the process, scattered
//! among small blocks, once per arena (one per thread that allocates, up to eight per core).
//! Measured on a cold refresh of 500 feeds x 50 items (release build, bodies already bounded
//! by the worker): peak RSS 85 MB with glibc's defaults, 52 MB with the threshold fixed at
//! 128 KiB, the same wall and CPU time within the noise. Other allocators (musl, other
//! platforms) are left alone.

/// The size from which a block gets its own mapping: glibc's own starting value, fixed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 128 * 1024;

/// Fixes glibc's mmap threshold (see the module's documentation). Call once, first thing in
/// `main`, before any thread starts.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: `mallopt` only changes malloc's parameters; it is called before any other
        // thread exists. A refusal (0) leaves glibc's defaults, which are only larger.
        let _accepted = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) };
    }
}
