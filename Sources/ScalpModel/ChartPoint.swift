/// A point on the head chart, in millimetres: x to the client's right, y from the brow line
/// (y = 0 at the glabella) towards the nape.
public struct ChartPoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
