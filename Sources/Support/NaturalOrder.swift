/// Natural order of names with numbers: `monk-2` before `monk-10`, `plan-9.yaml` before
/// `plan-10.yaml`. Runs of ASCII digits compare by value (then by length, so `01` follows `1`),
/// everything else by Unicode scalar; a researcher's folder of presets sorts as they count.
public enum NaturalOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var x = Array(a.unicodeScalars)[...], y = Array(b.unicodeScalars)[...]
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        while let p = x.first, let q = y.first {
            if isDigit(p), isDigit(q) {
                let m = x.prefix(while: isDigit), n = y.prefix(while: isDigit)
                let mv = m.drop(while: { $0 == "0" }), nv = n.drop(while: { $0 == "0" })
                if mv.count != nv.count { return mv.count < nv.count }
                for (c, d) in zip(mv, nv) where c != d { return c.value < d.value }
                if m.count != n.count { return m.count < n.count }
                x = x.dropFirst(m.count)
                y = y.dropFirst(n.count)
            } else {
                if p != q { return p.value < q.value }
                x = x.dropFirst()
                y = y.dropFirst()
            }
        }
        return x.isEmpty && !y.isEmpty
    }
}
