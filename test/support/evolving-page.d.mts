/** The HTML of each step of the deterministic page seeded by `seed`, from step 0 to `steps - 1`. */
export declare function evolvingPage(seed: number, steps: number, size?: number): string[];

/** A page with `count` list items, large enough that one diff takes milliseconds. */
export declare function bigPage(count: number, variant: number): string;
