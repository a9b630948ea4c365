import Foundation

/// Blanks the two provenance values that legitimately differ between runs of the same plan and
/// seed — the build's `commit` and the `command` line (output folder, `--jobs`, `--resume`…) —
/// so byte comparisons (golden hashes, --jobs 1 vs 2, merged vs unsharded) test everything else.
/// Works on pretty-printed (`"commit" : "…"`) and compact (`"commit":"…"`) JSON.
public enum ProvenanceNormaliser {
    public static func normalised(_ data: Data) -> Data {
        guard let text = String(data: data, encoding: .utf8), text.contains("\"provenance\"") else { return data }
        var out = text
        for key in ["commit", "command"] {
            out = out.replacingOccurrences(of: "(\"\(key)\" ?: ?)\"(\\\\.|[^\"\\\\])*\"", with: "$1\"<\(key)>\"",
                                           options: .regularExpression)
        }
        return Data(out.utf8)
    }
}
