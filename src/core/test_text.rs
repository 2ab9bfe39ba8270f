//! Generated test input shared by the modules whose fast paths are checked against a plain
//! reference reading on many mixed strings.

/// `count` strings, each of up to `max_pieces - 1` pieces picked from `pieces`; the same
/// `seed` always gives the same strings (xorshift for the length, an LCG for the picks).
pub fn mixed_strings<'p>(
    pieces: &'p [&'p str],
    seed: u64,
    count: usize,
    max_pieces: u64,
) -> impl Iterator<Item = String> + 'p {
    let mut state = seed;
    (0..count).map(move |_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut text = String::new();
        let mut pick = state;
        for _ in 0..state % max_pieces {
            pick = pick.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            text.push_str(pieces[(pick >> 33) as usize % pieces.len()]);
        }
        text
    })
}
