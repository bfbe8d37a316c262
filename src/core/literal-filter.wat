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
;;
;; Two more exports for what else reads whole chunks: count, how many bytes of the input equal a
;; given one (the diff parser counts the line feeds of a stretch of lines nobody wants, to pass over
;; them at once); runs, where the long runs of a class of bytes are (the context gate's base64 runs).
(module
  (memory (export "memory") 6)
  ;; search(tables, input, length, output) -> candidates written
  (func (export "search") (param $tables i32) (param $input i32) (param $length i32) (param $output i32) (result i32)
    (local $at i32) (local $count i32) (local $lanes i32)
    (local $bytes v128) (local $low v128) (local $high v128) (local $nibble v128) (local $buckets v128)
    ;; r<k>: for each byte of the block, the buckets allowing it at position k; previous<k>: the same
    ;; for the block before (a literal begun there may end in this one)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $r4 v128)
    (local $previous0 v128) (local $previous1 v128) (local $previous2 v128) (local $previous3 v128)
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (block $done
      (loop $block
        ;; Blocks up to 4 bytes past the end: lane j of block `at` answers for the start at+j-4.
        (br_if $done (i32.ge_u (local.get $at) (i32.add (local.get $length) (i32.const 4))))
        (local.set $bytes (v128.load (i32.add (local.get $input) (local.get $at))))
        (local.set $low (v128.and (local.get $bytes) (local.get $nibble)))
        (local.set $high (i8x16.shr_u (local.get $bytes) (i32.const 4)))
        ;; (swizzle answers 0 for an index past 15; both nibbles are 0-15.)
        (local.set $r0 (v128.and
          (i8x16.swizzle (v128.load offset=0 (local.get $tables)) (local.get $low))
          (i8x16.swizzle (v128.load offset=16 (local.get $tables)) (local.get $high))))
        (local.set $r1 (v128.and
          (i8x16.swizzle (v128.load offset=32 (local.get $tables)) (local.get $low))
          (i8x16.swizzle (v128.load offset=48 (local.get $tables)) (local.get $high))))
        (local.set $r2 (v128.and
          (i8x16.swizzle (v128.load offset=64 (local.get $tables)) (local.get $low))
          (i8x16.swizzle (v128.load offset=80 (local.get $tables)) (local.get $high))))
        (local.set $r3 (v128.and
          (i8x16.swizzle (v128.load offset=96 (local.get $tables)) (local.get $low))
          (i8x16.swizzle (v128.load offset=112 (local.get $tables)) (local.get $high))))
        (local.set $r4 (v128.and
          (i8x16.swizzle (v128.load offset=128 (local.get $tables)) (local.get $low))
          (i8x16.swizzle (v128.load offset=144 (local.get $tables)) (local.get $high))))
        ;; Lane j: the start at+j-4, whose byte k is lane j-4+k of this block (or of the one before).
        (local.set $buckets (v128.and (local.get $r4) (v128.and
          (v128.and
            (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $previous3) (local.get $r3))
            (i8x16.shuffle 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 (local.get $previous2) (local.get $r2)))
          (v128.and
            (i8x16.shuffle 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 (local.get $previous1) (local.get $r1))
            (i8x16.shuffle 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 (local.get $previous0) (local.get $r0))))))
        (local.set $previous0 (local.get $r0))
        (local.set $previous1 (local.get $r1))
        (local.set $previous2 (local.get $r2))
        (local.set $previous3 (local.get $r3))
        (if (v128.any_true (local.get $buckets))
          (then
            ;; One bit per lane with a bucket left: each is a candidate, lowest first.
            (local.set $lanes (i8x16.bitmask (i8x16.ne (local.get $buckets) (v128.const i32x4 0 0 0 0))))
            (loop $lane
              (i32.store (i32.add (local.get $output) (i32.shl (local.get $count) (i32.const 2)))
                (i32.sub (i32.add (local.get $at) (i32.ctz (local.get $lanes))) (i32.const 4)))
              (local.set $count (i32.add (local.get $count) (i32.const 1)))
              (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
              (br_if $lane (local.get $lanes)))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (local.get $count))
  ;; count(input, length, byte) -> how many of the `length` bytes at `input` equal `byte`. The last
  ;; block's load reads up to 15 bytes past them (whatever is there): its lanes past the end are
  ;; masked off.
  (func (export "count") (param $input i32) (param $length i32) (param $byte i32) (result i32)
    (local $at i32) (local $count i32) (local $lanes i32) (local $needle v128)
    (local.set $needle (i8x16.splat (local.get $byte)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $lanes (i8x16.bitmask (i8x16.eq
          (v128.load (i32.add (local.get $input) (local.get $at)))
          (local.get $needle))))
        (if (i32.lt_u (i32.sub (local.get $length) (local.get $at)) (i32.const 16))
          (then (local.set $lanes (i32.and (local.get $lanes)
            (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $length) (local.get $at))) (i32.const 1))))))
        (local.set $count (i32.add (local.get $count) (i32.popcnt (local.get $lanes))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (local.get $count))
  ;; runs(tables, input, length, output) -> runs written: each run of bytes of a class (the context
  ;; gate's: base64 characters) that spans a whole 16-byte block of the input (every run of 31 or
  ;; more does; the gate wants those of 48), as two u32 at output + 8i, where it begins and where it
  ;; ends, in order. `tables`: 32 bytes, by a byte's low nibble (at 0) and by its high nibble (at 16):
  ;; a byte is of the class where the two entries share a bit. The last block's lanes past the end
  ;; are masked off; a run that reaches the end ends at `length`.
  (func (export "runs") (param $tables i32) (param $input i32) (param $length i32) (param $output i32) (result i32)
    (local $at i32) (local $count i32) (local $mask i32) (local $previous i32) (local $start i32)
    (local $bytes v128) (local $nibble v128)
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (local.set $start (i32.const -1))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $bytes (v128.load (i32.add (local.get $input) (local.get $at))))
        (local.set $mask (i8x16.bitmask (i8x16.ne
          (v128.and
            (i8x16.swizzle (v128.load offset=0 (local.get $tables)) (v128.and (local.get $bytes) (local.get $nibble)))
            (i8x16.swizzle (v128.load offset=16 (local.get $tables)) (i8x16.shr_u (local.get $bytes) (i32.const 4))))
          (v128.const i32x4 0 0 0 0))))
        (if (i32.lt_u (i32.sub (local.get $length) (local.get $at)) (i32.const 16))
          (then (local.set $mask (i32.and (local.get $mask)
            (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $length) (local.get $at))) (i32.const 1))))))
        (if (i32.eq (local.get $mask) (i32.const 0xffff))
          (then
            ;; A whole block: a run begins here, or in the block before with its top lanes (their
            ;; number: the leading ones of its 16 bits, shifted to the top of 32).
            (if (i32.lt_s (local.get $start) (i32.const 0))
              (then (local.set $start (i32.sub (local.get $at)
                (i32.clz (i32.xor (i32.shl (local.get $previous) (i32.const 16)) (i32.const -1))))))))
          (else
            ;; Not whole: a run under way ends at the block's first lane that is not base64.
            (if (i32.ge_s (local.get $start) (i32.const 0))
              (then
                (local.set $count (call $run (local.get $output) (local.get $count) (local.get $start)
                  (i32.add (local.get $at) (i32.ctz (i32.xor (local.get $mask) (i32.const -1))))))
                (local.set $start (i32.const -1))))))
        (local.set $previous (local.get $mask))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (if (i32.ge_s (local.get $start) (i32.const 0))
      (then (local.set $count (call $run (local.get $output) (local.get $count) (local.get $start) (local.get $length)))))
    (local.get $count))
  ;; run(output, count, start, end) -> count + 1: the run [start, end) written as the count-th pair.
  (func $run (param $output i32) (param $count i32) (param $start i32) (param $end i32) (result i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $output) (i32.shl (local.get $count) (i32.const 3))))
    (i32.store (local.get $at) (local.get $start))
    (i32.store offset=4 (local.get $at) (local.get $end))
    (i32.add (local.get $count) (i32.const 1))))
