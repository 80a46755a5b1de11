//! The C allocator's memory given back to the system when a large part of it has been freed.
//! glibc keeps freed memory for reuse by the thread arena it came from, so the raw sheets freed
//! after normalising (400 MiB of cells for 200,000 respondents) stayed counted against the
//! run while later stages, on other threads, asked the system for more.

/// Returns the free memory of every arena to the system (glibc's `malloc_trim`); elsewhere
/// nothing.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointers and only releases pages the allocator holds
    // free; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
