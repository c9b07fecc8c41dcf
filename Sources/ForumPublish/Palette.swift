import Foundation
import ForumModel

/// Colours for themes: the programme's own (`theme.colour`) when it is a valid hex colour that
/// stays distinguishable, otherwise a default palette chosen to stay apart for the common
/// colour-vision deficiencies. Every colour that reaches CSS comes from here, so no text from
/// a file is ever written into a style sheet.
///
/// "Distinguishable" is checked by simulation (``ColourVision``): every pair of theme colours,
/// and each against ``neutral``, differs by at least ``minimumDifference`` (CIEDE2000) for
/// normal vision and simulated protanopia, deuteranopia and tritanopia. A programme colour that
/// would fall below it next to one already given (or the neutral grey) is replaced by the first
/// default colour that does not.
public struct ThemePalette: Sendable {
    /// Twelve colours, each with at least 3:1 contrast on white (WCAG 1.4.11), at least
    /// ``minimumDifference`` apart from each other and from ``neutral`` in all four simulated
    /// visions; ordered so that the first ones are farthest apart. Found by a max-min search
    /// over an sRGB grid with the same simulation and colour difference as ``ColourVision``.
    public static let defaults = ["#c38700", "#4b3c00", "#3c2d87", "#c369ff", "#0000ff", "#786900",
                                  "#780f3c", "#5a78a5", "#4ba578", "#8796a5", "#2d5a69", "#964b4b"]
    /// The colour of sessions without a theme.
    public static let neutral = RGB(hex: "#767676")!
    /// The smallest CIEDE2000 difference between two theme colours in every simulated vision.
    public static let minimumDifference = 10.0

    /// One colour per theme, in the programme's theme order.
    public let colours: [String: RGB]
    /// Themes whose own colour was replaced because it was too close to another (theme id →
    /// the colour the programme gave), in theme order.
    public let replaced: [(theme: String, given: String)]

    /// Default colours go to the themes without a valid colour of their own, in order.
    public init(themes: [Theme]) {
        var colours: [String: RGB] = [:]
        var replaced: [(String, String)] = []
        var taken: [RGB] = [ThemePalette.neutral]
        var defaults = ThemePalette.defaults.map { RGB(hex: $0)! }
        func fits(_ colour: RGB) -> Bool {
            taken.allSatisfy { ColourVision.minimumDifference(colour, $0) >= ThemePalette.minimumDifference }
        }
        for theme in themes {
            let given = theme.colour.flatMap(RGB.init(hex:))
            let colour: RGB
            if let given, fits(given) {
                colour = given
            } else {
                if given != nil { replaced.append((theme.id, given!.hex)) }
                // The first default still free that fits; when none does, the next one in order.
                let index = defaults.firstIndex(where: fits) ?? (defaults.isEmpty ? nil : 0)
                if let index { colour = defaults.remove(at: index) } else { colour = ThemePalette.neutral.shade(0.3) }
            }
            defaults.removeAll { $0 == colour }
            colours[theme.id] = colour
            taken.append(colour)
        }
        self.colours = colours
        self.replaced = replaced
    }

    /// The theme's colour; ``neutral`` for no theme or one the palette was not made with.
    public func colour(of theme: Theme?) -> RGB {
        theme.flatMap { colours[$0.id] } ?? ThemePalette.neutral
    }
}

/// Colour-vision simulation and colour difference, to check that a palette stays apart for
/// people with a colour-vision deficiency.
///
/// Dichromacy is simulated with the matrices of Machado, Oliveira & Fernandes (2009) at
/// severity 1.0, applied to linear sRGB; differences are CIEDE2000 (Sharma, Wu & Dalal 2005)
/// between CIELAB colours under D65.
public enum ColourVision: String, CaseIterable, Sendable {
    case normal, protanopia, deuteranopia, tritanopia

    /// The simulation matrix (linear RGB → linear RGB).
    var matrix: [[Double]] {
        switch self {
        case .normal: return [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        case .protanopia: return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia: return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        case .tritanopia: return [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
        }
    }

    /// How `colour` looks with this vision, as CIELAB (L*, a*, b*).
    public func lab(_ colour: RGB) -> (l: Double, a: Double, b: Double) {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        let rgb = [linear(colour.r), linear(colour.g), linear(colour.b)]
        let m = matrix
        let sim = m.map { row in min(max(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2], 0), 1) }
        return ColourVision.lab(linearRGB: sim)
    }

    static func lab(linearRGB c: [Double]) -> (l: Double, a: Double, b: Double) {
        let x = (0.4124564 * c[0] + 0.3575761 * c[1] + 0.1804375 * c[2]) / 0.95047
        let y = 0.2126729 * c[0] + 0.7151522 * c[1] + 0.0721750 * c[2]
        let z = (0.0193339 * c[0] + 0.1191920 * c[1] + 0.9503041 * c[2]) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// The CIEDE2000 colour difference ΔE00 between two CIELAB colours.
    public static func ciede2000(_ p: (l: Double, a: Double, b: Double), _ q: (l: Double, a: Double, b: Double)) -> Double {
        let rad = Double.pi / 180
        let c1 = (p.a * p.a + p.b * p.b).squareRoot(), c2 = (q.a * q.a + q.b * q.b).squareRoot()
        let cMean = (c1 + c2) / 2
        let g = 0.5 * (1 - (pow(cMean, 7) / (pow(cMean, 7) + pow(25, 7))).squareRoot())
        let a1 = (1 + g) * p.a, a2 = (1 + g) * q.a
        let c1p = (a1 * a1 + p.b * p.b).squareRoot(), c2p = (a2 * a2 + q.b * q.b).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) / rad
            return h < 0 ? h + 360 : h
        }
        let h1 = hue(p.b, a1), h2 = hue(q.b, a2)
        let dL = q.l - p.l, dC = c2p - c1p
        var dh = 0.0
        if c1p * c2p != 0 {
            dh = h2 - h1
            if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        }
        let dH = 2 * (c1p * c2p).squareRoot() * sin(dh / 2 * rad)
        let lMean = (p.l + q.l) / 2, cpMean = (c1p + c2p) / 2
        var hMean = h1 + h2
        if c1p * c2p != 0 {
            if abs(h1 - h2) <= 180 { hMean /= 2 } else { hMean = hMean < 360 ? (hMean + 360) / 2 : (hMean - 360) / 2 }
        }
        let t = 1 - 0.17 * cos((hMean - 30) * rad) + 0.24 * cos(2 * hMean * rad) + 0.32 * cos((3 * hMean + 6) * rad) - 0.20 * cos((4 * hMean - 63) * rad)
        let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
        let rc = 2 * (pow(cpMean, 7) / (pow(cpMean, 7) + pow(25, 7))).squareRoot()
        let sl = 1 + 0.015 * pow(lMean - 50, 2) / (20 + pow(lMean - 50, 2)).squareRoot()
        let sc = 1 + 0.045 * cpMean, sh = 1 + 0.015 * cpMean * t
        let rt = -sin(2 * dTheta * rad) * rc
        let (x, y, z) = (dL / sl, dC / sc, dH / sh)
        return (x * x + y * y + z * z + rt * y * z).squareRoot()
    }

    /// ΔE00 between two colours as this vision sees them.
    public func difference(_ a: RGB, _ b: RGB) -> Double { ColourVision.ciede2000(lab(a), lab(b)) }

    /// The smallest ΔE00 between two colours over all four visions.
    public static func minimumDifference(_ a: RGB, _ b: RGB) -> Double {
        allCases.map { $0.difference(a, b) }.min()!
    }
}

/// An sRGB colour.
public struct RGB: Hashable, Sendable {
    public var r: Double, g: Double, b: Double

    public init(r: Double, g: Double, b: Double) { self.r = r; self.g = g; self.b = b }

    /// Parses `#rgb` or `#rrggbb`; nil for anything else (names, `rgb()`, injected text).
    public init?(hex text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("#") else { return nil }
        var digits = String(t.dropFirst())
        guard digits.allSatisfy(\.isHexDigit), digits.count == 3 || digits.count == 6 else { return nil }
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard let v = Int(digits, radix: 16) else { return nil }
        self.init(r: Double(v >> 16 & 0xff) / 255, g: Double(v >> 8 & 0xff) / 255, b: Double(v & 0xff) / 255)
    }

    /// `#rrggbb`, each channel clamped to 0…1 and rounded.
    public var hex: String {
        func byte(_ x: Double) -> Int { Int((min(max(x, 0), 1) * 255).rounded()) }
        return String(format: "#%02x%02x%02x", byte(r), byte(g), byte(b))
    }

    /// Mixed with white: `amount` 0 keeps the colour, 1 gives white.
    public func tint(_ amount: Double) -> RGB {
        RGB(r: r + (1 - r) * amount, g: g + (1 - g) * amount, b: b + (1 - b) * amount)
    }

    /// Mixed with black.
    public func shade(_ amount: Double) -> RGB {
        RGB(r: r * (1 - amount), g: g * (1 - amount), b: b * (1 - amount))
    }

    /// WCAG 2 relative luminance.
    public var luminance: Double {
        func channel(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2 contrast ratio between two colours (1 … 21).
    public func contrast(with other: RGB) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// This colour darkened until it reaches `ratio` against `background` (for borders and
    /// swatches that must stay visible, WCAG 1.4.11 asks 3:1).
    public func darkened(toContrast ratio: Double, against background: RGB) -> RGB {
        var colour = self
        var step = 0
        while colour.contrast(with: background) < ratio && step < 20 {
            colour = colour.shade(0.08)
            step += 1
        }
        return colour
    }
}
