import Foundation
import Testing
import WireProtocol
import ZeroMQ

@testable import ReportComposer

@Suite("the catalogue as texts of the reply")
struct CatalogueTextTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Services/InitiativesService/Resources/special-zone.json").standardized

    /// The catalogue as the initiatives service answers it: a JSON-RPC response.
    static func reply(_ catalogue: Data) -> Data {
        Data(#"{"jsonrpc":"2.0","id":1,"result":"#.utf8) + catalogue + Data("}".utf8)
    }

    @Test("every text reads as ZoneCatalogue's reader reads it")
    func sameTexts() throws {
        let json = try Data(contentsOf: Self.file)
        let expected = try JSONCoding.decoder.decode(ZoneCatalogue.self, from: json)
        let texts = try CatalogueText.readResult(from: Self.reply(json)).get()
        #expect(texts.zone.definition.ja.string == expected.zone.definition)
        #expect(texts.zone.designation.en?.string == expected.zone.designationEn)
        #expect(texts.zone.applicationReasons.map(\.ja.string) == expected.zone.applicationReasons.map(\.text))
        #expect(texts.cities.map(\.code.string) == expected.cities.map(\.code))
        #expect(texts.cities.map { $0.credits.map(\.string) } == expected.cities.map(\.credits))
        #expect(texts.initiatives.count == expected.initiatives.count)
        for (text, initiative) in zip(texts.initiatives, expected.initiatives) {
            #expect(text.summary.ja.string == initiative.summary)
            #expect(text.summary.en?.string == initiative.summaryEn)
            #expect(text.outlook?.string == initiative.outlook)
            #expect(text.organisation.ja.string == initiative.organisation.name)
            #expect(text.organisation.en?.string == initiative.organisation.nameEn)
            #expect(text.leadsWithOrganisation == initiative.leadsWithOrganisation)
            #expect(text.section.string == initiative.section)
            #expect(text.credits.map(\.string) == initiative.credits)
        }
    }

    @Test("absent and null optional members read as nil; unknown members are skipped")
    func optionals() throws {
        let text = #"""
            {"zone":{"name":"z","definition":"d","designation":"g",
                     "applicationReasons":[{"city":"c","text":"t","textEn":null}]},
             "cities":[{"code":"c","name":"n","credits":[],"creditsEn":null,"later":{"x":[1,2]}}],
             "initiatives":[{"id":"i","city":"c","section":"s","organisation":{"name":"o","kind":"company"},
               "leadsWithOrganisation":false,"partners":[],"summary":"s","outlook":null,"fields":[],
               "credits":["画像提供"]}]}
            """#
        let catalogue = try CatalogueText(json: Data(text.utf8))
        #expect(catalogue.zone.definition.en == nil && catalogue.zone.applicationReasons[0].en == nil)
        #expect(catalogue.cities[0].creditsEn == nil)
        #expect(catalogue.initiatives[0].outlook == nil && catalogue.initiatives[0].credits == ["画像提供"])
        #expect(catalogue.initiatives[0].organisation.en == nil)
    }

    @Test("a text with escapes is decoded; the reply's own bytes are not changed")
    func escapes() throws {
        let json = try String(contentsOf: Self.file, encoding: .utf8)
        let first = try JSONDecoder().decode(ZoneCatalogue.self, from: Data(json.utf8)).zone.definition
        let escaped = json.replacingOccurrences(
            of: "\"definition\": \"\(first)\"", with: #""definition": "\"quoted\"\n\u5ddd\ud83d\ude00 \#(first)""#)
        #expect(escaped != json)
        let texts = try CatalogueText.readResult(from: Self.reply(Data(escaped.utf8))).get()
        #expect(texts.zone.definition.ja.string == "\"quoted\"\n川😀 \(first)")
        #expect(texts.zone.designation.ja.string.isEmpty == false)
    }

    @Test("texts read in place from a received frame outlive the frame, its socket and its context")
    func textsOutliveTheFrame() throws {
        let json = try Data(contentsOf: Self.file)
        let expected = try JSONCoding.decoder.decode(ZoneCatalogue.self, from: json)
        var texts: CatalogueText?
        do {
            // Received over a real socket, as the composer receives it; the texts point into the
            // frame.
            let context = try ZMQContext()
            let a = try Socket(context: context, type: .pair)
            let b = try Socket(context: context, type: .pair)
            try a.bind("inproc://catalogue-\(UUID())")
            try b.connect(try a.lastEndpoint())
            try a.send([Self.reply(json)])
            let frame = try #require(try b.receive()).first!
            texts = try CatalogueText.readResult(from: frame).get()
            a.close()
            b.close()
        }
        let catalogue = try #require(texts)
        #expect(catalogue.zone.definition.ja.string == expected.zone.definition)
        #expect(catalogue.initiatives.map(\.summary.ja.string) == expected.initiatives.map(\.summary))
        #expect(catalogue.initiatives.map { $0.outlook?.string } == expected.initiatives.map(\.outlook))
    }

    @Test(
        "a member the contract requires is required, even one the report does not print",
        arguments: [
            (#""id": "kawasaki-king-skyfront","#, #""ident": "x","#, #"Initiative needs the member "id""#),
            (#""fields": ["research infrastructure"],"#, "", #"Initiative needs the member "fields""#),
            (#""leadsWithOrganisation": true,"#, "", #"Initiative needs the member "leadsWithOrganisation""#),
            (#""partners": [],"#, "", #"Initiative needs the member "partners""#),
            (#""code": "kawasaki","#, "", #"City needs the member "code""#),
        ])
    func required(find: String, replace: String, message: String) throws {
        let json = try String(contentsOf: Self.file, encoding: .utf8).replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: "\n", with: "")
        let compactFind = find.replacingOccurrences(of: " ", with: "")
        #expect(json.contains(compactFind))
        let catalogue = Data(json.replacingOccurrences(of: compactFind, with: replace).utf8)
        // The contract's own decoding refuses it too.
        #expect(throws: DecodingError.self) { try JSONCoding.decoder.decode(ZoneCatalogue.self, from: catalogue) }
        let reply = Self.reply(catalogue)
        let error = try #require(throws: JSONReadError.self) { try CatalogueText.readResult(from: reply) }
        #expect(error.message == message)
    }
}
