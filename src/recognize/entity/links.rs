//! The links between entities: the actor a speaker speaks for, and the
//! places a place lies in.

use super::Gazetteer;

impl Gazetteer {
    /// Records that the speaker at `index` speaks for the actor `actor`.
    pub fn set_speaks_for(&mut self, index: usize, actor: &str) {
        self.entities[index].speaks_for = Some(actor.to_string());
    }

    /// Records that the place at `part` lies in the place at `whole`.
    pub fn add_part_of(&mut self, part: usize, whole: usize) {
        if !self.entities[part].part_of.contains(&whole) {
            self.entities[part].part_of.push(whole);
        }
    }

    /// Does the place at `part` lie in the place at `whole`, through any
    /// chain of `part_of` (not counting itself)? Cycles end the walk.
    pub fn lies_in(&self, part: usize, whole: usize) -> bool {
        let mut seen = vec![part];
        let mut stack: Vec<usize> = self.entities[part].part_of.clone();
        while let Some(next) = stack.pop() {
            if next == whole {
                return true;
            }
            if !seen.contains(&next) {
                seen.push(next);
                stack.extend(&self.entities[next].part_of);
            }
        }
        false
    }
}
