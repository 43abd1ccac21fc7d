import ThaiText

/// Turns the element tree into typed blocks, naming the line of anything it does not know.
public struct DocumentBuilder {
    typealias MarkupError = MarkupParser.MarkupError

    func build(_ root: XMLNode) throws -> Document {
        guard root.name == "document" else {
            throw MarkupError(line: root.line, message: "the markup must start with <document>, found <\(root.name)>")
        }
        let kindName = root.attributes["kind"] ?? "letter"
        guard let kind = Document.Kind(rawValue: kindName) else {
            throw MarkupError(
                line: root.line,
                message:
                    "unknown document kind \"\(kindName)\"; expected one of: \(Document.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var metadata = Document.Metadata()
        metadata.title = root.attributes["title"] ?? ""
        metadata.author = root.attributes["author"] ?? ""
        metadata.subject = root.attributes["subject"] ?? ""
        metadata.date = root.attributes["date"] ?? metadata.date
        var options = Document.Options()
        options.specimen = try bool(root, "specimen") ?? false
        options.secrecy = root.attributes["secrecy"].flatMap { $0.isEmpty ? nil : $0 }
        let blocks = try root.elements.flatMap(blocks)
        return Document(kind: kind, metadata: metadata, options: options, blocks: blocks)
    }

    /// Every element name of the markup: the blocks and the elements inside them.
    public static let allElementNames: Set<String> = Set(
        elementNames + [
            "document", "line", "reference", "address", "memo-field", "enclosure", "name", "position", "caption",
            "head", "body",
            "foot", "row", "cell", "b", "i", "u", "br", "figure",
        ])

    static let elementNames = [
        "emblem", "urgency", "head", "memo-title", "memo-row", "date", "field", "enclosures", "p", "item",
        "plain", "closing", "signature", "footer", "copies", "space", "page-break", "table", "attachment", "sign-off",
        "sign-offs", "heading", "resolution",
    ]

    /// An `<attachment>` holds blocks; every other element is one block.
    private func blocks(_ node: XMLNode) throws -> [Block] {
        guard node.name == "attachment" else {
            // An element whose text came out empty (optional data) is no block at all.
            switch try block(node) {
            case .plain([], _), .paragraph([]): return []
            case let other: return [other]
            }
        }
        let orientationName = node.attributes["orientation"] ?? "portrait"
        guard let orientation = Orientation(rawValue: orientationName) else {
            throw MarkupError(
                line: node.line,
                message: "<attachment orientation=\"\(orientationName)\">: expected portrait or landscape")
        }
        return [.documentStart(title: node.attributes["title"] ?? "", orientation: orientation)]
            + (try node.elements.flatMap(blocks))
    }

    private func block(_ node: XMLNode) throws -> Block {
        switch node.name {
        case "emblem":
            let size = node.attributes["size"] ?? "large"
            guard let emblem = EmblemSize(rawValue: size) else {
                throw MarkupError(
                    line: node.line,
                    message: "<emblem size=\"\(size)\">: expected size=\"large\" (3 cm) or \"small\" (1.5 cm)")
            }
            return .emblem(emblem)
        case "urgency": return .urgency(node.text)
        case "head":
            let reference = node.elements.first { $0.name == "reference" }?.text ?? ""
            let address = node.elements.first { $0.name == "address" }.map(lines) ?? []
            return .letterHead(reference: reference, address: address)
        case "memo-title": return .memoTitle(node.text)
        case "memo-row":
            return .memoRow(
                try node.elements.map { field in
                    guard field.name == "memo-field" else {
                        throw MarkupError(
                            line: field.line, message: "<memo-row> holds <memo-field> elements, found <\(field.name)>")
                    }
                    return MemoField(label: try required(field, "label"), value: field.text)
                })
        case "date": return .date(node.text)
        case "field": return .field(label: try required(node, "label"), value: spans(node))
        case "enclosures":
            return .enclosures(
                label: node.attributes["label"] ?? "สิ่งที่ส่งมาด้วย",
                items: node.elements.filter { $0.name == "enclosure" }.map {
                    Enclosure(
                        number: $0.attributes["number"], text: spans($0), quantity: $0.attributes["quantity"],
                        unit: $0.attributes["unit"])
                })
        case "p": return .paragraph(spans(node))
        case "item":
            let level = Int(node.attributes["level"] ?? "1") ?? 1
            return .item(
                number: try required(node, "number"), text: spans(node), level: max(1, level),
                tight: try bool(node, "tight") ?? false)
        case "plain":
            let alignName = node.attributes["align"] ?? "left"
            guard let align = Block.PlainAlignment(rawValue: alignName) else {
                throw MarkupError(
                    line: node.line, message: "<plain align=\"\(alignName)\">: expected left, center or right")
            }
            return .plain(spans(node), align: align)
        case "closing": return .closing(node.text)
        case "signature":
            let name = node.elements.first { $0.name == "name" }?.text ?? ""
            let positions = node.elements.filter { $0.name == "position" }.map(\.text).filter { !$0.isEmpty }
            let image = node.attributes["image"].flatMap { $0.isEmpty ? nil : $0 }
            let mode: SigningSpace
            switch node.attributes["mode"] ?? "" {
            case "", "handwritten", "digital": mode = image == nil ? .field : .picture
            case "typed": mode = .typed
            case "image":
                guard image != nil else {
                    throw MarkupError(
                        line: node.line, message: "<signature mode=\"image\">: the picture goes in image=\"FILE\"")
                }
                mode = .picture
            case let other:
                throw MarkupError(
                    line: node.line,
                    message: "<signature mode=\"\(other)\">: expected handwritten, image, typed or digital")
            }
            return .signature(SignatureBlock(name: name, positions: positions, image: image, mode: mode))
        case "footer": return .footer(lines(node))
        case "copies": return .copies(label: node.attributes["label"] ?? "สำเนาส่ง", lines: lines(node))
        case "space": return .space(Double(node.attributes["lines"] ?? "1") ?? 1)
        case "table": return .table(try TableBuilder(builder: self).table(node))
        case "sign-off": return .signOff(try signOff(node), signs: node.attributes["signature"] == "yes")
        case "sign-offs": return .signOffsSideBySide(try node.elements.filter { $0.name == "sign-off" }.map(signOff))
        case "heading":
            let outline = try node.attributes["outline"].flatMap { $0.isEmpty ? nil : $0 }.map { text -> Int in
                guard let depth = Int(text), (0...9).contains(depth) else {
                    throw MarkupError(
                        line: node.line,
                        message: "<heading outline=\"\(text)\">: expected a depth from 0 (no bookmark) to 9")
                }
                return depth
            }
            return .heading(level: Int(node.attributes["level"] ?? "2") ?? 2, text: node.text, outline: outline)
        case "resolution": return .resolution(label: node.attributes["label"] ?? "มติที่ประชุม", text: spans(node))
        case "page-break": return .pageBreak
        case "figure": return .figure(try figure(node))
        default:
            let suggestion =
                Suggestion.closest(to: node.name, in: Self.elementNames).map { " (did you mean <\($0)>?)" } ?? ""
            throw MarkupError(
                line: node.line,
                message:
                    "unknown element <\(node.name)>\(suggestion); expected one of: \(Self.elementNames.joined(separator: ", "))"
            )
        }
    }

    /// `<figure src width align>` with an optional `<caption>`.
    func figure(_ node: XMLNode) throws -> Figure {
        let source = try required(node, "src")
        var width: Double?
        if let text = node.attributes["width"], !text.isEmpty {
            guard let points = LengthText.points(text), points > 0 else {
                throw MarkupError(line: node.line, message: "<figure width=\"\(text)\">: expected a length such as 8cm")
            }
            width = points
        }
        let alignName = node.attributes["align"] ?? "center"
        guard let align = Block.PlainAlignment(rawValue: alignName.isEmpty ? "center" : alignName) else {
            throw MarkupError(
                line: node.line, message: "<figure align=\"\(alignName)\">: expected left, center or right")
        }
        let caption = node.elements.first { $0.name == "caption" }.map(spans) ?? []
        return Figure(source: source, width: width, align: align, caption: caption)
    }

    /// `<line>` children, empty ones dropped (optional data leaves them empty).
    /// A sign-off and what is signed above its lines: `signing="digital"` (a space holding a
    /// signature field) or `image="FILE"` (a picture in the space); nothing else by default.
    func signOff(_ node: XMLNode) throws -> SignOff {
        let image = node.attributes["image"].flatMap { $0.isEmpty ? nil : $0 }
        switch node.attributes["signing"] ?? "" {
        case "": return SignOff(lines: lines(node), space: image == nil ? .none : .picture, image: image)
        case "digital": return SignOff(lines: lines(node), space: .field)
        case let other:
            throw MarkupError(
                line: node.line, message: "<sign-off signing=\"\(other)\">: expected digital (or no signing attribute)")
        }
    }

    private func lines(_ node: XMLNode) -> [String] {
        node.elements.filter { $0.name == "line" }.map(\.text).filter { !$0.isEmpty }
    }

    /// Text with `<b>` emphasis, whitespace folded across the whole paragraph.
    /// `<br/>`: the line ends here (U+2028, LINE SEPARATOR, which Pango breaks at).
    let lineSeparator = "\u{2028}"

    func spans(_ node: XMLNode) -> [Span] {
        var result: [Span] = []
        func walk(_ n: XMLNode, style: Span) {
            for child in n.children {
                var span = style
                switch child {
                case .text(let t):
                    span.text = t
                    result.append(span)
                case .element(let e) where e.name == "br":
                    span.text = lineSeparator
                    result.append(span)
                case .element(let e):
                    span.bold = span.bold || e.name == "b"
                    span.italic = span.italic || e.name == "i"
                    span.underline = span.underline || e.name == "u"
                    walk(e, style: span)
                }
            }
        }
        walk(node, style: Span(""))
        // Fold whitespace over the joined text, then cut it back into runs.
        var folded: [Span] = []
        var previousEndedInSpace = true
        for span in result {
            var scalars = String.UnicodeScalarView()
            for scalar in span.text.unicodeScalars {
                if isFoldedSpace(scalar) {
                    if !previousEndedInSpace { scalars.append(" "); previousEndedInSpace = true }
                } else if scalar == "\u{2028}" {
                    // A line break: no space before it, none after it.
                    if scalars.last == " " {
                        scalars.removeLast()
                    } else if scalars.isEmpty, folded.last?.text.last == " " {
                        folded[folded.count - 1].text.removeLast()
                    }
                    scalars.append(scalar); previousEndedInSpace = true
                } else {
                    scalars.append(scalar); previousEndedInSpace = false
                }
            }
            let text = String(scalars)
            if !text.isEmpty {
                if let last = folded.last, last.sameStyle(as: span) {
                    folded[folded.count - 1].text += text
                } else {
                    var styled = span
                    styled.text = text
                    folded.append(styled)
                }
            }
        }
        if var last = folded.popLast() {
            while last.text.last == " " { last.text.removeLast() }
            if !last.text.isEmpty { folded.append(last) }
        }
        return folded
    }

    func required(_ node: XMLNode, _ attribute: String) throws -> String {
        guard let value = node.attributes[attribute] else {
            throw MarkupError(line: node.line, message: "<\(node.name)> needs the attribute \(attribute)=\"…\"")
        }
        return value
    }

    private func bool(_ node: XMLNode, _ attribute: String) throws -> Bool? {
        guard let value = node.attributes[attribute] else { return nil }
        switch value {
        case "true", "yes", "1": return true
        case "false", "no", "0", "": return false
        default: throw MarkupError(line: node.line, message: "\(attribute)=\"\(value)\": expected true or false")
        }
    }
}
