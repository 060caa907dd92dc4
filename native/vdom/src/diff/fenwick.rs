//! A Fenwick (binary indexed) tree of 0/1 occupancy: "how many children sit before position p"
//! in O(log n), so every move and insert can carry the index it has at the moment it is applied.

/// Occupancy counts over positions `0..len`.
pub struct Fenwick {
    tree: Vec<i32>,
}

impl Fenwick {
    /// Builds from initial 0/1 values in O(n).
    pub fn from_values(values: &[i32]) -> Fenwick {
        let mut tree = vec![0; values.len() + 1];
        for (i, &v) in values.iter().enumerate() {
            tree[i + 1] += v;
            let parent = (i + 1) + ((i + 1) & (i + 1).wrapping_neg());
            if parent < tree.len() {
                tree[parent] += tree[i + 1];
            }
        }
        Fenwick { tree }
    }

    /// Adds `delta` at position `p`.
    pub fn add(&mut self, p: usize, delta: i32) {
        let mut i = p + 1;
        while i < self.tree.len() {
            self.tree[i] += delta;
            i += i & i.wrapping_neg();
        }
    }

    /// Sum over positions `0..p` (exclusive).
    pub fn before(&self, p: usize) -> u32 {
        let mut i = p;
        let mut s = 0;
        while i > 0 {
            s += self.tree[i];
            i -= i & i.wrapping_neg();
        }
        s as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_plain_prefix_sum() {
        let mut vals: Vec<i32> = (0..37).map(|i| (i % 3 == 0) as i32).collect();
        let mut f = Fenwick::from_values(&vals);
        for step in 0..200usize {
            let p = (step * 7919) % vals.len();
            let d = if vals[p] == 1 { -1 } else { 1 };
            vals[p] += d;
            f.add(p, d);
            for q in 0..=vals.len() {
                let expect: i32 = vals[..q].iter().sum();
                assert_eq!(f.before(q), expect as u32);
            }
        }
    }
}
