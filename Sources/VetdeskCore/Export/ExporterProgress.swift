extension Exporter {
    /// `export(_:format:to:)`, saying which step it is on (for the console's bottom line).
    @discardableResult
    public func export(_ selection: Selection, format: Format, to path: String,
                       progress: (String) -> Void) throws -> Int {
        progress("reading")
        let cases = try load(selection)
        guard !cases.isEmpty else { throw VetdeskError.notFound("no cases match the selection; nothing exported") }
        progress("rendering \(cases.count)")
        let text = try render(format, cases)
        progress("writing")
        try OwnerOnlyFile.write(text, to: path)
        return cases.count
    }
}
