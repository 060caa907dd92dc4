//! Longest increasing subsequence: the children that keep their place, so that every other kept
//! child is moved exactly once and the number of moves is minimal.

/// Marks the members of one longest strictly increasing subsequence of `seq` (entries `None` are
/// skipped and never marked). O(n log n).
pub fn longest_increasing(seq: &[Option<u32>]) -> Vec<bool> {
    // tails[k] = index into seq of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = vec![usize::MAX; seq.len()];
    for (i, v) in seq.iter().enumerate() {
        let Some(v) = *v else { continue };
        let k = tails.partition_point(|&t| seq[t].unwrap_or(0) < v);
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut keep = vec![false; seq.len()];
    let mut cur = tails.last().copied().unwrap_or(usize::MAX);
    while cur != usize::MAX {
        keep[cur] = true;
        cur = prev[cur];
    }
    keep
}

/// Length of the longest strictly increasing subsequence by the O(n²) textbook recurrence; the
/// reference the fast version is tested against.
pub fn naive_lis_len(seq: &[Option<u32>]) -> usize {
    let vals: Vec<u32> = seq.iter().flatten().copied().collect();
    let mut best = vec![1usize; vals.len()];
    for i in 0..vals.len() {
        for j in 0..i {
            if vals[j] < vals[i] && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
            }
        }
    }
    best.into_iter().max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_an_increasing_run_of_maximal_length() {
        let mut x: u64 = 0x9e3779b97f4a7c15;
        for n in 0..60u32 {
            let mut seq: Vec<Option<u32>> = (0..n).map(Some).collect();
            for i in (1..seq.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                seq.swap(i, (x % (i as u64 + 1)) as usize);
            }
            for v in seq.iter_mut().step_by(5) {
                *v = None;
            }
            let keep = longest_increasing(&seq);
            let kept: Vec<u32> = seq.iter().zip(&keep).filter(|(_, k)| **k).map(|(v, _)| v.unwrap()).collect();
            assert!(kept.windows(2).all(|w| w[0] < w[1]));
            assert_eq!(kept.len(), naive_lis_len(&seq));
        }
        let rev: Vec<Option<u32>> = (0..100).rev().map(Some).collect();
        assert_eq!(longest_increasing(&rev).iter().filter(|k| **k).count(), 1);
    }
}
