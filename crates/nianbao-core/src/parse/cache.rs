//! Bounded memo tables, owned by a [`super::Reader`] and shared by the threads reading with it.
//!
//! What the reader computes from a short text alone (the tokens of a cell, the heading a line could
//! be, the similarities of a non-standard label with a table's items) is remembered here: the same
//! few hundred strings recur from report to report and from keystroke to keystroke. Each entry is a
//! pure function of its key, so a memo never changes a result, only the time it takes. A memo is
//! one owned value with a fixed bound on its entries, whatever the number of threads reading with it
//! (a language server's blocking pool may hold hundreds): it is split into a few shards, each behind
//! its own lock, and a shard that is full starts over.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

/// Number of independently locked parts of a memo (threads reading different keys rarely wait).
const SHARD_COUNT: usize = 8;

/// One locked part of a [`Memo`].
type Shard<V> = Mutex<FxHashMap<Box<str>, V>>;

/// A bounded map from short texts to values, shared by threads.
pub(crate) struct Memo<V> {
    shards: Box<[Shard<V>]>,
    entries_per_shard: usize,
}

impl<V: Clone> Memo<V> {
    /// A memo holding at most about `max_entries` entries (none at all for 0: every lookup misses).
    pub(crate) fn new(max_entries: usize) -> Self {
        Memo {
            shards: (0..SHARD_COUNT)
                .map(|_| Mutex::new(FxHashMap::default()))
                .collect(),
            entries_per_shard: max_entries.div_ceil(SHARD_COUNT),
        }
    }

    fn shard(&self, key: &str) -> &Shard<V> {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one(key);
        // (the high bits: FxHash mixes them best)
        &self.shards[(hash >> 58) as usize % SHARD_COUNT]
    }

    /// The value remembered for `key`, if any.
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        if self.entries_per_shard == 0 {
            return None;
        }
        // a poisoned lock (a panic elsewhere while it was held) only loses the memo
        self.shard(key).lock().ok()?.get(key).cloned()
    }

    /// Remember `value` for `key` (a full shard is emptied first).
    pub(crate) fn insert(&self, key: &str, value: V) {
        if self.entries_per_shard == 0 {
            return;
        }
        if let Ok(mut shard) = self.shard(key).lock() {
            if let Some(known) = shard.get_mut(key) {
                *known = value;
                return;
            }
            if shard.len() >= self.entries_per_shard {
                shard.clear();
            }
            shard.insert(key.into(), value);
        }
    }

    /// Number of entries held (for tests).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().map_or(0, |s| s.len()))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_stays_within_its_bound() {
        let memo: Memo<usize> = Memo::new(64);
        for i in 0..10_000 {
            memo.insert(&format!("键{i}"), i);
            assert!(memo.len() <= 64, "{}", memo.len());
        }
        // what was just written is found, with its value
        assert_eq!(memo.get("键9999"), Some(9999));
    }

    #[test]
    fn a_memo_of_size_zero_remembers_nothing() {
        let memo: Memo<usize> = Memo::new(0);
        memo.insert("键", 1);
        assert_eq!(memo.get("键"), None);
    }

    #[test]
    fn threads_share_one_memo() {
        let memo: Memo<usize> = Memo::new(1024);
        std::thread::scope(|s| {
            for t in 0..16 {
                let memo = &memo;
                s.spawn(move || {
                    for i in 0..200 {
                        memo.insert(&format!("{}", i % 50), i % 50);
                        let _ = t;
                    }
                });
            }
        });
        // sixteen threads wrote the same 50 keys: 50 entries, not 16 × 50
        assert_eq!(memo.len(), 50);
    }
}
