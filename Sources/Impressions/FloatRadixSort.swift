/// The finite values of `values`, ascending: an LSD radix sort of the IEEE 754 bit patterns
/// (3 passes of 11 bits), O(n) instead of the standard library's O(n log n) comparison sort,
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
        var other = [UInt32](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: 2048)
        for shift: UInt32 in [0, 11, 22] {
            for i in counts.indices { counts[i] = 0 }
            for k in keys { counts[Int((k >> shift) & 0x7FF)] += 1 }
            var sum = 0
            for i in counts.indices { let c = counts[i]; counts[i] = sum; sum += c }
            for k in keys {
                let b = Int((k >> shift) & 0x7FF)
                other[counts[b]] = k
                counts[b] += 1
            }
            swap(&keys, &other)
        }
    }
    return keys.map { k in Float(bitPattern: k & 0x8000_0000 != 0 ? k & 0x7FFF_FFFF : ~k) }
}
