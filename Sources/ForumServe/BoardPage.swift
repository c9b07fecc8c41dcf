/// The board's page, style and script, served from the binary (no build step, no npm).
enum BoardPage {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    static let html = "<!DOCTYPE html><title>board</title>"
    static let style = ""
    static let script = ""
}
