/// An image codec (libpng or libwebp) refused to encode or decode, with the library's own reason
/// where it gives one. One type for both codecs, so code that writes either format (the figure
/// files, the projector sheets) handles one error.
public struct ImageCodecError: Error, Equatable, CustomStringConvertible {
    public enum Codec: String, Sendable { case png = "PNG", webp = "WebP" }
    public enum Operation: String, Sendable { case encoding, decoding }

    public let codec: Codec
    public let operation: Operation
    /// The library's message (libpng's text, libwebp's `WebPEncodingError` named), or ours.
    public let reason: String

    public var description: String { "\(codec.rawValue) \(operation.rawValue) failed: \(reason)" }
}
