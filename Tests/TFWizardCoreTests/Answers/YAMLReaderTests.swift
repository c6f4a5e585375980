import XCTest
@testable import TFWizardCore
import TFWizardYAML

final class YAMLReaderTests: XCTestCase {
    // MARK: helpers

    private func read(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> YAMLNode {
        try XCTUnwrap(try YAMLReader.read(text), "empty document", file: file, line: line)
    }

    /// The problem `text` raises; fails the test when it reads.
    private func problem(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> YAMLProblem {
        do {
            let node = try YAMLReader.read(text)
            XCTFail("expected a problem, read \(String(describing: node))", file: file, line: line)
        } catch {
            return error
        }
        return YAMLProblem(line: nil, field: "", message: "")
    }

    private func value(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        guard case let .mapping(pairs) = node.content else { return nil }
        return pairs.first { $0.key.text == key }?.value
    }

    private func text(_ node: YAMLNode?) -> String? { node?.scalar?.text }

    private func items(_ node: YAMLNode?) -> [YAMLNode] {
        guard let node, case let .sequence(items) = node.content else { return [] }
        return items
    }

    private func texts(_ node: YAMLNode?) -> [String?] { items(node).map { $0.scalar?.text } }

    // MARK: block structure

    func testBlockMappingKeepsOrderTextAndLines() throws {
        let root = try read("# comment\ndevice: gpu\n\npython: 3.10\nversion: 2.20\nnested:\n  inner: x\n  deeper:\n    leaf: y\n")
        guard case let .mapping(pairs) = root.content else { return XCTFail("not a mapping") }
        XCTAssertEqual(pairs.map(\.key.text), ["device", "python", "version", "nested"])
        XCTAssertEqual(pairs.map(\.keyLine), [2, 4, 5, 6])
        XCTAssertEqual(root.line, 2)
        XCTAssertEqual(text(value(root, "python")), "3.10")
        XCTAssertEqual(text(value(root, "version")), "2.20")
        let nested = try XCTUnwrap(value(root, "nested"))
        XCTAssertEqual(nested.line, 7)
        XCTAssertEqual(text(value(try XCTUnwrap(value(nested, "deeper")), "leaf")), "y")
        XCTAssertEqual(value(try XCTUnwrap(value(nested, "deeper")), "leaf")?.line, 9)
    }

    func testListsOfValuesAndOfMappings() throws {
        let root = try read("""
        releases:
          - version: "2.21.0"
            python: 3.10-3.13
          -   version: "2.20.0"
              flags: [a, b]
        plain:
        - one
        - two
        nested:
          - - a
            - b
          -
          - c
        """)
        let releases = items(value(root, "releases"))
        XCTAssertEqual(releases.count, 2)
        XCTAssertEqual(releases.map(\.line), [2, 4])
        XCTAssertEqual(text(value(releases[0], "python")), "3.10-3.13")
        XCTAssertEqual(value(releases[0], "python")?.line, 3)
        XCTAssertEqual(texts(value(releases[1], "flags")), ["a", "b"])
        // A list may sit at its key's own indentation.
        XCTAssertEqual(texts(value(root, "plain")), ["one", "two"])
        XCTAssertEqual(value(root, "plain")?.line, 7)
        let nested = items(value(root, "nested"))
        XCTAssertEqual(texts(nested[0]), ["a", "b"])
        XCTAssertTrue(nested[1].isNull)
        XCTAssertEqual(nested[1].line, 12)
        XCTAssertEqual(text(nested[2]), "c")
    }

    func testFlowCollections() throws {
        let root = try read("""
        commands:
          - [python3, -m, pip, install, "numpy<2", 'it''s']
          - [sudo, usermod, -aG, docker, "{user}", ~/venv/bin/python, --runtime=docker]
        empty: []
        docker: { image_tag: latest-gpu, jupyter: true, none: , alone }
        deep: [[1, [2]], {a: [b]}]
        spread: [a,
          b, # a comment inside
          c d,
        ]
        """)
        let commands = items(value(root, "commands"))
        XCTAssertEqual(texts(commands[0]), ["python3", "-m", "pip", "install", "numpy<2", "it's"])
        XCTAssertEqual(texts(commands[1]), ["sudo", "usermod", "-aG", "docker", "{user}", "~/venv/bin/python", "--runtime=docker"])
        XCTAssertEqual(commands[1].line, 3)
        XCTAssertEqual(items(value(root, "empty")).count, 0)
        let docker = try XCTUnwrap(value(root, "docker"))
        XCTAssertEqual(docker.line, 5)
        XCTAssertEqual(text(value(docker, "image_tag")), "latest-gpu")
        XCTAssertEqual(value(docker, "jupyter")?.scalar?.bool, true)
        XCTAssertEqual(value(docker, "none")?.isNull, true)
        XCTAssertEqual(value(docker, "alone")?.isNull, true)
        let deep = items(value(root, "deep"))
        XCTAssertEqual(texts(items(deep[0])[1]), ["2"])
        XCTAssertEqual(texts(value(deep[1], "a")), ["b"])
        XCTAssertEqual(texts(value(root, "spread")), ["a", "b", "c d"])
        XCTAssertEqual(items(value(root, "spread")).map(\.line), [7, 8, 9])
    }

    // MARK: scalars

    func testScalarStylesAndNulls() throws {
        let root = try read("""
        a: ~
        b: null
        c:
        d: "null"
        e: 'null'
        f: NULL
        g: true
        h: "true"
        i: False
        j: yes
        """)
        for key in ["a", "b", "c", "f"] { XCTAssertEqual(value(root, key)?.isNull, true, key) }
        for key in ["d", "e"] {
            XCTAssertEqual(value(root, key)?.isNull, false, key)
            XCTAssertEqual(text(value(root, key)), "null", key)
        }
        XCTAssertEqual(value(root, "d")?.scalar?.style, .doubleQuoted)
        XCTAssertEqual(value(root, "e")?.scalar?.style, .singleQuoted)
        XCTAssertEqual(value(root, "g")?.scalar?.bool, true)
        XCTAssertNil(value(root, "h")?.scalar?.bool, "a quoted \"true\" is text")
        XCTAssertEqual(value(root, "i")?.scalar?.bool, false)
        XCTAssertNil(value(root, "j")?.scalar?.bool, "YAML 1.2: yes is text")
        XCTAssertEqual(value(root, "c")?.line, 3, "an empty value sits on its key's line")
    }

    func testQuotedScalarsAndEscapes() throws {
        let root = try read(#"""
        single: 'it''s "here" \n'
        double: "q\" b\\ n\n t\t u\u00e9 x\x41 U\U0001F600 pair\uD83D\uDE00 e\e0\0 slash\/"
        hash: "a # not a comment" # a comment
        folded: "one
          two

          three  "
        joined: "one\
          two"
        """#)
        XCTAssertEqual(text(value(root, "single")), #"it's "here" \n"#)
        XCTAssertEqual(text(value(root, "double")), "q\" b\\ n\n t\t u\u{e9} xA U\u{1F600} pair\u{1F600} e\u{1B}0\u{0} slash/")
        XCTAssertEqual(text(value(root, "hash")), "a # not a comment")
        XCTAssertEqual(text(value(root, "folded")), "one two\nthree  ")
        XCTAssertEqual(text(value(root, "joined")), "onetwo")
        XCTAssertEqual(value(root, "joined")?.line, 8)
    }

    func testPlainScalars() throws {
        let root = try read("""
        url: http://ada@proxy.example:3128/x?a=b#frag
        hash: a#b   # trailing comment
        spaced:    padded value
        multi: first
          second

          third
        dash: -m
        key with spaces: v
        """)
        XCTAssertEqual(text(value(root, "url")), "http://ada@proxy.example:3128/x?a=b#frag")
        XCTAssertEqual(text(value(root, "hash")), "a#b")
        XCTAssertEqual(text(value(root, "spaced")), "padded value")
        XCTAssertEqual(text(value(root, "multi")), "first second\nthird")
        XCTAssertEqual(text(value(root, "dash")), "-m")
        XCTAssertEqual(text(value(root, "key with spaces")), "v")
        XCTAssertEqual(value(root, "dash")?.line, 8)
    }

    func testBlockScalars() throws {
        let root = try read("""
        literal: |
          line one
            indented

          after blank
        strip: |-
          no final break
        folded: >
          folded
          text
            kept
          back

          para
        folded_strip: >-
          a
          b
        keep: |+
          x

        indicator: |2
           three spaces
        next: value
        """)
        XCTAssertEqual(text(value(root, "literal")), "line one\n  indented\n\nafter blank\n")
        XCTAssertEqual(value(root, "literal")?.line, 1)
        XCTAssertEqual(value(root, "literal")?.scalar?.style, .literal)
        XCTAssertEqual(text(value(root, "strip")), "no final break")
        XCTAssertEqual(text(value(root, "folded")), "folded text\n  kept\nback\npara\n")
        XCTAssertEqual(value(root, "folded")?.scalar?.style, .folded)
        XCTAssertEqual(text(value(root, "folded_strip")), "a b")
        XCTAssertEqual(text(value(root, "keep")), "x\n\n")
        XCTAssertEqual(text(value(root, "indicator")), " three spaces\n")
        XCTAssertEqual(text(value(root, "next")), "value")
        XCTAssertEqual(value(root, "next")?.line, 23)
    }

    func testDocumentMarkersAndEmptyDocuments() throws {
        XCTAssertNil(try YAMLReader.read(""))
        XCTAssertNil(try YAMLReader.read("# only a comment\n\n"))
        XCTAssertNil(try YAMLReader.read("---\n"))
        let marked = try read("---\ndevice: cpu\n...\n# done\n")
        XCTAssertEqual(text(value(marked, "device")), "cpu")
        XCTAssertEqual(value(marked, "device")?.line, 2)
        XCTAssertEqual(text(try read("--- just text\n")), "just text")
        XCTAssertEqual(text(value(try read("\u{FEFF}a: b\n"), "a")), "b")
    }

    func testLineBreaksOfAnyKindCountAsOne() throws {
        let root = try read("a: 1\r\nb: 2\rc: 3\n")
        XCTAssertEqual(value(root, "c")?.line, 3)
        XCTAssertEqual(text(value(root, "b")), "2")
    }

    // MARK: problems

    func testDuplicateKeysNameBothLines() {
        let block = problem("device: cpu\nmethod: venv\ndevice: gpu\n")
        XCTAssertEqual(block.line, 3)
        XCTAssertEqual(block.field, "device")
        XCTAssertEqual(block.message, "the key 'device' appears more than once (first on line 1)")
        let nested = problem("docker:\n  jupyter: true\n  'jupyter': false\n")
        XCTAssertEqual(nested.line, 3)
        XCTAssertEqual(nested.field, "jupyter")
        let flow = problem("docker: {a: 1,\n  a: 2}\n")
        XCTAssertEqual(flow.line, 2)
        XCTAssertTrue(flow.message.contains("first on line 1"), flow.message)
    }

    func testSyntaxErrorsHaveTheirLine() {
        let cases: [(String, Int, String)] = [
            ("a: 1\n\tb: 2\n", 2, "tab is used for indentation"),
            ("a: [b, c\nd: e\n", 1, "not closed before line 2"),
            ("a: {b: c\n", 1, "is not closed"),
            ("a: ok\nb: \"open\nc: d\n", 2, "not closed before line 3"),
            ("a: 'open\n", 1, "is not closed"),
            ("a: x: y\n", 1, "cannot start on this line"),
            ("a: - b\n", 1, "list cannot start on this line"),
            ("a: 1\n  b: 2\n", 2, "cannot continue the value of line 1"),
            ("a:\n  b: [1]\n   c: 2\n", 3, "indented more"),
            ("a: 1\nb\n", 2, "no ':' after 'b'"),
            ("a: 1\n- b\n", 2, "found a list item"),
            ("- a\nb: c\n", 2, "unexpected text"),
            ("a: \"\\q\"\n", 1, "unknown escape"),
            ("a: \"\\u12\"\n", 1, "hexadecimal"),
            ("a: \"\\uD800\"\n", 1, "not a valid character"),
            ("a: [b] c\n", 1, "unexpected text after the closing bracket"),
            ("a: \"b\" c\n", 1, "unexpected text after the closing quote"),
            ("a: [b: c]\n", 1, "found 'key:' inside the list"),
            ("a: [b,, c]\n", 1, "expected a value before ','"),
            ("a: |x\n", 1, "unexpected text after '|'"),
            ("a: [|]\n", 1, "block values"),
            ("a: [- b]\n", 1, "list items cannot be used"),
            ("a: @b\n", 1, "cannot start with '@'"),
            ("a: |0\n  x\n", 1, "1 to 9"),
            ("\"a\nb\": c\n", 2, "a key must fit on one line"),
            (": c\n", 1, "a key is missing"),
            ("a: 1\nb: 2\u{1B}[31m\n", 2, "U+001B"),
            ("a: \u{7F}\n", 1, "U+007F"),
            ("a: \u{85}ok\u{9B}\n", 1, "U+009B"),
            ("a: \u{FFFE}\n", 1, "U+FFFE"),
        ]
        for (text, line, fragment) in cases {
            let found = problem(text)
            XCTAssertEqual(found.line, line, text)
            XCTAssertTrue(found.message.contains(fragment), "\(text.debugDescription): \(found.message)")
            XCTAssertTrue(found.message.hasPrefix("not valid YAML: "), found.message)
        }
    }

    func testUnsupportedFeaturesAreRefusedByName() {
        let cases: [(String, Int, String)] = [
            ("base: &b cpu\ndevice: *b\n", 1, "anchors"),
            ("device: *b\n", 1, "aliases"),
            ("device: !!str cpu\n", 1, "tags"),
            ("a: 1\n? complex\n: value\n", 2, "complex keys"),
            ("[a, b]: c\n", 1, "complex keys"),
            ("a: {[x]: y}\n", 1, "complex keys"),
            ("%YAML 1.2\n---\na: b\n", 1, "directives"),
            ("a: 1\n---\nb: 2\n", 2, "several documents"),
            ("a: 1\n...\nb: 2\n", 3, "several documents"),
        ]
        for (text, line, fragment) in cases {
            let found = problem(text)
            XCTAssertEqual(found.line, line, text)
            XCTAssertTrue(found.message.contains(fragment) && found.message.contains("not supported"), "\(text): \(found.message)")
        }
    }

    // MARK: hostile input

    func testDeepNestingEndsInAnError() {
        let depth = 100_000
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        XCTAssertTrue(problem(flow).message.contains("nested more than"))
        let braces = String(repeating: "{a: ", count: depth)
        XCTAssertTrue(problem(braces).message.contains("nested more than"))
        let dashes = String(repeating: "- ", count: depth) + "x\n"
        XCTAssertTrue(problem(dashes).message.contains("nested more than"))
        var indented = ""
        for level in 0..<500 { indented += String(repeating: " ", count: level) + "k\(level):\n" }
        XCTAssertTrue(problem(indented).message.contains("nested more than"))
        // Just within the limit still reads.
        let limit = YAMLReader.maximumDepth
        XCTAssertNoThrow(try YAMLReader.read(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)))
    }

    func testVeryLongInputReadsInOnePass() throws {
        let long = String(repeating: "x", count: 2_000_000)
        XCTAssertEqual(text(value(try read("a: \(long)\n"), "a"))?.count, long.count)
        XCTAssertEqual(text(value(try read("a: \"\(long)\"\n"), "a"))?.count, long.count)
        let manyKeys = (0..<20_000).map { "k\($0): v" }.joined(separator: "\n")
        guard case let .mapping(pairs) = try read(manyKeys).content else { return XCTFail("not a mapping") }
        XCTAssertEqual(pairs.count, 20_000)
        let manyItems = "[" + Array(repeating: "a", count: 50_000).joined(separator: ",") + "]"
        XCTAssertEqual(items(try read(manyItems)).count, 50_000)
        XCTAssertEqual(problem("a: \"" + long).line, 1)
        XCTAssertEqual(problem("a: [" + long).line, 1)
        XCTAssertEqual(problem(String(repeating: "a: 1\n", count: 2)).line, 2)
    }

    /// Random mixtures of YAML's significant characters: each ends in a value or a problem, never a crash
    /// or a hang, and a problem always has a line inside the text.
    func testRandomInputEndsInAValueOrAProblem() {
        let alphabet = Array("  \n\n\t-:,[]{}#'\"\\|>&*!?%@`~.0aZ\u{1}\u{7F}\u{85}é\r")
        var generator = SeededRandom(seed: 0x5EED)
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 60)
            var text = ""
            for _ in 0..<length { text.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            do {
                _ = try YAMLReader.read(text)
            } catch {
                let lines = text.utf8.reduce(1) { $0 + ($1 == 10 || $1 == 13 ? 1 : 0) }
                if let line = error.line {
                    XCTAssertTrue((1...lines).contains(line), "\(text.debugDescription): line \(line) of \(lines)")
                }
            }
        }
    }
}

