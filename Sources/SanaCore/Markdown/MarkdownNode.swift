internal import CCmarkGFM

/// The kinds of cmark-gfm node Sana reads; extension kinds (tables, strikethrough) have type
/// numbers assigned at run time, so they are recognised by name.
enum MarkdownKind {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
    case table, tableRow, tableCell, strikethrough
    /// Anything else (custom blocks, footnotes, which are not enabled): shown through its children.
    case other

    /// Leaves get an enter event only (cmark's iterator.c); every other node enters and exits.
    var isLeaf: Bool {
        switch self {
        case .htmlBlock, .thematicBreak, .codeBlock, .text, .softBreak, .lineBreak, .code, .htmlInline: true
        default: false
        }
    }

    init(_ node: OpaquePointer, extensions: inout [UInt32: MarkdownKind]) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT: self = .document
        case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
        case CMARK_NODE_LIST: self = .list
        case CMARK_NODE_ITEM: self = .item
        case CMARK_NODE_CODE_BLOCK: self = .codeBlock
        case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
        case CMARK_NODE_PARAGRAPH: self = .paragraph
        case CMARK_NODE_HEADING: self = .heading
        case CMARK_NODE_THEMATIC_BREAK: self = .thematicBreak
        case CMARK_NODE_TEXT: self = .text
        case CMARK_NODE_SOFTBREAK: self = .softBreak
        case CMARK_NODE_LINEBREAK: self = .lineBreak
        case CMARK_NODE_CODE: self = .code
        case CMARK_NODE_HTML_INLINE: self = .htmlInline
        case CMARK_NODE_EMPH: self = .emphasis
        case CMARK_NODE_STRONG: self = .strong
        case CMARK_NODE_LINK: self = .link
        case CMARK_NODE_IMAGE: self = .image
        default:
            if let known = extensions[type.rawValue] { self = known; return }
            let name = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            let kind: MarkdownKind = switch name {
            case "table": .table
            case "table_row", "table_header": .tableRow
            case "table_cell": .tableCell
            case "strikethrough": .strikethrough
            default: .other
            }
            extensions[type.rawValue] = kind
            self = kind
        }
    }
}

/// Small readers of a cmark node.
enum MarkdownNode {
    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func url(_ node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    static func parent(_ node: OpaquePointer) -> OpaquePointer? { cmark_node_parent(node) }
    static func firstChild(_ node: OpaquePointer) -> OpaquePointer? { cmark_node_first_child(node) }
    static func previous(_ node: OpaquePointer) -> OpaquePointer? { cmark_node_previous(node) }
    static func hasOneChild(_ node: OpaquePointer) -> Bool { cmark_node_first_child(node) == cmark_node_last_child(node) }
    static func headingLevel(_ node: OpaquePointer) -> Int { Int(cmark_node_get_heading_level(node)) }
    static func isOrderedList(_ node: OpaquePointer) -> Bool { cmark_node_get_list_type(node) == CMARK_ORDERED_LIST }
    static func listStart(_ node: OpaquePointer) -> Int { Int(cmark_node_get_list_start(node)) }
    static func isTightList(_ node: OpaquePointer) -> Bool { cmark_node_get_list_tight(node) != 0 }
    static func isHeaderRow(_ node: OpaquePointer) -> Bool { cmark_gfm_extensions_get_table_row_is_header(node) != 0 }
    static func isParagraph(_ node: OpaquePointer) -> Bool { cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH }
    static func isText(_ node: OpaquePointer) -> Bool { cmark_node_get_type(node) == CMARK_NODE_TEXT }
    static func isItem(_ node: OpaquePointer) -> Bool { cmark_node_get_type(node) == CMARK_NODE_ITEM }
    static func setLiteral(_ node: OpaquePointer, _ text: String) { _ = cmark_node_set_literal(node, text) }

    /// Visits every node in document order through cmark's iterator: no recursion, so a body
    /// nested thousands of levels deep needs no more stack than a flat one.
    static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { break }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }
}
