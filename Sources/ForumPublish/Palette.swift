import Foundation
import ForumModel

/// Colours for themes: the programme's own (`theme.colour`) when it is a valid hex colour,
/// otherwise a colour-blind-safe default palette (Okabe & Ito, then Paul Tol's muted set).
/// Every colour that reaches CSS comes from here, so no text from a file is ever written
/// into a style sheet.
public struct ThemePalette: Sendable {
    // Ordered so that the first five (the four IGF themes and capacity building) are far apart.
    static let defaults = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442",
                           "#332288", "#117733", "#882255", "#44aa99", "#999933", "#aa4499", "#88ccee"]
    /// The colour of sessions without a theme.
    public static let neutral = RGB(hex: "#8a8a8a")!

    /// One colour per theme, in the programme's theme order.
    public let colours: [String: RGB]

    /// Default colours go to the themes without a valid colour of their own, in order.
    public init(themes: [Theme]) {
        var colours: [String: RGB] = [:]
        var next = 0
        for theme in themes {
            if let given = theme.colour.flatMap(RGB.init(hex:)) {
                colours[theme.id] = given
            } else {
                colours[theme.id] = RGB(hex: ThemePalette.defaults[next % ThemePalette.defaults.count])!
                next += 1
            }
        }
        self.colours = colours
    }

    /// The theme's colour; ``neutral`` for no theme or one the palette was not made with.
    public func colour(of theme: Theme?) -> RGB {
        theme.flatMap { colours[$0.id] } ?? ThemePalette.neutral
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
