import Foundation

/// A value inside a parsed JSON document together with where it came from, so that every
/// schema error can name the file, the context (e.g. `stage "V"`) and the field path
/// (e.g. `patches[0].radii_mm`). Hand-written rather than `Codable` because `DecodingError`
/// messages do not say what was expected in domain terms.
struct JSONField {
    let value: Any?
    let file: String
    let context: String?
    let path: String

    static func parse(data: Data, file: String) throws(ScalpModelError) -> JSONField {
        do {
            let v = try JSONSerialization.jsonObject(with: data)
            return JSONField(value: v, file: file, context: nil, path: "")
        } catch {
            throw .malformedData(file: file, context: nil, field: "(document)", expected: "valid JSON (\(error.localizedDescription))")
        }
    }

    func fail(_ expected: String) -> ScalpModelError {
        .malformedData(file: file, context: context, field: path.isEmpty ? "(document)" : path, expected: expected)
    }

    func within(_ context: String) -> JSONField { JSONField(value: value, file: file, context: context, path: "") }

    /// Required member of an object.
    subscript(key: String) -> JSONField {
        let dict = value as? [String: Any]
        return JSONField(value: dict?[key], file: file, context: context, path: path.isEmpty ? key : "\(path).\(key)")
    }

    var isNull: Bool { value == nil || value is NSNull }

    func object() throws(ScalpModelError) -> [String: Any] {
        guard let d = value as? [String: Any] else { throw fail("an object") }
        return d
    }

    func array() throws(ScalpModelError) -> [JSONField] {
        guard let a = value as? [Any] else { throw fail("an array") }
        return a.enumerated().map { JSONField(value: $1, file: file, context: context, path: "\(path)[\($0)]") }
    }

    func string() throws(ScalpModelError) -> String {
        guard let s = value as? String else { throw fail("a string") }
        return s
    }

    func number(_ expected: String = "a number", where ok: (Double) -> Bool = { _ in true }) throws(ScalpModelError) -> Double {
        guard let n = (value as? NSNumber)?.doubleValue, n.isFinite, ok(n) else { throw fail(expected) }
        return n
    }

    /// Optional number with a default when absent or null.
    func number(default d: Double, _ expected: String, where ok: (Double) -> Bool = { _ in true }) throws(ScalpModelError) -> Double {
        isNull ? d : try number(expected, where: ok)
    }

    /// A two-element numeric array, e.g. `[x, y]`.
    func pair(_ expected: String, where ok: (Double) -> Bool = { _ in true }) throws(ScalpModelError) -> (Double, Double) {
        guard let a = value as? [Any], a.count == 2,
              let p = (a[0] as? NSNumber)?.doubleValue, let q = (a[1] as? NSNumber)?.doubleValue,
              p.isFinite, q.isFinite, ok(p), ok(q) else { throw fail(expected) }
        return (p, q)
    }
}
