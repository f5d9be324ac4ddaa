//! Order-preserving parallel map and join on scoped threads, for the
//! embarrassingly parallel parts of the work (the two sides of a comparison,
//! the changes of a long one, the statements of a thread). Results come back in
//! input order, so output is byte-identical whatever the number of threads.

use std::num::NonZeroUsize;
use std::sync::OnceLock;

/// Threads to use: `REDLINER_THREADS` if set (1 runs everything on this
/// thread), else the machine's available parallelism. Read once: asking the
/// system reads cgroup files, and a digest asks for every pair.
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("REDLINER_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get))
    })
}

/// Threads worth using for `work` units when a thread should get at least
/// `min_per_thread` of them (starting a thread costs more than a little work).
pub fn threads_for(work: usize, min_per_thread: usize) -> usize {
    threads().min(work / min_per_thread.max(1)).max(1)
}

/// `(a(), b())`, on two threads when `side_by_side` (and more than one thread
/// is allowed).
pub fn join<A: Send, B: Send>(
    side_by_side: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !side_by_side || threads() == 1 {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        (a, b.join().expect("worker threads do not panic"))
    })
}

/// `items.into_iter().map(f).collect()`, spread over [`threads`] threads in
/// contiguous chunks.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    map_on(threads(), items, f)
}

/// [`map`] on at most `threads` threads.
pub fn map_on<T: Send, R: Send>(
    threads: usize,
    mut items: Vec<T>,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.min(items.len()).max(1);
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut chunks = Vec::with_capacity(threads);
    while !items.is_empty() {
        let rest = items.split_off(items.len().min(chunk));
        chunks.push(std::mem::replace(&mut items, rest));
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker threads do not panic"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order() {
        let items: Vec<u32> = (0..1001).collect();
        let doubled = map(items.clone(), |x| x * 2);
        assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(map(Vec::<u32>::new(), |x| x).is_empty());
    }
}
