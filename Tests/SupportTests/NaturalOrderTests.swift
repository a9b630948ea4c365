import Support
import Testing

@Suite("natural order of names")
struct NaturalOrderTests {
    @Test("numbers inside names sort by value: monk-2 before monk-10")
    func numbersByValue() {
        let names = ["monk-10", "monk-2", "monk-1", "fitzpatrick-6", "monk-9", "fitzpatrick-10", "plan.yaml", "plan-01", "plan-1"]
        #expect(names.sorted(by: NaturalOrder.precedes)
                == ["fitzpatrick-6", "fitzpatrick-10", "monk-1", "monk-2", "monk-9", "monk-10", "plan-1", "plan-01", "plan.yaml"])
        #expect(!NaturalOrder.precedes("a", "a") && NaturalOrder.precedes("a", "ab") && !NaturalOrder.precedes("ab", "a"))
        #expect(NaturalOrder.precedes("x9y", "x10a") && NaturalOrder.precedes("v2.9", "v2.10"))
    }
}
