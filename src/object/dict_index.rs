//! `EntryIndex`: the hash index of a `DictTable`, CPython's `dk_indices` (open addressing over entry positions, perturbed probing, dummies after deletions).
//!
//! A flat `Box<[u32]>` of entry positions rather than a SIMD table: a free-threaded reader can
//! walk it without the dict's lock (`Guarded::<DictTable>::get_optimistic` in `header.rs`) with
//! nothing but bounded loads, as CPython's `_Py_dict_lookup_threadsafe` walks `dk_indices`.
//! The table keeps at least a third of its slots empty, so every probe sequence ends at an
//! empty slot; a reader looking at a torn copy bounds its walk by the slot count instead.
#![forbid(unsafe_code)]

/// A slot that never held an entry: a probe ends here.
pub const EMPTY: u32 = u32::MAX;
/// A slot whose entry was removed: a probe continues past it.
pub const DUMMY: u32 = u32::MAX - 1;
const MIN_SLOTS: usize = 8;
const PERTURB_SHIFT: u32 = 5;

/// The probe sequence of CPython's dicts: `i = i*5 + perturb + 1`, perturb shifted each step.
#[derive(Clone, Copy)]
pub struct ProbeSeq {
    i: usize,
    perturb: u64,
    mask: usize,
}

impl ProbeSeq {
    #[inline(always)]
    pub fn new(hash: u64, slots: usize) -> Self {
        let mask = slots.wrapping_sub(1);
        ProbeSeq { i: hash as usize & mask, perturb: hash, mask }
    }
    #[inline(always)]
    pub fn pos(&self) -> usize {
        self.i
    }
    #[inline(always)]
    pub fn advance(&mut self) {
        self.perturb >>= PERTURB_SHIFT;
        self.i = (self.i.wrapping_mul(5).wrapping_add(self.perturb as usize).wrapping_add(1))
            & self.mask;
    }
}

/// Hash -> entry position (see the module notes).
#[derive(Clone, Default)]
pub struct EntryIndex {
    slots: Box<[u32]>,
    /// Slots holding a position or a dummy.
    used: usize,
}

impl EntryIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        let mut ix = EntryIndex::new();
        if n > 0 {
            ix.slots = vec![EMPTY; slots_for(n)].into_boxed_slice();
        }
        ix
    }

    /// The raw slots (for the optimistic reader, which copies them one by one).
    #[inline(always)]
    pub fn slots(&self) -> &[u32] {
        &self.slots
    }

    /// The position whose entry `eq` accepts, among those filed under `hash`.
    #[inline]
    pub fn find(&self, hash: u64, mut eq: impl FnMut(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mut p = ProbeSeq::new(hash, self.slots.len());
        loop {
            let ix = self.slots[p.pos()];
            if ix == EMPTY {
                return None;
            }
            if ix != DUMMY && eq(ix as usize) {
                return Some(ix as usize);
            }
            p.advance();
        }
    }

    /// File a position known to be absent; `hash_of` gives the hash of any position (to refile
    /// them all when the index grows).
    #[inline]
    pub fn insert_unique(&mut self, hash: u64, pos: usize, hash_of: impl Fn(usize) -> u64) {
        if (self.used + 1) * 3 > self.slots.len() * 2 {
            self.grow(hash_of);
        }
        let mut p = ProbeSeq::new(hash, self.slots.len());
        while self.slots[p.pos()] != EMPTY {
            p.advance();
        }
        self.slots[p.pos()] = pos as u32;
        self.used += 1;
    }

    /// Remove the slot holding `pos` (filed under `hash`); it becomes a dummy.
    pub fn remove(&mut self, hash: u64, pos: usize) {
        if self.slots.is_empty() {
            return;
        }
        let mut p = ProbeSeq::new(hash, self.slots.len());
        for _ in 0..self.slots.len() {
            let ix = self.slots[p.pos()];
            if ix == EMPTY {
                return;
            }
            if ix == pos as u32 {
                self.slots[p.pos()] = DUMMY;
                return;
            }
            p.advance();
        }
    }

    pub fn clear(&mut self) {
        self.slots = Box::default();
        self.used = 0;
    }

    /// Refile every live position in a table sized for them (dummies dropped).
    fn grow(&mut self, hash_of: impl Fn(usize) -> u64) {
        let old = std::mem::take(&mut self.slots);
        let live = old.iter().filter(|&&ix| ix < DUMMY).count();
        let n = slots_for(live + 1);
        let mut slots = vec![EMPTY; n].into_boxed_slice();
        for ix in old.iter().copied().filter(|&ix| ix < DUMMY) {
            let mut p = ProbeSeq::new(hash_of(ix as usize), n);
            while slots[p.pos()] != EMPTY {
                p.advance();
            }
            slots[p.pos()] = ix;
        }
        self.slots = slots;
        self.used = live;
    }
}

/// Slots for `n` entries: a power of two, at least `MIN_SLOTS`, keeping load under 2/3 with
/// room to grow (CPython sizes for `used * 3`).
fn slots_for(n: usize) -> usize {
    (n * 3).max(MIN_SLOTS).next_power_of_two()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_find_remove_and_grow_with_colliding_hashes() {
        let hashes: Vec<u64> = (0..500u64).map(|i| i % 7 * 1_000_003).collect();
        let mut ix = EntryIndex::new();
        for (pos, h) in hashes.iter().enumerate() {
            ix.insert_unique(*h, pos, |p| hashes[p]);
        }
        for (pos, h) in hashes.iter().enumerate() {
            assert_eq!(ix.find(*h, |p| p == pos), Some(pos));
        }
        for pos in (0..500).step_by(2) {
            ix.remove(hashes[pos], pos);
        }
        for (pos, h) in hashes.iter().enumerate() {
            let want = if pos % 2 == 0 { None } else { Some(pos) };
            assert_eq!(ix.find(*h, |p| p == pos), want);
        }
        assert!(ix.slots().contains(&EMPTY), "a probe always ends");
    }
}
