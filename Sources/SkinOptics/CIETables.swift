import Foundation

/// The CIE 1931 2° colour-matching functions and illuminant D65 on the 5 nm grid.
///
/// Two ways to get them: `CIETables.embedded` (Swift constants generated from the CSVs by
/// `Data/cie/generate_swift_tables.py`, so pure-math use needs no file IO) or
/// `CIETables(dataDirectory:)`, which reads `cie/cie1931_2deg_cmf.csv` and `cie/d65_spd.csv`
/// under the data folder the caller passes (Simulation passes `Data/`). Tests check they agree.
public struct CIETables: Equatable, Sendable {
    public let xBar: [Double]
    public let yBar: [Double]
    public let zBar: [Double]
    public let d65: [Double]

    /// The tables compiled into the library.
    public static let embedded = CIETables(xBar: embeddedRows.map { $0[1] }, yBar: embeddedRows.map { $0[2] },
                                           zBar: embeddedRows.map { $0[3] }, d65: embeddedRows.map { $0[4] })

    init(xBar: [Double], yBar: [Double], zBar: [Double], d65: [Double]) {
        self.xBar = xBar; self.yBar = yBar; self.zBar = zBar; self.d65 = d65
    }

    /// Reads the tables from `<dataDirectory>/cie/`. Both files must be on the 380–780 nm, 5 nm grid.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let folder = dataDirectory.appendingPathComponent("cie")
        let cmfURL = folder.appendingPathComponent("cie1931_2deg_cmf.csv")
        let d65URL = folder.appendingPathComponent("d65_spd.csv")
        let cmf = try CSVTable(url: cmfURL, expectedColumns: 4)
        let d65 = try CSVTable(url: d65URL, expectedColumns: 2)
        for (table, url) in [(cmf, cmfURL), (d65, d65URL)] {
            guard table.column(0) == WavelengthGrid.wavelengths else {
                throw .malformedData(path: url.path, line: nil, reason: "wavelengths must be 380–780 nm at 5 nm (81 rows)")
            }
        }
        self.init(xBar: cmf.column(1), yBar: cmf.column(2), zBar: cmf.column(3), d65: d65.column(1))
    }
}
