// Generates native/vdom/src/tokenizer/entities.rs: the HTML standard's table of named character
// references, read out of the decode trie shipped by the npm package `entities` (fb55/entities,
// a dependency of happy-dom, so it is already in node_modules).
//
// Run by hand from the project root after upgrading that package, then `cargo test -p vdom`:
//     node native/vdom/scripts/gen-entities.mjs
//
// The package ships the table only as a packed binary trie (see its `src/internal/bin-trie-flags.ts`
// and `determineBranch` in `src/decode.ts`). We walk that trie to list every name, then check each
// name against the package's own public `EntityDecoder`, and check the totals: the standard has
// 2,231 names, 106 of them legacy (usable without a semicolon).
//
// One trie node is a 16-bit word: bits 15..14 value length (0 = no value, 1 = value in bits 12..0
// and the node is a leaf, 2 or 3 = one or two UTF-16 units in the next words); bit 13 = "semicolon
// required" when there is a value, else "compact run" (a chain of single-child nodes stored as
// bytes: first char in bits 6..0, run length in bits 12..7, the rest packed two per word); bits
// 12..7 branch count and 6..0 jump offset otherwise.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DecodingMode, EntityDecoder, htmlDecodeTree } from "entities/decode";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
// The package's `exports` hide its package.json; walk up from its entry point to find it.
function findPackageJson(from) {
    for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
        try {
            const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
            if (json.name === "entities") return json;
        } catch {
            // No package.json here (or a partial one without a name): keep walking up.
        }
    }
    throw new Error("cannot find the package.json of `entities`");
}
const pkg = findPackageJson(require.resolve("entities"));

const tree = htmlDecodeTree;
const entries = new Map(); // name (with `;` if required) -> decoded string

function walk(i, path) {
    const current = tree[i];
    const valueLength = (current >> 14) & 3;
    const flag13 = (current & 0x2000) !== 0;
    if (valueLength === 0 && flag13) {
        const runLength = (current >> 7) & 0x3f;
        let run = String.fromCharCode(current & 0x7f);
        for (let k = 0; k < runLength - 1; k++) {
            const word = tree[i + 1 + (k >> 1)];
            run += String.fromCharCode(k % 2 === 0 ? word & 0xff : word >> 8);
        }
        walk(i + 1 + (runLength >> 1), path + run);
        return;
    }
    if (valueLength !== 0) {
        const units = valueLength === 1 ? [current & 0x1fff] : [...tree.subarray(i + 1, i + valueLength)];
        const value = String.fromCharCode(...units);
        if (path.endsWith(";")) entries.set(path, value);
        else if (flag13) entries.set(path + ";", value);
        else entries.set(path, value);
        if (valueLength === 1) return; // the value bits overlap the branch bits: a leaf
    }
    const nodeIndex = i + Math.max(1, valueLength);
    const branchCount = (current >> 7) & 0x3f;
    const jumpOffset = current & 0x7f;
    if (branchCount === 0) {
        if (jumpOffset !== 0) walk(nodeIndex, path + String.fromCharCode(jumpOffset));
    } else if (jumpOffset !== 0) {
        for (let k = 0; k < branchCount; k++) {
            const target = tree[nodeIndex + k];
            if (target !== 0) walk(target - 1, path + String.fromCharCode(jumpOffset + k));
        }
    } else {
        const slots = (branchCount + 1) >> 1;
        for (let k = 0; k < branchCount; k++) {
            const key = (tree[nodeIndex + (k >> 1)] >> ((k & 1) * 8)) & 0xff;
            walk(tree[nodeIndex + slots + k], path + String.fromCharCode(key));
        }
    }
}
walk(0, "");

// Cross-check every name with the package's decoder: `&name` must decode fully to the same text.
let emitted = [];
const decoder = new EntityDecoder(tree, (cp) => emitted.push(cp));
for (const [name, value] of entries) {
    emitted = [];
    decoder.startEntity(name.endsWith(";") ? DecodingMode.Strict : DecodingMode.Legacy);
    // `!` ends a legacy name; the count includes the `&`.
    const consumed = decoder.write(name.endsWith(";") ? name : name + "!", 0);
    const got = String.fromCharCode(...emitted);
    if (consumed !== name.length + 1 || got !== value) {
        const detail = `${consumed} ${JSON.stringify(got)} vs ${JSON.stringify(value)}`;
        throw new Error(`trie walk and decoder disagree on &${name}: ${detail}`);
    }
}

const names = [...entries.keys()].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
const legacyCount = names.filter((n) => !n.endsWith(";")).length;
if (names.length !== 2231 || legacyCount !== 106) {
    throw new Error(`expected 2231 names (106 legacy), got ${names.length} (${legacyCount} legacy)`);
}

const rustStr = (s) =>
    [...s].map((ch) => `\\u{${ch.codePointAt(0).toString(16)}}`).join("");

// Index of the first entry for each leading byte (names start with an ASCII letter), so a lookup
// binary-searches only the names sharing the first letter.
const first = new Array(129).fill(null);
names.forEach((n, i) => {
    const b = n.charCodeAt(0);
    if (first[b] === null) first[b] = i;
});
let next = names.length;
for (let b = 128; b >= 0; b--) {
    if (first[b] === null) first[b] = next;
    else next = first[b];
}

// Open-addressing hash table over all names (FNV-1a, linear probing), for the common case where
// the whole alphanumeric run after `&` (plus its `;`) is a name. Must match `fnv1a` in char_ref.rs.
const HASH_BITS = 12;
const hashTable = new Array(1 << HASH_BITS).fill(0xffff);
const fnv1a = (bytes) => {
    let h = 0x811c9dc5;
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
};
names.forEach((n, i) => {
    let slot = fnv1a(Buffer.from(n)) & ((1 << HASH_BITS) - 1);
    while (hashTable[slot] !== 0xffff) slot = (slot + 1) & ((1 << HASH_BITS) - 1);
    hashTable[slot] = i;
});

const maxLen = Math.max(...names.map((n) => n.length));
const lines = [];
lines.push(`//! GENERATED by \`native/vdom/scripts/gen-entities.mjs\` from the npm package`);
lines.push(`//! \`${pkg.name}\` ${pkg.version} (${pkg.license}) — do not edit by hand.`);
lines.push(`//!`);
lines.push(`//! The HTML standard's named character references: ${names.length} names, ${legacyCount} of them`);
lines.push(`//! the legacy ones matched without a trailing semicolon.`);
lines.push(``);
lines.push(`/// Length in bytes of the longest name (semicolon included).`);
lines.push(`pub(crate) const MAX_NAME_LEN: usize = ${maxLen};`);
lines.push(``);
lines.push(`/// \`(name after '&', replacement)\`, sorted by name bytes. A name ending in \`;\` needs it.`);
lines.push(`pub(crate) static ENTITIES: [(&[u8], &str); ${names.length}] = [`);
for (const n of names) lines.push(`    (b"${n}", "${rustStr(entries.get(n))}"),`);
lines.push(`];`);
lines.push(``);
lines.push(`/// \`FIRST[b]..FIRST[b + 1]\` is the range of \`ENTITIES\` whose names start with byte \`b\` (< 128).`);
lines.push(`pub(crate) static FIRST: [u16; 129] = [`);
for (let b = 0; b < 129; b += 16) lines.push(`    ${first.slice(b, b + 16).join(", ")},`);
lines.push(`];`);
lines.push(``);

lines.push(`/// log2 of the size of \`HASH\`.`);
lines.push(`pub(crate) const HASH_BITS: u32 = ${HASH_BITS};`);
lines.push(``);
lines.push(`/// Open-addressing table of \`ENTITIES\` indices by FNV-1a hash of the name, linear probing;`);
lines.push(`/// \`u16::MAX\` marks an empty slot.`);
lines.push(`pub(crate) static HASH: [u16; ${1 << HASH_BITS}] = [`);
for (let k = 0; k < hashTable.length; k += 16) lines.push(`    ${hashTable.slice(k, k + 16).join(", ")},`);
lines.push(`];`);
lines.push(``);

const out = join(here, "..", "src", "tokenizer", "entities.rs");
writeFileSync(out, lines.join("\n"));
console.log(`wrote ${names.length} names (${legacyCount} legacy, longest ${maxLen}) to ${out}`);
