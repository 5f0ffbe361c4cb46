import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree over Foundation's XMLParser: the list XMLs are tens of MB at most, and
/// walking a tree keeps each format's parser short. Namespaces are dropped from element names
/// (EU and OFAC files use a default namespace).
final class ListXMLNode: @unchecked Sendable {
    let name: String
    let attributes: [String: String]
    var children: [ListXMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    /// Children with this (case-insensitive) name.
    func all(_ n: String) -> [ListXMLNode] { children.filter { $0.name.caseInsensitiveCompare(n) == .orderedSame } }
    func first(_ n: String) -> ListXMLNode? { children.first { $0.name.caseInsensitiveCompare(n) == .orderedSame } }
    /// Trimmed text of the first child with this name; nil when absent or empty.
    func value(_ n: String) -> String? {
        guard let t = first(n)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }
    /// Every descendant with this name (depth first).
    func descendants(_ n: String) -> [ListXMLNode] {
        var out: [ListXMLNode] = []
        for c in children {
            if c.name.caseInsensitiveCompare(n) == .orderedSame { out.append(c) }
            out.append(contentsOf: c.descendants(n))
        }
        return out
    }
    func attr(_ n: String) -> String? {
        attributes.first { $0.key.caseInsensitiveCompare(n) == .orderedSame }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func parse(_ data: Data, file: String) throws -> ListXMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), let root = builder.root else {
            let e = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            throw ListFormatError(file, record: "line \(parser.lineNumber)", field: "xml", e)
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [ListXMLNode] = []
        var root: ListXMLNode?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            let node = ListXMLNode(name: local, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
        func parser(_ parser: XMLParser, foundCDATA data: Data) { stack.last?.text += String(decoding: data, as: UTF8.self) }
    }
}
