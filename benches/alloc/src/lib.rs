//! A counting wrapper around the system allocator, for `benches/extract.rs`: live heap
//! bytes, a resettable peak (for one extraction) and a peak over the whole process.
//!
//! ```ignore
//! #[global_allocator]
//! static HEAP: klartext_bench_alloc::CountingAlloc = klartext_bench_alloc::CountingAlloc;
//! ```
//!
//! Every call is forwarded to `System` unchanged (including `realloc`, so growing buffers
//! keep the system allocator's in-place and `mremap` paths); the bookkeeping is three
//! relaxed atomics per call. A `realloc` that moves a block briefly holds old and new
//! copies; that transient is not counted (the peak moves by the size difference).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static PEAK_ALL: AtomicUsize = AtomicUsize::new(0);
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// The allocator. Install with `#[global_allocator]`; query through the associated functions.
#[derive(Debug, Default, Clone, Copy)]
pub struct CountingAlloc;

impl CountingAlloc {
    /// Heap bytes live now.
    pub fn current() -> usize {
        CURRENT.load(Ordering::Relaxed)
    }

    /// Most heap bytes live at once since the last [`CountingAlloc::reset_peak`].
    pub fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }

    /// Most heap bytes live at once since the process started (never reset).
    pub fn peak_all() -> usize {
        PEAK_ALL.load(Ordering::Relaxed)
    }

    /// Sets the resettable peak to what is live now; returns that baseline.
    pub fn reset_peak() -> usize {
        let now = CURRENT.load(Ordering::Relaxed);
        PEAK.store(now, Ordering::Relaxed);
        now
    }

    /// Allocation calls so far (`alloc`, `alloc_zeroed` and `realloc` each count one).
    pub fn allocations() -> usize {
        ALLOCATIONS.load(Ordering::Relaxed)
    }

    fn grow(by: usize) {
        let now = CURRENT.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(now, Ordering::Relaxed);
        PEAK_ALL.fetch_max(now, Ordering::Relaxed);
    }

    fn shrink(by: usize) {
        CURRENT.fetch_sub(by, Ordering::Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged and
// returns its result; the counters do not touch the memory.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc(layout);
        if !ptr.is_null() {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            Self::grow(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = System.alloc_zeroed(layout);
        if !ptr.is_null() {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            Self::grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        Self::shrink(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_ptr = System.realloc(ptr, layout, new_size);
        if !new_ptr.is_null() {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            let old = layout.size();
            if new_size >= old {
                Self::grow(new_size - old);
            } else {
                Self::shrink(old - new_size);
            }
        }
        new_ptr
    }
}
