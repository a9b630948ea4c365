/// The finite values of `values`, ascending: an LSD radix sort of the IEEE 754 bit patterns
/// (3 passes of 11 bits, histograms counted in one pass, a digit shared by every key skipped), O(n) instead of the standard library's O(n log n) comparison sort,
/// which the spacing metrics paid once per region and again for the whole scalp at every session
/// and follow-up. Same result as `values.filter(\.isFinite).sorted()` (equal values are
/// interchangeable; −0 sorts before +0, which the comparison sort treats as equal).
func sortedFiniteAscending(_ values: [Float]) -> [Float] {
    var keys = [UInt32]()
    keys.reserveCapacity(values.count)
    for v in values where v.isFinite {
        // Order-preserving map to unsigned: flip every bit of negatives, the sign bit of positives.
        let b = v.bitPattern
        keys.append(b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000)
    }
    if keys.count < 64 {
        keys.sort()
    } else {
        // The three digits' histograms in one pass, then three stable scatter passes; a digit
        // every key shares (the high bits of distances within a factor of 2) is skipped.
        var other = [UInt32](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 3 * 2048)
        let n = keys.count
        keys.withUnsafeMutableBufferPointer { keys in
        other.withUnsafeMutableBufferPointer { other in
        counts.withUnsafeMutableBufferPointer { counts in
            for k in keys {
                counts[Int(k & 0x7FF)] += 1
                counts[2048 + Int((k >> 11) & 0x7FF)] += 1
                counts[4096 + Int(k >> 22)] += 1
            }
            var source = keys, target = other
            for pass in 0..<3 {
                let base = pass * 2048, shift = UInt32(11 * pass)
                if counts[base + Int((source[0] >> shift) & 0x7FF)] == n { continue }
                var sum = 0
                for i in base..<(base + 2048) { let c = counts[i]; counts[i] = sum; sum += c }
                for k in source {
                    let b = base + Int((k >> shift) & 0x7FF)
                    target[counts[b]] = k
                    counts[b] += 1
                }
                swap(&source, &target)
            }
            // The sorted keys end in `source`; make sure that is `keys`.
            if source.baseAddress != keys.baseAddress { keys.baseAddress!.update(from: source.baseAddress!, count: n) }
        }
        }
        }
    }
    return keys.map { k in Float(bitPattern: k & 0x8000_0000 != 0 ? k & 0x7FFF_FFFF : ~k) }
}
