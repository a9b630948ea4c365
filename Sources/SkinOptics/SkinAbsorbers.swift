import Foundation

/// Absorption and scattering spectra of the skin's constituents, in cm⁻¹ on `WavelengthGrid`.
///
/// * Melanin (Jacques 1998, "Skin optics", Oregon Medical Laser Center News, and Jacques 2013,
///   Phys. Med. Biol. 58:R37): μa.mel(λ) = 6.6×10¹¹ · λ^−3.33 cm⁻¹ (λ in nm) for a melanosome,
///   multiplied by the epidermal melanin volume fraction.
/// * Pheomelanin (same sources): μa.pheo(λ) = 2.9×10¹⁴ · λ^−4.75 cm⁻¹, steeper than eumelanin, so
///   per unit of darkening it adds more yellow-red; the epidermal melanin is a mixture.
/// * Baseline (bloodless) tissue (Jacques 1998): μa.base = 0.244 + 85.3·exp(−(λ − 154)/66.2) cm⁻¹.
/// * Blood: μa = ln(10)·ε(λ)·c, c = 150 g/L ÷ 64 500 g/mol (Prahl's tabulated molar extinction,
///   Data/skin/hemoglobin_prahl.csv), mixed as S·ε_HbO₂ + (1 − S)·ε_Hb with oxygen saturation S.
/// * Reduced scattering: μs′ = a·(λ/500 nm)^−b (Jacques 2013 review form).
public enum SkinAbsorbers {
    /// μa of melanosomes (volume fraction 1), cm⁻¹.
    public static func melanin(_ lambda: Double) -> Double { 6.6e11 * Foundation.pow(lambda, -3.33) }

    /// μa of pheomelanin (volume fraction 1), cm⁻¹.
    public static func pheomelanin(_ lambda: Double) -> Double { 2.9e14 * Foundation.pow(lambda, -4.75) }

    /// μa of bloodless tissue, cm⁻¹.
    public static func baseline(_ lambda: Double) -> Double { 0.244 + 85.3 * Foundation.exp(-(lambda - 154) / 66.2) }

    /// μs′ = a (λ/500)^−b, cm⁻¹.
    public static func reducedScattering(_ lambda: Double, a: Double, b: Double) -> Double {
        a * Foundation.pow(lambda / 500, -b)
    }
}

/// Molar extinction of oxy- and deoxyhaemoglobin resampled onto the grid, cm⁻¹/(mol/L).
public struct HemoglobinSpectra: Equatable, Sendable {
    public let oxy: Spectrum
    public let deoxy: Spectrum

    /// Reads `skin/hemoglobin_prahl.csv` (wavelength, ε_HbO₂, ε_Hb) under the data folder and
    /// interpolates linearly from its 2 nm grid onto the 5 nm grid.
    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("skin/hemoglobin_prahl.csv")
        let table = try CSVTable(url: url, expectedColumns: 3)
        let w = table.column(0)
        guard let first = w.first, let last = w.last, first <= WavelengthGrid.start,
              last >= WavelengthGrid.wavelength(WavelengthGrid.count - 1) else {
            throw .malformedData(path: url.path, line: nil, reason: "table must cover 380–780 nm")
        }
        oxy = Spectrum.resampled(wavelengths: w, values: table.column(1))
        deoxy = Spectrum.resampled(wavelengths: w, values: table.column(2))
    }

    /// μa of whole blood (cm⁻¹) at oxygen saturation `saturation`, haemoglobin concentration
    /// `gramsPerLiter` and molar mass `molarMass` (g/mol): ln(10)·ε·c.
    public func wholeBloodAbsorption(saturation: Double, gramsPerLiter: Double, molarMass: Double) -> [Double] {
        let molar = gramsPerLiter / molarMass
        return (0..<WavelengthGrid.count).map {
            Foundation.log(10.0) * molar * (saturation * oxy[$0] + (1 - saturation) * deoxy[$0])
        }
    }
}
