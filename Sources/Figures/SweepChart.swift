import Rendering
import Support

/// The charts of a sweep on its batch `index.html`: a few key results against the swept
/// variable with the most values, one line per combination of the other swept variables, in
/// the figures' categorical colours. Drawn as inline SVG (vector, text as text) from the same
/// `summary.csv` records as the page's table, so a merge of shards draws the same charts.
public enum SweepChart {
    /// Results charted when present and not constant, by column-name prefix (a column that
    /// gains a unit in its name, `final_coverage_fraction`, is still found).
    static let results = ["final_density_per_cm2", "final_coverage", "final_de00_to_skin", "touch_up_day"]

    /// Most lines a chart draws; more groups than this are left to the table.
    static let maxGroups = 12

    /// The `<section>` of charts, or "" when `varied` is empty or there is nothing to draw.
    /// `varied` are the swept columns of `header`, in the sweep's order.
    public static func section(header: [String], rows: [[String]], varied: [String]) -> HTML {
        let charts = charts(header: header, rows: rows, varied: varied)
        guard !charts.isEmpty else { return HTML() }
        // Inline SVG from SVGCanvas, whose XMLWriter escapes every text it writes.
        let figures = charts.map { "<figure>" + HTML(trusted: $0.surface(SVGCanvas.self).inlineElement()) + "</figure>" }.joined()
        return "<section id=\"sweep\"><h2>Sweep</h2><p class=\"sub\">Key results against the swept variable with the most values, "
            + "one line per combination of the others (from summary.csv; failed plans left out).</p>"
            + "<div class=\"sweep-charts\">\(figures)</div></section>"
    }

    /// CSS for the section: charts side by side, each scaled to its column.
    public static let style: HTML = ".sweep-charts{display:flex;flex-wrap:wrap;gap:12px}.sweep-charts figure{margin:0;flex:1 1 420px;max-width:560px}"
        + ".sweep-charts svg{width:100%;height:auto}"

    /// The charts (one per result), for the page or a test.
    public static func charts(header: [String], rows: [[String]], varied: [String], width: Int = 480) -> [LineChart] {
        let index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let swept = varied.compactMap { name in index[name].map { (name, $0) } }
        guard !swept.isEmpty, rows.count >= 2 else { return [] }
        func cell(_ row: [String], _ c: Int) -> String { row.indices.contains(c) ? row[c] : "" }
        // Distinct values of each swept column, in the order first met (the sweep's order).
        let distinct = swept.map { _, c in rows.reduce(into: [String]()) { seen, row in
            let v = cell(row, c)
            if !seen.contains(v) { seen.append(v) }
        } }
        // The x axis: the swept variable with the most values; on a tie a numeric one (a result
        // against depth, one line per skin, reads better than against skin, one line per depth).
        func isNumeric(_ i: Int) -> Bool { distinct[i].allSatisfy { Double($0) != nil } }
        guard let xi = distinct.indices.max(by: { (distinct[$0].count, isNumeric($0) ? 1 : 0) < (distinct[$1].count, isNumeric($1) ? 1 : 0) }),
              distinct[xi].count >= 2 else { return [] }
        let (xName, xColumn) = swept[xi]
        let numericX = isNumeric(xi)
        let others = swept.indices.filter { $0 != xi }
        func group(_ row: [String]) -> String {
            others.map { "\(swept[$0].0)=\(cell(row, swept[$0].1))" }.joined(separator: " · ")
        }
        let groups = rows.reduce(into: [String]()) { seen, row in
            let g = group(row)
            if !seen.contains(g) { seen.append(g) }
        }
        guard groups.count <= maxGroups else { return [] }
        return results.compactMap { prefix -> LineChart? in
            guard let yColumn = header.firstIndex(where: { $0.hasPrefix(prefix) }) else { return nil }
            let yName = header[yColumn]
            let series = groups.enumerated().compactMap { g, name -> LineChart.Series? in
                let points = rows.filter { group($0) == name }.compactMap { row -> (x: Double, y: Double)? in
                    guard let y = Double(cell(row, yColumn)) else { return nil }
                    let x = numericX ? Double(cell(row, xColumn)) : distinct[xi].firstIndex(of: cell(row, xColumn)).map(Double.init)
                    return x.map { ($0, y) }
                }.sorted { $0.x < $1.x }
                guard !points.isEmpty else { return nil }
                return LineChart.Series(label: name.isEmpty ? yName : name, colour: CategoricalPalette.colour(g), points: points,
                                        markersOnly: points.count == 1)
            }
            let ys = series.flatMap(\.points).map(\.y)
            guard let lo = ys.min(), let hi = ys.max(), hi > lo else { return nil }
            var chart = LineChart(title: yName, xLabel: xName, yLabel: yName, series: series,
                                  width: width, height: width * 2 / 3)
            if !numericX {
                chart.xCategories = distinct[xi]
                chart.xRange = -0.5...(Double(distinct[xi].count) - 0.5)
            }
            return chart
        }
    }
}
