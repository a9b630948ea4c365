/// One healed pigment dot on the head chart.
///
/// Kept at 32 bytes (two Doubles, two Floats, a session number and padding) so that
/// millions of impressions stay in a flat, cache-friendly array.
public struct Impression: Hashable, Sendable {
    /// Chart position, mm (x to the client's right, y from the brow towards the nape).
    public var x: Double
    public var y: Double
    /// Healed dot diameter, mm.
    public var diameterMM: Float
    /// Depth below the skin surface, mm.
    public var depthMM: Float
    /// 1-based session number that placed this dot.
    public var session: UInt16

    public init(x: Double, y: Double, diameterMM: Float, depthMM: Float, session: UInt16) {
        self.x = x
        self.y = y
        self.diameterMM = diameterMM
        self.depthMM = depthMM
        self.session = session
    }
}
