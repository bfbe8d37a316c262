;; The literal filter's search, in WebAssembly text. `npm run assemble-wasm` turns it into
;; literal-filter-wasm.ts (the bytes the scanner loads); a unit test assembles it again and fails if
;; the two differ.
;;
;; Teddy, the SIMD multi-literal filter of Hyperscan and Rust's aho-corasick, with 5 fingerprint
;; positions and 8 buckets: every literal belongs to a bucket (a bit), and for each of the first 5
;; positions of a literal two 16-byte tables give, by a byte's low and by its high nibble, the
;; buckets whose literals may hold that byte there. A position where some bucket's bit survives the
;; AND over the 5 positions' bytes may begin a literal of that bucket; anywhere else none begins.
;; Nibble tables lose which byte went with which (a bucket holding `cG` and `Bj` also passes `Bg`),
;; so answers are candidates, each checked by the caller: too many only cost time, none are missed.
;;
;; Memory (the caller's layout, see literal-filter.ts):
;;   tables: 160 bytes, per position k (0-4) the low-nibble table at 32k and the high-nibble one at 32k+16
;;   input:  the bytes searched, then at least 20 more (what the last block's loads read past them)
;;   output: one u32 per candidate, its offset in the input, in increasing order
(module
  (memory (export "memory") 6)
  ;; search(tables, input, length, output) -> candidates written
  (func (export "search") (param $tables i32) (param $input i32) (param $length i32) (param $output i32) (result i32)
    (local $at i32) (local $count i32) (local $lanes i32)
    (local $buckets v128) (local $bytes v128) (local $nibble v128)
    (local $low0 v128) (local $high0 v128) (local $low1 v128) (local $high1 v128)
    (local $low2 v128) (local $high2 v128) (local $low3 v128) (local $high3 v128)
    (local $low4 v128) (local $high4 v128)
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (local.set $low0 (v128.load offset=0 (local.get $tables)))
    (local.set $high0 (v128.load offset=16 (local.get $tables)))
    (local.set $low1 (v128.load offset=32 (local.get $tables)))
    (local.set $high1 (v128.load offset=48 (local.get $tables)))
    (local.set $low2 (v128.load offset=64 (local.get $tables)))
    (local.set $high2 (v128.load offset=80 (local.get $tables)))
    (local.set $low3 (v128.load offset=96 (local.get $tables)))
    (local.set $high3 (v128.load offset=112 (local.get $tables)))
    (local.set $low4 (v128.load offset=128 (local.get $tables)))
    (local.set $high4 (v128.load offset=144 (local.get $tables)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        ;; 16 positions at once: lane i of the k-th load is the byte k after position at+i.
        ;; (swizzle answers 0 for an index past 15; both nibbles are 0-15.)
        (local.set $bytes (v128.load offset=0 (i32.add (local.get $input) (local.get $at))))
        (local.set $buckets (v128.and
          (i8x16.swizzle (local.get $low0) (v128.and (local.get $bytes) (local.get $nibble)))
          (i8x16.swizzle (local.get $high0) (i8x16.shr_u (local.get $bytes) (i32.const 4)))))
        (local.set $bytes (v128.load offset=1 (i32.add (local.get $input) (local.get $at))))
        (local.set $buckets (v128.and (local.get $buckets) (v128.and
          (i8x16.swizzle (local.get $low1) (v128.and (local.get $bytes) (local.get $nibble)))
          (i8x16.swizzle (local.get $high1) (i8x16.shr_u (local.get $bytes) (i32.const 4))))))
        (local.set $bytes (v128.load offset=2 (i32.add (local.get $input) (local.get $at))))
        (local.set $buckets (v128.and (local.get $buckets) (v128.and
          (i8x16.swizzle (local.get $low2) (v128.and (local.get $bytes) (local.get $nibble)))
          (i8x16.swizzle (local.get $high2) (i8x16.shr_u (local.get $bytes) (i32.const 4))))))
        (local.set $bytes (v128.load offset=3 (i32.add (local.get $input) (local.get $at))))
        (local.set $buckets (v128.and (local.get $buckets) (v128.and
          (i8x16.swizzle (local.get $low3) (v128.and (local.get $bytes) (local.get $nibble)))
          (i8x16.swizzle (local.get $high3) (i8x16.shr_u (local.get $bytes) (i32.const 4))))))
        (local.set $bytes (v128.load offset=4 (i32.add (local.get $input) (local.get $at))))
        (local.set $buckets (v128.and (local.get $buckets) (v128.and
          (i8x16.swizzle (local.get $low4) (v128.and (local.get $bytes) (local.get $nibble)))
          (i8x16.swizzle (local.get $high4) (i8x16.shr_u (local.get $bytes) (i32.const 4))))))
        (if (v128.any_true (local.get $buckets))
          (then
            ;; One bit per lane with a bucket left: each is a candidate, lowest first.
            (local.set $lanes (i8x16.bitmask (i8x16.ne (local.get $buckets) (v128.const i32x4 0 0 0 0))))
            (loop $lane
              (i32.store (i32.add (local.get $output) (i32.shl (local.get $count) (i32.const 2)))
                (i32.add (local.get $at) (i32.ctz (local.get $lanes))))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))
              (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
              (br_if $lane (local.get $lanes)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (local.get $count)))
